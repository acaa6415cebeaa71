// /searches — recruiters and admins: every search (requisition) with its hiring manager, candidates
// and decisions, open ones first, and the form that opens a new one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listAssignablePeople } from "../../db/queries/loop/choices.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { createSearch, listSearches, listSearchRubrics } from "../../db/queries/search/searches.server";
import { CsrfInput } from "../components/ui/primitives";
import { ChoiceField, FormError, TextAreaField, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { SEARCH_STATE_LABELS, searchState } from "../domain/search/rules";
import { newSearchSchema, SEARCH_NOTES_MAX, SEARCH_TITLE_MAX } from "../domain/search/schema";
import { formatDate } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Searches · ArchPanel" }];

const FIELDS = ["title", "rubricId", "hiringManagerId", "headcount", "notes"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  const db = getDb();
  const rubrics = listSearchRubrics(db);
  const managers = listAssignablePeople(db).filter((p) => p.role !== "recruiter");
  const defaults: Values = {
    title: "",
    rubricId: rubrics.length === 1 ? (rubrics[0]?.id ?? "") : "",
    hiringManagerId: "",
    headcount: "",
    notes: "",
  };
  return { searches: listSearches(db), rubrics, managers, defaults, timeZone: readOrgSettings(db).timeZone };
}

function formValues(body: Record<string, unknown>): Values {
  const out = {} as Values;
  for (const k of FIELDS) {
    const v = body[k];
    out[k] = typeof v === "string" ? v.slice(0, k === "notes" ? SEARCH_NOTES_MAX + 100 : 200) : "";
  }
  return out;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const { data: body } = await readBody(request);
  const values = formValues(body);
  const parsed = parseWith(newSearchSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = createSearch(getDb(), user, parsed.value);
  if (!result.ok) return refusalData(result, { values }, { 409: "hiringManagerId" });
  throw redirect(`/searches/${result.value}?saved=created`);
}

export default function Searches() {
  const { searches, rubrics, managers, defaults, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? defaults;
  const { register, onSubmit, errorFor } = useRemixForm(newSearchSchema, {
    defaultValues: values,
    serverErrors: actionData?.errors,
  });
  const busy = useNavigation().state === "submitting";
  return (
    <main id="main">
      <div className="page-head">
        <div>
          <h1>Searches</h1>
          <p className="muted small">
            A search is one requisition: the role, its rubric and its hiring manager, who compares its candidates side
            by side. Every loop belongs to one.
          </p>
        </div>
      </div>
      {searches.length === 0 ? (
        <p className="empty">No search yet. Open one below; new loops can also open one for their hiring manager.</p>
      ) : (
        <div className="card flush">
          <div className="table-scroll" role="region" aria-label="Searches" tabIndex={0}>
            <table className="list-table" data-testid="search-table">
              <caption className="sr-only">Searches, open ones first</caption>
              <thead>
                <tr>
                  <th scope="col">Search</th>
                  <th scope="col">State</th>
                  <th scope="col">Hiring manager</th>
                  <th scope="col" className="num">
                    Candidates
                  </th>
                  <th scope="col" className="num">
                    Decided
                  </th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {searches.map((s) => (
                  <tr key={s.id} data-search={s.id}>
                    <td>
                      <Link to={`/searches/${s.id}`}>{s.title}</Link>
                      <div className="muted small">
                        {s.rubricName}
                        {s.headcount !== null ? ` · ${s.headcount} ${s.headcount === 1 ? "seat" : "seats"}` : ""}
                      </div>
                    </td>
                    <td>
                      <span className={searchState(s) === "open" ? "badge ok" : "badge"}>
                        {SEARCH_STATE_LABELS[searchState(s)]}
                      </span>
                    </td>
                    <td>{s.hiringManagerName}</td>
                    <td className="num">{s.candidates}</td>
                    <td className="num">
                      {s.decided}
                      {s.hired > 0 ? <span className="muted small"> ({s.hired} hired)</span> : null}
                    </td>
                    <td className="nowrap">{formatDate(s.openedAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <section className="card narrow" aria-labelledby="new-search-heading">
        <h2 id="new-search-heading">Open a search</h2>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <CsrfInput />
          <FormError
            message={actionData?.errors && "_form" in actionData.errors ? actionData.errors._form?.[0] : undefined}
          />
          <TextField
            name="title"
            label="Title"
            register={register}
            error={errorFor("title")}
            defaultValue={values.title}
            maxLength={SEARCH_TITLE_MAX}
            hint="The role and team, e.g. “Lead ML Architect — Payments”."
          />
          <div className="grid grid-2 tight">
            <ChoiceField
              name="rubricId"
              label="Rubric"
              register={register}
              error={errorFor("rubricId")}
              defaultValue={values.rubricId}
              hint="The role's rubric; the search's loops use its versions."
              options={rubrics}
              labelOf={(r) => r.name}
              placeholder="Choose the rubric…"
            />
            <ChoiceField
              name="hiringManagerId"
              label="Hiring manager"
              register={register}
              error={errorFor("hiringManagerId")}
              defaultValue={values.hiringManagerId}
              options={managers}
              labelOf={(p) => p.name}
              placeholder="Choose a hiring manager…"
            />
          </div>
          <TextField
            name="headcount"
            label="Headcount"
            inputMode="numeric"
            register={register}
            error={errorFor("headcount")}
            defaultValue={values.headcount}
            hint="Optional: how many people this search hires."
          />
          <TextAreaField
            name="notes"
            label="Notes"
            rows={3}
            register={register}
            error={errorFor("notes")}
            defaultValue={values.notes}
            hint="Optional."
          />
          <div className="row">
            <button type="submit" className="btn primary" disabled={busy}>
              {busy ? "Opening…" : "Open search"}
            </button>
          </div>
        </Form>
      </section>
    </main>
  );
}
