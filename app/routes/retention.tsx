import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import {
  countErasedCandidates,
  getRetentionDays,
  listRetention,
  setRetentionDays,
} from "../../db/queries/candidate/erasure.server";
import { CsrfInput, ScrollRegion } from "../components/ui/primitives";
import { daysOverdue, dueAt, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "../domain/candidate/erasure";
import { retentionSettingSchema } from "../domain/candidate/erasure-schema";
import { DECISION_LABELS, LOOP_STATUS_LABELS } from "../domain/vocabulary";
import type { Decision } from "../domain/vocabulary";
import { parseWith, readBody } from "../server/form.server";
import { requireAdmin } from "../server/session.server";
import styles from "../styles/erasure.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Data retention · ArchPanel" }];

const DAY = 86_400_000;
const SOON_DAYS = 30;
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** GET /retention — admins: the retention period and the candidates due for erasure. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireAdmin(request);
  const db = getDb();
  const now = Date.now();
  const days = getRetentionDays(db);
  const rows = listRetention(db, now, days);
  const view = (r: (typeof rows)[number]) => ({
    id: r.id,
    name: r.name,
    lastActivity: dateFormat.format(r.lastActivityAt),
    dueOn: dateFormat.format(dueAt(r.lastActivityAt, days)),
    overdueDays: daysOverdue(r.lastActivityAt, now, days),
    loops: r.loops.map((l) => ({
      status: LOOP_STATUS_LABELS[l.status],
      decision: l.decision ? (DECISION_LABELS[l.decision as Decision] ?? l.decision) : null,
    })),
  });
  const due = rows.filter((r) => r.state === "due").map(view);
  const soon = rows
    .filter((r) => r.state === "retained" && dueAt(r.lastActivityAt, days) - now <= SOON_DAYS * DAY)
    .map(view);
  return {
    retentionDays: days,
    due,
    soon,
    counts: {
      due: due.length,
      active: rows.filter((r) => r.state === "active").length,
      retained: rows.filter((r) => r.state === "retained").length,
      erased: countErasedCandidates(db),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireAdmin(request);
  const { data: body } = await readBody(request);
  const parsed = parseWith(retentionSettingSchema, body);
  const typed = typeof body.retentionDays === "string" ? body.retentionDays.slice(0, 20) : "";
  if (!parsed.ok) return data({ errors: parsed.errors, values: { retentionDays: typed } }, { status: 400 });
  setRetentionDays(getDb(), admin.id, parsed.value.retentionDays);
  throw redirect("/retention?saved=1");
}

type Row = Awaited<ReturnType<typeof loader>>["due"][number];

function CandidateTable({ rows, caption, overdue }: { rows: Row[]; caption: string; overdue: boolean }) {
  return (
    <ScrollRegion label="Retention">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Last activity</th>
            <th scope="col">{overdue ? "Due since" : "Due on"}</th>
            <th scope="col">Loops</th>
            <th scope="col">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.lastActivity}</td>
              <td>
                {r.dueOn}
                {overdue && r.overdueDays > 0 ? (
                  <span className="muted small"> ({r.overdueDays.toLocaleString("en-US")} days ago)</span>
                ) : null}
              </td>
              <td>
                {r.loops.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  r.loops.map((l, i) => (
                    <span key={i} className="badge">
                      {l.status}
                      {l.decision ? ` · ${l.decision}` : ""}
                    </span>
                  ))
                )}
              </td>
              <td className="num">
                <Link className="btn small" to={`/candidates/${r.id}/erase`}>
                  Review and erase
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function Retention() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const errors: Record<string, string[] | undefined> = actionData?.errors ?? {};
  const saved = params.get("saved") === "1" && !actionData;
  return (
    <main id="main" className="retention">
      <div className="page-head">
        <h1>Data retention</h1>
      </div>
      <p className="muted">
        Candidates become due for erasure when none of their loops is under way and nothing has happened for the
        retention period. Erasure is never automatic: an admin reviews and confirms each one.
      </p>

      <div className="retention-stats" aria-label="Candidates by retention state">
        <div className={`retention-stat${d.counts.due > 0 ? " due" : ""}`}>
          <span className="n" data-testid="count-due">
            {d.counts.due}
          </span>
          <span className="l">due for erasure</span>
        </div>
        <div className="retention-stat">
          <span className="n">{d.counts.retained}</span>
          <span className="l">within the period</span>
        </div>
        <div className="retention-stat">
          <span className="n">{d.counts.active}</span>
          <span className="l">with a loop under way</span>
        </div>
        <div className="retention-stat">
          <span className="n">{d.counts.erased}</span>
          <span className="l">already erased</span>
        </div>
      </div>

      <div className="card">
        <h2>Retention period</h2>
        {saved ? (
          <div className="notice ok" role="status">
            Saved. The lists below use the new period.
          </div>
        ) : null}
        <Form method="post" noValidate className="retention-setting">
          <CsrfInput />
          <div className="field">
            <label htmlFor="retentionDays">Keep candidate data for (days after the last activity)</label>
            <div className="retention-input-row">
              <input
                id="retentionDays"
                name="retentionDays"
                type="number"
                inputMode="numeric"
                min={MIN_RETENTION_DAYS}
                max={MAX_RETENTION_DAYS}
                defaultValue={actionData?.values.retentionDays ?? String(d.retentionDays)}
                aria-invalid={errors.retentionDays ? true : undefined}
                aria-describedby={errors.retentionDays ? "retentionDays-error" : "retentionDays-hint"}
              />
              <button type="submit" className="btn primary" disabled={navigation.state === "submitting"}>
                Save period
              </button>
            </div>
            {errors.retentionDays ? (
              <div className="field-error" id="retentionDays-error">
                {errors.retentionDays[0]}
              </div>
            ) : (
              <div className="field-hint" id="retentionDays-hint">
                Between {MIN_RETENTION_DAYS} and {MAX_RETENTION_DAYS.toLocaleString("en-US")} days. Default 365.
              </div>
            )}
          </div>
        </Form>
      </div>

      <div className="card">
        <h2>Due for erasure ({d.due.length})</h2>
        {d.due.length === 0 ? (
          <p className="empty">No candidate is past the retention period.</p>
        ) : (
          <CandidateTable rows={d.due} caption="Due for erasure" overdue />
        )}
      </div>

      <div className="card">
        <h2>
          Due within {SOON_DAYS} days ({d.soon.length})
        </h2>
        {d.soon.length === 0 ? (
          <p className="empty">Nobody comes due in the next {SOON_DAYS} days.</p>
        ) : (
          <CandidateTable rows={d.soon} caption={`Due within ${SOON_DAYS} days`} overdue={false} />
        )}
      </div>
    </main>
  );
}
