// Evidence-lint acknowledgements: the protected findings a panelist kept as job-related, with the
// reason. Written by their author only (the where clause names the panelist), read by the author's
// page and, once the scorecard is submitted, by the review and the packet.
import { and, asc, eq, inArray, sql } from "drizzle-orm";

import type { StoredAcknowledgement } from "../../../app/domain/scorecard/evidence-gate";
import type { FindingCategory } from "../../../app/domain/scorecard/evidence-lint";
import type { Db, DbOrTx, Tx } from "../../client.server";
import { evidenceAcknowledgements, interviews, scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import type { ScorecardTarget } from "./own-scorecard.server";

const columns = {
  scorecardId: evidenceAcknowledgements.scorecardId,
  key: evidenceAcknowledgements.findingKey,
  category: evidenceAcknowledgements.category,
  fieldPath: evidenceAcknowledgements.fieldPath,
  sentence: evidenceAcknowledgements.sentence,
  reason: evidenceAcknowledgements.reason,
  acknowledgedAt: evidenceAcknowledgements.acknowledgedAt,
};

function stored(row: { category: string } & Omit<StoredAcknowledgement, "category">): StoredAcknowledgement {
  return {
    key: row.key,
    category: row.category as FindingCategory,
    fieldPath: row.fieldPath,
    sentence: row.sentence,
    reason: row.reason,
    acknowledgedAt: row.acknowledgedAt,
  };
}

/** The panelist's own acknowledgements on their scorecard (draft or not). */
export function ownAcknowledgements(
  db: DbOrTx,
  opts: { scorecardId: string; panelistId: string },
): StoredAcknowledgement[] {
  return db
    .select(columns)
    .from(evidenceAcknowledgements)
    .innerJoin(scorecards, eq(scorecards.id, evidenceAcknowledgements.scorecardId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .orderBy(asc(evidenceAcknowledgements.acknowledgedAt), asc(evidenceAcknowledgements.findingKey))
    .all()
    .map(stored);
}

function buildLoopAcknowledgementsQuery(db: Db) {
  return db
    .select(columns)
    .from(evidenceAcknowledgements)
    .innerJoin(scorecards, eq(scorecards.id, evidenceAcknowledgements.scorecardId))
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, sql.placeholder("loopId")), eq(scorecards.status, "submitted")))
    .orderBy(asc(evidenceAcknowledgements.acknowledgedAt), asc(evidenceAcknowledgements.findingKey))
    .prepare();
}

// read by every review view: prepared once per connection
const loopAcknowledgementsQueries = new WeakMap<object, ReturnType<typeof buildLoopAcknowledgementsQuery>>();

/** The acknowledgements of a loop's submitted scorecards, by scorecard id (for the review and the packet). */
export function loopAcknowledgements(db: Db, loopId: string): Record<string, StoredAcknowledgement[]> {
  let q = loopAcknowledgementsQueries.get(db.$client);
  if (!q) loopAcknowledgementsQueries.set(db.$client, (q = buildLoopAcknowledgementsQuery(db)));
  const out: Record<string, StoredAcknowledgement[]> = {};
  for (const r of q.all({ loopId })) (out[r.scorecardId] ??= []).push(stored(r));
  return out;
}

/** Stores (or replaces) one acknowledgement with its audit entry, inside the caller's transaction. */
export function putAcknowledgement(
  tx: Tx,
  target: Pick<ScorecardTarget, "id" | "panelistId" | "loopId">,
  ack: StoredAcknowledgement,
): void {
  const row = {
    scorecardId: target.id,
    findingKey: ack.key,
    category: ack.category,
    fieldPath: ack.fieldPath,
    sentence: ack.sentence,
    reason: ack.reason,
    acknowledgedBy: target.panelistId,
    acknowledgedAt: ack.acknowledgedAt,
  };
  tx.insert(evidenceAcknowledgements)
    .values(row)
    .onConflictDoUpdate({
      target: [evidenceAcknowledgements.scorecardId, evidenceAcknowledgements.findingKey],
      set: {
        fieldPath: row.fieldPath,
        sentence: row.sentence,
        reason: row.reason,
        acknowledgedAt: row.acknowledgedAt,
      },
    })
    .run();
  // a scorecard entry: the loop's trail shows it only once the scorecard is submitted, without the reason
  writeAudit(
    tx,
    {
      actorId: target.panelistId,
      action: "scorecard.evidence_acknowledge",
      entityType: "scorecard",
      entityId: target.id,
      loopId: target.loopId,
      reason: ack.reason,
      after: { findingKey: ack.key, category: ack.category, field: ack.fieldPath, sentence: ack.sentence },
    },
    ack.acknowledgedAt,
  );
}

/** Drops acknowledgements whose finding was revised away, inside the caller's transaction. */
export function dropAcknowledgements(tx: Tx, scorecardId: string, keys: readonly string[]): void {
  if (keys.length === 0) return;
  tx.delete(evidenceAcknowledgements)
    .where(
      and(
        eq(evidenceAcknowledgements.scorecardId, scorecardId),
        inArray(evidenceAcknowledgements.findingKey, [...keys]),
      ),
    )
    .run();
}

/**
 * The acknowledge intent: one acknowledgement on the panelist's own scorecard while it is a draft or
 * being amended (never on a recused one). False when the scorecard is not theirs or not open.
 */
export function acknowledgeFinding(
  db: Db,
  target: Pick<ScorecardTarget, "id" | "panelistId" | "loopId">,
  ack: StoredAcknowledgement,
): boolean {
  return db.transaction((tx) => {
    const open = tx
      .select({ id: scorecards.id })
      .from(scorecards)
      .where(
        and(
          eq(scorecards.id, target.id),
          eq(scorecards.panelistId, target.panelistId),
          inArray(scorecards.status, ["draft", "submitted"]),
        ),
      )
      .get();
    if (!open) return false;
    putAcknowledgement(tx, target, ack);
    return true;
  });
}
