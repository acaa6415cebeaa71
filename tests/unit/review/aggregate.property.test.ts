import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import type {
  CalibrationRating,
  InterviewInput,
  InterviewerCalibration,
  LoopAggregationInput,
  PanelistRef,
  ScorecardInput,
} from "../../../app/domain/review/types";
import { calibrateInterviewers } from "../../../app/domain/review/calibrate";
import { RECOMMENDATIONS, SCORECARD_STATUSES, type RatingScore } from "../../../app/domain/vocabulary";
import { seededRandom } from "../../../scripts/lib/random";
import { SOLID_EVIDENCE, TINY_RUBRIC } from "../../factories";

// ------------------------------------------------------------------ generators

// Two panelists share a name on purpose: ordering must fall back to ids.
const PANELISTS: PanelistRef[] = [
  { id: "p1", name: "Ada" },
  { id: "p2", name: "Ben" },
  { id: "p3", name: "Sam" },
  { id: "p4", name: "Sam" },
];
const DIM_KEYS = TINY_RUBRIC.dimensions.map((d) => d.key);
const FLAG_KEYS = [...TINY_RUBRIC.redFlags.map((f) => f.key), "not-in-rubric"];
const SIGNAL_KEYS = TINY_RUBRIC.signals.map((s) => s.key);
const FOCUS_KEYS = TINY_RUBRIC.exercises.flatMap((e) => e.focusPoints.map((f) => f.key));

const scoreArb = fc.constantFrom<RatingScore>(1, 2, 3, 4);

const ratingsArb = fc.subarray(DIM_KEYS).chain((keys) =>
  fc.tuple(
    ...keys.map((dimensionKey) =>
      fc.oneof(
        fc.record({
          dimensionKey: fc.constant(dimensionKey),
          score: scoreArb,
          notAssessed: fc.constant(false),
          evidence: fc.constantFrom("", "short", SOLID_EVIDENCE),
        }),
        fc.constant({ dimensionKey, score: null, notAssessed: true, evidence: "" }),
      ),
    ),
  ),
);

const scorecardBodyArb = fc.record({
  panelist: fc.constantFrom(...PANELISTS),
  interviewSlot: fc.nat(4), // may point past the interview list: a scorecard for an unknown interview
  status: fc.constantFrom(...SCORECARD_STATUSES),
  recommendation: fc.option(fc.constantFrom(...RECOMMENDATIONS), { nil: null }),
  ratings: ratingsArb,
  redFlags: fc.uniqueArray(
    fc.record({ key: fc.constantFrom(...FLAG_KEYS), note: fc.constantFrom("", "note a", "note b") }),
    { maxLength: 3, selector: (f) => f.key },
  ),
  signalKeys: fc.subarray(SIGNAL_KEYS),
  focusKeys: fc.subarray(FOCUS_KEYS),
  quickNotes: fc.array(
    fc.record({ elapsedMinute: fc.nat(5), body: fc.constantFrom("x", "y", "z"), createdAt: fc.nat(3) }),
    { maxLength: 3 },
  ),
  amendCount: fc.nat(2),
});

const loopArb: fc.Arbitrary<LoopAggregationInput> = fc
  .record({
    interviews: fc.array(
      fc.record({ exerciseKey: fc.constantFrom("design", "leadership", "gone"), position: fc.nat(3) }),
      { maxLength: 4 },
    ),
    scorecards: fc.array(scorecardBodyArb, { maxLength: 8 }),
    weights: fc.option(fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)), { nil: null }),
  })
  .map(({ interviews, scorecards, weights }) => {
    const ivs: InterviewInput[] = interviews.map((iv, i) => ({
      id: `iv${i}`,
      exerciseKey: iv.exerciseKey,
      position: iv.position,
      scheduledAt: null,
      durationMinutes: 60,
    }));
    // drafts and recusals arrive as the review queries give them: state only
    const cards: ScorecardInput[] = scorecards.map((sc, i): ScorecardInput => {
      const base = { id: `sc${i}`, interviewId: `iv${sc.interviewSlot}`, panelist: sc.panelist, updatedAt: 1 };
      if (sc.status !== "submitted") return { ...base, status: sc.status };
      return {
        ...base,
        status: "submitted",
        recommendation: sc.recommendation,
        summary: "",
        overrideJustification: "",
        ratings: [...sc.ratings],
        redFlags: sc.redFlags,
        signalKeys: sc.signalKeys,
        focusKeys: sc.focusKeys,
        quickNotes: sc.quickNotes,
        submittedAt: 1,
        amendCount: sc.amendCount,
        lastAmendReason: sc.amendCount > 0 ? "fix" : null,
      };
    });
    return {
      loopId: "L",
      status: "debrief" as const,
      rubric: TINY_RUBRIC,
      weights: weights ? Object.fromEntries(DIM_KEYS.map((k, i) => [k, weights[i] ?? 0])) : null,
      interviews: ivs,
      scorecards: cards,
    };
  });

const calibrationArb: fc.Arbitrary<InterviewerCalibration[]> = fc.subarray(PANELISTS).chain((ps) =>
  fc.tuple(...ps.map(() => fc.double({ min: -3, max: 3, noNaN: true }))).map((offsets) =>
    ps.map((p, i) => ({
      panelistId: p.id,
      panelistName: p.name,
      sampleSize: 5,
      rawOffset: offsets[i] ?? 0,
      offset: offsets[i] ?? 0,
      tendency: "neutral" as const,
    })),
  ),
);

// ------------------------------------------------------------------ shuffling

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function shuffleLoop(input: LoopAggregationInput, seed: number): LoopAggregationInput {
  const next = seededRandom(seed);
  return {
    ...input,
    interviews: shuffle(input.interviews, next),
    scorecards: shuffle(
      input.scorecards.map((sc) =>
        sc.status === "submitted"
          ? {
              ...sc,
              ratings: shuffle(sc.ratings, next),
              redFlags: shuffle(sc.redFlags, next),
              signalKeys: shuffle(sc.signalKeys, next),
              focusKeys: shuffle(sc.focusKeys, next),
              quickNotes: shuffle(sc.quickNotes, next),
            }
          : sc,
      ),
      next,
    ),
  };
}

// ------------------------------------------------------------------ properties

describe("aggregateLoop properties", () => {
  it("composites stay within [1,4] whenever not null", () => {
    fc.assert(
      fc.property(loopArb, calibrationArb, (input, calibration) => {
        const { raw, calibrated } = aggregateLoop(input, calibration).composite;
        for (const c of [raw, calibrated]) if (c !== null) expect(c >= 1 && c <= 4).toBe(true);
        expect(raw === null).toBe(calibrated === null);
      }),
      { numRuns: 300 },
    );
  });

  it("output is identical under shuffling of interviews, scorecards and their lists", () => {
    fc.assert(
      fc.property(loopArb, calibrationArb, fc.integer(), fc.integer(), (input, calibration, seed1, seed2) => {
        const expected = JSON.stringify(aggregateLoop(input, calibration));
        expect(
          JSON.stringify(aggregateLoop(shuffleLoop(input, seed1), shuffle(calibration, seededRandom(seed2)))),
        ).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("completeness is in [0,1] and complete means every assigned scorecard is submitted", () => {
    fc.assert(
      fc.property(loopArb, (input) => {
        const { coverage } = aggregateLoop(input);
        expect(coverage.completeness).toBeGreaterThanOrEqual(0);
        expect(coverage.completeness).toBeLessThanOrEqual(1);
        expect(coverage.complete).toBe(coverage.assigned > 0 && coverage.submitted === coverage.assigned);
        expect(coverage.assigned + coverage.recused.length).toBe(input.scorecards.length);
        expect(coverage.missingScorecards.length).toBe(coverage.assigned - coverage.submitted);
      }),
      { numRuns: 200 },
    );
  });

  it("dimension statistics are consistent with their ratings", () => {
    fc.assert(
      fc.property(loopArb, (input) => {
        for (const d of aggregateLoop(input).dimensions) {
          const scores = d.ratings.flatMap((r) => (r.score === null ? [] : [r.score]));
          expect(d.count).toBe(scores.length);
          if (d.count === 0) {
            expect([d.mean, d.median, d.spread, d.calibratedMean]).toEqual([null, null, null, null]);
            continue;
          }
          expect(d.min).toBe(Math.min(...scores));
          expect(d.spread).toBe((d.max ?? 0) - (d.min ?? 0));
          expect(d.mean).toBeGreaterThanOrEqual(d.min ?? 0);
          expect(d.mean).toBeLessThanOrEqual(d.max ?? 0);
          expect(d.disagreement).toBe((d.spread ?? 0) >= 2 || d.ratings.some((r) => r.outlier));
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ calibration

/**
 * A fully crossed design: every interviewer rates every (loop, dimension) group once, scoring
 * truth_g + c_i. Scores stay in 1..4 with truth ∈ {1,2} and c_i ∈ {0,1,2}.
 */
const crossedArb = fc.record({
  shifts: fc.array(fc.constantFrom(0, 1, 2), { minLength: 2, maxLength: 5 }),
  truths: fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 6 }),
  seed: fc.integer(),
});

function crossedRatings(shifts: number[], truths: number[]): CalibrationRating[] {
  return truths.flatMap((t, g) =>
    shifts.map((c, i) => ({
      loopId: `L${g % 3}`,
      dimensionKey: `d${g}`,
      panelistId: `p${i}`,
      panelistName: `P${i}`,
      score: (t + c) as RatingScore,
    })),
  );
}

const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("calibrateInterviewers properties", () => {
  it("recovers per-interviewer shifts in a fully crossed design", () => {
    fc.assert(
      fc.property(crossedArb, ({ shifts, truths, seed }) => {
        const out = calibrateInterviewers(shuffle(crossedRatings(shifts, truths), seededRandom(seed)));
        const n = shifts.length;
        const meanShift = avg(shifts);
        for (const [i, c] of shifts.entries()) {
          const row = out.find((x) => x.panelistId === `p${i}`);
          expect(row?.sampleSize).toBe(truths.length);
          const raw = row?.rawOffset ?? Number.NaN;
          // own − mean of the others: c_i − mean_{j≠i} c_j …
          const othersMean = avg(shifts.filter((_, j) => j !== i));
          expect(Math.abs(raw - (c - othersMean))).toBeLessThan(1e-9);
          // … which is c_i − mean(c) scaled by N/(N−1)
          expect(Math.abs((raw * (n - 1)) / n - (c - meanShift))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sample-size-weighted raw offsets sum to ~0 in a fully crossed panel", () => {
    fc.assert(
      fc.property(crossedArb, ({ shifts, truths }) => {
        const out = calibrateInterviewers(crossedRatings(shifts, truths));
        const total = out.reduce((s, c) => s + c.sampleSize * c.rawOffset, 0);
        expect(Math.abs(total)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("is order-independent on arbitrary populations", () => {
    const ratingArb = fc.record({
      loopId: fc.constantFrom("L1", "L2"),
      dimensionKey: fc.constantFrom("a", "b"),
      panelistId: fc.constantFrom("p1", "p2", "p3"),
      panelistName: fc.constantFrom("Ada", "Ben"),
      score: scoreArb,
    });
    fc.assert(
      fc.property(fc.array(ratingArb, { maxLength: 20 }), fc.integer(), (ratings, seed) => {
        expect(JSON.stringify(calibrateInterviewers(shuffle(ratings, seededRandom(seed))))).toBe(
          JSON.stringify(calibrateInterviewers(ratings)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
