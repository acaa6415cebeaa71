import { describe, expect, it } from "vitest";

import {
  applyDebriefCommand,
  canFacilitate,
  clockLabel,
  itemTimer,
  joinRole,
  planDebriefItems,
  speakingOrder,
  type DebriefState,
  type InterviewerExperience,
} from "../../../app/domain/debrief/rules";
import { debriefCommandSchema } from "../../../app/domain/debrief/schema";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { ADA, BEN, CY, DEE, TINY_RUBRIC, loop, notAssessed, rating, scorecard, uncounted } from "../../factories";

const T0 = 1_800_000_000_000;

function state(items: number, position = 0): DebriefState {
  return {
    position,
    currentStartedAt: T0,
    items: Array.from({ length: items }, () => ({ revealedAt: null, elapsedMs: 0, conclusion: "" })),
  };
}

describe("step order (planDebriefItems)", () => {
  // arch: 1,4 (disagreement); data: 3,3 (nothing to discuss); lead: 2,2 (below bar); a dealbreaker raised
  const agg = aggregateLoop(
    loop({
      scorecards: [
        scorecard(ADA, {
          ratings: [rating("arch", 1), rating("data", 3), rating("lead", 2)],
          redFlags: [{ key: "fabrication", note: "Claimed a 40% lift, later 4%" }],
        }),
        scorecard(BEN, { ratings: [rating("arch", 4), rating("data", 3), rating("lead", 2)] }),
      ],
    }),
  );

  it("puts the red flags first, then dimensions in agenda order, then the rest in rubric order", () => {
    expect(planDebriefItems(agg, TINY_RUBRIC).map((i) => [i.kind, i.key, i.title])).toEqual([
      ["red_flags", "red_flags", "Red flags"],
      ["dimension", "arch", "ML system architecture"],
      ["dimension", "lead", "Technical leadership"],
      ["dimension", "data", "Data & feature platforms"],
    ]);
  });

  it("puts must-have dimensions right after the red flags, in rubric order", () => {
    const rubric = { ...TINY_RUBRIC, decisionRule: { mustHaveDimensionKeys: ["data", "lead"], statement: "" } };
    expect(planDebriefItems(agg, rubric).map((i) => i.key)).toEqual(["red_flags", "data", "lead", "arch"]);
  });

  it("has no red-flag item when none was raised, and leaves out dimensions nobody rated", () => {
    const quiet = aggregateLoop(loop({ scorecards: [scorecard(ADA, { ratings: [rating("lead", 3)] })] }));
    expect(planDebriefItems(quiet, TINY_RUBRIC).map((i) => i.key)).toEqual(["lead"]);
  });

  it("counts a dimension marked not assessed as rated (the panel may still need to talk about it)", () => {
    const na = aggregateLoop(loop({ scorecards: [scorecard(ADA, { ratings: [notAssessed("data")] })] }));
    expect(planDebriefItems(na, TINY_RUBRIC).map((i) => i.key)).toEqual(["data"]);
  });

  it("ignores drafts and recusals: only submitted scorecards make items", () => {
    const uncountedOnly = aggregateLoop(loop({ scorecards: [uncounted(ADA, "draft"), uncounted(BEN, "recused")] }));
    expect(planDebriefItems(uncountedOnly, TINY_RUBRIC)).toEqual([]);
  });
});

describe("reveal rule (applyDebriefCommand reveal)", () => {
  it("reveals the current item at the given server time, once", () => {
    const r = applyDebriefCommand(state(3, 1), { kind: "reveal" }, T0 + 5_000);
    expect(r.ok && r.state.items.map((i) => i.revealedAt)).toEqual([null, T0 + 5_000, null]);
    if (!r.ok) return;
    const again = applyDebriefCommand(r.state, { kind: "reveal" }, T0 + 6_000);
    expect(again).toEqual({ ok: false, status: 409, message: "These ratings are already revealed." });
  });

  it("has nothing to reveal at the decision step", () => {
    expect(applyDebriefCommand(state(2, 2), { kind: "reveal" }, T0).ok).toBe(false);
  });

  it("keeps an item revealed when the panel steps back to it", () => {
    let s = state(2);
    for (const c of [{ kind: "reveal" }, { kind: "move", to: "next" }, { kind: "move", to: "previous" }] as const) {
      const r = applyDebriefCommand(s, c, T0 + 1_000);
      if (!r.ok) throw new Error(r.message);
      s = r.state;
    }
    expect(s.position).toBe(0);
    expect(s.items[0]?.revealedAt).toBe(T0 + 1_000);
  });
});

describe("stepping and notes", () => {
  it("moves one step at a time, from the first item to the decision step and back, never past either end", () => {
    expect(applyDebriefCommand(state(2, 0), { kind: "move", to: "previous" }, T0)).toMatchObject({ ok: false });
    const toDecision = applyDebriefCommand(state(2, 1), { kind: "move", to: "next" }, T0);
    expect(toDecision.ok && toDecision.state.position).toBe(2);
    expect(applyDebriefCommand(state(2, 2), { kind: "move", to: "next" }, T0)).toMatchObject({ ok: false });
    const back = applyDebriefCommand(state(2, 2), { kind: "move", to: "previous" }, T0);
    expect(back.ok && back.state.position).toBe(1);
  });

  it("notes the conclusion of the current item and, with 'next', moves on", () => {
    const r = applyDebriefCommand(state(2), { kind: "note", conclusion: "Meets the bar.", then: "next" }, T0);
    expect(r.ok && r.state.items.map((i) => i.conclusion)).toEqual(["Meets the bar.", ""]);
    expect(r.ok && r.state.position).toBe(1);
    const stay = applyDebriefCommand(state(2), { kind: "note", conclusion: "x", then: "stay" }, T0);
    expect(stay.ok && stay.state.position).toBe(0);
  });

  it("refuses a note at the decision step (the rationale is the decision's note)", () => {
    expect(applyDebriefCommand(state(1, 1), { kind: "note", conclusion: "x", then: "stay" }, T0).ok).toBe(false);
  });

  it("the form schema turns each intent into its command and refuses a missing or odd step", () => {
    expect(debriefCommandSchema.parse({ intent: "move", at: "2", to: "next" })).toEqual({
      at: 2,
      command: { kind: "move", to: "next" },
    });
    expect(debriefCommandSchema.parse({ intent: "note", at: "0", conclusion: "  Meets.  " })).toEqual({
      at: 0,
      command: { kind: "note", conclusion: "Meets.", then: "stay" },
    });
    for (const bad of [{ intent: "reveal" }, { intent: "reveal", at: "-1" }, { intent: "reveal", at: "1.5" }])
      expect(debriefCommandSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(debriefCommandSchema.safeParse({ intent: "note", at: 0, conclusion: "x".repeat(4001) }).success).toBe(false);
  });
});

describe("timer (server time only)", () => {
  it("adds the time spent to the item being left and starts the next item's clock at the command's time", () => {
    const r = applyDebriefCommand(state(2), { kind: "move", to: "next" }, T0 + 90_000);
    expect(r.ok && r.state.items[0]?.elapsedMs).toBe(90_000);
    expect(r.ok && r.state.currentStartedAt).toBe(T0 + 90_000);
    if (!r.ok) return;
    // back again: the first item's clock resumes from 1:30
    const back = applyDebriefCommand(r.state, { kind: "move", to: "previous" }, T0 + 100_000);
    expect(back.ok && back.state.items.map((i) => i.elapsedMs)).toEqual([90_000, 10_000]);
  });

  it("a reveal or a saved note does not restart the clock", () => {
    const r = applyDebriefCommand(state(2), { kind: "reveal" }, T0 + 30_000);
    expect(r.ok && r.state.currentStartedAt).toBe(T0);
  });

  it("never counts backwards when the command's time is before the clock started", () => {
    const r = applyDebriefCommand(state(2), { kind: "move", to: "next" }, T0 - 5_000);
    expect(r.ok && r.state.items[0]?.elapsedMs).toBe(0);
  });

  it("shows the elapsed time against the 5-minute box, and over time after it", () => {
    expect(itemTimer({ elapsedMs: 60_000, runningSince: T0, now: T0 + 5_000 })).toMatchObject({
      elapsedMs: 65_000,
      elapsedLabel: "1:05",
      timeboxLabel: "5:00",
      overtime: false,
    });
    expect(itemTimer({ elapsedMs: 299_000, runningSince: T0, now: T0 + 2_000 }).overtime).toBe(true);
    // a stopped clock does not move
    expect(itemTimer({ elapsedMs: 42_000, runningSince: null, now: T0 + 999_999 }).elapsedLabel).toBe("0:42");
    expect(clockLabel(3_723_000)).toBe("62:03");
  });
});

describe("ask-first rule (speakingOrder)", () => {
  const experience = new Map<string, InterviewerExperience>([
    [ADA.id, { submittedScorecards: 40, memberSince: T0 - 900 * 86_400_000 }],
    [BEN.id, { submittedScorecards: 3, memberSince: T0 - 100 * 86_400_000 }],
    [CY.id, { submittedScorecards: 3, memberSince: T0 - 10 * 86_400_000 }],
    [DEE.id, { submittedScorecards: 1, memberSince: T0 - 800 * 86_400_000 }],
  ]);
  const all = new Set([ADA.id, BEN.id, CY.id, DEE.id]);

  it("asks the panelist with the fewest submitted scorecards first; equal counts: the newest account first", () => {
    expect(speakingOrder([ADA, BEN, CY, DEE], all, experience, "hm").map((s) => s.name)).toEqual([
      "Dee",
      "Cy",
      "Ben",
      "Ada",
    ]);
  });

  it("does not depend on the order the ratings come in", () => {
    expect(speakingOrder([DEE, CY, BEN, ADA], all, experience, "hm")).toEqual(
      speakingOrder([ADA, BEN, CY, DEE], all, experience, "hm"),
    );
  });

  it("asks only people in the room, each once, and the facilitator last even when most junior", () => {
    const present = new Set([ADA.id, DEE.id, CY.id]);
    expect(speakingOrder([ADA, DEE, ADA, CY], present, experience, DEE.id).map((s) => s.name)).toEqual([
      "Cy",
      "Ada",
      "Dee",
    ]);
  });

  it("asks nobody when no rater is in the room", () => {
    expect(speakingOrder([ADA, BEN], new Set([CY.id]), experience, "hm")).toEqual([]);
  });
});

describe("who runs and who joins", () => {
  const hm = "u-hm";
  it("the hiring manager, recruiters and admins may facilitate; other members may not", () => {
    expect(canFacilitate({ user: { id: hm, role: "member" }, hiringManagerId: hm })).toBe(true);
    expect(canFacilitate({ user: { id: "x", role: "recruiter" }, hiringManagerId: hm })).toBe(true);
    expect(canFacilitate({ user: { id: "x", role: "admin" }, hiringManagerId: hm })).toBe(true);
    expect(canFacilitate({ user: { id: "x", role: "member" }, hiringManagerId: hm })).toBe(false);
  });

  it("a panelist joins once submitted; a recused one or an unrelated member cannot; staff observe", () => {
    const member = { id: "u-p", role: "member" as const };
    const base = { hiringManagerId: hm, facilitatorId: hm };
    expect(joinRole({ ...base, user: member, ownScorecards: [{ status: "submitted" }] })).toBe("panelist");
    expect(joinRole({ ...base, user: member, ownScorecards: [{ status: "recused" }] })).toBeNull();
    expect(joinRole({ ...base, user: member, ownScorecards: [] })).toBeNull();
    expect(joinRole({ ...base, user: { id: "r", role: "recruiter" }, ownScorecards: [] })).toBe("observer");
    expect(joinRole({ ...base, user: { id: hm, role: "member" }, ownScorecards: [{ status: "submitted" }] })).toBe(
      "facilitator",
    );
  });
});
