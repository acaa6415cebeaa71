import { describe, it, expect } from "vitest";

import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../../../app/domain/vocabulary";
import { LEAD_ML_ARCHITECT_V1 as v1 } from "../../../app/domain/rubric/lead-ml-architect-v1";

const KEY = /^[a-z][a-z0-9_]*$/;

function expectUnique(values: string[]) {
  expect(new Set(values).size).toBe(values.length);
}

describe("LEAD_ML_ARCHITECT_V1", () => {
  it("names the role", () => {
    expect(v1.name).toBe("Lead ML Architect");
    expect(v1.roleTitle).toBe("Lead Machine Learning Architect");
    expect(v1.summary.trim().length).toBeGreaterThan(100);
  });

  describe("dimensions", () => {
    it("has exactly the 7 scorecard dimensions", () => {
      expect(v1.dimensions.map((d) => d.key)).toEqual([
        "ml_system_architecture",
        "mlops_lifecycle",
        "cloud_platform",
        "observability_reliability",
        "governance_risk",
        "communication",
        "leadership_enablement",
      ]);
    });

    it("gives every dimension a name, a description and three non-empty, distinct anchors", () => {
      const allAnchors: string[] = [];
      for (const d of v1.dimensions) {
        expect(d.name.trim(), d.key).not.toBe("");
        expect(d.description.trim(), d.key).not.toBe("");
        const { belowBar, meetsBar, exceeds } = d.anchors;
        for (const anchor of [belowBar, meetsBar, exceeds]) {
          expect(anchor.trim().length, d.key).toBeGreaterThan(20);
        }
        expect(new Set([belowBar, meetsBar, exceeds]).size, d.key).toBe(3);
        allAnchors.push(belowBar, meetsBar, exceeds);
      }
      // no anchor text reused between dimensions either
      expectUnique(allAnchors);
    });

    it("has positive integer weights summing to exactly 100", () => {
      for (const d of v1.dimensions) {
        expect(Number.isInteger(d.weight), d.key).toBe(true);
        expect(d.weight, d.key).toBeGreaterThan(0);
      }
      expect(v1.dimensions.reduce((sum, d) => sum + d.weight, 0)).toBe(100);
    });
  });

  describe("exercises", () => {
    it("has the 4 exercises with durations 90/60/45/45", () => {
      expect(v1.exercises).toHaveLength(4);
      expect(v1.exercises.map((e) => e.durationMinutes)).toEqual([90, 60, 45, 45]);
      expectUnique(v1.exercises.map((e) => e.key));
    });

    it("gives each exercise a prompt, 4-8 probes and at least 4 focus points with unique keys", () => {
      for (const e of v1.exercises) {
        expect(e.title.trim(), e.key).not.toBe("");
        expect(e.prompt.trim().length, e.key).toBeGreaterThan(80);
        expect(e.probeQuestions.length, e.key).toBeGreaterThanOrEqual(4);
        expect(e.probeQuestions.length, e.key).toBeLessThanOrEqual(8);
        for (const q of e.probeQuestions) expect(q.trim(), e.key).not.toBe("");
        expectUnique(e.probeQuestions);
        expect(e.focusPoints.length, e.key).toBeGreaterThanOrEqual(4);
        expect(e.focusPoints.length, e.key).toBeLessThanOrEqual(8);
        expectUnique(e.focusPoints.map((f) => f.key));
        for (const f of e.focusPoints) expect(f.label.trim(), `${e.key}.${f.key}`).not.toBe("");
      }
    });

    it("only references existing dimensions, each at most once per exercise", () => {
      const known = new Set(v1.dimensions.map((d) => d.key));
      for (const e of v1.exercises) {
        expect(e.dimensionKeys.length, e.key).toBeGreaterThan(0);
        expectUnique(e.dimensionKeys);
        for (const k of e.dimensionKeys) expect(known.has(k), `${e.key} -> ${k}`).toBe(true);
      }
    });

    it("assesses every dimension in at least two exercises", () => {
      for (const d of v1.dimensions) {
        const count = v1.exercises.filter((e) => e.dimensionKeys.includes(d.key)).length;
        expect(count, d.key).toBeGreaterThanOrEqual(2);
      }
    });
  });

  describe("red flags", () => {
    it("has a de-duplicated list of 10-14 flags with unique keys and short labels", () => {
      expect(v1.redFlags.length).toBeGreaterThanOrEqual(10);
      expect(v1.redFlags.length).toBeLessThanOrEqual(14);
      expectUnique(v1.redFlags.map((f) => f.key));
      expectUnique(v1.redFlags.map((f) => f.label));
      for (const f of v1.redFlags) {
        expect(f.label.trim(), f.key).not.toBe("");
        expect(f.label.length, f.key).toBeLessThanOrEqual(80);
        expect(f.description.trim(), f.key).not.toBe("");
        expect(RED_FLAG_SEVERITIES).toContain(f.severity);
      }
    });

    it("uses both severities", () => {
      const severities = new Set(v1.redFlags.map((f) => f.severity));
      expect(severities).toEqual(new Set(["dealbreaker", "concern"]));
    });
  });

  describe("signals", () => {
    it("has 6 strong and 5 weak signals with unique keys", () => {
      expect(v1.signals.filter((s) => s.kind === "strong")).toHaveLength(6);
      expect(v1.signals.filter((s) => s.kind === "weak")).toHaveLength(5);
      expect(v1.signals).toHaveLength(11);
      expectUnique(v1.signals.map((s) => s.key));
      for (const s of v1.signals) {
        expect(SIGNAL_KINDS).toContain(s.kind);
        expect(s.label.trim(), s.key).not.toBe("");
        expect(s.label.length, s.key).toBeLessThanOrEqual(100);
      }
    });
  });

  it("uses lowercase snake_case for every key", () => {
    const keys = [
      ...v1.dimensions.map((d) => d.key),
      ...v1.exercises.map((e) => e.key),
      ...v1.exercises.flatMap((e) => e.focusPoints.map((f) => f.key)),
      ...v1.redFlags.map((f) => f.key),
      ...v1.signals.map((s) => s.key),
    ];
    expect(keys.length).toBeGreaterThan(50);
    for (const k of keys) expect(k).toMatch(KEY);
  });
});
