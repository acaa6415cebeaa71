/**
 * Dimension weights of a loop's composite score. Stored on the loop as `dimension key → percent`;
 * `null` means "the rubric version's default weights" (that is how the aggregation engine reads it).
 * Pure; no IO.
 */
import type { WeightMode } from "../vocabulary";

/** Sums within this distance of 100 count as 100 (equal thirds, sevenths… never add up exactly). */
export const WEIGHT_TOLERANCE = 0.01;

interface Dim {
  key: string;
  weight: number;
}

/**
 * Every dimension the same share of 100.
 * @example equalWeights(["a", "b", "c", "d"]) // { a: 25, b: 25, c: 25, d: 25 }
 */
export function equalWeights(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (keys.length === 0) return out;
  for (const k of keys) out[k] = 100 / keys.length;
  return out;
}

/** The weights the composite will actually use for each dimension (stored map, or rubric defaults). */
export function effectiveWeights(
  weights: Record<string, number> | null,
  dimensions: readonly Dim[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of dimensions) {
    const w = weights?.[d.key];
    out[d.key] = typeof w === "number" && Number.isFinite(w) ? w : d.weight;
  }
  return out;
}

function sameWeights(a: Record<string, number>, b: Record<string, number>, keys: readonly string[]): boolean {
  return keys.every((k) => Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)) < 1e-9);
}

/** Which of the three modes a stored value corresponds to. */
export function weightMode(weights: Record<string, number> | null, dimensions: readonly Dim[]): WeightMode {
  if (weights === null) return "rubric";
  const keys = dimensions.map((d) => d.key);
  if (sameWeights(weights, equalWeights(keys), keys)) return "equal";
  return "custom";
}

/**
 * Problems with a custom weight map for the given dimension keys: every dimension present, each
 * weight a finite number from 0 to 100, the total 100 (± {@link WEIGHT_TOLERANCE}). Empty when valid.
 *
 * @example validateWeights({ a: 60, b: 30 }, ["a", "b"]) // ["The weights add up to 90%; they must add up to 100%."]
 */
export function validateWeights(weights: Record<string, number>, keys: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(keys);
  for (const k of Object.keys(weights)) {
    if (!known.has(k)) problems.push(`“${k}” is not a dimension of this rubric version.`);
  }
  let total = 0;
  for (const k of keys) {
    const w = weights[k];
    if (typeof w !== "number" || !Number.isFinite(w)) {
      problems.push(`Give “${k}” a weight.`);
      continue;
    }
    if (w < 0 || w > 100) problems.push(`The weight of “${k}” must be between 0 and 100.`);
    total += w;
  }
  if (keys.length > 0 && problems.length === 0 && Math.abs(total - 100) > WEIGHT_TOLERANCE) {
    problems.push(`The weights add up to ${formatWeight(total)}%; they must add up to 100%.`);
  }
  return problems;
}

/** Sum of the weights of `keys` (missing ones count as 0). */
export function weightTotal(weights: Record<string, number>, keys: readonly string[]): number {
  return keys.reduce((sum, k) => sum + (Number.isFinite(weights[k]) ? (weights[k] as number) : 0), 0);
}

/**
 * A percentage for display: at most two decimals, no trailing zeros.
 * @example formatWeight(25) // "25"
 * @example formatWeight(100 / 7) // "14.29"
 */
export function formatWeight(n: number): string {
  if (!Number.isFinite(n)) return "—";
  return String(Math.round(n * 100) / 100);
}

/** The value to store for a mode: a map for equal/custom, null for the rubric defaults. */
export function weightsForMode(
  mode: WeightMode,
  dimensions: readonly Dim[],
  custom: Record<string, number> | null,
): Record<string, number> | null {
  if (mode === "rubric") return null;
  if (mode === "equal") return equalWeights(dimensions.map((d) => d.key));
  const out: Record<string, number> = {};
  for (const d of dimensions) out[d.key] = custom?.[d.key] ?? 0;
  return out;
}

/**
 * Carries stored weights over to another rubric version: kept when the dimension keys are the
 * same, "equal" stays equal, otherwise back to equal weights over the new dimensions.
 */
export function carryWeightsOver(
  weights: Record<string, number> | null,
  from: readonly Dim[],
  to: readonly Dim[],
): Record<string, number> | null {
  if (weights === null) return null;
  const toKeys = to.map((d) => d.key);
  if (weightMode(weights, from) === "equal") return equalWeights(toKeys);
  const fromKeys = from.map((d) => d.key);
  const same = fromKeys.length === toKeys.length && fromKeys.every((k) => toKeys.includes(k));
  return same ? { ...weights } : equalWeights(toKeys);
}
