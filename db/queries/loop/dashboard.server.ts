import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import type { OpenScorecard } from "../../../app/domain/scorecard/overdue";
import { LOOP_STATUSES, type LoopStatus, type ScorecardStatus } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { candidates, interviews, loops, rubricExercises, scorecards, users } from "../../schema";

/** Number of loops in each status (every status present, 0 when none). */
export function loopCountsByStatus(db: Db): Record<LoopStatus, number> {
  const rows = db
    .select({ status: loops.status, n: sql<number>`count(*)` })
    .from(loops)
    .groupBy(loops.status)
    .all();
  const out = Object.fromEntries(LOOP_STATUSES.map((s) => [s, 0])) as Record<LoopStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export interface WeekInterview {
  interviewId: string;
  loopId: string;
  loopStatus: LoopStatus;
  scheduledAt: number;
  durationMinutes: number;
  exerciseTitle: string;
  candidateName: string;
  panelists: { name: string; status: ScorecardStatus }[];
}

/** Interviews starting in [from, to) of loops that are not withdrawn, in time order. */
export function interviewsBetween(db: Db, from: number, to: number): WeekInterview[] {
  const rows = db
    .select({
      interviewId: interviews.id,
      loopId: loops.id,
      loopStatus: loops.status,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      exerciseTitle: rubricExercises.title,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
    })
    .from(interviews)
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(
      and(
        isNotNull(interviews.scheduledAt),
        gte(interviews.scheduledAt, from),
        lt(interviews.scheduledAt, to),
        sql`${loops.status} != 'withdrawn'`,
      ),
    )
    .orderBy(asc(interviews.scheduledAt))
    .all();
  if (rows.length === 0) return [];
  const panel = db
    .select({ interviewId: scorecards.interviewId, name: users.name, status: scorecards.status })
    .from(scorecards)
    .innerJoin(users, eq(users.id, scorecards.panelistId))
    .where(
      inArray(
        scorecards.interviewId,
        rows.map((r) => r.interviewId),
      ),
    )
    .orderBy(asc(users.name))
    .all();
  return rows.map(({ candidateErasedAt, ...r }) => ({
    ...r,
    scheduledAt: r.scheduledAt!,
    candidateName: displayCandidateName({ name: r.candidateName, erasedAt: candidateErasedAt }),
    panelists: panel.filter((p) => p.interviewId === r.interviewId).map(({ name, status }) => ({ name, status })),
  }));
}

/**
 * Draft scorecards whose interview started before `startedBefore`, on loops still running
 * (scheduled, in progress, debrief). The overdue rule itself is applied by app/domain/scorecard/overdue.ts.
 */
export function openScorecardsStartedBefore(db: Db, startedBefore: number): OpenScorecard[] {
  const rows = db
    .select({
      scorecardId: scorecards.id,
      panelistId: users.id,
      panelistName: users.name,
      panelistEmail: users.email,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(users, eq(users.id, scorecards.panelistId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(
      and(
        eq(scorecards.status, "draft"),
        // a trainee's scorecard never holds the loop up
        eq(scorecards.panelRole, "panelist"),
        eq(users.active, true),
        isNotNull(interviews.scheduledAt),
        lt(interviews.scheduledAt, startedBefore),
        inArray(loops.status, ["scheduled", "in_progress", "debrief"]),
      ),
    )
    .orderBy(asc(interviews.scheduledAt))
    .all();
  return rows.map((r) => ({
    scorecardId: r.scorecardId,
    panelist: { id: r.panelistId, name: r.panelistName, email: r.panelistEmail },
    candidateName: displayCandidateName({ name: r.candidateName, erasedAt: r.candidateErasedAt }),
    exerciseTitle: r.exerciseTitle,
    scheduledAt: r.scheduledAt!,
    durationMinutes: r.durationMinutes,
  }));
}
