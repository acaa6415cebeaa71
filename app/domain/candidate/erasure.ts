/**
 * GDPR erasure and retention: the pure rules. What an erased candidate looks like, what the audit
 * log keeps of an erased loop, how the typed confirmation is compared, and which candidates are
 * due for erasure under the retention period. No IO.
 */
import type { LoopStatus } from "../vocabulary";

/** What the audit log keeps of an erased entry's before/after payloads, and of its reason. */
export const ERASED_AUDIT_JSON = '{"erased":true}';
export const ERASED_REASON = "[erased]";

export const DEFAULT_RETENTION_DAYS = 365;
export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;
export const RETENTION_SETTING_KEY = "retention_days";

/** Loops still under way: their candidate is never "due" for erasure. */
export const ACTIVE_LOOP_STATUSES: readonly LoopStatus[] = ["planning", "scheduled", "in_progress", "debrief"];

export function isActiveLoopStatus(status: LoopStatus): boolean {
  return ACTIVE_LOOP_STATUSES.includes(status);
}

/** Case-, accent-composition- and whitespace-insensitive; every letter must still be there. */
export function normalizeForConfirmation(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim().toLocaleLowerCase("en-US");
}

/** The admin typed the candidate's name (as shown) to confirm an irreversible erasure. */
export function confirmationMatches(typed: string, candidateName: string): boolean {
  const want = normalizeForConfirmation(candidateName);
  return want.length > 0 && normalizeForConfirmation(typed) === want;
}

/** A stored retention setting, parsed; anything unusable falls back to the default. */
export function parseRetentionDays(stored: string | null | undefined): number {
  if (stored === null || stored === undefined) return DEFAULT_RETENTION_DAYS;
  if (!/^\d{1,5}$/.test(stored.trim())) return DEFAULT_RETENTION_DAYS;
  const n = Number(stored.trim());
  return n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS ? n : DEFAULT_RETENTION_DAYS;
}

export interface RetentionFacts {
  erasedAt: number | null;
  /** statuses of the candidate's loops */
  loopStatuses: readonly LoopStatus[];
  /** epoch ms of the latest thing that happened to the candidate (profile, loop, scorecard) */
  lastActivityAt: number;
}

const DAY_MS = 86_400_000;

/** When the candidate becomes due: last activity + the retention period. */
export function dueAt(lastActivityAt: number, retentionDays: number): number {
  return lastActivityAt + retentionDays * DAY_MS;
}

export type RetentionState = "erased" | "active" | "due" | "retained";

/**
 * - erased: nothing left to do;
 * - active: a loop is still under way (never due, whatever its age);
 * - due: no active loop and the last activity is older than the retention period;
 * - retained: within the period.
 */
export function retentionState(f: RetentionFacts, now: number, retentionDays: number): RetentionState {
  if (f.erasedAt !== null) return "erased";
  if (f.loopStatuses.some(isActiveLoopStatus)) return "active";
  return now >= dueAt(f.lastActivityAt, retentionDays) ? "due" : "retained";
}

export function isDueForErasure(f: RetentionFacts, now: number, retentionDays: number): boolean {
  return retentionState(f, now, retentionDays) === "due";
}

/** Whole days past due (0 on the day it becomes due). */
export function daysOverdue(lastActivityAt: number, now: number, retentionDays: number): number {
  return Math.max(0, Math.floor((now - dueAt(lastActivityAt, retentionDays)) / DAY_MS));
}

/** What an erasure did, for the confirmation and the audit entry (counts only, never content). */
export interface ErasureSummary {
  keepRatings: boolean;
  loops: number;
  loopsWithdrawn: number;
  scorecards: number;
  ratingsKept: number;
  ratingsDeleted: number;
  evidenceCleared: number;
  quickNotesDeleted: number;
  redFlagNotesCleared: number;
  auditEntriesRedacted: number;
}
