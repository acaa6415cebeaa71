import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { getCandidate, setCandidateArchived, updateCandidate } from "../../db/queries/candidate/candidates.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput, DecisionBadge, LoopStatusBadge } from "../components/ui/primitives";
import { CandidateForm } from "../components/candidate/candidate-form";
import { FormError, Notice } from "../components/ui/fields";
import { isActiveLoopStatus } from "../domain/candidate/erasure";
import { candidateIntentSchema } from "../domain/candidate/page-schema";
import { candidateFormValues, candidateSchema, postedCandidateForm } from "../domain/candidate/schema";
import { formatDate } from "../domain/shared/zoned-time";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.candidate.name} · Candidates · ArchPanel` : "Candidate · ArchPanel" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireStaff(request);
  const id = idParam(params);
  const db = getDb();
  const c = getCandidate(db, id);
  if (!c) throw notFound();
  const timeZone = readOrgSettings(db).timeZone;
  return {
    candidate: {
      id: c.id,
      name: c.name,
      archived: c.archivedAt !== null,
      archivedOn: c.archivedAt !== null ? formatDate(c.archivedAt, timeZone) : null,
      erased: c.erasedAt !== null,
      addedOn: formatDate(c.createdAt, timeZone),
      updatedOn: formatDate(c.updatedAt, timeZone),
      form: candidateFormValues(c),
      links: c.links,
    },
    loops: c.loops.map((l) => ({
      id: l.id,
      status: l.status,
      decision: l.decision,
      hiringManagerName: l.hiringManagerName,
      rubricVersion: l.rubricVersion,
      createdOn: formatDate(l.createdAt, timeZone),
    })),
    hasActiveLoop: c.loops.some((l) => isActiveLoopStatus(l.status)),
    isAdmin: user.role === "admin",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const id = idParam(params);
  const read = await readBodyOrTooLarge(request);
  if (!read.ok) return data({ intent: null, errors: { _form: [read.message] }, values: null }, { status: 413 });
  const { data: body } = read;
  const db = getDb();
  const intent = parseWith(candidateIntentSchema, body);
  if (!intent.ok)
    return data(
      {
        intent: null,
        errors: { _form: ["Unknown action. Reload the page and try again."] } as Record<string, string[]>,
        values: null,
      },
      { status: 400 },
    );

  if (intent.value.intent === "save") {
    const values = postedCandidateForm(body);
    const parsed = parseWith(candidateSchema, body);
    if (!parsed.ok) return data({ intent: "save" as const, errors: parsed.errors, values }, { status: 400 });
    const result = updateCandidate(db, user.id, id, parsed.value);
    if (!result.ok) {
      if (result.status === 404) throw notFound();
      const errors =
        result.message.includes("email") && !result.message.includes("erased")
          ? { email: [result.message] }
          : { _form: [result.message] };
      return data({ intent: "save" as const, errors, values }, { status: result.status });
    }
    throw redirect(`/candidates/${id}?notice=saved`);
  }

  const archiving = intent.value.intent === "archive";
  const result = setCandidateArchived(db, user.id, id, archiving);
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return refusalData(result, { intent: intent.value.intent, values: null });
  }
  throw redirect(archiving ? "/candidates?notice=archived" : `/candidates/${id}?notice=unarchived`);
}

const NOTICES: Record<string, string> = {
  created: "Candidate added.",
  saved: "Changes saved.",
  unarchived: "Candidate restored: they show in the list again and can get a new loop.",
};

export default function CandidatePage() {
  const { candidate: c, loops, hasActiveLoop, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const busy = navigation.state === "submitting";
  const saveErrors = actionData?.intent === "save" ? actionData.errors : undefined;
  const archiveError = actionData && actionData.intent !== "save" ? actionData.errors._form?.[0] : null;

  return (
    <main id="main" className="candidate-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/candidates">Candidates</Link> <span aria-hidden="true">›</span> <span>{c.name}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {c.name} {c.archived ? <span className="badge">Archived</span> : null}
            {c.erased ? <span className="badge danger">Personal data erased</span> : null}
          </h1>
          <p className="muted small head-meta">
            Added {c.addedOn} · last changed {c.updatedOn}
            {c.archivedOn ? ` · archived ${c.archivedOn}` : ""}
          </p>
        </div>
        <div className="row">
          {!c.archived && !c.erased ? (
            <Link className="btn primary" to={`/loops/new?candidate=${c.id}`}>
              New loop
            </Link>
          ) : null}
        </div>
      </div>
      <Notice message={notice ? NOTICES[notice] : null} />

      <div className="split">
        <section className="card" aria-labelledby="details-h">
          <h2 id="details-h">Details</h2>
          {c.erased ? (
            <p className="muted">
              This candidate&apos;s personal data was erased. The record stays only so that loop history and anonymised
              ratings keep their place.
            </p>
          ) : (
            <CandidateForm
              key={actionData?.values ? "posted" : "loaded"}
              defaultValues={actionData?.intent === "save" && actionData.values ? actionData.values : c.form}
              serverErrors={saveErrors}
              submitLabel="Save changes"
              intent="save"
            />
          )}
        </section>

        <div className="side">
          <section className="card" aria-labelledby="loops-h">
            <h2 id="loops-h">Loops</h2>
            {loops.length === 0 ? (
              <p className="muted small">
                No loop yet.{!c.archived && !c.erased ? " Create one to plan the interviews." : ""}
              </p>
            ) : (
              <ul className="plain loop-list">
                {loops.map((l) => (
                  <li key={l.id}>
                    <Link to={`/loops/${l.id}`}>Loop of {l.createdOn}</Link> <LoopStatusBadge status={l.status} />{" "}
                    {l.decision ? <DecisionBadge decision={l.decision} /> : null}
                    <div className="muted xsmall">
                      Rubric v{l.rubricVersion} · HM {l.hiringManagerName}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {!c.erased ? (
            <section className="card" aria-labelledby="archive-h">
              <h2 id="archive-h">{c.archived ? "Archived" : "Archive"}</h2>
              <FormError message={archiveError} />
              {c.archived ? (
                <>
                  <p className="small muted">
                    Archived candidates are hidden from the list and cannot get a new loop. Their loops and feedback
                    stay.
                  </p>
                  <Form method="post">
                    <CsrfInput />
                    <button type="submit" name="intent" value="unarchive" className="btn" disabled={busy}>
                      Restore candidate
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <p className="small muted">
                    {hasActiveLoop
                      ? "This candidate has a loop under way: withdraw it or record a decision before archiving."
                      : "Hides the candidate from the list and from new loops. Nothing is deleted; you can restore them later."}
                  </p>
                  <Form method="post">
                    <CsrfInput />
                    <button
                      type="submit"
                      name="intent"
                      value="archive"
                      className="btn"
                      disabled={busy || hasActiveLoop}
                    >
                      Archive candidate
                    </button>
                  </Form>
                </>
              )}
            </section>
          ) : null}

          {isAdmin ? (
            <section className="card" aria-labelledby="erase-h">
              <h2 id="erase-h">Personal data</h2>
              <p className="small muted">
                {c.erased
                  ? "See what was erased and when."
                  : "Erase this candidate's personal data and written feedback (GDPR request). Admins only; cannot be undone."}
              </p>
              <Link to={`/candidates/${c.id}/erase`} className={c.erased ? "btn" : "btn danger"}>
                {c.erased ? "Erasure record" : "Erase personal data…"}
              </Link>
            </section>
          ) : null}
        </div>
      </div>
    </main>
  );
}
