import { asc, desc, eq } from "drizzle-orm";

import type { Db } from "../../client.server";
import { candidates, interviews, loops, rubricExercises, scorecards } from "../../schema";

/** "My interviews": every assignment of one panelist, newest schedule last. */
export function listMyAssignments(db: Db, panelistId: string) {
  return db
    .select({
      scorecardId: scorecards.id,
      status: scorecards.status,
      version: scorecards.version,
      timerRunning: scorecards.timerRunning,
      timerAccumulatedMs: scorecards.timerAccumulatedMs,
      updatedAt: scorecards.updatedAt,
      submittedAt: scorecards.submittedAt,
      amendCount: scorecards.amendCount,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      loopId: loops.id,
      loopStatus: loops.status,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(eq(scorecards.panelistId, panelistId))
    .orderBy(asc(interviews.scheduledAt), desc(scorecards.updatedAt))
    .all();
}
