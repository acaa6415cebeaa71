import { describe, expect, it } from "vitest";

import type { RubricContent } from "../../../app/domain/rubric/model";
import {
  BLANK_DIMENSION,
  BLANK_EXERCISE,
  BLANK_RED_FLAG,
  BLANK_SIGNAL,
  contentToFormValues,
  draftToContent,
  focusPointsFromLines,
  problemsToFieldErrors,
  rubricDraftSchema,
} from "../../../app/domain/rubric/draft-schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { validateRubricContent } from "../../../app/domain/rubric/validate";

const v1 = () => structuredClone(LEAD_ML_ARCHITECT_V1) as RubricContent;

/** The form values the editor would post for v1, with the spare blank rows the page adds. */
function posted() {
  const f = contentToFormValues(v1());
  return {
    ...f,
    dimensions: [...f.dimensions, BLANK_DIMENSION],
    exercises: [...f.exercises, BLANK_EXERCISE],
    redFlags: [...f.redFlags, BLANK_RED_FLAG],
    signals: [...f.signals, BLANK_SIGNAL],
  };
}

/** What formDataToObject produces for an HTML post: rows as objects keyed "0", "1"… */
function asPostedObject<T>(rows: T[]): Record<string, T> {
  return Object.fromEntries(rows.map((r, i) => [String(i), r]));
}

describe("rubric draft form", () => {
  it("round-trips v1 through the form unchanged (blank spare rows ignored)", () => {
    const parsed = rubricDraftSchema.parse(posted());
    expect(draftToContent(parsed, v1())).toEqual(v1());
  });

  it("parses rows posted as an HTML form (objects keyed by index, checkbox strings)", () => {
    const p = posted();
    const html = {
      ...p,
      dimensions: asPostedObject(p.dimensions.map((d) => ({ ...d, remove: undefined }))),
      exercises: asPostedObject(
        p.exercises.map((e) => ({
          ...e,
          dimensionKeys: e.dimensionKeys.length === 1 ? e.dimensionKeys[0] : e.dimensionKeys,
          remove: undefined,
        })),
      ),
      redFlags: asPostedObject(p.redFlags),
      signals: asPostedObject(p.signals),
    };
    const parsed = rubricDraftSchema.parse(html);
    expect(draftToContent(parsed, v1())).toEqual(v1());
  });

  it("drops removed rows and the dimensions they were assessed by", () => {
    const p = posted();
    p.dimensions[0] = { ...p.dimensions[0]!, remove: true };
    const content = draftToContent(rubricDraftSchema.parse(p), v1());
    expect(content.dimensions.map((d) => d.key)).not.toContain("ml_system_architecture");
    expect(content.exercises.every((e) => !e.dimensionKeys.includes("ml_system_architecture"))).toBe(true);
  });

  it("derives keys for new rows from their names and refuses duplicates", () => {
    const p = posted();
    p.dimensions[7] = { ...BLANK_DIMENSION, name: "Data Strategy & Ethics", weight: "0" };
    const content = draftToContent(rubricDraftSchema.parse(p), v1());
    expect(content.dimensions.at(-1)!.key).toBe("data_strategy_ethics");

    const dup = posted();
    dup.dimensions[7] = { ...BLANK_DIMENSION, name: "Something", key: "communication" };
    const r = rubricDraftSchema.safeParse(dup);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["dimensions", 7, "key"]);
  });

  it("asks for a name when a row has content but no name", () => {
    const p = posted();
    p.redFlags[p.redFlags.length - 1] = { ...BLANK_RED_FLAG, description: "only a description" };
    const r = rubricDraftSchema.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join(".")).toBe(`redFlags.${p.redFlags.length - 1}.label`);
  });

  it("reports a missing name in the same round as other field errors", () => {
    const p = posted();
    p.dimensions[0] = { ...p.dimensions[0]!, name: "  " };
    p.dimensions[1] = { ...p.dimensions[1]!, weight: "abc" };
    const r = rubricDraftSchema.safeParse(p);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("dimensions.0.name");
    expect(paths).toContain("dimensions.1.weight");
  });

  it("survives rows of the wrong shape (no crash, field errors only)", () => {
    const p = posted() as unknown as Record<string, unknown>;
    const r = rubricDraftSchema.safeParse({
      ...p,
      dimensions: [42, { name: ["x"], anchors: "nope" }],
      signals: "junk",
    });
    expect(r.success).toBe(false);
  });

  it("rejects bad keys, weights and durations with field paths", () => {
    const p = posted();
    p.dimensions[0] = { ...p.dimensions[0]!, key: "Bad Key", weight: "12.5" };
    p.exercises[0] = { ...p.exercises[0]!, durationMinutes: "2" };
    const r = rubricDraftSchema.safeParse(p);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["dimensions.0.key", "dimensions.0.weight", "exercises.0.durationMinutes"]),
    );
  });

  it("keeps focus point keys when labels survive, and makes new ones unique", () => {
    const prev = [{ key: "trade_offs", label: "States trade-offs explicitly" }];
    expect(focusPointsFromLines("States trade-offs explicitly\nCost\nCost", prev)).toEqual([
      { key: "trade_offs", label: "States trade-offs explicitly" },
      { key: "cost", label: "Cost" },
      { key: "cost_2", label: "Cost" },
    ]);
  });
});

describe("publish validation of a draft (validateRubricContent on the edited content)", () => {
  function publishProblems(edit: (p: ReturnType<typeof posted>) => void) {
    const p = posted();
    edit(p);
    const content = draftToContent(rubricDraftSchema.parse(p), v1());
    return problemsToFieldErrors(validateRubricContent(content));
  }

  it("an edited anchor publishes cleanly", () => {
    expect(publishProblems((p) => (p.dimensions[0]!.anchors.meetsBar = "Clearer wording."))).toEqual({});
  });

  it("a missing anchor is reported on that anchor's field", () => {
    const errors = publishProblems((p) => (p.dimensions[2]!.anchors.exceeds = ""));
    expect(Object.keys(errors)).toEqual(["dimensions.2.anchors.exceeds"]);
  });

  it("weights must sum to 100", () => {
    const errors = publishProblems((p) => (p.dimensions[0]!.weight = "25"));
    expect(errors.dimensions![0]).toMatch(/add up to 105/);
  });

  it("every dimension must be assessed by at least two exercises", () => {
    const errors = publishProblems((p) => {
      for (const e of p.exercises) e.dimensionKeys = e.dimensionKeys.filter((k) => k !== "governance_risk");
      p.exercises[0]!.dimensionKeys.push("governance_risk");
    });
    const idx = LEAD_ML_ARCHITECT_V1.dimensions.findIndex((d) => d.key === "governance_risk");
    expect(errors[`dimensions.${idx}`]![0]).toMatch(/assessed by 1 exercise/);
  });

  it("a new dimension with no anchors and no exercises fails on each missing part", () => {
    const errors = publishProblems((p) => {
      p.dimensions[7] = { ...BLANK_DIMENSION, name: "Ethics", description: "Responsible AI.", weight: "0" };
    });
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        "dimensions.7.anchors.belowBar",
        "dimensions.7.anchors.meetsBar",
        "dimensions.7.anchors.exceeds",
        "dimensions.7.weight",
        "dimensions.7",
      ]),
    );
  });
});
