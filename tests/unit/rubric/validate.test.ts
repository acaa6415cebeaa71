import { describe, it, expect } from "vitest";

import type { RubricContent } from "../../../app/domain/rubric/model";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { validateRubricContent } from "../../../app/domain/rubric/validate";

/** A deep copy of v1 that a test may break freely. */
function draft(): RubricContent {
  return structuredClone(LEAD_ML_ARCHITECT_V1);
}

function paths(content: RubricContent): string[] {
  return validateRubricContent(content).map((p) => p.path);
}

describe("validateRubricContent", () => {
  it("accepts rubric v1 without problems", () => {
    expect(validateRubricContent(LEAD_ML_ARCHITECT_V1)).toEqual([]);
  });

  it("does not mutate its input", () => {
    const content = draft();
    const before = JSON.stringify(content);
    content.dimensions[0]!.weight = 1;
    const snapshot = JSON.stringify(content);
    validateRubricContent(content);
    expect(JSON.stringify(content)).toBe(snapshot);
    expect(snapshot).not.toBe(before);
  });

  it("reports weights that do not sum to 100", () => {
    const content = draft();
    content.dimensions[0]!.weight += 5;
    const problems = validateRubricContent(content);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("dimensions");
    expect(problems[0]!.message).toMatch(/105/);
  });

  it("reports non-integer and non-positive weights", () => {
    const content = draft();
    content.dimensions[0]!.weight = 19.5;
    content.dimensions[1]!.weight = 0;
    content.dimensions[2]!.weight = 14 + 16 + 0.5; // keep the total at 100
    expect(paths(content)).toEqual(
      expect.arrayContaining(["dimensions[0].weight", "dimensions[1].weight", "dimensions[2].weight"]),
    );
    expect(paths(content)).not.toContain("dimensions");
  });

  it("reports missing anchors", () => {
    const content = draft();
    content.dimensions[3]!.anchors.meetsBar = "   ";
    content.dimensions[4]!.anchors.exceeds = "";
    expect(paths(content)).toEqual(["dimensions[3].anchors.meetsBar", "dimensions[4].anchors.exceeds"]);
  });

  it("reports a dimension assessed by fewer than two exercises", () => {
    const content = draft();
    for (const e of content.exercises) {
      e.dimensionKeys = e.dimensionKeys.filter((k) => k !== "governance_risk");
    }
    content.exercises[0]!.dimensionKeys.push("governance_risk");
    const problems = validateRubricContent(content);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("dimensions[4]");
    expect(problems[0]!.message).toContain("governance_risk");
  });

  it("reports unknown dimension keys and does not count them as coverage", () => {
    const content = draft();
    content.exercises[1]!.dimensionKeys.push("vibes");
    expect(paths(content)).toEqual([`exercises[1].dimensionKeys[${content.exercises[1]!.dimensionKeys.length - 1}]`]);

    const renamed = draft();
    renamed.dimensions[5]!.key = "storytelling"; // exercises still point at "communication"
    const renamedPaths = paths(renamed);
    expect(renamedPaths.filter((p) => /^exercises\[\d\]\.dimensionKeys\[\d\]$/.test(p)).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(renamedPaths).toContain("dimensions[5]");
  });

  it("reports an exercise that assesses no dimension", () => {
    const content = draft();
    content.exercises[2]!.dimensionKeys = [];
    expect(paths(content)).toContain("exercises[2].dimensionKeys");
  });

  it("reports the same dimension listed twice in one exercise without double-counting it", () => {
    const content = draft();
    const only = draft().exercises[0]!.dimensionKeys;
    content.exercises[0]!.dimensionKeys = [...only, only[0]!];
    expect(paths(content)).toEqual([`exercises[0].dimensionKeys[${only.length}]`]);
  });

  it("reports duplicate and malformed keys in every list", () => {
    const content = draft();
    content.dimensions[1]!.key = content.dimensions[0]!.key;
    content.exercises[3]!.key = "Tooling-Eval";
    content.exercises[0]!.focusPoints[1]!.key = content.exercises[0]!.focusPoints[0]!.key;
    content.redFlags[2]!.key = content.redFlags[0]!.key;
    content.signals[3]!.key = "9lives";
    const p = paths(content);
    expect(p).toEqual(
      expect.arrayContaining([
        "dimensions[1].key",
        "exercises[3].key",
        "exercises[0].focusPoints[1].key",
        "redFlags[2].key",
        "signals[3].key",
      ]),
    );
    const dup = validateRubricContent(content).find((x) => x.path === "redFlags[2].key");
    expect(dup?.message).toMatch(/Duplicate/);
  });

  it("requires at least one probe and one focus point per exercise", () => {
    const content = draft();
    content.exercises[1]!.probeQuestions = [];
    content.exercises[2]!.focusPoints = [];
    expect(paths(content)).toEqual(["exercises[1].probeQuestions", "exercises[2].focusPoints"]);
  });

  it("accepts fewer than 4 probes (the 4-8 range is guidance, not a rule)", () => {
    const content = draft();
    content.exercises[0]!.probeQuestions = content.exercises[0]!.probeQuestions.slice(0, 1);
    content.exercises[0]!.focusPoints = content.exercises[0]!.focusPoints.slice(0, 1);
    expect(validateRubricContent(content)).toEqual([]);
  });

  it("reports invalid severities, kinds and empty labels", () => {
    const content = draft();
    (content.redFlags[0] as { severity: string }).severity = "minor";
    (content.signals[0] as { kind: string }).kind = "meh";
    content.signals[1]!.label = "";
    content.redFlags[1]!.label = " ";
    expect(paths(content)).toEqual([
      "redFlags[0].severity",
      "redFlags[1].label",
      "signals[0].kind",
      "signals[1].label",
    ]);
  });

  it("reports an empty rubric", () => {
    const empty: RubricContent = {
      name: "",
      roleTitle: "",
      summary: "",
      dimensions: [],
      exercises: [],
      redFlags: [],
      signals: [],
    };
    expect(paths(empty)).toEqual(["name", "roleTitle", "dimensions", "exercises"]);
  });
});
