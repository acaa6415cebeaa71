import { describe, expect, it } from "vitest";

import { weightsSchema } from "../../../app/domain/loop/schema";
import {
  carryWeightsOver,
  effectiveWeights,
  equalWeights,
  formatWeight,
  validateWeights,
  weightMode,
  weightsForMode,
} from "../../../app/domain/loop/weights";

const DIMS = [
  { key: "a", weight: 50 },
  { key: "b", weight: 30 },
  { key: "c", weight: 20 },
];
const KEYS = ["a", "b", "c"];

describe("weights", () => {
  it("equal weights share 100 exactly, even when 100 does not divide evenly", () => {
    const w = equalWeights(KEYS);
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBeCloseTo(100, 10);
    expect(validateWeights(w, KEYS)).toEqual([]);
    expect(
      validateWeights(equalWeights(["a", "b", "c", "d", "e", "f", "g"]), ["a", "b", "c", "d", "e", "f", "g"]),
    ).toEqual([]);
    expect(equalWeights([])).toEqual({});
  });

  it("accepts custom weights that sum to 100, refuses other totals with the actual sum", () => {
    expect(validateWeights({ a: 40, b: 40, c: 20 }, KEYS)).toEqual([]);
    expect(validateWeights({ a: 33.33, b: 33.33, c: 33.34 }, KEYS)).toEqual([]);
    expect(validateWeights({ a: 40, b: 40, c: 30 }, KEYS)).toEqual([
      "The weights add up to 110%; they must add up to 100%.",
    ]);
    expect(validateWeights({ a: 33.3, b: 33.3, c: 33.3 }, KEYS)[0]).toMatch(/99.9%/);
  });

  it("refuses missing, unknown, negative, over-100 and all-zero weights", () => {
    expect(validateWeights({ a: 50, b: 50 }, KEYS)).toEqual(["Give “c” a weight."]);
    expect(validateWeights({ a: 50, b: 50, c: 0, z: 1 }, KEYS)).toContain(
      "“z” is not a dimension of this rubric version.",
    );
    expect(validateWeights({ a: -10, b: 60, c: 50 }, KEYS)).toContain("The weight of “a” must be between 0 and 100.");
    expect(validateWeights({ a: 120, b: -20, c: 0 }, KEYS)).toContain("The weight of “a” must be between 0 and 100.");
    expect(validateWeights({ a: Number.NaN, b: 50, c: 50 }, KEYS)).toEqual(["Give “a” a weight."]);
    expect(validateWeights({ a: 0, b: 0, c: 0 }, KEYS)[0]).toMatch(/add up to 0%/);
  });

  it("a zero weight is allowed (the dimension drops out of the composite)", () => {
    expect(validateWeights({ a: 100, b: 0, c: 0 }, KEYS)).toEqual([]);
  });

  it("tells the three modes apart", () => {
    expect(weightMode(null, DIMS)).toBe("rubric");
    expect(weightMode(equalWeights(KEYS), DIMS)).toBe("equal");
    expect(weightMode({ a: 50, b: 30, c: 20 }, DIMS)).toBe("custom");
    expect(weightsForMode("rubric", DIMS, null)).toBeNull();
    expect(weightsForMode("custom", DIMS, { a: 10 })).toEqual({ a: 10, b: 0, c: 0 });
  });

  it("effective weights fall back to the rubric defaults", () => {
    expect(effectiveWeights(null, DIMS)).toEqual({ a: 50, b: 30, c: 20 });
    expect(effectiveWeights({ a: 10, b: 10, c: 80 }, DIMS)).toEqual({ a: 10, b: 10, c: 80 });
  });

  it("carries weights over to another rubric version only when the dimensions match", () => {
    const other = [
      { key: "a", weight: 60 },
      { key: "b", weight: 40 },
    ];
    expect(carryWeightsOver(null, DIMS, other)).toBeNull();
    expect(carryWeightsOver(equalWeights(KEYS), DIMS, other)).toEqual({ a: 50, b: 50 });
    expect(carryWeightsOver({ a: 10, b: 10, c: 80 }, DIMS, other)).toEqual({ a: 50, b: 50 });
    expect(carryWeightsOver({ a: 10, b: 10, c: 80 }, DIMS, [...DIMS].reverse())).toEqual({ a: 10, b: 10, c: 80 });
  });

  it("formats whole and fractional percentages", () => {
    expect(formatWeight(25)).toBe("25");
    expect(formatWeight(100 / 7)).toBe("14.29");
    expect(formatWeight(Number.NaN)).toBe("—");
  });

  it("the weights form schema checks the total only in custom mode, with form strings", () => {
    expect(weightsSchema.safeParse({ mode: "equal" }).success).toBe(true);
    expect(weightsSchema.safeParse({ mode: "custom", weights: { a: "50", b: "50" } }).success).toBe(true);
    const bad = weightsSchema.safeParse({ mode: "custom", weights: { a: "50", b: "40" } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/90%/);
    const blank = weightsSchema.safeParse({ mode: "custom", weights: { a: "", b: "100" } });
    expect(blank.success).toBe(false);
    expect(blank.error!.issues.map((i) => i.path.join("."))).toContain("weights.a");
    expect(weightsSchema.safeParse({ mode: "heavy" }).success).toBe(false);
  });
});
