// /interviews — "My interviews": the signed-in user's own assignments only (one scorecard per
// interview they sit on), grouped by what needs doing: in progress, overdue, today, upcoming,
// submitted. One click opens the scorecard.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";

import { getDb } from "../../db/client.server";
import { listMyAssignments } from "../../db/queries/scorecard/assignments.server";
import { LocalTime } from "../components/ui/primitives";
import { displayCandidateName } from "../domain/candidate/display";
import { LOOP_STATUS_LABELS } from "../domain/vocabulary";
import type { AssignmentBucket } from "../domain/scorecard/assignments";
import { assignmentBucket } from "../domain/scorecard/assignments";
import { requireUser } from "../server/session.server";
import styles from "../styles/interviews.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "My interviews · ArchPanel" }];

function endOfUtcDay(now: number): number {
  const d = new Date(now);
  d.setUTCHours(24, 0, 0, 0);
  return d.getTime();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const now = Date.now();
  const rows = listMyAssignments(getDb(), user.id).map((r) => ({
    scorecardId: r.scorecardId,
    status: r.status,
    started: r.version > 0 || r.timerRunning || r.timerAccumulatedMs > 0,
    timerRunning: r.timerRunning,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    amendCount: r.amendCount,
    scheduledAt: r.scheduledAt,
    durationMinutes: r.durationMinutes,
    loopStatus: r.loopStatus,
    candidateName: displayCandidateName({ name: r.candidateName, erasedAt: r.candidateErasedAt }),
    exerciseTitle: r.exerciseTitle,
  }));
  // The server does not know the viewer's time zone: it groups by the UTC day; the browser regroups by its own.
  return { rows, now, dayEnd: endOfUtcDay(now) };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

const SECTIONS: { bucket: AssignmentBucket; title: string; empty?: string }[] = [
  { bucket: "in_progress", title: "In progress" },
  { bucket: "overdue", title: "Overdue — interview over, scorecard not submitted" },
  { bucket: "today", title: "Today" },
  { bucket: "upcoming", title: "Upcoming" },
  { bucket: "unscheduled", title: "Not scheduled yet" },
  { bucket: "submitted", title: "Submitted" },
  { bucket: "recused", title: "Recused (conflict of interest declared)" },
  { bucket: "closed", title: "Closed loops (decided or withdrawn)" },
];

function localDayEnd(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

function StateBadges({ row, bucket }: { row: Row; bucket: AssignmentBucket }) {
  return (
    <>
      {row.timerRunning ? <span className="badge info">Timer running</span> : null}
      {bucket === "overdue" ? (
        <span className="badge danger">{row.started ? "Draft not submitted" : "Not started"}</span>
      ) : null}
      {bucket === "in_progress" || bucket === "closed" ? (
        <span className="badge">{row.started ? "Draft" : "Not started"}</span>
      ) : null}
      {bucket === "submitted" ? <span className="badge ok">Submitted</span> : null}
      {row.amendCount > 0 ? <span className="badge">Amended</span> : null}
      {bucket === "recused" ? <span className="badge warn">Recused</span> : null}
    </>
  );
}

export default function MyInterviews() {
  const { rows, now, dayEnd } = useLoaderData<typeof loader>();
  const [clock, setClock] = useState({ now, dayEnd });
  useEffect(() => {
    const tick = () => {
      const t = Date.now();
      setClock({ now: t, dayEnd: localDayEnd(t) });
    };
    tick();
    const id = setInterval(tick, 60_000);
    return () => clearInterval(id);
  }, []);

  const grouped = useMemo(() => {
    const m = new Map<AssignmentBucket, Row[]>();
    for (const r of rows) {
      const b = assignmentBucket(
        {
          status: r.status,
          scheduledAt: r.scheduledAt,
          durationMinutes: r.durationMinutes,
          started: r.started,
          loopStatus: r.loopStatus,
        },
        clock,
      );
      m.set(b, [...(m.get(b) ?? []), r]);
    }
    // Submitted: most recent first; everything else in schedule order (as loaded).
    m.get("submitted")?.sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0));
    return m;
  }, [rows, clock]);

  const count = (b: AssignmentBucket) => grouped.get(b)?.length ?? 0;
  const open = count("in_progress") + count("overdue") + count("today") + count("upcoming") + count("unscheduled");

  return (
    <main id="main" className="interviews-page">
      <div className="page-head">
        <div>
          <h1>My interviews</h1>
          <p className="muted small">
            Only your own scorecards are listed here. Other panelists&apos; feedback opens once you have submitted
            yours.
          </p>
        </div>
        <div className="summary" aria-label="Summary">
          {count("overdue") ? <span className="badge danger">{count("overdue")} overdue</span> : null}
          {count("today") + count("in_progress") ? (
            <span className="badge info">{count("today") + count("in_progress")} today / in progress</span>
          ) : null}
          <span className="badge">{open} open</span>
          <span className="badge ok">{count("submitted")} submitted</span>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="empty">
          No interviews are assigned to you yet. When a recruiter adds you to a panel, the interview shows up here.
        </p>
      ) : null}
      {SECTIONS.map(({ bucket, title }) => {
        const list = grouped.get(bucket);
        if (!list?.length) return null;
        return (
          <section
            key={bucket}
            className={`bucket ${bucket}`}
            aria-labelledby={`b-${bucket}`}
            data-testid={`bucket-${bucket}`}
          >
            <h2 id={`b-${bucket}`}>
              {title} <span className="count">{list.length}</span>
            </h2>
            <ul className="assignments">
              {list.map((r) => (
                <li key={r.scorecardId}>
                  <Link
                    to={`/scorecards/${r.scorecardId}`}
                    className="assignment"
                    aria-label={`${r.candidateName} — ${r.exerciseTitle}: open scorecard`}
                  >
                    <span>
                      <span className="who">{r.candidateName}</span>
                      <span className="what">
                        {r.exerciseTitle} · {r.durationMinutes} min · loop{" "}
                        {LOOP_STATUS_LABELS[r.loopStatus].toLowerCase()}
                      </span>
                    </span>
                    <span className="when">
                      {bucket === "submitted" && r.submittedAt ? (
                        <>
                          Submitted <LocalTime at={r.submittedAt} />
                        </>
                      ) : r.scheduledAt ? (
                        <LocalTime at={r.scheduledAt} />
                      ) : (
                        "Not scheduled"
                      )}
                    </span>
                    <span className="state">
                      <StateBadges row={r} bucket={bucket} />
                      <span className="open" aria-hidden="true">
                        {bucket === "submitted" || bucket === "recused" ? "View →" : "Open scorecard →"}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </main>
  );
}
