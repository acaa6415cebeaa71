import { describe, it, expect } from "vitest";

import { LEAD_ML_ARCHITECT_V1 as v1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { LEAD_ML_ARCHITECT_V2 as v2 } from "../../../app/domain/rubric/lead-ml-architect-v2";
import { SCALE_POINTS } from "../../../app/domain/rubric/model";

const KEY = /^[a-z][a-z0-9_]*$/;

function expectUnique(values: string[]) {
  expect(new Set(values).size).toBe(values.length);
}

const weightOf = (content: typeof v1, key: string) => content.dimensions.find((d) => d.key === key)!.weight;

describe("LEAD_ML_ARCHITECT_V2", () => {
  it("is format 2 of the same rubric, with v1's dimension keys (so the diff lines them up)", () => {
    expect(v2.format).toBe(2);
    expect(v2.name).toBe(v1.name);
    expect(v2.roleTitle).toBe(v1.roleTitle);
    expect(v2.dimensions.map((d) => d.key)).toEqual(v1.dimensions.map((d) => d.key));
  });

  it("gives communication and leadership together more weight than v1, for a role that leads through influence", () => {
    const share = (c: typeof v1) => weightOf(c, "communication") + weightOf(c, "leadership_enablement");
    expect(share(v1)).toBe(22);
    expect(share(v2)).toBeGreaterThanOrEqual(30);
    expect(v2.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
  });

  it("anchors every scale point with its own text, never reused between points or dimensions", () => {
    const all: string[] = [];
    for (const d of v2.dimensions) {
      for (const point of SCALE_POINTS) {
        expect(d.scale[point].trim().length, `${d.key} ${point}`).toBeGreaterThan(40);
        all.push(d.scale[point]);
      }
    }
    expectUnique(all);
  });

  it("anchors describe what the candidate does in the session, not claims about past work", () => {
    // v1's four past-work anchors used phrasing like these
    const pastWork = /\b(has (shipped|built|grown|led|owned|run)|cites|track record|years of)\b/i;
    for (const d of v2.dimensions) {
      for (const point of SCALE_POINTS) expect(d.scale[point], `${d.key} ${point}`).not.toMatch(pastWork);
    }
  });

  it("has calibration answers for 2, 3 and 4 and level guidance on every dimension", () => {
    for (const d of v2.dimensions) {
      const { answers } = d.calibration;
      expect(new Set([answers[2], answers[3], answers[4]]).size, d.key).toBe(3);
      for (const text of [answers[2], answers[3], answers[4], d.levels.belowLead, d.levels.lead, d.levels.staffPlus]) {
        expect(text.trim().length, d.key).toBeGreaterThan(15);
      }
    }
  });

  it("keeps the four practical exercises with their durations and adds a session on influence and leadership", () => {
    expect(v2.exercises.map((e) => [e.key, e.durationMinutes])).toEqual([
      ["architecture_case_study", 90],
      ["mlops_pipeline_design", 60],
      ["incident_scenario_drill", 45],
      ["tooling_evaluation", 45],
      ["influence_leadership_session", 45],
    ]);
    const session = v2.exercises[4]!;
    expect(session.dimensionKeys).toEqual(["leadership_enablement", "communication"]);
  });

  it("does not score leadership in the incident drill, where it cannot be seen", () => {
    const drill = v2.exercises.find((e) => e.key === "incident_scenario_drill")!;
    expect(drill.dimensionKeys).not.toContain("leadership_enablement");
  });

  it("has 3-4 core probes per exercise, each tagged, and at most 3 optional ones", () => {
    for (const e of v2.exercises) {
      const core = e.probes.filter((p) => p.core);
      expect(core.length, e.key).toBeGreaterThanOrEqual(3);
      expect(core.length, e.key).toBeLessThanOrEqual(4);
      expect(e.probes.length - core.length, e.key).toBeLessThanOrEqual(3);
      expectUnique(e.probes.map((p) => p.key));
      for (const p of e.probes) {
        expect(p.dimensionKeys.length, `${e.key}.${p.key}`).toBeGreaterThan(0);
        expect(p.lookFor.trim().length, `${e.key}.${p.key}`).toBeGreaterThan(30);
      }
    }
  });

  it("times every exercise in phases, ending with the candidate's questions", () => {
    for (const e of v2.exercises) {
      expect(
        e.phases.reduce((sum, p) => sum + p.minutes, 0),
        e.key,
      ).toBe(e.durationMinutes);
      const last = e.phases.at(-1)!;
      expect(last.candidateQuestions, e.key).toBe(true);
      expect(last.minutes, e.key).toBeGreaterThanOrEqual(5);
    }
  });

  it("gives every exercise a context card", () => {
    for (const e of v2.exercises) expect(e.context, e.key).toBeDefined();
    const arch = v2.exercises[0]!.context!;
    for (const field of ["scale", "labelDelay", "team", "stack", "budget"] as const) {
      expect(arch[field]?.trim(), field).toBeTruthy();
    }
    const tooling = v2.exercises[3]!.context!;
    for (const field of ["team", "stack", "budget"] as const) expect(tooling[field]?.trim(), field).toBeTruthy();
  });

  it("scripts the incident drill with timed reveals and no giveaway in the prompt", () => {
    const drill = v2.exercises.find((e) => e.key === "incident_scenario_drill")!;
    expect(drill.prompt).not.toMatch(/drift|skew|feature|app version|session length|upstream|schema|model/i);
    const minutes = drill.reveals!.map((r) => r.atMinute);
    expect(minutes.length).toBeGreaterThanOrEqual(4);
    expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
    expect(Math.max(...minutes)).toBeLessThan(drill.durationMinutes);
    // the cause only comes out in a reveal
    expect(drill.reveals!.map((r) => r.show).join(" ")).toMatch(/drift/i);
  });

  it("asks fewer things to tick live than v1", () => {
    // v1: 13 red flags + 11 signals on every scorecard, plus the exercise's focus points
    expect(v1.redFlags.length + v1.signals.length).toBe(24);
    expect(v2.redFlags.length + v2.signals.length).toBeLessThanOrEqual(18);
    const perScorecard = (flagsAndSignals: number, ticks: number[]) => flagsAndSignals + Math.max(...ticks);
    expect(
      perScorecard(
        v2.redFlags.length + v2.signals.length,
        v2.exercises.map((e) => e.probes.length),
      ),
    ).toBeLessThan(
      perScorecard(
        24,
        v1.exercises.map((e) => e.focusPoints.length),
      ),
    );
  });

  it("merges the red flags that duplicated weak signals, and adds the missing domain flags", () => {
    const flags = v2.redFlags.map((f) => f.key);
    for (const merged of ["monitoring_governance_skipped", "single_vendor_dependence", "accuracy_only_focus"]) {
      expect(flags).not.toContain(merged);
    }
    expect(flags).toEqual(expect.arrayContaining(["no_rollback_plan", "no_evaluation_plan", "ignores_serving_skew"]));
    const labels = [...v2.redFlags.map((f) => f.label), ...v2.signals.map((s) => s.label)];
    expectUnique(labels);
    expect(new Set(v2.redFlags.map((f) => f.severity))).toEqual(new Set(["dealbreaker", "concern"]));
  });

  it("has a decision rule on must-have dimensions and a do-not-ask list", () => {
    expect(v2.decisionRule.mustHaveDimensionKeys).toEqual(
      expect.arrayContaining(["ml_system_architecture", "leadership_enablement"]),
    );
    expect(v2.decisionRule.statement).toMatch(/dealbreaker/i);
    expect(v2.decisionRule.statement).toMatch(/must-have/i);
    const doNotAsk = v2.interviewerGuidance.doNotAsk.join(" ").toLowerCase();
    for (const topic of ["age", "pregnan", "religio", "disabilit", "sexual orientation", "national origin"]) {
      expect(doNotAsk, topic).toContain(topic);
    }
    expect(v2.interviewerGuidance.timekeeping.join(" ")).toMatch(/reveal/i);
  });

  it("uses lowercase snake_case for every key", () => {
    const keys = [
      ...v2.exercises.flatMap((e) => [
        e.key,
        ...e.probes.map((p) => p.key),
        ...e.phases.map((p) => p.key),
        ...(e.reveals ?? []).map((r) => r.key),
      ]),
      ...v2.redFlags.map((f) => f.key),
      ...v2.signals.map((s) => s.key),
    ];
    for (const k of keys) expect(k).toMatch(KEY);
  });
});
