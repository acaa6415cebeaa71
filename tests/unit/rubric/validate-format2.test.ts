import { describe, it, expect } from "vitest";

import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { LEAD_ML_ARCHITECT_V2 } from "../../../app/domain/rubric/lead-ml-architect-v2";
import { withDerivedFields, type StructuredRubricContent } from "../../../app/domain/rubric/model";
import { validateRubricContent } from "../../../app/domain/rubric/validate";

/** A deep copy of v2 that a test may break freely. */
function draft(): StructuredRubricContent {
  return structuredClone(LEAD_ML_ARCHITECT_V2);
}

function exercise(content: StructuredRubricContent, key: string) {
  const found = content.exercises.find((e) => e.key === key);
  if (!found) throw new Error(`no exercise ${key}`);
  return found;
}

function paths(content: StructuredRubricContent): string[] {
  return validateRubricContent(withDerivedFields(content)).map((p) => p.path);
}

describe("validateRubricContent on format-2 content", () => {
  it("accepts rubric v2 without problems, and still accepts v1 under the format-1 rules", () => {
    expect(validateRubricContent(LEAD_ML_ARCHITECT_V2)).toEqual([]);
    expect(validateRubricContent(LEAD_ML_ARCHITECT_V1)).toEqual([]);
  });

  it("holds v1 content that declares format 2 to the format-2 rules", () => {
    const p = validateRubricContent({ ...structuredClone(LEAD_ML_ARCHITECT_V1), format: 2 }).map((x) => x.path);
    expect(p).toEqual(
      expect.arrayContaining([
        "dimensions[0].scale.1",
        "dimensions[0].levels.lead",
        "dimensions[0].calibration",
        "exercises[0].probes",
        "exercises[0].phases",
        "decisionRule",
        "interviewerGuidance",
      ]),
    );
  });

  it("refuses an unknown content format", () => {
    const content = { ...structuredClone(LEAD_ML_ARCHITECT_V1), format: 3 } as unknown as StructuredRubricContent;
    expect(validateRubricContent(content).map((p) => p.path)).toEqual(["format"]);
  });

  it("rule: every probe informs at least one dimension", () => {
    const content = draft();
    exercise(content, "tooling_evaluation").probes[4]!.dimensionKeys = [];
    expect(paths(content)).toEqual(["exercises[3].probes[4].dimensionKeys"]);
  });

  it("rule: a probe only informs dimensions its exercise assesses", () => {
    const content = draft();
    // v1's mistake: the tooling case probing observability, which it does not list
    exercise(content, "tooling_evaluation").probes[5]!.dimensionKeys.push("observability_reliability");
    const problems = validateRubricContent(withDerivedFields(content));
    expect(problems.map((p) => p.path)).toEqual(["exercises[3].probes[5].dimensionKeys[1]"]);
    expect(problems[0]!.message).toContain("observability_reliability");
  });

  it("rule: every dimension an exercise lists is informed by one of its core probes", () => {
    const content = draft();
    const drill = exercise(content, "incident_scenario_drill");
    drill.dimensionKeys.push("leadership_enablement");
    expect(paths(content)).toEqual(["exercises[2].dimensionKeys[3]"]);
  });

  it("rule: every dimension is reached through core probes by at least two exercises", () => {
    const content = draft();
    // the tooling case stops probing the architecture with a core probe (an optional one does not count)
    exercise(content, "tooling_evaluation").probes.find((p) => p.key === "tool_feature_guarantees")!.core = false;
    const problems = validateRubricContent(withDerivedFields(content));
    expect(problems.map((p) => p.path)).toEqual(["exercises[3].dimensionKeys[0]", "dimensions[0]"]);
    expect(problems[1]!.message).toMatch(/ml_system_architecture.*1 exercise/);
  });

  it("rule: every exercise has at least one core probe, and probes need a question and what to listen for", () => {
    const content = draft();
    const session = exercise(content, "influence_leadership_session");
    for (const probe of session.probes) probe.core = false;
    session.probes[4]!.question = " ";
    session.probes[5]!.lookFor = "";
    expect(paths(content)).toEqual(
      expect.arrayContaining([
        "exercises[4].probes",
        "exercises[4].probes[4].question",
        "exercises[4].probes[5].lookFor",
        "exercises[4].dimensionKeys[0]",
        "dimensions[6]",
      ]),
    );
  });

  it("rule: probe keys are unique within an exercise", () => {
    const content = draft();
    const mlops = exercise(content, "mlops_pipeline_design");
    mlops.probes[1]!.key = mlops.probes[0]!.key;
    expect(paths(content)).toContain("exercises[1].probes[1].key");
  });

  it("rule: every point of the scale is anchored", () => {
    const content = draft();
    content.dimensions[2]!.scale[2] = "";
    content.dimensions[5]!.scale[4] = "  ";
    expect(paths(content)).toEqual(["dimensions[2].scale.2", "dimensions[5].scale.4"]);
  });

  it("rule: the phases add up to the exercise's duration", () => {
    const content = draft();
    exercise(content, "architecture_case_study").phases[2]!.minutes += 5;
    const problems = validateRubricContent(withDerivedFields(content));
    expect(problems.map((p) => p.path)).toEqual(["exercises[0].phases"]);
    expect(problems[0]!.message).toMatch(/95 minutes.*90/);
  });

  it("rule: phases last positive whole minutes", () => {
    const content = draft();
    const tooling = exercise(content, "tooling_evaluation");
    tooling.phases[1]!.minutes = 7.5;
    tooling.phases[2]!.minutes = 22.5;
    expect(paths(content)).toEqual(["exercises[3].phases[1].minutes", "exercises[3].phases[2].minutes"]);
  });

  it("rule: one phase is kept for the candidate's questions", () => {
    const content = draft();
    const last = exercise(content, "mlops_pipeline_design").phases.at(-1)!;
    delete last.candidateQuestions;
    expect(paths(content)).toEqual(["exercises[1].phases"]);
  });

  it("rule: reveals come within the exercise's duration, in order", () => {
    const content = draft();
    const drill = exercise(content, "incident_scenario_drill");
    drill.reveals![4]!.atMinute = 45;
    drill.reveals![2]!.atMinute = 8;
    expect(paths(content)).toEqual(["exercises[2].reveals[2].atMinute", "exercises[2].reveals[4].atMinute"]);
  });

  it("rule: a reveal says what to show and what to listen for", () => {
    const content = draft();
    const drill = exercise(content, "incident_scenario_drill");
    drill.reveals![0]!.show = "";
    drill.reveals![1]!.listenFor = " ";
    expect(paths(content)).toEqual(["exercises[2].reveals[0].show", "exercises[2].reveals[1].listenFor"]);
  });

  it("rule: a context card, when present, is not empty", () => {
    const content = draft();
    exercise(content, "influence_leadership_session").context = { team: " " };
    expect(paths(content)).toEqual(["exercises[4].context"]);
  });

  it("rule: the must-have dimensions of the decision rule exist", () => {
    const content = draft();
    content.decisionRule.mustHaveDimensionKeys.push("charisma", "mlops_lifecycle");
    expect(paths(content)).toEqual(["decisionRule.mustHaveDimensionKeys[3]", "decisionRule.mustHaveDimensionKeys[4]"]);

    const none = draft();
    none.decisionRule.mustHaveDimensionKeys = [];
    expect(paths(none)).toEqual(["decisionRule.mustHaveDimensionKeys"]);
  });

  it("rule: a decision rule and interviewer guidance with a do-not-ask list are present", () => {
    const content = draft() as Partial<StructuredRubricContent> & StructuredRubricContent;
    delete (content as Partial<StructuredRubricContent>).decisionRule;
    content.interviewerGuidance.doNotAsk = [];
    expect(paths(content)).toEqual(["decisionRule", "interviewerGuidance.doNotAsk"]);
  });

  it("rule: every dimension has level guidance", () => {
    const content = draft();
    content.dimensions[4]!.levels.staffPlus = "";
    expect(paths(content)).toEqual(["dimensions[4].levels.staffPlus"]);
  });

  it("rule: calibration answers exist for 2, 3 and 4 and answer a probe of an exercise that informs the dimension", () => {
    const content = draft();
    content.dimensions[0]!.calibration.answers[3] = "";
    content.dimensions[1]!.calibration.exerciseKey = "influence_leadership_session"; // does not assess MLOps
    content.dimensions[2]!.calibration.probeKey = "tool_fair_trial"; // a tooling probe, but about leadership
    expect(paths(content)).toEqual([
      "dimensions[0].calibration.answers.3",
      "dimensions[1].calibration.exerciseKey",
      "dimensions[2].calibration.probeKey",
    ]);
  });

  it("rule: the format-1 fields match the format-2 ones they are derived from", () => {
    const content = draft();
    content.dimensions[0]!.scale[3] = "A rewritten meets-bar anchor.";
    exercise(content, "tooling_evaluation").probes[0]!.question = "A rewritten question?";
    expect(validateRubricContent(content).map((p) => p.path)).toEqual([
      "dimensions[0].anchors",
      "exercises[3].probeQuestions",
    ]);
    expect(validateRubricContent(withDerivedFields(content))).toEqual([]);
  });

  it("does not ask format-2 content for focus points (probes are ticked instead)", () => {
    for (const e of LEAD_ML_ARCHITECT_V2.exercises) expect(e.focusPoints).toEqual([]);
    expect(validateRubricContent(LEAD_ML_ARCHITECT_V2)).toEqual([]);
  });
});

describe("withDerivedFields", () => {
  it("leaves format-1 content as it is", () => {
    expect(withDerivedFields(LEAD_ML_ARCHITECT_V1)).toBe(LEAD_ML_ARCHITECT_V1);
  });

  it("derives three-band anchors from the scale and probe questions from the probes, core first", () => {
    const v2 = LEAD_ML_ARCHITECT_V2;
    expect(withDerivedFields(v2)).toEqual(v2);
    const d = v2.dimensions[0]!;
    expect(d.anchors.belowBar).toBe(`1: ${d.scale[1]} 2: ${d.scale[2]}`);
    expect(d.anchors.meetsBar).toBe(d.scale[3]);
    expect(d.anchors.exceeds).toBe(d.scale[4]);
    for (const e of v2.exercises) {
      const core = e.probes.filter((p) => p.core).length;
      expect(e.probeQuestions.slice(0, core)).toEqual(e.probes.filter((p) => p.core).map((p) => p.question));
      expect(e.probeQuestions).toHaveLength(e.probes.length);
    }
  });
});
