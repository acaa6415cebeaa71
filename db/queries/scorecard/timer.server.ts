import { and, eq } from "drizzle-orm";

import type { TimerState } from "../../../app/domain/scorecard/rules";
import { applyTimerOp } from "../../../app/domain/scorecard/rules";
import type { TimerOp } from "../../../app/domain/scorecard/schema";
import type { Db } from "../../client.server";
import { scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import type { ScorecardTarget } from "./own-scorecard.server";

/** Applies a timer operation (drafts only). Not versioned: the timer never conflicts with the text. */
export function applyTimer(db: Db, target: ScorecardTarget, op: TimerOp, now = Date.now()): TimerState | null {
  if (target.status !== "draft") return null;
  return db.transaction(
    (tx) => {
      const row = tx
        .select({
          startedAt: scorecards.timerStartedAt,
          accumulatedMs: scorecards.timerAccumulatedMs,
          running: scorecards.timerRunning,
        })
        .from(scorecards)
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .get();
      if (!row) return null;
      const next = applyTimerOp(row, op, now);
      if (next === row) return next;
      tx.update(scorecards)
        .set({ timerStartedAt: next.startedAt, timerAccumulatedMs: next.accumulatedMs, timerRunning: next.running })
        .where(and(eq(scorecards.id, target.id), eq(scorecards.panelistId, target.panelistId)))
        .run();
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: `scorecard.timer.${op}`,
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          before: row,
          after: next,
        },
        now,
      );
      return next;
    },
    { behavior: "immediate" },
  );
}

/** The timer's elapsed time with the clock stopped now (what a submit or a recusal stores). */
export function timerElapsedNow(t: TimerState, now: number): number {
  return applyTimerOp(t, "pause", now).accumulatedMs;
}
