import { describe, expect, it } from "vitest";

import type { CalibrationRating } from "../../../app/domain/review/types";
import {
  buildCalibrationLedger,
  calibrateInterviewers,
  calibrationOfLedger,
  groupDeviations,
  loopCalibrationPart,
  replaceLoopPart,
  shrinkOffset,
  tendencyOf,
} from "../../../app/domain/review/calibrate";
import type { RatingScore } from "../../../app/domain/vocabulary";

const NAMES: Record<string, string> = { a: "Ada", b: "Ben", c: "Cy", d: "Dee" };
const r = (loopId: string, dimensionKey: string, panelistId: string, score: RatingScore): CalibrationRating => ({
  loopId,
  dimensionKey,
  panelistId,
  panelistName: NAMES[panelistId] ?? panelistId,
  score,
});

/**
 * Hand-computed population:
 *   L1/arch: Ada 4, Ben 2, Cy 3     → Ada 4 − 2.5 = +1.5, Ben 2 − 3.5 = −1.5, Cy 3 − 3 = 0
 *   L1/data: Ada 4, Ben 3           → Ada +1, Ben −1
 *   L2/arch: Ada 3 and 4 (mean 3.5), Cy 3 → Ada +0.5, Cy −0.5
 *   L2/data: Ben 2 alone            → not comparable
 *   L3/arch: Dee 1 alone            → Dee has no comparable group
 *
 *   Ada: n 3, raw (1.5 + 1 + 0.5)/3 = 1,      offset 1 · 3/8      = 0.375     → lenient
 *   Ben: n 2, raw (−1.5 − 1)/2 = −1.25,       offset −1.25 · 2/7  = −0.357…   → severe
 *   Cy:  n 2, raw (0 − 0.5)/2 = −0.25,        offset −0.25 · 2/7  = −0.0714…  → neutral
 *   Dee: n 0, raw 0, offset 0                                                 → neutral
 */
const POPULATION: CalibrationRating[] = [
  r("L1", "arch", "a", 4),
  r("L1", "arch", "b", 2),
  r("L1", "arch", "c", 3),
  r("L1", "data", "a", 4),
  r("L1", "data", "b", 3),
  r("L2", "arch", "a", 3),
  r("L2", "arch", "c", 3),
  r("L2", "arch", "a", 4),
  r("L2", "data", "b", 2),
  r("L3", "arch", "d", 1),
];

describe("calibrateInterviewers", () => {
  it("matches the hand-computed offsets, shrinkage and tendencies", () => {
    const out = calibrateInterviewers(POPULATION);
    expect(out.map((c) => c.panelistName)).toEqual(["Ada", "Ben", "Cy", "Dee"]);
    const [ada, ben, cy, dee] = out;
    expect(ada).toMatchObject({ panelistId: "a", sampleSize: 3, tendency: "lenient" });
    expect(ada?.rawOffset).toBeCloseTo(1, 12);
    expect(ada?.offset).toBeCloseTo(0.375, 12);
    expect(ben).toMatchObject({ panelistId: "b", sampleSize: 2, tendency: "severe" });
    expect(ben?.rawOffset).toBeCloseTo(-1.25, 12);
    expect(ben?.offset).toBeCloseTo(-2.5 / 7, 12);
    expect(cy).toMatchObject({ sampleSize: 2, tendency: "neutral" });
    expect(cy?.rawOffset).toBeCloseTo(-0.25, 12);
    expect(cy?.offset).toBeCloseTo(-0.5 / 7, 12);
    expect(dee).toEqual({
      panelistId: "d",
      panelistName: "Dee",
      sampleSize: 0,
      rawOffset: 0,
      offset: 0,
      tendency: "neutral",
    });
  });

  it("k and threshold options", () => {
    const noShrink = calibrateInterviewers(POPULATION, { k: 0 });
    expect(noShrink.map((c) => c.offset)).toEqual(noShrink.map((c) => c.rawOffset));
    expect(noShrink.map((c) => c.tendency)).toEqual(["lenient", "severe", "neutral", "neutral"]);
    const strict = calibrateInterviewers(POPULATION, { threshold: 0.36 });
    // Ada 0.375 still lenient; Ben −0.357 no longer severe
    expect(strict.map((c) => c.tendency)).toEqual(["lenient", "neutral", "neutral", "neutral"]);
    const heavy = calibrateInterviewers(POPULATION, { k: 45 });
    expect(heavy[0]?.offset).toBeCloseTo(3 / 48, 12);
  });

  it("does not depend on the order of the ratings", () => {
    const forward = calibrateInterviewers(POPULATION);
    const reversed = calibrateInterviewers([...POPULATION].reverse());
    const rotated = calibrateInterviewers([...POPULATION.slice(4), ...POPULATION.slice(0, 4)]);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(forward));
    expect(JSON.stringify(rotated)).toBe(JSON.stringify(forward));
  });

  it("sorts by name, then id", () => {
    const out = calibrateInterviewers([
      { loopId: "L", dimensionKey: "x", panelistId: "z2", panelistName: "Sam", score: 3 },
      { loopId: "L", dimensionKey: "x", panelistId: "z1", panelistName: "Sam", score: 3 },
      { loopId: "L", dimensionKey: "x", panelistId: "a9", panelistName: "ada", score: 3 },
    ]);
    expect(out.map((c) => c.panelistId)).toEqual(["a9", "z1", "z2"]);
  });

  it("no ratings → no interviewers", () => {
    expect(calibrateInterviewers([])).toEqual([]);
  });

  it("a single comparison is heavily shrunk: ±2 raw becomes ±1/3, neutral", () => {
    const out = calibrateInterviewers([r("L1", "d", "a", 4), r("L1", "d", "b", 2)]);
    expect(out.map((c) => [c.rawOffset, c.sampleSize, c.tendency])).toEqual([
      [2, 1, "neutral"],
      [-2, 1, "neutral"],
    ]);
    expect(out[0]?.offset).toBeCloseTo(1 / 3, 12);
  });
});

describe("calibration helpers", () => {
  it("groupDeviations compares with the others' mean", () => {
    const devs = groupDeviations(
      new Map([
        ["a", 4],
        ["b", 2],
        ["c", 3],
      ]),
    );
    expect(Object.fromEntries(devs)).toEqual({ a: 1.5, b: -1.5, c: 0 });
    expect(groupDeviations(new Map([["a", 4]])).size).toBe(0);
  });
  it("shrinkOffset = raw · n / (n + k)", () => {
    expect(shrinkOffset(0.9, 4, 5)).toBeCloseTo(0.4, 12);
    expect(shrinkOffset(0.9, 45, 5)).toBeCloseTo(0.81, 12);
    expect(shrinkOffset(1, 0, 0)).toBe(0);
  });
  it("tendency thresholds are inclusive", () => {
    expect(tendencyOf(0.35)).toBe("lenient");
    expect(tendencyOf(-0.35)).toBe("severe");
    expect(tendencyOf(0.3499)).toBe("neutral");
    expect(tendencyOf(-0.3499)).toBe("neutral");
    expect(tendencyOf(0.2, 0.1)).toBe("lenient");
  });
});

describe("calibration ledger (a changed loop re-sums only its panelists)", () => {
  const byLoop = (ratings: CalibrationRating[]) => {
    const out = new Map<string, CalibrationRating[]>();
    for (const x of ratings) out.set(x.loopId, [...(out.get(x.loopId) ?? []), x]);
    return out;
  };
  // a deterministic pseudo-random population: 40 loops, 6 panelists, 3 dimensions, scores 1–4
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const population: CalibrationRating[] = [];
  for (let l = 0; l < 40; l++)
    for (const d of ["arch", "data", "lead"])
      for (const p of ["a", "b", "c", "d", "e", "f"])
        if (next() % 3 !== 0)
          population.push(r(`L${String(l).padStart(2, "0")}`, d, p, ((next() % 4) + 1) as RatingScore));

  it("replacing, adding and removing loops gives the same bits as computing from every rating", () => {
    const loops = byLoop(population);
    const ids = [...loops.keys()].sort();
    const parts = new Map(ids.map((id) => [id, loopCalibrationPart(loops.get(id)!)] as const));
    const ledger = buildCalibrationLedger(parts.values());
    expect(calibrationOfLedger(ledger)).toEqual(calibrateInterviewers(population));

    // an amend changes one rating of L07; a new loop L07b arrives between L07 and L08; L13 is erased
    let current = population.map((x, i) =>
      x.loopId === "L07" && i % 2 === 0 ? { ...x, score: 5 - x.score } : x,
    ) as CalibrationRating[];
    const added = ["a", "c", "e"].map((p, i) => r("L07b", "arch", p, ((i % 4) + 1) as RatingScore));
    current = [...current.filter((x) => x.loopId !== "L13"), ...added];
    const now = byLoop(current);
    for (const loopId of ["L07", "L07b", "L13"]) {
      const ratings = now.get(loopId);
      const nextPart = ratings ? loopCalibrationPart(ratings) : null;
      replaceLoopPart(ledger, loopId, parts.get(loopId) ?? null, nextPart);
    }
    const expected = calibrateInterviewers(current);
    expect(expected).not.toEqual(calibrateInterviewers(population));
    // toEqual on numbers is Object.is: the same bits, not merely close
    expect(calibrationOfLedger(ledger)).toEqual(expected);
  });

  it("a panelist whose only loop is removed leaves the result; a renamed panelist takes the alphabetically first name", () => {
    const lone = [r("L1", "arch", "a", 4), r("L1", "arch", "z", 2)];
    const parts = [loopCalibrationPart(lone)];
    const ledger = buildCalibrationLedger(parts);
    expect(calibrationOfLedger(ledger).map((c) => c.panelistId)).toEqual(["a", "z"]);
    const renamed = [{ ...r("L2", "arch", "a", 3), panelistName: "Aaron" }, r("L2", "arch", "b", 3)];
    replaceLoopPart(ledger, "L2", null, loopCalibrationPart(renamed));
    replaceLoopPart(ledger, "L1", parts[0]!, null);
    const result = calibrationOfLedger(ledger);
    expect(result.map((c) => [c.panelistId, c.panelistName, c.sampleSize])).toEqual([
      ["a", "Aaron", 1],
      ["b", "Ben", 1],
    ]);
    expect(result).toEqual(calibrateInterviewers(renamed));
  });
});
