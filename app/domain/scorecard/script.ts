/**
 * The running order of a format-2 exercise on the interviewer's timer: its timed phases, the
 * scripted reveals due by the current minute, and the cue when the phase the interviewer is in
 * has used up its time. Pure; no IO.
 */
import type { ExercisePhase, ScriptedReveal } from "../rubric/model";

export interface PhaseWindow {
  key: string;
  label: string;
  minutes: number;
  /** minutes from the start of the exercise */
  startMinute: number;
  endMinute: number;
  candidateQuestions: boolean;
}

/**
 * Each phase with its planned window, back to back from minute 0.
 *
 * @example phaseWindows([{ key: "intro", label: "Intro", minutes: 5 }, { key: "design", label: "Design", minutes: 30 }])
 * // [{ key: "intro", startMinute: 0, endMinute: 5, … }, { key: "design", startMinute: 5, endMinute: 35, … }]
 */
export function phaseWindows(phases: readonly ExercisePhase[]): PhaseWindow[] {
  let start = 0;
  return phases.map((p) => {
    const window = {
      key: p.key,
      label: p.label,
      minutes: p.minutes,
      startMinute: start,
      endMinute: start + p.minutes,
      candidateQuestions: p.candidateQuestions === true,
    };
    start = window.endMinute;
    return window;
  });
}

/** The phase the clock is in (the last one once the plan is used up); -1 when there are no phases. */
export function clockPhaseIndex(windows: readonly PhaseWindow[], elapsedMs: number): number {
  if (windows.length === 0) return -1;
  const i = windows.findIndex((w) => elapsedMs < w.endMinute * 60_000);
  return i === -1 ? windows.length - 1 : i;
}

export interface PhaseCue {
  /** the phase the interviewer is in */
  current: PhaseWindow;
  /** how long it has run past its planned end (ms, > 0) */
  overByMs: number;
  /** where to go next; null for the last phase (the timer's own overtime says the rest) */
  next: PhaseWindow | null;
}

/**
 * The gentle cue: the phase the interviewer is in (`index`, moved on by the interviewer) has used
 * its time. null while it is within its window. Whole minutes only, so the cue does not flicker.
 *
 * @example phaseCue(windows, 0, 6 * 60_000) // intro (0–5) is 1 min over: { overByMs: 60_000, next: design }
 */
export function phaseCue(windows: readonly PhaseWindow[], index: number, elapsedMs: number): PhaseCue | null {
  const current = windows[index];
  if (!current) return null;
  const overByMs = elapsedMs - current.endMinute * 60_000;
  if (overByMs < 60_000) return null;
  return { current, overByMs, next: windows[index + 1] ?? null };
}

/**
 * The phase the interviewer is in: the one they moved to (ahead of the clock is fine: a phase may
 * finish early), the first before they move on; -1 when there are no phases.
 */
export function currentPhaseIndex(windows: readonly PhaseWindow[], chosen: number | null): number {
  if (windows.length === 0) return -1;
  if (chosen === null || !Number.isInteger(chosen) || chosen < 0) return 0;
  return Math.min(chosen, windows.length - 1);
}

/**
 * The reveals due by `minute` (in script order) and the next one still to come.
 *
 * @example revealsDue([{ atMinute: 5 }, { atMinute: 10 }], 7) // { due: [the 5′ reveal], next: the 10′ reveal }
 */
export function revealsDue<T extends Pick<ScriptedReveal, "atMinute">>(
  reveals: readonly T[],
  minute: number,
): { due: T[]; next: T | null } {
  return {
    due: reveals.filter((r) => r.atMinute <= minute),
    next: reveals.find((r) => r.atMinute > minute) ?? null,
  };
}
