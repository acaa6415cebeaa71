// The loop lists: every loop for staff, the loops a member may open (the independence rule), and
// how many loops of a candidate are still active.
import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { loopFeedbackAccess } from "../../../app/domain/review/access";
import type { Decision, LoopStatus, Role } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx } from "../../client.server";
import { candidates, interviews, loops, rubrics, rubricVersions, scorecards, searches, users } from "../../schema";

export interface LoopListRow {
  id: string;
  candidateId: string;
  candidateName: string;
  candidateErased: boolean;
  candidateTitle: string;
  status: LoopStatus;
  decision: Decision | null;
  hiringManagerId: string;
  hiringManagerName: string;
  rubricVersion: number;
  rubricName: string;
  interviewCount: number;
  firstInterviewAt: number | null;
  lastInterviewAt: number | null;
  /** scorecards submitted / expected (recused ones are not expected) */
  submitted: number;
  expected: number;
  createdAt: number;
  updatedAt: number;
}

function loopRows(db: DbOrTx, where: SQL | undefined): LoopListRow[] {
  const base = db
    .select({
      id: loops.id,
      candidateId: loops.candidateId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      candidateTitle: candidates.currentTitle,
      status: loops.status,
      decision: loops.decision,
      hiringManagerId: loops.hiringManagerId,
      hiringManagerName: users.name,
      rubricVersion: rubricVersions.version,
      rubricName: rubrics.name,
      createdAt: loops.createdAt,
      updatedAt: loops.updatedAt,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(where)
    .orderBy(desc(loops.updatedAt))
    .all();
  if (base.length === 0) return [];
  const ids = base.map((l) => l.id);
  const ivStats = db
    .select({
      loopId: interviews.loopId,
      n: sql<number>`count(*)`,
      first: sql<number | null>`min(${interviews.scheduledAt})`,
      last: sql<number | null>`max(${interviews.scheduledAt})`,
    })
    .from(interviews)
    .where(inArray(interviews.loopId, ids))
    .groupBy(interviews.loopId)
    .all();
  const scStats = db
    .select({
      loopId: interviews.loopId,
      submitted: sql<number>`sum(case when ${scorecards.status} = 'submitted' then 1 else 0 end)`,
      expected: sql<number>`sum(case when ${scorecards.status} = 'recused' then 0 else 1 end)`,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    // the panel's scorecards only: the loop never waits for a trainee's
    .where(and(inArray(interviews.loopId, ids), eq(scorecards.panelRole, "panelist")))
    .groupBy(interviews.loopId)
    .all();
  const ivBy = new Map(ivStats.map((s) => [s.loopId, s]));
  const scBy = new Map(scStats.map((s) => [s.loopId, s]));
  return base.map(({ candidateErasedAt, ...l }) => ({
    ...l,
    candidateName: displayCandidateName({ name: l.candidateName, erasedAt: candidateErasedAt }),
    candidateTitle: candidateErasedAt === null ? l.candidateTitle : "",
    candidateErased: candidateErasedAt !== null,
    interviewCount: Number(ivBy.get(l.id)?.n ?? 0),
    firstInterviewAt: ivBy.get(l.id)?.first ?? null,
    lastInterviewAt: ivBy.get(l.id)?.last ?? null,
    submitted: Number(scBy.get(l.id)?.submitted ?? 0),
    expected: Number(scBy.get(l.id)?.expected ?? 0),
  }));
}

/** Every loop (recruiters and admins), optionally of one status. */
export function listLoopsForStaff(db: Db, status: LoopStatus | ""): LoopListRow[] {
  return loopRows(db, status ? eq(loops.status, status) : undefined);
}

/**
 * Loops a member may open: those they are hiring manager of (of the loop or of its search), and those where they are a panelist
 * whose own scorecards are all in (the independence rule). `waitingOnYou` counts loops where the
 * member still has a scorecard to submit (listed on their interviews page instead).
 */
export function listLoopsForMember(
  db: Db,
  user: { id: string; role: Role },
): { loops: LoopListRow[]; waitingOnYou: number } {
  const own = db
    .select({ loopId: interviews.loopId, status: scorecards.status, panelRole: scorecards.panelRole })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(eq(scorecards.panelistId, user.id))
    .all();
  const hmLoops = db
    .select({ id: loops.id })
    .from(loops)
    .leftJoin(searches, eq(searches.id, loops.searchId))
    .where(or(eq(loops.hiringManagerId, user.id), eq(searches.hiringManagerId, user.id)))
    .all();
  const related = new Set([...own.map((o) => o.loopId), ...hmLoops.map((l) => l.id)]);
  if (related.size === 0) return { loops: [], waitingOnYou: 0 };
  const searchManagers = new Map(
    db
      .select({ id: loops.id, searchHiringManagerId: searches.hiringManagerId })
      .from(loops)
      .innerJoin(searches, eq(searches.id, loops.searchId))
      .where(inArray(loops.id, [...related]))
      .all()
      .map((r) => [r.id, r.searchHiringManagerId]),
  );
  const rows = loopRows(db, inArray(loops.id, [...related]));
  const visible: LoopListRow[] = [];
  let waitingOnYou = 0;
  for (const row of rows) {
    const access = loopFeedbackAccess({
      user,
      hiringManagerId: row.hiringManagerId,
      searchHiringManagerId: searchManagers.get(row.id) ?? null,
      recruiterId: null,
      ownScorecards: own.filter((o) => o.loopId === row.id).map((o) => ({ status: o.status, panelRole: o.panelRole })),
    });
    if (access === "full") visible.push(row);
    else if (access === "pending_own_submission") waitingOnYou++;
  }
  return { loops: visible, waitingOnYou };
}

/** Number of loops of a candidate that are still active (for a warning when creating another). */
export function activeLoopCount(db: Db, candidateId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(loops)
    .where(
      and(
        eq(loops.candidateId, candidateId),
        inArray(loops.status, ["planning", "scheduled", "in_progress", "debrief"]),
        isNull(loops.decidedAt),
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}
