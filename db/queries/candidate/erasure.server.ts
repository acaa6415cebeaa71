// GDPR erasure of a candidate and the retention list. Rules in app/domain/candidate/erasure.ts.
//
// Erasure, in ONE transaction:
//  - the candidate row keeps its id (loops and audit entries still point at it) but loses every
//    personal field: name -> "Erased candidate", email/title/source/links/notes blanked, erasedAt set;
//  - every loop of the candidate: the decision rationale and the debrief's conclusions are removed;
//    active loops are withdrawn;
//  - every scorecard on those loops: summary, override justification, conflict note and amend
//    reason removed; evidence cleared; red-flag notes cleared; quick notes and artifacts (images
//    with their captions) deleted; numeric ratings
//    (scores, not-assessed marks, flags, signals, focus ticks, recommendation) kept only when the
//    admin chose "keep anonymised for calibration", else deleted;
//  - every audit entry of those loops (and of the candidate itself) is redacted: before/after ->
//    {"erased":true}, reason -> "[erased]" (the append-only triggers permit exactly this);
//  - one new audit entry records the erasure with counts only.
// `secure_delete` is on for the transaction so freed cells are zeroed in the file; afterwards the
// file is VACUUMed (older autosaved versions of the text in free space go too) and the WAL is
// checkpointed and truncated, so no old page images of the erased text stay on disk.
import { and, desc, eq, inArray, isNotNull, isNull, max, or, sql } from "drizzle-orm";

import {
  DEFAULT_RETENTION_DAYS,
  ERASED_AUDIT_JSON,
  ERASED_REASON,
  isActiveLoopStatus,
  parseRetentionDays,
  RETENTION_SETTING_KEY,
  retentionState,
} from "../../../app/domain/candidate/erasure";
import type { ErasureSummary, RetentionState } from "../../../app/domain/candidate/erasure";
import { ERASED_CANDIDATE_NAME, type LoopStatus } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import {
  auditLog,
  candidates,
  debriefItems,
  debriefSessions,
  focusTicks,
  probeTicks,
  interviews,
  loops,
  evidenceAcknowledgements,
  quickNotes,
  ratings,
  redFlagMarks,
  scorecardArtifacts,
  scorecards,
  settings,
  signalMarks,
  users,
} from "../../schema";

import { onCandidateErased } from "../outbox/events.server";
import { writeAudit } from "../audit.server";
import { noteCalibrationInputsChanged } from "../review/calibration.server";

export interface ErasureSubject {
  id: string;
  name: string;
  email: string;
  currentTitle: string;
  erasedAt: number | null;
  loops: { id: string; status: LoopStatus; hiringManager: string; decision: string | null }[];
  counts: {
    scorecards: number;
    ratings: number;
    evidence: number;
    quickNotes: number;
    redFlagNotes: number;
    auditEntries: number;
  };
}

function scorecardIdsOf(db: Pick<Db, "select">, loopIds: string[]): string[] {
  if (loopIds.length === 0) return [];
  return db
    .select({ id: scorecards.id })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(inArray(interviews.loopId, loopIds))
    .all()
    .map((r) => r.id);
}

function interviewIdsOf(db: Pick<Db, "select">, loopIds: string[]): string[] {
  if (loopIds.length === 0) return [];
  return db
    .select({ id: interviews.id })
    .from(interviews)
    .where(inArray(interviews.loopId, loopIds))
    .all()
    .map((r) => r.id);
}

/**
 * The audit entries about a candidate: the candidate's own entries, and every entry of their
 * loops — by loop id, or by the id of a loop, interview or scorecard of theirs.
 */
function auditScope(db: Pick<Db, "select">, candidateId: string, loopIds: string[]) {
  const ofCandidate = and(eq(auditLog.entityType, "candidate"), eq(auditLog.entityId, candidateId));
  if (loopIds.length === 0) return ofCandidate;
  const entityIds = [...loopIds, ...interviewIdsOf(db, loopIds), ...scorecardIdsOf(db, loopIds)];
  return or(ofCandidate, inArray(auditLog.loopId, loopIds), inArray(auditLog.entityId, entityIds));
}

function countWhere(n: { n: number } | undefined): number {
  return n?.n ?? 0;
}

/** What the erasure page shows before the admin confirms. Null when there is no such candidate. */
export function getErasureSubject(db: Db, candidateId: string): ErasureSubject | null {
  const c = db
    .select({
      id: candidates.id,
      name: candidates.name,
      email: candidates.email,
      currentTitle: candidates.currentTitle,
      erasedAt: candidates.erasedAt,
    })
    .from(candidates)
    .where(eq(candidates.id, candidateId))
    .get();
  if (!c) return null;
  const loopRows = db
    .select({ id: loops.id, status: loops.status, hiringManager: users.name, decision: loops.decision })
    .from(loops)
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .where(eq(loops.candidateId, candidateId))
    .orderBy(desc(loops.createdAt))
    .all();
  const loopIds = loopRows.map((l) => l.id);
  const cardIds = scorecardIdsOf(db, loopIds);
  const count = sql<number>`count(*)`.mapWith(Number);
  const counts = {
    scorecards: cardIds.length,
    ratings: cardIds.length
      ? countWhere(db.select({ n: count }).from(ratings).where(inArray(ratings.scorecardId, cardIds)).get())
      : 0,
    evidence: cardIds.length
      ? countWhere(
          db
            .select({ n: count })
            .from(ratings)
            .where(and(inArray(ratings.scorecardId, cardIds), sql`${ratings.evidence} <> ''`))
            .get(),
        )
      : 0,
    quickNotes: cardIds.length
      ? countWhere(db.select({ n: count }).from(quickNotes).where(inArray(quickNotes.scorecardId, cardIds)).get())
      : 0,
    redFlagNotes: cardIds.length
      ? countWhere(
          db
            .select({ n: count })
            .from(redFlagMarks)
            .where(and(inArray(redFlagMarks.scorecardId, cardIds), sql`${redFlagMarks.note} <> ''`))
            .get(),
        )
      : 0,
    auditEntries: countWhere(
      db
        .select({ n: count })
        .from(auditLog)
        .where(auditScope(db, candidateId, loopIds))
        .get(),
    ),
  };
  return { ...c, loops: loopRows, counts };
}

export type EraseResult = { ok: true; summary: ErasureSummary } | { ok: false; reason: "not_found" | "already_erased" };

/** Erases a candidate (see the header comment). Synchronous, one transaction. */
export function eraseCandidate(
  db: Db,
  opts: { candidateId: string; actorId: string; keepRatings: boolean; now?: number },
): EraseResult {
  const now = opts.now ?? Date.now();
  const client = db.$client;
  const previousSecureDelete = client.pragma("secure_delete", { simple: true }) as number;
  client.pragma("secure_delete = ON");
  let result: EraseResult;
  let erasedLoops: string[] = [];
  try {
    result = db.transaction((tx): EraseResult => {
      const c = tx
        .select({ id: candidates.id, erasedAt: candidates.erasedAt })
        .from(candidates)
        .where(eq(candidates.id, opts.candidateId))
        .get();
      if (!c) return { ok: false, reason: "not_found" };
      if (c.erasedAt !== null) return { ok: false, reason: "already_erased" };

      const loopRows = tx
        .select({ id: loops.id, status: loops.status })
        .from(loops)
        .where(eq(loops.candidateId, c.id))
        .all();
      const loopIds = loopRows.map((l) => l.id);
      erasedLoops = loopIds;
      const cardIds = scorecardIdsOf(tx, loopIds);
      onCandidateErased(tx, c.id, loopIds);
      const summary: ErasureSummary = {
        keepRatings: opts.keepRatings,
        loops: loopIds.length,
        loopsWithdrawn: 0,
        scorecards: cardIds.length,
        ratingsKept: 0,
        ratingsDeleted: 0,
        evidenceCleared: 0,
        quickNotesDeleted: 0,
        redFlagNotesCleared: 0,
        auditEntriesRedacted: 0,
      };

      // 1. the audit entries first (before this erasure writes its own entry)
      const redacted = tx
        .update(auditLog)
        .set({
          before: sql`case when ${auditLog.before} is null then null else ${ERASED_AUDIT_JSON} end`,
          after: sql`case when ${auditLog.after} is null then null else ${ERASED_AUDIT_JSON} end`,
          reason: sql`case when ${auditLog.reason} is null then null else ${ERASED_REASON} end`,
        })
        .where(auditScope(tx, c.id, loopIds))
        .run();
      summary.auditEntriesRedacted = redacted.changes;

      // 2. scorecards' free text
      if (cardIds.length > 0) {
        summary.quickNotesDeleted = tx.delete(quickNotes).where(inArray(quickNotes.scorecardId, cardIds)).run().changes;
        // what the candidate drew is theirs too: images and captions go whatever is kept for calibration
        tx.delete(scorecardArtifacts).where(inArray(scorecardArtifacts.scorecardId, cardIds)).run();
        // kept-as-job-related sentences and reasons are the scorecard's free text too
        tx.delete(evidenceAcknowledgements).where(inArray(evidenceAcknowledgements.scorecardId, cardIds)).run();
        summary.evidenceCleared = countWhere(
          tx
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(ratings)
            .where(and(inArray(ratings.scorecardId, cardIds), sql`${ratings.evidence} <> ''`))
            .get(),
        );
        summary.redFlagNotesCleared = countWhere(
          tx
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(redFlagMarks)
            .where(and(inArray(redFlagMarks.scorecardId, cardIds), sql`${redFlagMarks.note} <> ''`))
            .get(),
        );
        if (opts.keepRatings) {
          summary.ratingsKept = tx
            .update(ratings)
            .set({ evidence: "" })
            .where(inArray(ratings.scorecardId, cardIds))
            .run().changes;
          tx.update(redFlagMarks).set({ note: "" }).where(inArray(redFlagMarks.scorecardId, cardIds)).run();
        } else {
          summary.ratingsDeleted = tx.delete(ratings).where(inArray(ratings.scorecardId, cardIds)).run().changes;
          tx.delete(redFlagMarks).where(inArray(redFlagMarks.scorecardId, cardIds)).run();
          tx.delete(signalMarks).where(inArray(signalMarks.scorecardId, cardIds)).run();
          tx.delete(focusTicks).where(inArray(focusTicks.scorecardId, cardIds)).run();
          tx.delete(probeTicks).where(inArray(probeTicks.scorecardId, cardIds)).run();
        }
        tx.update(scorecards)
          .set({
            summary: "",
            overrideJustification: "",
            conflictNote: sql`case when ${scorecards.conflictNote} is null then null else '' end`,
            lastAmendReason: sql`case when ${scorecards.lastAmendReason} is null then null else '' end`,
            ...(opts.keepRatings ? {} : { recommendation: null, levelSignal: null }),
            updatedAt: now,
          })
          .where(inArray(scorecards.id, cardIds))
          .run();
      }

      // 3. loops: the rationale and any override go; loops still under way are withdrawn
      for (const l of loopRows) {
        const withdraw = isActiveLoopStatus(l.status);
        if (withdraw) summary.loopsWithdrawn++;
        tx.update(loops)
          .set({
            decisionRationale: sql`case when ${loops.decisionRationale} is null then null else '' end`,
            decisionOverride: sql`case when ${loops.decisionOverride} is null then null else '' end`,
            ...(withdraw ? { status: "withdrawn" as const } : {}),
            updatedAt: now,
          })
          .where(eq(loops.id, l.id))
          .run();
      }

      // the debrief's conclusions are free text about the candidate too
      if (loopIds.length > 0) {
        const sessions = tx
          .select({ id: debriefSessions.id })
          .from(debriefSessions)
          .where(inArray(debriefSessions.loopId, loopIds))
          .all()
          .map((r) => r.id);
        if (sessions.length > 0)
          tx.update(debriefItems).set({ conclusion: "" }).where(inArray(debriefItems.sessionId, sessions)).run();
      }

      // 4. the candidate
      tx.update(candidates)
        .set({
          name: ERASED_CANDIDATE_NAME,
          email: "",
          currentTitle: "",
          source: "",
          links: [],
          notes: "",
          erasedAt: now,
          updatedAt: now,
        })
        .where(eq(candidates.id, c.id))
        .run();

      // 5. the erasure itself, without the erased data
      writeAudit(
        tx,
        { actorId: opts.actorId, action: "candidate.erase", entityType: "candidate", entityId: c.id, after: summary },
        now,
      );
      return { ok: true, summary };
    });
  } finally {
    client.pragma(`secure_delete = ${previousSecureDelete ? "ON" : "OFF"}`);
  }
  if (result.ok) {
    // ratings were deleted or anonymised without a scorecard version bump
    for (const loopId of erasedLoops) noteCalibrationInputsChanged(loopId);
    // Earlier versions of the erased text (every autosave rewrote it) may survive in free space
    // of pages freed before this transaction: VACUUM rebuilds the file without them. Then the
    // WAL, which holds old page images, is checkpointed and truncated. Erasure is a rare admin
    // action; the rebuild takes well under a second for a database of a few thousand loops.
    try {
      client.exec("VACUUM");
    } catch {
      // busy (a long reader): secure_delete already zeroed what this erasure freed
    }
    try {
      client.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // a busy checkpoint is retried by SQLite's automatic checkpoints later
    }
  }
  return result;
}

/** The erasure audit entry of an erased candidate (counts only), for the confirmation page. */
export function getErasureRecord(
  db: Db,
  candidateId: string,
): { at: number; actorName: string | null; summary: ErasureSummary | null } | null {
  const row = db
    .select({ at: auditLog.at, after: auditLog.after, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.action, "candidate.erase"),
        eq(auditLog.entityType, "candidate"),
        eq(auditLog.entityId, candidateId),
      ),
    )
    .orderBy(desc(auditLog.id))
    .get();
  if (!row) return null;
  const summary =
    row.after && typeof row.after === "object" && "keepRatings" in row.after ? (row.after as ErasureSummary) : null;
  return { at: row.at, actorName: row.actorName, summary };
}

// ------------------------------------------------------------------ retention

export function getRetentionDays(db: Pick<Db, "select">): number {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, RETENTION_SETTING_KEY)).get();
  return row ? parseRetentionDays(row.value) : DEFAULT_RETENTION_DAYS;
}

export function setRetentionDays(db: Db, actorId: string, days: number): void {
  db.transaction((tx) => {
    const before = getRetentionDays(tx);
    tx.insert(settings)
      .values({ key: RETENTION_SETTING_KEY, value: String(days) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(days) } })
      .run();
    writeAudit(tx, {
      actorId,
      action: "settings.retention",
      entityType: "settings",
      entityId: RETENTION_SETTING_KEY,
      before: { retentionDays: before },
      after: { retentionDays: days },
    });
  });
}

export interface RetentionRow {
  id: string;
  name: string;
  lastActivityAt: number;
  loops: { id: string; status: LoopStatus; decision: string | null }[];
  state: RetentionState;
}

/**
 * Every candidate not yet erased, with the last activity (profile edits, loop changes and
 * decisions, scorecard edits and submissions) and its retention state. Sorted oldest activity first.
 */
export function listRetention(db: Db, now: number, retentionDays: number): RetentionRow[] {
  const cands = db
    .select({
      id: candidates.id,
      name: candidates.name,
      createdAt: candidates.createdAt,
      updatedAt: candidates.updatedAt,
      erasedAt: candidates.erasedAt,
    })
    .from(candidates)
    .where(isNull(candidates.erasedAt))
    .all();
  if (cands.length === 0) return [];
  const loopRows = db
    .select({
      id: loops.id,
      candidateId: loops.candidateId,
      status: loops.status,
      decision: loops.decision,
      updatedAt: loops.updatedAt,
      decidedAt: loops.decidedAt,
    })
    .from(loops)
    .all();
  const cardActivity = db
    .select({ loopId: interviews.loopId, last: max(scorecards.updatedAt), lastSubmitted: max(scorecards.submittedAt) })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .groupBy(interviews.loopId)
    .all();
  const interviewActivity = db
    .select({ loopId: interviews.loopId, last: max(interviews.scheduledAt) })
    .from(interviews)
    .where(isNotNull(interviews.scheduledAt))
    .groupBy(interviews.loopId)
    .all();
  const lastByLoop = new Map<string, number>();
  const bump = (loopId: string, t: number | null | undefined) => {
    if (typeof t === "number" && Number.isFinite(t) && t <= now)
      lastByLoop.set(loopId, Math.max(lastByLoop.get(loopId) ?? 0, t));
  };
  for (const a of cardActivity) {
    bump(a.loopId, a.last);
    bump(a.loopId, a.lastSubmitted);
  }
  for (const a of interviewActivity) bump(a.loopId, a.last);
  const loopsByCandidate = new Map<string, typeof loopRows>();
  for (const l of loopRows) {
    bump(l.id, l.updatedAt);
    bump(l.id, l.decidedAt);
    const list = loopsByCandidate.get(l.candidateId) ?? [];
    list.push(l);
    loopsByCandidate.set(l.candidateId, list);
  }
  const rows: RetentionRow[] = cands.map((c) => {
    const ls = loopsByCandidate.get(c.id) ?? [];
    const lastActivityAt = Math.max(c.createdAt, c.updatedAt, ...ls.map((l) => lastByLoop.get(l.id) ?? 0));
    return {
      id: c.id,
      name: c.name,
      lastActivityAt,
      loops: ls.map((l) => ({ id: l.id, status: l.status, decision: l.decision })),
      state: retentionState(
        { erasedAt: c.erasedAt, loopStatuses: ls.map((l) => l.status), lastActivityAt },
        now,
        retentionDays,
      ),
    };
  });
  return rows.sort((a, b) => a.lastActivityAt - b.lastActivityAt);
}

export function countErasedCandidates(db: Db): number {
  return countWhere(
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(candidates)
      .where(isNotNull(candidates.erasedAt))
      .get(),
  );
}
