/**
 * The two mutations of the review page: record the hiring decision, reopen it. Each is one
 * transaction, guarded by the loop's status in the WHERE clause, with its audit entry.
 */
import { and, eq, inArray } from "drizzle-orm";

import { DECIDABLE_STATUSES } from "../../../app/domain/loop/status";
import type { Decision, LoopStatus } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { loops } from "../../schema";

import { writeAudit } from "../audit.server";
import { onDecisionRecorded } from "../outbox/events.server";

export type DecisionResult = { ok: true } | { ok: false; reason: "not_found" | "wrong_status"; status?: LoopStatus };

/**
 * Records the decision and moves the loop to "decided", with an audit entry, in one transaction.
 * The update is guarded by the status, so two concurrent decisions cannot both win.
 */
export function recordDecision(
  db: Db,
  opts: { loopId: string; actorId: string; decision: Decision; rationale: string; now?: number },
): DecisionResult {
  const now = opts.now ?? Date.now();
  return db.transaction((tx): DecisionResult => {
    const before = tx
      .select({ status: loops.status, decision: loops.decision })
      .from(loops)
      .where(eq(loops.id, opts.loopId))
      .get();
    if (!before) return { ok: false, reason: "not_found" };
    const updated = tx
      .update(loops)
      .set({
        status: "decided",
        decision: opts.decision,
        decisionRationale: opts.rationale,
        decidedBy: opts.actorId,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(loops.id, opts.loopId), inArray(loops.status, [...DECIDABLE_STATUSES])))
      .run();
    if (updated.changes !== 1) return { ok: false, reason: "wrong_status", status: before.status };
    writeAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "loop.decide",
        entityType: "loop",
        entityId: opts.loopId,
        loopId: opts.loopId,
        reason: opts.rationale,
        before: { status: before.status, decision: before.decision },
        after: { status: "decided", decision: opts.decision },
      },
      now,
    );
    onDecisionRecorded(tx, opts.loopId, now);
    return { ok: true };
  });
}

/** Reopens a decided loop: back to "debrief", decision cleared (kept in the audit entry). */
export function reopenLoop(
  db: Db,
  opts: { loopId: string; actorId: string; reason: string; now?: number },
): DecisionResult {
  const now = opts.now ?? Date.now();
  return db.transaction((tx): DecisionResult => {
    const before = tx
      .select({
        status: loops.status,
        decision: loops.decision,
        rationale: loops.decisionRationale,
        decidedBy: loops.decidedBy,
        decidedAt: loops.decidedAt,
      })
      .from(loops)
      .where(eq(loops.id, opts.loopId))
      .get();
    if (!before) return { ok: false, reason: "not_found" };
    const updated = tx
      .update(loops)
      .set({
        status: "debrief",
        decision: null,
        decisionRationale: null,
        decidedBy: null,
        decidedAt: null,
        updatedAt: now,
      })
      .where(and(eq(loops.id, opts.loopId), eq(loops.status, "decided")))
      .run();
    if (updated.changes !== 1) return { ok: false, reason: "wrong_status", status: before.status };
    writeAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "loop.reopen",
        entityType: "loop",
        entityId: opts.loopId,
        loopId: opts.loopId,
        reason: opts.reason,
        before,
        after: { status: "debrief", decision: null },
      },
      now,
    );
    return { ok: true };
  });
}
