import { describe, expect, it } from "vitest";

import {
  LOOP_TRANSITIONS,
  canTransition,
  isConfigurable,
  setupTransitions,
  transitionBlockers,
  transitionLabel,
  transitionWarnings,
  weightsEditable,
} from "../../../app/domain/loop/status";
import { LOOP_STATUSES } from "../../../app/domain/vocabulary";

const clear = {
  interviewCount: 4,
  unscheduledInterviewCount: 0,
  uncoveredDimensions: [],
  scorecardCount: 8,
  outstandingScorecardCount: 0,
};

describe("loop lifecycle", () => {
  it("allows exactly the documented moves", () => {
    const allowed = LOOP_STATUSES.flatMap((from) =>
      LOOP_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "planning>scheduled",
        "planning>withdrawn",
        "scheduled>planning",
        "scheduled>in_progress",
        "scheduled>withdrawn",
        "in_progress>debrief",
        "in_progress>withdrawn",
        "debrief>decided",
        "debrief>in_progress",
        "debrief>withdrawn",
        "decided>debrief",
        "withdrawn>planning",
      ].sort(),
    );
  });

  it("never allows skipping ahead or staying put", () => {
    expect(canTransition("planning", "in_progress")).toBe(false);
    expect(canTransition("planning", "decided")).toBe(false);
    expect(canTransition("scheduled", "debrief")).toBe(false);
    expect(canTransition("decided", "withdrawn")).toBe(false);
    for (const s of LOOP_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it("the setup page never offers moves into or out of 'decided'", () => {
    for (const from of LOOP_STATUSES) {
      expect(setupTransitions(from)).not.toContain("decided");
      for (const to of setupTransitions(from)) expect(LOOP_TRANSITIONS[from]).toContain(to);
    }
    expect(setupTransitions("decided")).toEqual([]);
    expect(setupTransitions("debrief")).toEqual(["in_progress", "withdrawn"]);
    expect(setupTransitions("planning")).toEqual(["scheduled", "withdrawn"]);
  });

  it("blocks scheduling a loop with an uncovered dimension, an untimed interview or no interviews", () => {
    expect(transitionBlockers("planning", "scheduled", clear)).toEqual([]);
    expect(transitionBlockers("planning", "scheduled", { ...clear, uncoveredDimensions: ["Cloud"] })).toEqual([
      "Nobody on the panel assesses “Cloud”.",
    ]);
    expect(transitionBlockers("planning", "scheduled", { ...clear, unscheduledInterviewCount: 2 })).toEqual([
      "2 interviews have no date and time yet.",
    ]);
    expect(transitionBlockers("planning", "scheduled", { ...clear, unscheduledInterviewCount: 1 })).toEqual([
      "One interview has no date and time yet.",
    ]);
    expect(
      transitionBlockers("planning", "scheduled", {
        ...clear,
        interviewCount: 0,
        unscheduledInterviewCount: 0,
        uncoveredDimensions: ["A", "B"],
      }),
    ).toHaveLength(3);
  });

  it("coverage does not block other moves (withdrawing a broken loop is always possible)", () => {
    const broken = { ...clear, interviewCount: 0, unscheduledInterviewCount: 0, uncoveredDimensions: ["A"] };
    expect(transitionBlockers("planning", "withdrawn", broken)).toEqual([]);
    expect(transitionBlockers("scheduled", "planning", broken)).toEqual([]);
  });

  it("warns before a debrief with scorecards outstanding, and only then", () => {
    const outstanding = { ...clear, outstandingScorecardCount: 6 };
    expect(transitionWarnings("in_progress", "debrief", outstanding)).toEqual([
      "6 of 8 scorecards are not submitted yet. The debrief would start without them: the hiring manager sees only the submitted ones.",
    ]);
    expect(
      transitionWarnings("in_progress", "debrief", { ...clear, scorecardCount: 1, outstandingScorecardCount: 1 })[0],
    ).toMatch(/^1 of 1 scorecard is not submitted yet\. The debrief would start without it/);
    expect(transitionWarnings("in_progress", "debrief", clear)).toEqual([]);
    expect(transitionWarnings("in_progress", "withdrawn", outstanding)).toEqual([]);
    expect(transitionWarnings("debrief", "in_progress", outstanding)).toEqual([]);
  });

  it("explains invalid and no-op moves", () => {
    expect(transitionBlockers("planning", "debrief", clear)[0]).toMatch(/cannot move from planning to debrief/);
    expect(transitionBlockers("planning", "planning", clear)[0]).toMatch(/already planning/);
  });

  it("labels moves as actions and locks configuration at the right moments", () => {
    expect(transitionLabel("planning", "scheduled")).toBe("Mark as scheduled");
    expect(transitionLabel("withdrawn", "planning")).toBe("Reopen in planning");
    expect(transitionLabel("in_progress", "withdrawn")).toBe("Withdraw loop");
    expect(isConfigurable("debrief")).toBe(true);
    expect(isConfigurable("decided")).toBe(false);
    expect(isConfigurable("withdrawn")).toBe(false);
    expect(weightsEditable("in_progress")).toBe(true);
    expect(weightsEditable("debrief")).toBe(false);
  });
});
