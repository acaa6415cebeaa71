import { describe, expect, it } from "vitest";

import { quantileOfSorted, quantileRatioInterval } from "../../../scripts/lib/ratio-interval";
import { seededRandom } from "../../../scripts/lib/random";

/** n latencies: a body around `typical` ms and a tail up to `worst` ms, from a seeded generator. */
function latencies(n: number, typical: number, worst: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const u = random();
    return u < 0.95 ? typical * (0.8 + 0.4 * random()) : typical + (worst - typical) * random();
  });
}

describe("quantileOfSorted", () => {
  it("reads the value at floor(q·n), as the benchmarks' tables do", () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileOfSorted(ms, 0.5)).toBe(51);
    expect(quantileOfSorted(ms, 0.99)).toBe(100);
    expect(quantileOfSorted(ms, 1)).toBe(100);
    expect(quantileOfSorted([7], 0.99)).toBe(7);
    expect(quantileOfSorted([], 0.99)).toBeNaN();
  });
});

describe("quantileRatioInterval", () => {
  it("gives the ratio of the two p99s with no width when nothing varies", () => {
    const r = quantileRatioInterval(Array(600).fill(30), Array(1000).fill(15));
    expect(r).toEqual({ loaded: 30, alone: 15, ratio: 2, low: 2, high: 2 });
  });

  it("puts the ratio of the samples themselves inside its interval", () => {
    const loaded = latencies(600, 15, 60, 11);
    const alone = latencies(1000, 10, 25, 12);
    const r = quantileRatioInterval(loaded, alone);
    const p99 = (ms: number[]) =>
      quantileOfSorted(
        [...ms].sort((a, b) => a - b),
        0.99,
      );
    expect(r.loaded).toBe(p99(loaded));
    expect(r.alone).toBe(p99(alone));
    expect(r.ratio).toBeCloseTo(p99(loaded) / p99(alone), 12);
    expect(r.low).toBeLessThanOrEqual(r.ratio);
    expect(r.high).toBeGreaterThanOrEqual(r.ratio);
    expect(r.high).toBeGreaterThan(r.low);
  });

  it("reproduces from the same samples and seed, and differs with another seed", () => {
    const loaded = latencies(600, 15, 60, 21);
    const alone = latencies(1000, 10, 25, 22);
    expect(quantileRatioInterval(loaded, alone)).toEqual(quantileRatioInterval(loaded, alone));
    expect(quantileRatioInterval(loaded, alone, { seed: 2 })).not.toEqual(quantileRatioInterval(loaded, alone));
  });

  it("is wider for a short run than for a long one from the same distributions", () => {
    const width = (n: number) => {
      const r = quantileRatioInterval(latencies(n, 15, 60, 31), latencies(2 * n, 10, 25, 32), { rounds: 400 });
      return r.high - r.low;
    };
    expect(width(300)).toBeGreaterThan(width(3000));
  });

  it("moves with a slower tail under load", () => {
    const alone = latencies(1000, 10, 25, 41);
    const mild = quantileRatioInterval(latencies(600, 12, 30, 42), alone);
    const heavy = quantileRatioInterval(latencies(600, 12, 90, 42), alone);
    expect(heavy.low).toBeGreaterThan(mild.high);
  });

  it("is NaN without samples on either side", () => {
    expect(quantileRatioInterval([], [1, 2, 3]).ratio).toBeNaN();
    expect(quantileRatioInterval([1, 2, 3], []).low).toBeNaN();
  });
});
