/**
 * The scorecard form's plain half: limits, choices and labels, and the value helpers the page needs
 * to render. No zod here: the browser loads this with the page, while the schema that enforces
 * these limits (./schema.ts, which re-exports all of this) is loaded on the first interaction.
 *
 * Pure: no IO.
 */
import { LEVEL_SIGNALS, RECOMMENDATIONS } from "../vocabulary";
import type { QuickNote, ScorecardValues } from "./schema";

export { EVIDENCE_MIN, FLAG_NOTE_MIN, OVERRIDE_MIN } from "./rules";

/** Text limits. The server refuses longer text; the browser keeps it in the field and says why. */
export const LIMITS = {
  evidence: 10_000,
  summary: 10_000,
  override: 5_000,
  flagNote: 2_000,
  note: 2_000,
  conflictNote: 2_000,
  amendReason: 2_000,
  /** quick notes per scorecard */
  notes: 500,
  /** entries in any keyed section (ratings, flags, signals, focus points, probes) */
  entries: 100,
} as const;

/** Minimum amendment reason. */
export const AMEND_REASON_MIN = 10;

export const SCORE_VALUES = ["1", "2", "3", "4", "na"] as const;
/** "" = not rated yet; "na" = explicitly not assessed. */
export type ScoreValue = "" | (typeof SCORE_VALUES)[number];

export const KEY = /^[a-z0-9_]{1,64}$/;

export const TIMER_OPS = ["start", "pause", "reset"] as const;
export type TimerOp = (typeof TIMER_OPS)[number];

/** An empty scorecard in the form's shape (missing sections become empty records). */
export function emptyScorecardValues(): ScorecardValues {
  return {
    ratings: {},
    redFlags: {},
    signals: {},
    focus: {},
    probes: {},
    recommendation: "",
    levelSignal: "",
    summary: "",
    overrideJustification: "",
    notes: [],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A quick note's shape (the schema checks its limits). */
function isQuickNoteShaped(n: unknown): n is QuickNote {
  return (
    isRecord(n) &&
    typeof n.id === "string" &&
    typeof n.minute === "number" &&
    typeof n.body === "string" &&
    typeof n.at === "number"
  );
}

function firstString(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

/**
 * Whatever was posted, in the form's shape, without applying limits (no zod: the page renders with it): used to re-render a refused
 * form with every character the interviewer typed (too-long text included). Unknown shapes become
 * empty fields; keys are still restricted to the rubric-key alphabet.
 */
export function lenientScorecardValues(raw: unknown): ScorecardValues {
  const o = isRecord(raw) ? raw : {};
  const out = emptyScorecardValues();
  delete out.notes;
  const entries = (v: unknown) => (isRecord(v) ? Object.entries(v).filter(([k]) => KEY.test(k)) : []);
  for (const [k, r] of entries(o.ratings)) {
    const rr = isRecord(r) ? r : {};
    const score = firstString(typeof rr.score === "number" ? String(rr.score) : rr.score);
    out.ratings[k] = {
      score: (SCORE_VALUES as readonly string[]).includes(score) ? (score as ScoreValue) : "",
      evidence: firstString(rr.evidence),
    };
  }
  const checked = (v: unknown) => v === true || v === "on" || v === "true" || v === "1";
  for (const [k, f] of entries(o.redFlags)) {
    const ff = isRecord(f) ? f : {};
    out.redFlags[k] = { checked: checked(firstString(ff.checked) || ff.checked), note: firstString(ff.note) };
  }
  for (const [k, s] of entries(o.signals)) out.signals[k] = checked(firstString(s) || s);
  for (const [k, s] of entries(o.focus)) out.focus[k] = checked(firstString(s) || s);
  for (const [k, s] of entries(o.probes)) out.probes[k] = checked(firstString(s) || s);
  const rec = firstString(o.recommendation);
  out.recommendation = (RECOMMENDATIONS as readonly string[]).includes(rec)
    ? (rec as ScorecardValues["recommendation"])
    : "";
  const level = firstString(o.levelSignal);
  out.levelSignal = (LEVEL_SIGNALS as readonly string[]).includes(level)
    ? (level as ScorecardValues["levelSignal"])
    : "";
  out.summary = firstString(o.summary);
  out.overrideJustification = firstString(o.overrideJustification);
  if (Array.isArray(o.notes)) out.notes = o.notes.flatMap((n) => (isQuickNoteShaped(n) ? [n] : []));
  return out;
}

// The reason that keeps a protected evidence-lint finding: checked as it is typed, before the lint
// engine (evidence-lint.ts, loaded after hydration) is here.

/** Minimum reason for keeping a protected finding, counted after trimming. */
export const ACKNOWLEDGEMENT_REASON_MIN = 20;
export const ACKNOWLEDGEMENT_REASON_MAX = 1_000;

/** Null when `reason` is long enough to acknowledge a finding; otherwise what is missing. */
export function acknowledgementProblem(reason: string): string | null {
  const n = reason.trim().length;
  if (n < ACKNOWLEDGEMENT_REASON_MIN)
    return `Say why this is job-related (at least ${ACKNOWLEDGEMENT_REASON_MIN} characters; ${n} so far).`;
  if (n > ACKNOWLEDGEMENT_REASON_MAX) return `Keep the reason under ${ACKNOWLEDGEMENT_REASON_MAX} characters.`;
  return null;
}
