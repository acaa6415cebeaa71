// The versioned writes of a panelist's own scorecard: autosaves of drafts (batched), submit and
// amend. A stale version touches nothing and returns the server's copy (conflict) or the lock.
import { and, asc, eq, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";

import { changedFields, saveDecision } from "../../../app/domain/scorecard/rules";
import type { ScorecardValues } from "../../../app/domain/scorecard/schema";
import type { ScorecardStatus } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx, Tx } from "../../client.server";
import { scorecardArtifacts, scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onScorecardChanged } from "../outbox/events.server";
import { noteCalibrationInputsChanged } from "../review/calibration.server";
import { reviewNeutralWrite } from "../review/review-stamp.server";
import { writeChildren } from "./children.server";
import { readScorecardValues, type ScorecardTarget } from "./own-scorecard.server";
import { statements } from "./statements.server";
import { timerElapsedNow } from "./timer.server";

export type WriteResult =
  | { kind: "saved"; version: number; updatedAt: number }
  | { kind: "conflict"; server: ServerCopy }
  | { kind: "locked"; status: ScorecardStatus; version: number };

export interface ServerCopy {
  version: number;
  status: ScorecardStatus;
  updatedAt: number;
  values: ScorecardValues;
}

function serverCopy(db: DbOrTx, target: Pick<ScorecardTarget, "id" | "panelistId" | "facts">): ServerCopy | null {
  const row = db
    .select({ version: scorecards.version, status: scorecards.status, updatedAt: scorecards.updatedAt })
    .from(scorecards)
    .where(and(eq(scorecards.id, target.id), eq(scorecards.panelistId, target.panelistId)))
    .get();
  if (!row) return null;
  return { ...row, values: readScorecardValues(db, target.id, target.facts) };
}

function fieldsOf(values: ScorecardValues) {
  return {
    recommendation: values.recommendation === "" ? null : values.recommendation,
    levelSignal: values.levelSignal === "" ? null : values.levelSignal,
    summary: values.summary,
    overrideJustification: values.overrideJustification,
  };
}

/**
 * The conflict-free write: one conditional UPDATE … WHERE id AND panelist AND status AND version
 * inside a synchronous transaction, then the child rows and the audit entry. When the UPDATE
 * touches no row the save is refused and the server's copy is returned (conflict or locked).
 */
function versionedWrite(
  db: Db,
  target: ScorecardTarget,
  opts: {
    clientVersion: number;
    requireStatus: ScorecardStatus;
    set: SQLiteUpdateSetSource<typeof scorecards>;
    values: ScorecardValues;
    now: number;
    audit: (tx: Tx, newVersion: number) => void;
    /** further rows of the same write (evidence acknowledgements), in its transaction */
    alsoWrite?: ((tx: Tx) => void) | undefined;
  },
): WriteResult {
  return db.transaction(
    (tx): WriteResult => {
      const res = tx
        .update(scorecards)
        .set({ ...fieldsOf(opts.values), ...opts.set, version: sql`${scorecards.version} + 1`, updatedAt: opts.now })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, opts.requireStatus),
            eq(scorecards.version, opts.clientVersion),
          ),
        )
        .run();
      if (res.changes === 0) {
        const server = serverCopy(tx, target);
        if (!server) return { kind: "locked", status: target.status, version: target.version };
        if (server.status !== opts.requireStatus)
          return { kind: "locked", status: server.status, version: server.version };
        return { kind: "conflict", server };
      }
      writeChildren(db, target.id, opts.values, target.facts);
      const version = opts.clientVersion + 1;
      opts.audit(tx, version);
      opts.alsoWrite?.(tx);
      onScorecardChanged(tx, target.id, opts.now);
      return { kind: "saved", version, updatedAt: opts.now };
    },
    { behavior: "immediate" },
  );
}

export interface DraftSave {
  target: ScorecardTarget;
  values: ScorecardValues;
  clientVersion: number;
}

/**
 * Autosaves of drafts (one or several, e.g. every interviewer whose save arrived while the
 * previous commit was being written): ONE immediate transaction, hence one fsync, and inside it
 * one savepoint per save, so each save stands or falls on its own. Per save: the versioned
 * UPDATE … WHERE id AND panelist AND status = 'draft' AND version = the browser's, the changed
 * child rows and the audit entry, through prepared statements. A stale version touches nothing
 * and returns the server's copy (conflict) or the lock. Nothing is acknowledged before the
 * commit: callers answer only once this returns.
 */
export function saveDrafts(db: Db, saves: readonly DraftSave[], now = Date.now()): (WriteResult | Error)[] {
  const st = statements(db);
  const one = db.$client.transaction((save: DraftSave): WriteResult => {
    const { target, values, clientVersion } = save;
    if (saveDecision(target, clientVersion) === "locked")
      return { kind: "locked", status: target.status, version: target.version };
    const fields = fieldsOf(values);
    const res = st.updateDraft.run(
      fields.recommendation,
      fields.levelSignal,
      fields.summary,
      fields.overrideJustification,
      now,
      target.id,
      target.panelistId,
      clientVersion,
    );
    if (res.changes === 0) {
      const server = serverCopy(db, target);
      if (!server) return { kind: "locked", status: target.status, version: target.version };
      if (server.status !== "draft") return { kind: "locked", status: server.status, version: server.version };
      return { kind: "conflict", server };
    }
    writeChildren(db, target.id, values, target.facts);
    const version = clientVersion + 1;
    // the same entry writeAudit makes (JSON before/after), through the prepared statement
    st.audit.run(
      now,
      target.panelistId,
      target.id,
      target.loopId,
      JSON.stringify({ version: clientVersion }),
      JSON.stringify({ version }),
    );
    return { kind: "saved", version, updatedAt: now };
  });
  const all = db.$client.transaction((): (WriteResult | Error)[] =>
    saves.map((save) => {
      try {
        // nested in the outer transaction: better-sqlite3 runs it in a savepoint
        return one(save);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  // a draft's rows are its author's own: no review changes but its last save (read on every view)
  return reviewNeutralWrite(db, () => all.immediate());
}

/** Submitted ratings of this loop changed: the next review updates interviewer calibration. */
function noteIfSaved(loopId: string, result: WriteResult): WriteResult {
  if (result.kind === "saved") noteCalibrationInputsChanged(loopId);
  return result;
}

/** Submit and lock (values already passed the submit schema). */
export function submitScorecard(
  db: Db,
  target: ScorecardTarget,
  values: ScorecardValues,
  clientVersion: number,
  now = Date.now(),
  alsoWrite?: (tx: Tx) => void,
): WriteResult {
  return noteIfSaved(
    target.loopId,
    versionedWrite(db, target, {
      clientVersion,
      alsoWrite,
      requireStatus: "draft",
      set: {
        status: "submitted",
        submittedAt: now,
        timerRunning: false,
        timerStartedAt: null,
        timerAccumulatedMs: timerElapsedNow(target.timer, now),
      },
      values,
      now,
      audit: (tx, version) =>
        writeAudit(
          tx,
          {
            actorId: target.panelistId,
            action: "scorecard.submit",
            entityType: "scorecard",
            entityId: target.id,
            loopId: target.loopId,
            before: { status: "draft", version: clientVersion },
            after: {
              status: "submitted",
              version,
              recommendation: values.recommendation,
              ratings: summarizeRatings(values),
              // the pictures that were part of the submission, by content
              artifacts: tx
                .select({ sha256: scorecardArtifacts.sha256 })
                .from(scorecardArtifacts)
                .where(eq(scorecardArtifacts.scorecardId, target.id))
                .orderBy(asc(scorecardArtifacts.createdAt), asc(scorecardArtifacts.id))
                .all()
                .map((a) => a.sha256),
            },
          },
          now,
        ),
    }),
  );
}

function summarizeRatings(values: ScorecardValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, r] of Object.entries(values.ratings)) if (r.score !== "") out[k] = r.score;
  return out;
}

/**
 * Amends a submitted scorecard: stays submitted, amendCount + 1, the reason kept on the row and,
 * with the field-level before/after values, in the audit log.
 */
export function amendScorecard(
  db: Db,
  target: ScorecardTarget,
  values: ScorecardValues,
  clientVersion: number,
  reason: string,
  now = Date.now(),
  alsoWrite?: (tx: Tx) => void,
): WriteResult {
  const before = readScorecardValues(db, target.id, target.facts);
  const merged: ScorecardValues = { ...values, notes: values.notes ?? before.notes };
  const diff = changedFields(before, merged);
  return noteIfSaved(
    target.loopId,
    versionedWrite(db, target, {
      clientVersion,
      alsoWrite,
      requireStatus: "submitted",
      set: { amendCount: sql`${scorecards.amendCount} + 1`, lastAmendReason: reason },
      values: merged,
      now,
      audit: (tx, version) =>
        writeAudit(
          tx,
          {
            actorId: target.panelistId,
            action: "scorecard.amend",
            entityType: "scorecard",
            entityId: target.id,
            loopId: target.loopId,
            reason,
            before: { version: clientVersion, ...diff.before },
            after: { version, ...diff.after },
          },
          now,
        ),
    }),
  );
}
