import { and, eq, gte, isNotNull } from "drizzle-orm";

import type { SubmittedScorecard } from "../../../app/domain/scorecard/time-to-feedback";
import type { Db } from "../../client.server";
import { interviews, scorecards, users } from "../../schema";

/** Scorecards submitted since `from`, with their interview's end (the input of time to feedback). */
export function submittedScorecardsSince(db: Db, from: number): SubmittedScorecard[] {
  return db
    .select({
      panelistId: users.id,
      panelistName: users.name,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      submittedAt: scorecards.submittedAt,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(users, eq(users.id, scorecards.panelistId))
    .where(
      and(
        eq(scorecards.status, "submitted"),
        isNotNull(scorecards.submittedAt),
        isNotNull(interviews.scheduledAt),
        gte(scorecards.submittedAt, from),
      ),
    )
    .all()
    .map((r) => ({
      panelistId: r.panelistId,
      panelistName: r.panelistName,
      endedAt: r.scheduledAt! + r.durationMinutes * 60_000,
      submittedAt: r.submittedAt!,
    }));
}
