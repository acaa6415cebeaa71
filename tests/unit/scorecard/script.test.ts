import { describe, expect, it } from "vitest";

import {
  clockPhaseIndex,
  currentPhaseIndex,
  phaseCue,
  phaseWindows,
  revealsDue,
} from "../../../app/domain/scorecard/script";

const MIN = 60_000;
const windows = phaseWindows([
  { key: "brief", label: "Brief", minutes: 3 },
  { key: "drill", label: "Drill", minutes: 27 },
  { key: "questions", label: "Candidate's questions", minutes: 7, candidateQuestions: true },
]);

describe("the phase timeline", () => {
  it("lays the phases back to back from minute 0", () => {
    expect(windows.map((w) => [w.startMinute, w.endMinute, w.candidateQuestions])).toEqual([
      [0, 3, false],
      [3, 30, false],
      [30, 37, true],
    ]);
  });

  it("knows which phase the clock is in, the last one once the plan is used up", () => {
    expect(clockPhaseIndex(windows, 0)).toBe(0);
    expect(clockPhaseIndex(windows, 3 * MIN)).toBe(1);
    expect(clockPhaseIndex(windows, 36 * MIN)).toBe(2);
    expect(clockPhaseIndex(windows, 90 * MIN)).toBe(2);
    expect(clockPhaseIndex([], 0)).toBe(-1);
  });

  it("cues gently once the phase the interviewer is in runs a whole minute over", () => {
    expect(phaseCue(windows, 0, 3 * MIN + 59_000)).toBeNull();
    expect(phaseCue(windows, 0, 5 * MIN)).toMatchObject({ overByMs: 2 * MIN, next: { key: "drill" } });
    // moved on: the next phase has time left, no cue
    expect(phaseCue(windows, 1, 5 * MIN)).toBeNull();
    expect(phaseCue(windows, 2, 40 * MIN)).toMatchObject({ next: null });
  });

  it("follows the phase the interviewer chose, clamped to the plan", () => {
    expect(currentPhaseIndex(windows, null)).toBe(0);
    expect(currentPhaseIndex(windows, 1)).toBe(1);
    expect(currentPhaseIndex(windows, 9)).toBe(2);
    expect(currentPhaseIndex(windows, -1)).toBe(0);
    expect(currentPhaseIndex([], 1)).toBe(-1);
  });
});

describe("scripted reveals", () => {
  const reveals = [
    { key: "a", atMinute: 5 },
    { key: "b", atMinute: 10 },
  ];
  it("shows nothing before its minute, then each at its minute, and says what comes next", () => {
    expect(revealsDue(reveals, 4)).toEqual({ due: [], next: reveals[0] });
    expect(revealsDue(reveals, 5)).toEqual({ due: [reveals[0]], next: reveals[1] });
    expect(revealsDue(reveals, 12)).toEqual({ due: reveals, next: null });
  });
});
