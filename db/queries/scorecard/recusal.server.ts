// Conflict of interest: a panelist recuses from an interview (the scorecard is excluded from
// aggregates; the recruiter sees it) or withdraws a declaration made by mistake.
import { and, eq, sql } from "drizzle-orm";

import type { Db } from "../../client.server";
import { scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onScorecardChanged } from "../outbox/events.server";
import type { ScorecardTarget } from "./own-scorecard.server";
import { timerElapsedNow } from "./timer.server";

/** Declares a conflict of interest: the scorecard is recused (excluded from aggregates; the recruiter sees it). */
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

/** Withdraws a conflict declaration made by mistake: back to a draft (not once the loop is decided). */
export function withdrawConflict(db: Db, target: ScorecardTarget, now = Date.now()): boolean {
  if (target.loopStatus === "decided" || target.loopStatus === "withdrawn") return false;
  return db.transaction(
    (tx) => {
      const before = tx
        .select({ note: scorecards.conflictNote })
        .from(scorecards)
        .where(eq(scorecards.id, target.id))
        .get();
      const res = tx
        .update(scorecards)
        .set({
          status: "draft",
          conflictNote: null,
          conflictDeclaredAt: null,
          version: sql`${scorecards.version} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "recused"),
          ),
        )
        .run();
      if (res.changes === 0) return false;
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.unrecuse",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          before: { status: "recused", conflictNote: before?.note ?? null },
          after: { status: "draft" },
        },
        now,
      );
      onScorecardChanged(tx, target.id, now);
      return true;
    },
    { behavior: "immediate" },
  );
}
