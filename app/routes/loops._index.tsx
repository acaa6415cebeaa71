// /loops — recruiters and admins see every loop (filter by status, create one); members see the
// loops they may review: as hiring manager, or as a panelist once their own scorecards are in.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listLoopsForMember, listLoopsForStaff } from "../../db/queries/loop/list.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { Completeness, DecisionBadge, LoopStatusBadge } from "../components/ui/primitives";
import { canConfigureLoops } from "../domain/review/access";
import { LOOP_LIST_FILTERS } from "../domain/loop/schema";
import { LOOP_STATUS_LABELS, LOOP_STATUSES } from "../domain/vocabulary";
import { formatDate } from "../domain/shared/zoned-time";
import { requireUser } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Loops · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const staff = canConfigureLoops(user.role);
  const filters = LOOP_LIST_FILTERS.parse(Object.fromEntries(new URL(request.url).searchParams));
  let rows;
  let waitingOnYou = 0;
  if (staff) {
    rows = listLoopsForStaff(db, filters.status);
  } else {
    const mine = listLoopsForMember(db, user);
    rows = filters.status ? mine.loops.filter((l) => l.status === filters.status) : mine.loops;
    waitingOnYou = mine.waitingOnYou;
  }
  return {
    staff,
    filters,
    waitingOnYou,
    timeZone: readOrgSettings(db).timeZone,
    loops: rows.map((l) => ({
      id: l.id,
      candidateName: l.candidateName,
      candidateErased: l.candidateErased,
      candidateTitle: l.candidateTitle,
      status: l.status,
      decision: l.decision,
      hiringManagerName: l.hiringManagerName,
      isMyHm: l.hiringManagerId === user.id,
      rubric: `${l.rubricName} v${l.rubricVersion}`,
      interviewCount: l.interviewCount,
      firstInterviewAt: l.firstInterviewAt,
      lastInterviewAt: l.lastInterviewAt,
      submitted: l.submitted,
      expected: l.expected,
    })),
  };
}

export default function LoopsPage() {
  const { staff, filters, loops, waitingOnYou, timeZone } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.status);
  return (
    <main id="main">
      <div className="page-head">
        <div>
          <h1>Loops</h1>
          <p className="muted small head-sub">
            {staff
              ? "Every interview loop. Open one to review its feedback, or set up its panel."
              : "Loops you review as hiring manager, or as a panelist once your own scorecards are in."}
          </p>
        </div>
        {staff ? (
          <Link className="btn primary" to="/loops/new">
            New loop
          </Link>
        ) : null}
      </div>
      {waitingOnYou > 0 ? (
        <p className="notice warn">
          {waitingOnYou === 1 ? "One more loop appears" : `${waitingOnYou} more loops appear`} here once you submit your
          scorecards: <Link to="/interviews">go to my interviews</Link>.
        </p>
      ) : null}
      <Form method="get" className="filters card" role="search" aria-label="Filter loops">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            {LOOP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LOOP_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="btn">
            Apply
          </button>
          {filtered ? (
            <Link to="/loops" className="btn">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>
      {loops.length === 0 ? (
        <p className="empty">
          {filtered
            ? `No loop is ${LOOP_STATUS_LABELS[filters.status as keyof typeof LOOP_STATUS_LABELS]?.toLowerCase() ?? "in this status"}.`
            : staff
              ? "No loops yet. Create one for a candidate from the standard template."
              : "No loops to review yet."}
        </p>
      ) : (
        <div className="card flush">
          <div className="table-scroll" role="region" aria-label="Interview loops" tabIndex={0}>
            <table className="list-table" data-testid="loop-table">
              <caption className="sr-only">Interview loops</caption>
              <thead>
                <tr>
                  <th scope="col" className="cand-col">
                    Candidate
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Hiring manager</th>
                  <th scope="col">Interviews</th>
                  <th scope="col">Scorecards</th>
                  <th scope="col">Decision</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loops.map((l) => (
                  <tr key={l.id} data-loop={l.id}>
                    <td className="cand-col">
                      <Link to={`/loops/${l.id}`} className={l.candidateErased ? "erased" : undefined}>
                        {l.candidateName}
                      </Link>
                      <div className="muted small">{[l.candidateTitle, l.rubric].filter(Boolean).join(" · ")}</div>
                    </td>
                    <td>
                      <LoopStatusBadge status={l.status} />
                    </td>
                    <td>
                      {l.hiringManagerName}
                      {l.isMyHm ? <span className="muted small"> (you)</span> : null}
                    </td>
                    <td>
                      {l.interviewCount === 0 ? (
                        <span className="muted">None yet</span>
                      ) : (
                        <>
                          <span className="nowrap">
                            {l.interviewCount} ·{" "}
                            {l.firstInterviewAt !== null ? (
                              formatDate(l.firstInterviewAt, timeZone)
                            ) : (
                              <span className="muted">no date</span>
                            )}
                          </span>
                          {l.lastInterviewAt !== null &&
                          l.firstInterviewAt !== null &&
                          formatDate(l.lastInterviewAt, timeZone) !== formatDate(l.firstInterviewAt, timeZone) ? (
                            <>
                              {" "}
                              <span className="muted small nowrap">– {formatDate(l.lastInterviewAt, timeZone)}</span>
                            </>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td>
                      <Completeness submitted={l.submitted} expected={l.expected} />
                    </td>
                    <td>
                      <DecisionBadge decision={l.decision} />
                    </td>
                    <td className="nowrap row-actions">
                      <Link to={`/loops/${l.id}`} className="btn small">
                        Review
                      </Link>
                      {staff ? (
                        <Link
                          to={`/loops/${l.id}/setup`}
                          className="btn small"
                          aria-label={`Set up the loop of ${l.candidateName}`}
                        >
                          Setup
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small table-foot">
            {loops.length} loop{loops.length === 1 ? "" : "s"}
          </p>
        </div>
      )}
    </main>
  );
}
