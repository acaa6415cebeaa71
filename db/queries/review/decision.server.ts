/**
 * The two mutations of the review page: record the hiring decision, reopen it. Each is one
 * transaction, guarded by the loop's status in the WHERE clause, with its audit entry.
 */
import { and, eq, inArray } from "drizzle-orm";

import { DECIDABLE_STATUSES } from "../../../app/domain/loop/status";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import {
  overrideGrounds,
  overrideProblem,
  overrideSignalsOf,
  type OverrideGround,
} from "../../../app/domain/review/override";
import type { Decision, LoopStatus } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { loops } from "../../schema";

import { writeAudit } from "../audit.server";
import { onDecisionRecorded } from "../outbox/events.server";

import { loadLoopAggregationInput } from "./inputs.server";

export type DecisionResult =
  | { ok: true }
  | { ok: false; reason: "not_found" | "wrong_status"; status?: LoopStatus }
  | { ok: false; reason: "override"; message: string; grounds: OverrideGround[] };

/**
 * The grounds on which `decision` goes against the loop's counted feedback now (dealbreakers
 * raised, must-haves below the bar, the panel's majority): what the override must answer.
 */
export function decisionOverrideGrounds(db: Db, loopId: string, decision: Decision): OverrideGround[] {
  const input = loadLoopAggregationInput(db, loopId);
  return input ? overrideGrounds(overrideSignalsOf(aggregateLoop(input)), decision) : [];
}

/**
 * Records the decision and moves the loop to "decided", with an audit entry, in one transaction.
 * The update is guarded by the status, so two concurrent decisions cannot both win. A decision
 * against the rubric's signals needs a written override (app/domain/review/override.ts): the
 * grounds are computed here, inside the transaction, from the feedback as it stands, so every path
 * that records a decision (the review page, the debrief) obeys the same rule; without a valid
 * override nothing is written. Called inside another transaction (the debrief's decision) it runs
 * as a savepoint of it (better-sqlite3 nests transactions on one connection).
 */
export function recordDecision(
  db: Db,
  opts: {
    loopId: string;
    actorId: string;
    decision: Decision;
    rationale: string;
    /** the written override; only stored when the decision needs one */
    override?: string;
    now?: number;
  },
): DecisionResult {
  const now = opts.now ?? Date.now();
  return db.transaction((tx): DecisionResult => {
    const before = tx
      .select({ status: loops.status, decision: loops.decision })
      .from(loops)
      .where(eq(loops.id, opts.loopId))
      .get();
    if (!before) return { ok: false, reason: "not_found" };
    if (!(DECIDABLE_STATUSES as readonly string[]).includes(before.status))
      return { ok: false, reason: "wrong_status", status: before.status };
    const grounds = decisionOverrideGrounds(db, opts.loopId, opts.decision);
    const text = (opts.override ?? "").trim();
    const problem = overrideProblem(grounds, text, opts.rationale);
    if (problem) return { ok: false, reason: "override", message: problem, grounds };
    const override = grounds.length ? { text, grounds } : null;
    const updated = tx
      .update(loops)
      .set({
        status: "decided",
        decision: opts.decision,
        decisionRationale: opts.rationale,
        decisionOverride: override?.text ?? null,
        decisionOverrideGrounds: override?.grounds ?? null,
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
        after: override
          ? { status: "decided", decision: opts.decision, override }
          : { status: "decided", decision: opts.decision },
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
        override: loops.decisionOverride,
        overrideGrounds: loops.decisionOverrideGrounds,
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
        decisionOverride: null,
        decisionOverrideGrounds: null,
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
