import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { eraseCandidate, getErasureRecord, getErasureSubject } from "../../db/queries/candidate/erasure.server";
import { CsrfInput } from "../components/ui/primitives";
import { confirmationMatches, isActiveLoopStatus } from "../domain/candidate/erasure";
import { eraseCandidateSchema } from "../domain/candidate/erasure-schema";
import { DECISION_LABELS, ERASED_CANDIDATE_NAME, LOOP_STATUS_LABELS } from "../domain/vocabulary";
import type { Decision } from "../domain/vocabulary";
import { clearPacketCache } from "../pdf/packet-cache.server";
import { forgetLintedTexts } from "../domain/scorecard/evidence-lint";
import { forgetRememberedReviews } from "../../db/queries/review/loop-review.server";
import { parseWith, readBody } from "../server/form.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireAdmin } from "../server/session.server";
import styles from "../styles/erasure.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Erase candidate data · ArchPanel" }];

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** GET /candidates/:id/erase — admins only (403 for everyone else, 404 for unknown ids). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAdmin(request);
  const id = idParam(params);
  const db = getDb();
  const subject = getErasureSubject(db, id);
  if (!subject) throw notFound();
  if (subject.erasedAt !== null) {
    const record = getErasureRecord(db, id);
    return {
      erased: true as const,
      id,
      erasedOn: dateFormat.format(subject.erasedAt),
      by: record?.actorName ?? null,
      summary: record?.summary ?? null,
    };
  }
  return {
    erased: false as const,
    id,
    name: subject.name,
    email: subject.email,
    currentTitle: subject.currentTitle,
    loops: subject.loops.map((l) => ({
      id: l.id,
      status: LOOP_STATUS_LABELS[l.status],
      active: isActiveLoopStatus(l.status),
      hiringManager: l.hiringManager,
      decision: l.decision ? (DECISION_LABELS[l.decision as Decision] ?? l.decision) : null,
    })),
    counts: subject.counts,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = requireAdmin(request);
  const id = idParam(params);
  const { data: body } = await readBody(request);
  const db = getDb();
  const subject = getErasureSubject(db, id);
  if (!subject) throw notFound();
  if (subject.erasedAt !== null) throw redirect(`/candidates/${id}/erase`);
  const parsed = parseWith(eraseCandidateSchema, body);
  const typed = typeof body.confirmName === "string" ? body.confirmName.slice(0, 300) : "";
  const keepRatings = parsed.ok ? parsed.value.keepRatings : body.keepRatings === "on" || body.keepRatings === true;
  if (!parsed.ok) return data({ errors: parsed.errors, values: { confirmName: typed, keepRatings } }, { status: 400 });
  if (!confirmationMatches(parsed.value.confirmName, subject.name)) {
    return data(
      {
        errors: { confirmName: ["That does not match the candidate's name. Type it as shown above."] },
        values: { confirmName: typed, keepRatings },
      },
      { status: 400 },
    );
  }
  const result = eraseCandidate(db, { candidateId: id, actorId: admin.id, keepRatings: parsed.value.keepRatings });
  if (!result.ok && result.reason === "not_found") throw notFound();
  // rendered packets of the erased candidate's loops, their remembered reviews and their evidence
  // remembered by the lint must not outlive the erasure in memory
  if (result.ok) {
    clearPacketCache();
    forgetRememberedReviews(db);
    forgetLintedTexts();
  }
  throw redirect(`/candidates/${id}/erase`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export default function EraseCandidate() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();

  if (d.erased) {
    const s = d.summary;
    return (
      <main id="main" className="erasure">
        <div className="page-head">
          <h1>Candidate data erased</h1>
          <Link to="/retention">Back to retention</Link>
        </div>
        <div className="notice ok" role="status">
          This candidate&apos;s personal data was erased on {d.erasedOn}
          {d.by ? ` by ${d.by}` : ""}. It no longer appears on review pages, exports or packets.
        </div>
        {s ? (
          <div className="card">
            <h2>What was removed</h2>
            <ul className="erasure-list">
              <li>Name, email, current title, source, links and recruiter notes</li>
              <li>
                {plural(s.evidenceCleared, "rating's evidence", "ratings' evidence")}, summaries and justifications on{" "}
                {plural(s.scorecards, "scorecard")}
              </li>
              <li>
                {plural(s.quickNotesDeleted, "quick note")} and {plural(s.redFlagNotesCleared, "red-flag note")}
              </li>
              <li>
                {plural(s.auditEntriesRedacted, "audit entry", "audit entries")} redacted (the entries stay, without
                their content)
              </li>
              <li>
                {s.keepRatings
                  ? `${plural(s.ratingsKept, "numeric rating")} kept, anonymised, for interviewer calibration`
                  : `${plural(s.ratingsDeleted, "numeric rating")} deleted`}
              </li>
              {s.loopsWithdrawn > 0 ? <li>{plural(s.loopsWithdrawn, "active loop")} withdrawn</li> : null}
            </ul>
          </div>
        ) : null}
      </main>
    );
  }

  const errors: Record<string, string[] | undefined> = actionData?.errors ?? {};
  const values = actionData?.values;
  const activeLoops = d.loops.filter((l) => l.active).length;
  const busy = navigation.state === "submitting";
  return (
    <main id="main" className="erasure">
      <div className="page-head">
        <h1>Erase candidate data</h1>
        <Link to="/retention">Back to retention</Link>
      </div>

      <div className="card">
        <h2 className="erasure-name">{d.name}</h2>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{d.email || <span className="muted">none</span>}</dd>
          <dt>Current title</dt>
          <dd>{d.currentTitle || <span className="muted">none</span>}</dd>
          <dt>Loops</dt>
          <dd>{d.loops.length === 0 ? <span className="muted">none</span> : plural(d.loops.length, "loop")}</dd>
        </dl>
        {d.loops.length > 0 ? (
          <table className="erasure-loops">
            <thead>
              <tr>
                <th scope="col">Loop status</th>
                <th scope="col">Hiring manager</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {d.loops.map((l) => (
                <tr key={l.id}>
                  <td>
                    <span className={`badge${l.active ? " warn" : ""}`}>{l.status}</span>
                  </td>
                  <td>{l.hiringManager}</td>
                  <td>{l.decision ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>

      <div className="card erasure-danger">
        <h2>What erasure removes — permanently</h2>
        <ul className="erasure-list">
          <li>
            The candidate&apos;s name (shown as &ldquo;{ERASED_CANDIDATE_NAME}&rdquo; from now on), email, title,
            source, links and notes
          </li>
          <li>
            All written feedback on {plural(d.counts.scorecards, "scorecard")}:{" "}
            {plural(d.counts.evidence, "piece", "pieces")} of evidence, summaries, override justifications, conflict
            notes and amendment reasons
          </li>
          <li>
            {plural(d.counts.quickNotes, "quick note")} and {plural(d.counts.redFlagNotes, "red-flag note")}
          </li>
          <li>
            The content of {plural(d.counts.auditEntries, "audit entry", "audit entries")} about this candidate (the
            entries themselves stay)
          </li>
          {activeLoops > 0 ? (
            <li>
              <strong>{plural(activeLoops, "loop")} still under way will be withdrawn.</strong>
            </li>
          ) : null}
        </ul>
        <p className="small muted">
          Backups made before today still hold this data until they age out of your backup rotation. The erasure itself
          is recorded in the audit log, with counts only.
        </p>

        <Form method="post" noValidate aria-describedby={errors._form ? "erase-form-error" : undefined}>
          <CsrfInput />
          {errors._form ? (
            <div className="form-error" role="alert" id="erase-form-error">
              {errors._form[0]}
            </div>
          ) : null}
          <fieldset>
            <legend>Numeric ratings</legend>
            <label className="check">
              <input type="checkbox" name="keepRatings" defaultChecked={values?.keepRatings ?? false} />
              <span>
                Keep the numeric ratings ({plural(d.counts.ratings, "rating")}), anonymised, for interviewer calibration
                <span className="field-hint">
                  Scores and recommendations stay without any text; otherwise they are deleted too.
                </span>
              </span>
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="confirmName">
              Type the candidate&apos;s name, <span className="erasure-typed">{d.name}</span>, to confirm
            </label>
            <input
              id="confirmName"
              name="confirmName"
              type="text"
              autoComplete="off"
              spellCheck={false}
              defaultValue={values?.confirmName ?? ""}
              aria-invalid={errors.confirmName ? true : undefined}
              aria-describedby={errors.confirmName ? "confirmName-error" : undefined}
            />
            {errors.confirmName ? (
              <div className="field-error" id="confirmName-error">
                {errors.confirmName[0]}
              </div>
            ) : null}
          </div>
          <button type="submit" className="btn danger-solid" disabled={busy}>
            {busy ? "Erasing…" : "Erase permanently"}
          </button>
        </Form>
      </div>
    </main>
  );
}
