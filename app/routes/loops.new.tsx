// /loops/new — a recruiter creates a loop for a candidate from a template (default: every exercise
// of the chosen rubric version), then adjusts it on the setup page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listSelectableCandidates } from "../../db/queries/candidate/candidates.server";
import { listAssignablePeople, listPublishedVersions } from "../../db/queries/loop/choices.server";
import { createLoop } from "../../db/queries/loop/create.server";
import { listOpenSearches } from "../../db/queries/search/searches.server";
import { activeLoopCount } from "../../db/queries/loop/list.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput } from "../components/ui/primitives";
import { ChoiceField, FormError, SelectField, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { newLoopSchema } from "../domain/loop/schema";
import { defaultRubricVersion, LOOP_TEMPLATES, templateName } from "../domain/loop/template";
import { fromLocalInput } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New loop · ArchPanel" }];

const FIELDS = ["candidateId", "rubricVersionId", "hiringManagerId", "searchId", "template", "startAt"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  const db = getDb();
  const candidates = listSelectableCandidates(db).map((c) => ({ ...c, activeLoops: activeLoopCount(db, c.id) }));
  const versions = listPublishedVersions(db);
  const people = listAssignablePeople(db);
  const searches = listOpenSearches(db);
  const params = new URL(request.url).searchParams;
  const wanted = params.get("candidate") ?? "";
  const wantedSearch = searches.find((s) => s.id === params.get("search"));
  const defaults: Values = {
    candidateId: candidates.some((c) => c.id === wanted) ? wanted : "",
    rubricVersionId: defaultRubricVersion(versions)?.id ?? "",
    hiringManagerId: wantedSearch?.hiringManagerId ?? "",
    searchId: wantedSearch?.id ?? "",
    template: "full",
    startAt: "",
  };
  return { candidates, versions, people, searches, defaults, timeZone: readOrgSettings(db).timeZone };
}

function formValues(body: Record<string, unknown>): Values {
  const out = {} as Values;
  for (const k of FIELDS) {
    const v = body[k];
    out[k] = typeof v === "string" ? v.slice(0, 200) : "";
  }
  return out;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const { data: body } = await readBody(request);
  const values = formValues(body);
  const parsed = parseWith(newLoopSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const db = getDb();
  const tz = readOrgSettings(db).timeZone;
  const startAt = parsed.value.startAt ? fromLocalInput(parsed.value.startAt, tz) : null;
  const result = createLoop(db, user, { ...parsed.value, searchId: parsed.value.searchId || null, startAt });
  if (!result.ok) return refusalData(result, { values });
  throw redirect(`/loops/${result.value}/setup?saved=created`);
}

export default function NewLoop() {
  const { candidates, versions, people, searches, defaults, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? defaults;
  const { register, onSubmit, errorFor } = useRemixForm(newLoopSchema, {
    defaultValues: values,
    serverErrors: actionData?.errors,
  });
  const busy = useNavigation().state === "submitting";
  const rubricName = defaultRubricVersion(versions)?.rubricName ?? "Rubric";
  const hms = people.filter((p) => p.role !== "recruiter");
  return (
    <main id="main" className="narrow">
      <p className="crumbs">
        <Link to="/loops">Loops</Link> /
      </p>
      <h1>New loop</h1>
      <p className="muted">
        The loop starts in planning: you assign panelists and check coverage on the next page before scheduling it.
      </p>
      {candidates.length === 0 ? (
        <p className="empty">
          There is no candidate to create a loop for. <Link to="/candidates/new">Add a candidate</Link> first.
        </p>
      ) : (
        <div className="card">
          <Form method="post" noValidate onSubmit={onSubmit} className="new-loop-form">
            <CsrfInput />
            <FormError
              message={actionData?.errors && "_form" in actionData.errors ? actionData.errors._form?.[0] : undefined}
            />
            <SelectField
              name="candidateId"
              label="Candidate"
              register={register}
              error={errorFor("candidateId")}
              defaultValue={values.candidateId}
            >
              <option value="">Choose a candidate…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.currentTitle ? ` — ${c.currentTitle}` : ""}
                  {c.activeLoops > 0
                    ? ` (already in ${c.activeLoops === 1 ? "a loop" : `${c.activeLoops} loops`})`
                    : ""}
                </option>
              ))}
            </SelectField>
            <div className="grid grid-2 tight">
              <ChoiceField
                name="rubricVersionId"
                label="Rubric version"
                register={register}
                error={errorFor("rubricVersionId")}
                defaultValue={values.rubricVersionId}
                hint="Published versions only. The loop keeps this version."
                options={versions}
                labelOf={(v) => `${v.rubricName} v${v.version}`}
              />
              <ChoiceField
                name="hiringManagerId"
                label="Hiring manager"
                register={register}
                error={errorFor("hiringManagerId")}
                defaultValue={values.hiringManagerId}
                options={hms}
                labelOf={(p) => p.name}
                placeholder="Choose a hiring manager…"
              />
            </div>
            <SelectField
              name="searchId"
              label="Search"
              register={register}
              error={errorFor("searchId")}
              defaultValue={values.searchId}
              hint="The requisition the candidate is considered for; its hiring manager compares its candidates."
            >
              <option value="">The hiring manager&apos;s open search for this rubric (opened if none)</option>
              {searches.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} — {s.hiringManagerName}
                </option>
              ))}
            </SelectField>
            <fieldset>
              <legend>Template</legend>
              {LOOP_TEMPLATES.map((t) => (
                <label key={t.key} className="check">
                  <input
                    type="radio"
                    value={t.key}
                    {...register("template")}
                    defaultChecked={values.template === t.key}
                  />
                  <span>
                    <strong>{templateName(t, rubricName)}</strong>
                    <span className="muted small block">{t.description}</span>
                  </span>
                </label>
              ))}
              {errorFor("template") ? <div className="field-error">{errorFor("template")}</div> : null}
            </fieldset>
            <TextField
              name="startAt"
              label="First interview"
              type="datetime-local"
              register={register}
              error={errorFor("startAt")}
              defaultValue={values.startAt}
              hint={`Optional. Interviews are laid out back to back from this time with 15-minute breaks (${timeZone}). You can change each one afterwards.`}
            />
            <div className="row">
              <button type="submit" className="btn primary" disabled={busy}>
                {busy ? "Creating…" : "Create loop"}
              </button>
              <Link className="btn" to="/loops">
                Cancel
              </Link>
            </div>
          </Form>
        </div>
      )}
    </main>
  );
}
