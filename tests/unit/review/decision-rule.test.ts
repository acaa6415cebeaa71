import { describe, expect, it } from "vitest";

import { evaluateDecisionRule } from "../../../app/domain/review/decision-rule";

const rule = { mustHaveDimensionKeys: ["arch", "mlops"], statement: "Dealbreakers first." };
const dims = (arch: number | null, mlops: number | null) => [
  { key: "arch", name: "Architecture", mean: arch },
  { key: "mlops", name: "MLOps", mean: mlops },
  { key: "comms", name: "Communication", mean: 1 },
];
const flag = (severity: string, raisedBy: string[]) => ({
  label: "Fabricated results",
  severity,
  raisedBy: raisedBy.map((panelistName) => ({ panelistName })),
});

describe("the decision rule", () => {
  it("is absent for a rubric without one (format 1)", () => {
    expect(evaluateDecisionRule({ rule: undefined, dimensions: dims(2, 2), redFlags: [], levels: [] })).toBeNull();
  });

  it("lets the composite stand when no dealbreaker is raised and every must-have meets the bar", () => {
    // a non-must-have below the bar does not trigger the rule
    const o = evaluateDecisionRule({
      rule,
      dimensions: dims(3, 3.5),
      redFlags: [flag("concern", ["Ada"])],
      levels: [],
    });
    expect(o).toMatchObject({ verdict: "composite", statement: "Dealbreakers first.", mustHaveBelowBar: [] });
  });

  it("puts must-have dimensions below the bar before the composite, and names unrated ones", () => {
    const o = evaluateDecisionRule({ rule, dimensions: dims(2.5, null), redFlags: [], levels: [] })!;
    expect(o.verdict).toBe("must_have_below_bar");
    expect(o.mustHaveBelowBar).toEqual([{ key: "arch", name: "Architecture", mean: 2.5 }]);
    expect(o.mustHaveUnrated).toEqual([{ key: "mlops", name: "MLOps" }]);
    expect(o.verdictText).toBe(
      "Must-have dimension below the bar: Architecture (mean 2.50). Discuss it before the composite score. Not rated yet: MLOps.",
    );
  });

  it("lets a raised dealbreaker outweigh everything, with who raised it", () => {
    const o = evaluateDecisionRule({
      rule,
      dimensions: dims(2, 4),
      redFlags: [flag("dealbreaker", ["Ada", "Ben"]), flag("dealbreaker", [])],
      levels: [],
    })!;
    expect(o.verdict).toBe("dealbreaker");
    expect(o.dealbreakers).toEqual([{ label: "Fabricated results", raisedBy: ["Ada", "Ben"] }]);
    expect(o.verdictText).toContain("It outweighs any composite score.");
    expect(o.verdictText).toContain("Must-have below the bar as well: Architecture (mean 2.00).");
  });

  it("reports a level split only when signals are more than one step apart", () => {
    const oneStep = evaluateDecisionRule({
      rule,
      dimensions: dims(3, 3),
      redFlags: [],
      levels: [
        { panelistName: "Ada", level: "lead" },
        { panelistName: "Ben", level: "staff_plus" },
        { panelistName: "Cy", level: null },
      ],
    })!;
    expect(oneStep.levelSplit).toBeNull();
    const twoSteps = evaluateDecisionRule({
      rule,
      dimensions: dims(3, 3),
      redFlags: [],
      levels: [
        { panelistName: "Ada", level: "below_lead" },
        { panelistName: "Ben", level: "staff_plus" },
      ],
    })!;
    expect(twoSteps.levelSplit).toEqual([
      { panelistName: "Ada", level: "below_lead" },
      { panelistName: "Ben", level: "staff_plus" },
    ]);
  });
});
