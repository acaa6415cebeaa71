/**
 * How far one run's p99 ratio can be trusted. `bench:load`'s goal compares two p99s: ~600 loaded
 * review pages (the p99 is the sixth slowest) against ~1,000 alone. Move two or three of those slow
 * pages and the ratio moves by a few tenths, so "2.04×" and "1.96×" can be the same product. A
 * percentile bootstrap says how much: resample each side with replacement, take each resample's
 * quantile and their ratio, many times; the middle 95 % of those ratios is the interval printed
 * beside the ratio. Seeded, so a run's interval reproduces from its samples.
 */
import { seededRandom } from "./random";

/** The q-quantile of an ascending array, as the benchmarks read it (the value at floor(q·n)). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export interface RatioInterval {
  /** the samples' own quantiles and their ratio */
  loaded: number;
  alone: number;
  ratio: number;
  low: number;
  high: number;
}

function resampledQuantile(values: readonly number[], q: number, random: () => number, into: Float64Array): number {
  for (let i = 0; i < into.length; i++) into[i] = values[Math.floor(random() * values.length)]!;
  into.sort();
  return quantileOfSorted(into, q);
}

/**
 * The ratio of the q-quantiles of `loaded` and `alone`, with a `confidence` (default 95 %) bootstrap
 * interval from `rounds` resamples. NaN throughout when either side has no samples.
 */
export function quantileRatioInterval(
  loaded: readonly number[],
  alone: readonly number[],
  { q = 0.99, rounds = 2000, confidence = 0.95, seed = 1 } = {},
): RatioInterval {
  if (loaded.length === 0 || alone.length === 0) return { loaded: NaN, alone: NaN, ratio: NaN, low: NaN, high: NaN };
  const sortedQuantile = (values: readonly number[]) =>
    quantileOfSorted(
      [...values].sort((a, b) => a - b),
      q,
    );
  const loadedQuantile = sortedQuantile(loaded);
  const aloneQuantile = sortedQuantile(alone);
  const random = seededRandom(seed);
  const loadedDraw = new Float64Array(loaded.length);
  const aloneDraw = new Float64Array(alone.length);
  const ratios = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    ratios[r] = resampledQuantile(loaded, q, random, loadedDraw) / resampledQuantile(alone, q, random, aloneDraw);
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  return {
    loaded: loadedQuantile,
    alone: aloneQuantile,
    ratio: loadedQuantile / aloneQuantile,
    low: quantileOfSorted(ratios, tail),
    high: quantileOfSorted(ratios, 1 - tail),
  };
}
