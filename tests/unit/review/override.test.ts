import { describe, expect, it } from "vitest";

import {
  describeGrounds,
  OVERRIDE_MAX,
  OVERRIDE_MIN,
  overrideGrounds,
  overrideGroundsByDecision,
  overrideProblem,
  overrideSignalsOf,
  overrideTextProblem,
  panelMajority,
  type OverrideSignals,
} from "../../../app/domain/review/override";
import type { LoopAggregate } from "../../../app/domain/review/types";

const recs = (strong_no_hire: number, no_hire: number, hire: number, strong_hire: number) => ({
  strong_no_hire,
  no_hire,
  hire,
  strong_hire,
});

const signals = (over: Partial<OverrideSignals> = {}): OverrideSignals => ({
  dealbreakers: [],
  mustHaveBelowBar: [],
  recommendations: recs(0, 0, 2, 1),
  ...over,
});

const REAL =
  "The flag came from a single question on rollbacks; in the debrief Sofia showed two incidents he ran end to end, " +
  "so the panel agreed the gap is coachable.";

describe("panel majority", () => {
  it.each([
    ["no recommendation: none", recs(0, 0, 0, 0), { side: "none", count: 0, total: 0 }],
    ["one recommendation is a majority of one", recs(0, 1, 0, 0), { side: "no_hire", count: 1, total: 1 }],
    ["strong and plain count the same", recs(1, 1, 1, 0), { side: "no_hire", count: 2, total: 3 }],
    ["more than half hire", recs(0, 1, 1, 1), { side: "hire", count: 2, total: 3 }],
    ["equal sides are a tie", recs(0, 1, 1, 0), { side: "tie", count: 1, total: 2 }],
    ["2 against 2 is a tie", recs(1, 1, 0, 2), { side: "tie", count: 2, total: 4 }],
    ["unanimous hire", recs(0, 0, 3, 1), { side: "hire", count: 4, total: 4 }],
  ])("%s", (_, d, expected) => {
    expect(panelMajority(d)).toEqual(expected);
  });
});

describe("the grounds a decision goes against", () => {
  it("a Hire with an open dealbreaker names the flag and who raised it", () => {
    const g = overrideGrounds(
      signals({ dealbreakers: [{ label: "Blames others for incidents", raisedBy: ["Sofia", "Jonas"] }] }),
      "hire",
    );
    expect(g).toEqual([
      { kind: "open_dealbreaker", text: "open dealbreaker “Blames others for incidents” raised by Sofia and Jonas" },
    ]);
  });

  it("a Hire with a must-have dimension below the bar names it with its mean", () => {
    const g = overrideGrounds(signals({ mustHaveBelowBar: [{ name: "ML system architecture", mean: 2.5 }] }), "hire");
    expect(g).toEqual([
      {
        kind: "must_have_below_bar",
        text: "must-have dimension “ML system architecture” below the bar (mean 2.50, bar 3)",
      },
    ]);
  });

  it("a Hire against a no-hire majority, but not against a tie", () => {
    expect(overrideGrounds(signals({ recommendations: recs(1, 1, 1, 0) }), "hire")).toEqual([
      { kind: "against_majority", text: "the panel's majority: 2 of 3 recommendations are No hire or Strong no hire" },
    ]);
    expect(overrideGrounds(signals({ recommendations: recs(0, 1, 1, 0) }), "hire")).toEqual([]);
    expect(overrideGrounds(signals({ recommendations: recs(0, 1, 0, 0) }), "hire")).toHaveLength(1);
  });

  it("the symmetric case: No hire against a hire majority (a unanimous panel included)", () => {
    expect(overrideGrounds(signals({ recommendations: recs(0, 0, 3, 1) }), "no_hire")).toEqual([
      { kind: "against_majority", text: "the panel's majority: 4 of 4 recommendations are Hire or Strong hire" },
    ]);
    expect(overrideGrounds(signals({ recommendations: recs(0, 1, 1, 0) }), "no_hire")).toEqual([]);
    expect(overrideGrounds(signals({ recommendations: recs(0, 2, 1, 0) }), "no_hire")).toEqual([]);
  });

  it("No hire over a dealbreaker or a must-have below the bar agrees with the signals; Hold never needs an override", () => {
    const s = signals({
      dealbreakers: [{ label: "X", raisedBy: ["A"] }],
      mustHaveBelowBar: [{ name: "Y", mean: 1 }],
      recommendations: recs(0, 0, 4, 0),
    });
    expect(overrideGrounds(s, "no_hire").map((g) => g.kind)).toEqual(["against_majority"]);
    expect(overrideGrounds(s, "hold")).toEqual([]);
  });

  it("every ground at once, in a fixed order, and a Hire that follows the signals has none", () => {
    const s = signals({
      dealbreakers: [
        { label: "A", raisedBy: ["P"] },
        { label: "B", raisedBy: [] },
      ],
      mustHaveBelowBar: [{ name: "M", mean: 2.99 }],
      recommendations: recs(2, 0, 1, 0),
    });
    const g = overrideGrounds(s, "hire");
    expect(g.map((x) => x.kind)).toEqual([
      "open_dealbreaker",
      "open_dealbreaker",
      "must_have_below_bar",
      "against_majority",
    ]);
    expect(g[1]?.text).toBe("open dealbreaker “B”");
    expect(describeGrounds(g)).toContain("; must-have dimension “M” below the bar (mean 2.99, bar 3); ");
    expect(overrideGrounds(signals(), "hire")).toEqual([]);
    expect(overrideGroundsByDecision(s)).toEqual({
      hire: g,
      no_hire: [],
      hold: [],
    });
  });

  it("reads the signals from an aggregate: dealbreakers raised (not concerns), the rule's must-haves, the counted recommendations", () => {
    const aggregate = {
      redFlags: [
        {
          key: "a",
          label: "Dealbreaker A",
          severity: "dealbreaker",
          raisedBy: [
            { panelistId: "1", panelistName: "Ana", scorecardId: "s1", note: "" },
            { panelistId: "1", panelistName: "Ana", scorecardId: "s2", note: "" },
          ],
        },
        { key: "b", label: "Concern B", severity: "concern", raisedBy: [{ panelistName: "Ben" }] },
      ],
      decisionRule: { mustHaveBelowBar: [{ key: "m", name: "Must", mean: 2 }] },
      recommendations: { distribution: recs(0, 1, 0, 0), consensus: "too_few", total: 1 },
    } as unknown as LoopAggregate;
    expect(overrideSignalsOf(aggregate)).toEqual({
      dealbreakers: [{ label: "Dealbreaker A", raisedBy: ["Ana"] }],
      mustHaveBelowBar: [{ name: "Must", mean: 2 }],
      recommendations: recs(0, 1, 0, 0),
    });
    expect(overrideSignalsOf({ ...aggregate, decisionRule: null }).mustHaveBelowBar).toEqual([]);
  });
});

describe("the override text", () => {
  it("accepts a real explanation", () => {
    expect(overrideTextProblem(REAL, "Hire: strong architecture and platform evidence.")).toBeNull();
  });

  it("needs at least the minimum, counted after trimming and collapsing whitespace", () => {
    const base = `${REAL.slice(0, OVERRIDE_MIN - 8).trimEnd()}zzzzzzzzzz`.slice(0, OVERRIDE_MIN);
    expect(base.length).toBe(OVERRIDE_MIN);
    expect(overrideTextProblem(base, "")).toBeNull();
    expect(overrideTextProblem(base.slice(0, -1), "")).toMatch(/at least 80 characters \(79 so far\)/);
    expect(overrideTextProblem(`   ${base.slice(0, -1)}\n\n\t  `, "")).toMatch(/79 so far/);
    expect(overrideTextProblem(base.replace(/ /g, "    ").slice(0, 200), "")).toBeNull();
    expect(overrideTextProblem("", "")).toMatch(/^Write the override: at least 80/);
    expect(overrideTextProblem(" \n ", "")).toMatch(/^Write the override: at least 80/);
  });

  it("has a maximum", () => {
    const long = `${REAL} `.repeat(40).slice(0, OVERRIDE_MAX);
    expect(overrideTextProblem(long, "")).toBeNull();
    expect(overrideTextProblem(`${long}x`, "")).toMatch(/under 5000/);
  });

  it.each([
    ["one character repeated", "x".repeat(120)],
    ["dots", ".".repeat(100)],
    ["one word over and over", "override ".repeat(15)],
    ["a few words cycling", "yes ok fine sure ".repeat(6)],
    ["keyboard mash with spaces", "asdf ".repeat(20)],
    ["one letter dominating", `${"a".repeat(60)} the panel said no but I decide hire`],
  ])("refuses filler: %s", (_, text) => {
    expect(overrideTextProblem(text, "")).toMatch(/in sentences/);
  });

  it("is not the rationale again", () => {
    expect(overrideTextProblem(REAL, REAL)).toMatch(/repeats the rationale/);
    expect(overrideTextProblem(REAL, `Decision: hire.  ${REAL.replace(/ /g, "  ")} More context.`)).toMatch(
      /repeats the rationale/,
    );
    expect(overrideTextProblem(REAL.toUpperCase(), REAL)).toMatch(/repeats the rationale/);
  });
});

describe("overrideProblem", () => {
  const grounds = overrideGrounds(signals({ dealbreakers: [{ label: "X", raisedBy: ["Ana"] }] }), "hire");

  it("asks for nothing when there are no grounds", () => {
    expect(overrideProblem([], "", "")).toBeNull();
  });

  it("names the grounds when the override is missing or not real", () => {
    expect(overrideProblem(grounds, "", "Rationale")).toBe(
      "This decision goes against open dealbreaker “X” raised by Ana. Write the override: at least 80 characters on why you decide against it.",
    );
    expect(overrideProblem(grounds, "ok", "Rationale")).toMatch(/^This decision goes against open dealbreaker/);
    expect(overrideProblem(grounds, REAL, "Rationale")).toBeNull();
  });
});
