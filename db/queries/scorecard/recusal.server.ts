// Conflict of interest: a panelist recuses from an interview. The scorecard is excluded from
// aggregates, the panelist from the loop's feedback (app/domain/review/access.ts), and the
// recusal is final: there is no way back to a draft, so a recusal can never be a detour to
// reading the panel's feedback before writing one's own (README, Decisions).
import { and, eq, sql } from "drizzle-orm";

import type { Db } from "../../client.server";
import { scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onScorecardChanged } from "../outbox/events.server";
import type { ScorecardTarget } from "./own-scorecard.server";
import { timerElapsedNow } from "./timer.server";

/** Declares a conflict of interest: the scorecard is recused for good (the recruiter sees that it is, not the note). */
export function declareConflict(db: Db, target: ScorecardTarget, note: string, now = Date.now()): boolean {
  return db.transaction(
    (tx) => {
      const res = tx
        .update(scorecards)
        .set({
          status: "recused",
          conflictNote: note,
          conflictDeclaredAt: now,
          timerRunning: false,
          timerStartedAt: null,
          timerAccumulatedMs: timerElapsedNow(target.timer, now),
          version: sql`${scorecards.version} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .run();
      if (res.changes === 0) return false;
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.recuse",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          reason: note,
          before: { status: "draft" },
          after: { status: "recused" },
        },
        now,
      );
      onScorecardChanged(tx, target.id, now);
      return true;
    },
    { behavior: "immediate" },
  );
}
