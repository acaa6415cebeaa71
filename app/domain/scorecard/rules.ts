/**
 * Scorecard rules: what a scorecard needs before it can be submitted, when a Hire needs a written
 * override, how a versioned save is decided, what differs between two copies (the conflict view)
 * and the interview timer. Where an assignment belongs on "My interviews" is ./assignments.ts.
 * Pure; no IO.
 */
import type { RedFlagSeverity, ScorecardStatus } from "../vocabulary";
import { isFormat2, type RubricContent } from "../rubric/model";
import { isPositiveRecommendation, LEVEL_SIGNAL_LABELS, RATING_LABELS, RECOMMENDATION_LABELS } from "../vocabulary";
import type { QuickNote, ScorecardValues, ScoreValue } from "./schema";

/** Minimum evidence for a rating, counted after trimming. */
export const EVIDENCE_MIN = 20;
/** Minimum note on a ticked red flag. */
export const FLAG_NOTE_MIN = 10;
/** Minimum written override justification (Hire with a dealbreaker flag). */
export const OVERRIDE_MIN = 20;

/** The rubric facts a scorecard is checked against. */
export interface ScorecardContext {
  /** dimension keys the interview's exercise assesses (must be rated or "not assessed") */
  assessedKeys: readonly string[];
  /** every dimension key of the rubric version (others may be rated optionally) */
  dimensionKeys: readonly string[];
  redFlags: readonly { key: string; severity: RedFlagSeverity }[];
  signalKeys: readonly string[];
  /** the exercise's focus points */
  focusKeys: readonly string[];
  /** the exercise's probes (format 2; empty otherwise) */
  probeKeys: readonly string[];
  /** the rubric asks for a level signal (format 2) */
  levelSignal: boolean;
}

/** Builds the context for one exercise of a rubric version; null when the exercise is unknown. */
export function scorecardContext(rubric: RubricContent, exerciseKey: string): ScorecardContext | null {
  const exercise = rubric.exercises.find((e) => e.key === exerciseKey);
  if (!exercise) return null;
  return {
    assessedKeys: exercise.dimensionKeys,
    dimensionKeys: rubric.dimensions.map((d) => d.key),
    redFlags: rubric.redFlags.map((f) => ({ key: f.key, severity: f.severity })),
    signalKeys: rubric.signals.map((s) => s.key),
    focusKeys: exercise.focusPoints.map((f) => f.key),
    probeKeys: (exercise.probes ?? []).map((p) => p.key),
    levelSignal: isFormat2(rubric),
  };
}

export interface Problem {
  path: string[];
  message: string;
}

/** Keys the rubric does not know (a stale or forged payload): refused, never stored. */
export function unknownKeyProblems(v: ScorecardValues, ctx: ScorecardContext): Problem[] {
  const out: Problem[] = [];
  const dims = new Set(ctx.dimensionKeys);
  const flags = new Set(ctx.redFlags.map((f) => f.key));
  const signals = new Set(ctx.signalKeys);
  const focus = new Set(ctx.focusKeys);
  for (const k of Object.keys(v.ratings))
    if (!dims.has(k)) out.push({ path: ["ratings", k], message: "This dimension is not part of the rubric." });
  for (const k of Object.keys(v.redFlags))
    if (!flags.has(k)) out.push({ path: ["redFlags", k], message: "This red flag is not part of the rubric." });
  for (const k of Object.keys(v.signals))
    if (!signals.has(k)) out.push({ path: ["signals", k], message: "This signal is not part of the rubric." });
  for (const k of Object.keys(v.focus))
    if (!focus.has(k)) out.push({ path: ["focus", k], message: "This focus point is not part of the exercise." });
  const probes = new Set(ctx.probeKeys);
  for (const k of Object.keys(v.probes))
    if (!probes.has(k)) out.push({ path: ["probes", k], message: "This probe is not part of the exercise." });
  if (!ctx.levelSignal && v.levelSignal !== "")
    out.push({ path: ["levelSignal"], message: "This rubric does not ask for a level signal." });
  return out;
}

/** Dealbreaker flags the interviewer has ticked. */
export function tickedDealbreakers(
  v: Pick<ScorecardValues, "redFlags">,
  ctx: Pick<ScorecardContext, "redFlags">,
): string[] {
  return ctx.redFlags.filter((f) => f.severity === "dealbreaker" && v.redFlags[f.key]?.checked).map((f) => f.key);
}

/**
 * The override rule: a "Hire" or "Strong hire" while a dealbreaker red flag is ticked must carry a
 * written justification, which the hiring manager sees labelled as an override.
 *
 * @example
 * needsOverrideJustification({ recommendation: "hire", redFlags: { no_incident_experience: { checked: true, note: "…" } } }, ctx) // true
 */
export function needsOverrideJustification(
  v: Pick<ScorecardValues, "recommendation" | "redFlags">,
  ctx: Pick<ScorecardContext, "redFlags">,
): boolean {
  return v.recommendation !== "" && isPositiveRecommendation(v.recommendation) && tickedDealbreakers(v, ctx).length > 0;
}

/**
 * What stops a submission, each with the form path it belongs to (shown inline there):
 * an overall recommendation; a rating or explicit "not assessed" for every dimension the exercise
 * assesses; evidence of at least EVIDENCE_MIN characters for every rating (including optional
 * extra dimensions); a note on every ticked red flag; the override justification.
 */
export function submitProblems(v: ScorecardValues, ctx: ScorecardContext): Problem[] {
  const out: Problem[] = [];
  for (const key of ctx.assessedKeys) {
    const r = v.ratings[key];
    if (!r || r.score === "")
      out.push({ path: ["ratings", key, "score"], message: "Rate this dimension 1–4, or mark it Not assessed." });
  }
  for (const [key, r] of Object.entries(v.ratings)) {
    if (r.score === "" || r.score === "na") continue;
    if (r.evidence.trim().length < EVIDENCE_MIN) {
      out.push({
        path: ["ratings", key, "evidence"],
        message: `Add the evidence behind this rating (at least ${EVIDENCE_MIN} characters): what did the candidate say or do?`,
      });
    }
  }
  for (const [key, f] of Object.entries(v.redFlags)) {
    if (f.checked && f.note.trim().length < FLAG_NOTE_MIN) {
      out.push({
        path: ["redFlags", key, "note"],
        message: `Describe what you observed (at least ${FLAG_NOTE_MIN} characters).`,
      });
    }
  }
  if (v.recommendation === "") out.push({ path: ["recommendation"], message: "Choose an overall recommendation." });
  if (needsOverrideJustification(v, ctx) && v.overrideJustification.trim().length < OVERRIDE_MIN) {
    out.push({
      path: ["overrideJustification"],
      message: `You recommend hiring despite a dealbreaker red flag: justify the override (at least ${OVERRIDE_MIN} characters). The hiring manager sees it as an override.`,
    });
  }
  return out;
}

/** How far along a scorecard is, for the header ("3 of 4 rated · 2 to fix"). */
export function completeness(
  v: ScorecardValues,
  ctx: ScorecardContext,
): { rated: number; assessed: number; problems: number } {
  const rated = ctx.assessedKeys.filter((k) => (v.ratings[k]?.score ?? "") !== "").length;
  return { rated, assessed: ctx.assessedKeys.length, problems: submitProblems(v, ctx).length };
}

// ------------------------------------------------------------------ versioned saves

export type SaveDecision = "apply" | "conflict" | "locked";

/**
 * The conflict rule for optimistic concurrency: a save applies only to a draft whose stored
 * version is exactly the version the browser last saw. Anything else is a conflict (another tab
 * or device saved in between: never overwrite silently) or locked (submitted or recused).
 *
 * @example
 * saveDecision({ status: "draft", version: 7 }, 7) // "apply"
 * saveDecision({ status: "draft", version: 8 }, 7) // "conflict"
 */
export function saveDecision(
  server: { status: ScorecardStatus; version: number },
  clientVersion: number,
): SaveDecision {
  if (server.status !== "draft") return "locked";
  return server.version === clientVersion ? "apply" : "conflict";
}

/**
 * The canonical form of a scorecard: empty ratings, unticked flags/signals/focus points dropped,
 * keys sorted. Two copies are the same scorecard exactly when their canonical forms are equal.
 */
export function normalizeValues(v: ScorecardValues): ScorecardValues {
  const sortedEntries = <T>(r: Record<string, T>) => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const ratings: ScorecardValues["ratings"] = {};
  for (const [k, r] of sortedEntries(v.ratings))
    if (r.score !== "" || r.evidence !== "") ratings[k] = { score: r.score, evidence: r.evidence };
  const redFlags: ScorecardValues["redFlags"] = {};
  for (const [k, f] of sortedEntries(v.redFlags)) if (f.checked) redFlags[k] = { checked: true, note: f.note };
  const signals: ScorecardValues["signals"] = {};
  for (const [k, s] of sortedEntries(v.signals)) if (s) signals[k] = true;
  const focus: ScorecardValues["focus"] = {};
  for (const [k, s] of sortedEntries(v.focus)) if (s) focus[k] = true;
  const probes: ScorecardValues["probes"] = {};
  for (const [k, s] of sortedEntries(v.probes ?? {})) if (s) probes[k] = true;
  const out: ScorecardValues = {
    ratings,
    redFlags,
    signals,
    focus,
    probes,
    recommendation: v.recommendation,
    levelSignal: v.levelSignal ?? "",
    summary: v.summary,
    overrideJustification: v.overrideJustification,
  };
  if (v.notes) out.notes = [...v.notes].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

export function sameValues(a: ScorecardValues, b: ScorecardValues): boolean {
  return JSON.stringify(normalizeValues(a)) === JSON.stringify(normalizeValues(b));
}

export interface DiffLabels {
  dimensions: Record<string, string>;
  redFlags: Record<string, string>;
  signals: Record<string, string>;
  focus: Record<string, string>;
  probes?: Record<string, string>;
}

export interface DiffEntry {
  /** form path, e.g. "ratings.cloud_platform.evidence" */
  path: string;
  label: string;
  mine: string;
  theirs: string;
}

export function scoreText(s: ScoreValue | undefined): string {
  if (!s) return "Not rated";
  if (s === "na") return "Not assessed";
  const n = Number(s) as 1 | 2 | 3 | 4;
  return `${s} · ${RATING_LABELS[n]}`;
}

function noteText(n: QuickNote): string {
  return `${n.minute}′ ${n.body}`;
}

/**
 * What differs between the browser's copy and the server's, field by field, in words an
 * interviewer can decide on ("keep mine" / "take the server's").
 */
export function diffScorecardValues(mine: ScorecardValues, theirs: ScorecardValues, labels: DiffLabels): DiffEntry[] {
  const a = normalizeValues(mine);
  const b = normalizeValues(theirs);
  const out: DiffEntry[] = [];
  const name = (map: Record<string, string>, k: string) => map[k] ?? k;
  const keys = (x: Record<string, unknown>, y: Record<string, unknown>) =>
    [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  for (const k of keys(a.ratings, b.ratings)) {
    const ra = a.ratings[k];
    const rb = b.ratings[k];
    if ((ra?.score ?? "") !== (rb?.score ?? "")) {
      out.push({
        path: `ratings.${k}.score`,
        label: `Rating · ${name(labels.dimensions, k)}`,
        mine: scoreText(ra?.score),
        theirs: scoreText(rb?.score),
      });
    }
    if ((ra?.evidence ?? "") !== (rb?.evidence ?? "")) {
      out.push({
        path: `ratings.${k}.evidence`,
        label: `Evidence · ${name(labels.dimensions, k)}`,
        mine: ra?.evidence ?? "",
        theirs: rb?.evidence ?? "",
      });
    }
  }
  for (const k of keys(a.redFlags, b.redFlags)) {
    const fa = a.redFlags[k];
    const fb = b.redFlags[k];
    if (!!fa !== !!fb) {
      out.push({
        path: `redFlags.${k}.checked`,
        label: `Red flag · ${name(labels.redFlags, k)}`,
        mine: fa ? "Ticked" : "Not ticked",
        theirs: fb ? "Ticked" : "Not ticked",
      });
    }
    if (fa && fb && fa.note !== fb.note) {
      out.push({
        path: `redFlags.${k}.note`,
        label: `Flag note · ${name(labels.redFlags, k)}`,
        mine: fa.note,
        theirs: fb.note,
      });
    }
  }
  for (const k of keys(a.signals, b.signals)) {
    if (!!a.signals[k] !== !!b.signals[k]) {
      out.push({
        path: `signals.${k}`,
        label: `Signal · ${name(labels.signals, k)}`,
        mine: a.signals[k] ? "Ticked" : "Not ticked",
        theirs: b.signals[k] ? "Ticked" : "Not ticked",
      });
    }
  }
  for (const k of keys(a.focus, b.focus)) {
    if (!!a.focus[k] !== !!b.focus[k]) {
      out.push({
        path: `focus.${k}`,
        label: `Covered · ${name(labels.focus, k)}`,
        mine: a.focus[k] ? "Ticked" : "Not ticked",
        theirs: b.focus[k] ? "Ticked" : "Not ticked",
      });
    }
  }
  for (const k of keys(a.probes, b.probes)) {
    if (!!a.probes[k] !== !!b.probes[k]) {
      out.push({
        path: `probes.${k}`,
        label: `Asked · ${name(labels.probes ?? {}, k)}`,
        mine: a.probes[k] ? "Ticked" : "Not ticked",
        theirs: b.probes[k] ? "Ticked" : "Not ticked",
      });
    }
  }
  if (a.levelSignal !== b.levelSignal) {
    const level = (l: ScorecardValues["levelSignal"]) => (l === "" ? "None yet" : LEVEL_SIGNAL_LABELS[l]);
    out.push({ path: "levelSignal", label: "Level signal", mine: level(a.levelSignal), theirs: level(b.levelSignal) });
  }
  if (a.recommendation !== b.recommendation) {
    const rec = (r: ScorecardValues["recommendation"]) => (r === "" ? "None yet" : RECOMMENDATION_LABELS[r]);
    out.push({
      path: "recommendation",
      label: "Overall recommendation",
      mine: rec(a.recommendation),
      theirs: rec(b.recommendation),
    });
  }
  if (a.summary !== b.summary) out.push({ path: "summary", label: "Summary", mine: a.summary, theirs: b.summary });
  if (a.overrideJustification !== b.overrideJustification) {
    out.push({
      path: "overrideJustification",
      label: "Override justification",
      mine: a.overrideJustification,
      theirs: b.overrideJustification,
    });
  }
  if (a.notes && b.notes) {
    const idsA = new Set(a.notes.map((n) => n.id));
    const idsB = new Set(b.notes.map((n) => n.id));
    const onlyA = a.notes.filter((n) => !idsB.has(n.id));
    const onlyB = b.notes.filter((n) => !idsA.has(n.id));
    if (onlyA.length || onlyB.length) {
      out.push({
        path: "notes",
        label: "Quick notes",
        mine: onlyA.length ? onlyA.map(noteText).join("\n") : "(none that the other copy lacks)",
        theirs: onlyB.length ? onlyB.map(noteText).join("\n") : "(none that your copy lacks)",
      });
    }
  }
  return out;
}

/**
 * Field-level changes for the audit log of an amendment: only what changed, before and after.
 */
export function changedFields(
  before: ScorecardValues,
  after: ScorecardValues,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const labels: DiffLabels = { dimensions: {}, redFlags: {}, signals: {}, focus: {}, probes: {} };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const d of diffScorecardValues(after, before, labels)) {
    b[d.path] = d.theirs;
    a[d.path] = d.mine;
  }
  return { before: b, after: a };
}

// ------------------------------------------------------------------ conflict of interest

/** A conflict of interest can be declared while the scorecard is still a draft (before scoring is final). */
export function canDeclareConflict(status: ScorecardStatus): boolean {
  return status === "draft";
}

/** Recused scorecards never count towards aggregates; only submitted ones do. */
export function countsTowardsAggregates(status: ScorecardStatus): boolean {
  return status === "submitted";
}

// ------------------------------------------------------------------ the interview timer

export interface TimerState {
  /** epoch ms when the current run started; null while paused or never started */
  startedAt: number | null;
  /** time from earlier runs */
  accumulatedMs: number;
  running: boolean;
}

export const WARNING_MS = 10 * 60_000;

/**
 * Elapsed time of the exercise timer. A clock that went backwards never makes time negative.
 *
 * @example
 * timerElapsedMs({ startedAt: 1_000, accumulatedMs: 60_000, running: true }, 31_000) // 90_000
 */
export function timerElapsedMs(t: TimerState, now: number): number {
  const run = t.running && t.startedAt !== null ? Math.max(0, now - t.startedAt) : 0;
  return Math.max(0, t.accumulatedMs) + run;
}

/**
 * start (also resumes), pause, reset. Idempotent: starting a running timer or pausing a paused one
 * changes nothing, so a retried request cannot double-count time.
 */
export function applyTimerOp(t: TimerState, op: "start" | "pause" | "reset", now: number): TimerState {
  switch (op) {
    case "start":
      return t.running ? t : { startedAt: now, accumulatedMs: t.accumulatedMs, running: true };
    case "pause":
      return t.running ? { startedAt: null, accumulatedMs: timerElapsedMs(t, now), running: false } : t;
    case "reset":
      return { startedAt: null, accumulatedMs: 0, running: false };
  }
}

export type TimerPhase = "not_started" | "running" | "paused" | "warning" | "overtime";

export interface TimerView {
  elapsedMs: number;
  /** negative once over time */
  remainingMs: number;
  /** the minute a quick note taken now is stamped with (0-based, like a match clock) */
  minute: number;
  phase: TimerPhase;
}

/**
 * What the timer shows. "warning" covers the last 10 minutes (running or paused); "overtime"
 * once the exercise's duration is used up.
 *
 * @example
 * timerView({ startedAt: 0, accumulatedMs: 0, running: true }, 45, 36 * 60_000).phase // "warning"
 */
export function timerView(t: TimerState, durationMinutes: number, now: number): TimerView {
  const elapsedMs = timerElapsedMs(t, now);
  const remainingMs = durationMinutes * 60_000 - elapsedMs;
  let phase: TimerPhase;
  if (elapsedMs === 0 && !t.running) phase = "not_started";
  else if (remainingMs <= 0) phase = "overtime";
  else if (remainingMs <= WARNING_MS) phase = "warning";
  else phase = t.running ? "running" : "paused";
  return { elapsedMs, remainingMs, minute: noteMinute(elapsedMs), phase };
}

/** The minute a note is stamped with. */
export function noteMinute(elapsedMs: number): number {
  return Math.max(0, Math.floor(elapsedMs / 60_000));
}

/**
 * m:ss under an hour, h:mm:ss above; a leading minus when negative (overtime).
 *
 * @example
 * formatClock(65_000)    // "1:05"
 * formatClock(3_725_000) // "1:02:05"
 * formatClock(-61_000)   // "−1:01"
 */
export function formatClock(ms: number): string {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const body =
    h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
  return negative ? `−${body}` : body;
}
