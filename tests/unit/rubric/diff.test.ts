import { describe, expect, it } from "vitest";

import type { RubricContent } from "../../../app/domain/rubric/model";
import { diffRubrics, wordDiff } from "../../../app/domain/rubric/diff";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { LEAD_ML_ARCHITECT_V2 } from "../../../app/domain/rubric/lead-ml-architect-v2";

const v1 = () => structuredClone(LEAD_ML_ARCHITECT_V1) as RubricContent;

describe("wordDiff", () => {
  it("marks replaced words and keeps the rest, reconstructing both sides", () => {
    const segs = wordDiff("meets the bar today", "exceeds the bar today");
    expect(segs).toEqual([
      { kind: "removed", text: "meets" },
      { kind: "added", text: "exceeds" },
      { kind: "same", text: " the bar today" },
    ]);
    const before = segs
      .filter((s) => s.kind !== "added")
      .map((s) => s.text)
      .join("");
    const after = segs
      .filter((s) => s.kind !== "removed")
      .map((s) => s.text)
      .join("");
    expect(before).toBe("meets the bar today");
    expect(after).toBe("exceeds the bar today");
  });

  it("handles empty sides and identical text", () => {
    expect(wordDiff("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(wordDiff("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(wordDiff("same", "same")).toEqual([{ kind: "same", text: "same" }]);
    expect(wordDiff("", "")).toEqual([]);
  });
});

describe("diffRubrics", () => {
  it("finds nothing between a version and its copy", () => {
    const d = diffRubrics(v1(), v1());
    expect(d.identical).toBe(true);
    expect(d.sections.every((s) => s.counts.changed === 0 && s.counts.added === 0 && s.counts.removed === 0)).toBe(
      true,
    );
  });

  it("reports a changed anchor as a field change of that dimension only", () => {
    const next = v1();
    next.dimensions[0]!.anchors.meetsBar = "A new meets-bar anchor.";
    const d = diffRubrics(v1(), next);
    expect(d.identical).toBe(false);
    const dims = d.sections.find((s) => s.section === "dimensions")!;
    expect(dims.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 6 });
    const changed = dims.items.find((i) => i.status === "changed")!;
    expect(changed.key).toBe("ml_system_architecture");
    expect(changed.changes.map((c) => c.field)).toEqual(["anchors.meetsBar"]);
    expect(changed.changes[0]!.label).toBe("Anchor: meets bar");
    expect(changed.changes[0]!.after).toBe("A new meets-bar anchor.");
  });

  it("reports added and removed items, placing removed ones where they were", () => {
    const next = v1();
    const removed = next.redFlags.splice(1, 1)[0]!;
    next.signals.push({ key: "new_signal", label: "Brand new", kind: "strong" });
    const d = diffRubrics(v1(), next);
    const flags = d.sections.find((s) => s.section === "redFlags")!;
    expect(flags.counts.removed).toBe(1);
    expect(flags.items[1]!.key).toBe(removed.key);
    expect(flags.items[1]!.after).toBeNull();
    const signals = d.sections.find((s) => s.section === "signals")!;
    expect(signals.items.at(-1)).toMatchObject({ key: "new_signal", status: "added", before: null });
  });

  it("detects moved items and changes to lists (exercise dimensions, probes, duration)", () => {
    const next = v1();
    const [first] = next.exercises.splice(0, 1);
    next.exercises.push(first!);
    next.exercises[0]!.durationMinutes = 75;
    next.exercises[0]!.dimensionKeys = next.exercises[0]!.dimensionKeys.slice(1);
    const d = diffRubrics(v1(), next);
    const ex = d.sections.find((s) => s.section === "exercises")!;
    const moved = ex.items.find((i) => i.key === "architecture_case_study")!;
    expect(moved.moved).toBe(true);
    expect(moved.status).toBe("unchanged");
    const changed = ex.items.find((i) => i.status === "changed")!;
    expect(changed.changes.map((c) => c.field).sort()).toEqual(["dimensionKeys", "durationMinutes"]);
    expect(changed.changes.find((c) => c.field === "durationMinutes")!.after).toBe("75 min");
    expect(d.identical).toBe(false);
  });

  it("reports a summary change", () => {
    const next = v1();
    next.summary = "Shorter.";
    expect(diffRubrics(v1(), next).summary?.after).toBe("Shorter.");
  });

  it("shows v1 -> v2 field by field: per-point anchors replace the bands, probes replace the flat lists", () => {
    const d = diffRubrics(v1(), structuredClone(LEAD_ML_ARCHITECT_V2));
    expect(d.identical).toBe(false);
    expect(d.rules.map((c) => [c.field, c.before, c.after.slice(0, 8)])).toEqual([
      ["format", "Format 1", "Format 2"],
      ["decisionRule.mustHave", "", "ML syste"],
      ["decisionRule.statement", "", "The weig"],
      ["guidance.conduct", "", "Give eve"],
      ["guidance.timekeeping", "", "Follow t"],
      ["guidance.doNotAsk", "", "Age, dat"],
    ]);

    const dims = d.sections.find((s) => s.section === "dimensions")!;
    const arch = dims.items.find((i) => i.key === "ml_system_architecture")!;
    expect(arch.status).toBe("changed");
    const fields = arch.changes.map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining(["scale.1", "scale.4", "levels.staffPlus", "calibration.probe", "calibration.3"]),
    );
    expect(fields).toEqual(expect.arrayContaining(["anchors.belowBar", "anchors.meetsBar", "anchors.exceeds"]));
    const removedBand = arch.changes.find((c) => c.field === "anchors.meetsBar")!;
    expect(removedBand.after).toBe("");
    expect(arch.changes.find((c) => c.field === "scale.2")!.label).toBe("Anchor: 2 (below bar)");
    expect(arch.changes.find((c) => c.field === "calibration.probe")!.after).toMatch(/^Architecture case study: /);

    const exercises = d.sections.find((s) => s.section === "exercises")!;
    expect(exercises.counts).toEqual({ added: 1, removed: 0, changed: 4, unchanged: 0 });
    expect(exercises.items.find((i) => i.status === "added")!.key).toBe("influence_leadership_session");
    const drill = exercises.items.find((i) => i.key === "incident_scenario_drill")!;
    expect(drill.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(["prompt", "probes", "phases", "reveals", "focusPoints", "probeQuestions"]),
    );
    expect(drill.changes.find((c) => c.field === "reveals")!.after).toMatch(/^Minute 5: /);
    expect(drill.changes.find((c) => c.field === "probes")!.after).toMatch(
      /^Core: .*\(Observability and reliability\)/,
    );
  });

  it("finds nothing between v2 and its copy, and reports one changed probe as a change of the probes field", () => {
    const v2 = () => structuredClone(LEAD_ML_ARCHITECT_V2);
    expect(diffRubrics(v2(), v2()).identical).toBe(true);
    const next = v2();
    next.exercises[3]!.probes[0]!.core = false;
    const d = diffRubrics(v2(), next);
    const ex = d.sections.find((s) => s.section === "exercises")!;
    expect(ex.items.filter((i) => i.status === "changed").map((i) => [i.key, i.changes.map((c) => c.field)])).toEqual([
      ["tooling_evaluation", ["probes"]],
    ]);
    expect(d.rules).toEqual([]);
  });
});
