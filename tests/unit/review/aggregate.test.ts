import { describe, expect, it } from "vitest";

import {
  THIN_EVIDENCE_CHARS,
  aggregateLoop,
  completeness,
  computeComposite,
  consensusOf,
  median,
} from "../../../app/domain/review/aggregate";
import type {
  DimensionAggregate,
  InterviewerCalibration,
  LoopAggregate,
  ScorecardInput,
} from "../../../app/domain/review/types";
import {
  formatList,
  formatPercent,
  formatRange,
  formatScore,
  formatSigned,
  round2,
} from "../../../app/domain/shared/format";
import type { Recommendation } from "../../../app/domain/vocabulary";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import {
  ADA,
  BEN,
  CY,
  DEE,
  DESIGN,
  LEADERSHIP,
  SOLID_EVIDENCE,
  loop,
  notAssessed,
  rating,
  scorecard,
  scoresOn,
  uncounted,
} from "../../factories";

function dim(agg: LoopAggregate, key: string): DimensionAggregate {
  const d = agg.dimensions.find((x) => x.key === key);
  if (!d) throw new Error(`no dimension ${key}`);
  return d;
}

describe("format", () => {
  it("rounds half away from zero without binary surprises", () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(3.14159)).toBe(3.14);
    expect(round2(-2.675)).toBe(-2.68);
  });
  it("formats scores, offsets, percentages, ranges and lists", () => {
    expect(formatScore(3.25)).toBe("3.25");
    expect(formatScore(3)).toBe("3.00");
    expect(formatScore(null)).toBe("—");
    expect(formatScore(Number.NaN)).toBe("—");
    expect(formatSigned(0.4213)).toBe("+0.42");
    expect(formatSigned(-0.4)).toBe("−0.40");
    expect(formatSigned(0.001)).toBe("0.00");
    expect(formatPercent(2 / 3)).toBe("67%");
    expect(formatRange(1, 4)).toBe("1–4");
    expect(formatRange(3, 3)).toBe("3");
    expect(formatList(["A"])).toBe("A");
    expect(formatList(["A", "B", "C"])).toBe("A, B and C");
  });
});

describe("small math", () => {
  it("median of an even count averages the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3, 2])).toBe(2.5);
    expect(median([4, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
  it("completeness is 0 when nothing is assigned", () => {
    expect(completeness(0, 0)).toBe(0);
    expect(completeness(3, 4)).toBe(0.75);
  });
  it("consensus", () => {
    const d = (strong_no_hire: number, no_hire: number, hire: number, strong_hire: number) => ({
      strong_no_hire,
      no_hire,
      hire,
      strong_hire,
    });
    expect(consensusOf(d(0, 0, 0, 0))).toBe("none");
    expect(consensusOf(d(0, 0, 2, 1))).toBe("consensus_hire");
    expect(consensusOf(d(1, 2, 0, 0))).toBe("consensus_no_hire");
    expect(consensusOf(d(0, 1, 0, 1))).toBe("split");
    // never a consensus from fewer than two panelists
    expect(consensusOf(d(0, 0, 1, 0))).toBe("too_few");
    expect(consensusOf(d(0, 0, 0, 1))).toBe("too_few");
    expect(consensusOf(d(1, 0, 0, 0))).toBe("too_few");
    expect(consensusOf(d(0, 0, 1, 1), 1)).toBe("too_few");
    expect(consensusOf(d(0, 0, 1, 1), 2)).toBe("consensus_hire");
  });
});

describe("aggregateLoop: empty and degenerate loops", () => {
  it("no scorecards: nothing scored, composite null, empty agenda", () => {
    const agg = aggregateLoop(loop());
    expect(agg.dimensions.map((d) => d.key)).toEqual(["arch", "data", "lead"]);
    for (const d of agg.dimensions) {
      expect(d).toMatchObject({
        count: 0,
        notAssessedCount: 0,
        mean: null,
        median: null,
        min: null,
        max: null,
        spread: null,
        calibratedMean: null,
        disagreement: false,
        belowBar: false,
      });
      expect(d.ratings).toEqual([]);
    }
    expect(agg.composite).toEqual({ raw: null, calibrated: null, excluded: ["arch", "data", "lead"] });
    expect(agg.coverage).toEqual({
      thinDimensions: ["arch", "data", "lead"],
      missingScorecards: [],
      recused: [],
      submitted: 0,
      assigned: 0,
      completeness: 0,
      complete: false,
    });
    expect(agg.recommendations).toEqual({
      distribution: { strong_no_hire: 0, no_hire: 0, hire: 0, strong_hire: 0 },
      consensus: "none",
      total: 0,
    });
    expect(agg.redFlags).toEqual([]);
    expect(agg.signals.map((s) => [s.key, s.count])).toEqual([
      ["depth", 0],
      ["buzz", 0],
      ["mentor", 0],
    ]);
    expect(agg.exercises.map((e) => [e.interviewId, e.exerciseTitle, e.panelists.length])).toEqual([
      ["iv-design", "System design", 0],
      ["iv-lead", "Leadership conversation", 0],
    ]);
    expect(agg.agenda).toEqual([]);
    expect(agg.scorecards).toEqual([]);
    expect(agg.calibration).toEqual([]);
  });

  it("all not assessed: ratings listed, nothing counted, composite null", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [notAssessed("arch"), notAssessed("data"), notAssessed("lead")] }),
          scorecard(BEN, { ratings: [notAssessed("arch"), notAssessed("data"), notAssessed("lead")] }),
        ],
      }),
    );
    const arch = dim(agg, "arch");
    expect(arch.count).toBe(0);
    expect(arch.notAssessedCount).toBe(2);
    expect(arch.mean).toBeNull();
    expect(arch.ratings.map((r) => [r.panelistName, r.score, r.notAssessed, r.outlier, r.thinEvidence])).toEqual([
      ["Ada", null, true, false, false],
      ["Ben", null, true, false, false],
    ]);
    expect(agg.composite.raw).toBeNull();
    expect(agg.composite.excluded).toEqual(["arch", "data", "lead"]);
    expect(agg.coverage.complete).toBe(true);
    expect(agg.coverage.thinDimensions).toEqual(["arch", "data", "lead"]);
    expect(agg.agenda).toEqual([]);
  });

  it("one panelist: their score is every statistic, no disagreement, thin coverage", () => {
    const agg = aggregateLoop(
      loop({ interviews: [DESIGN], scorecards: [scorecard(ADA, { ratings: [rating("arch", 3), rating("data", 2)] })] }),
    );
    expect(dim(agg, "arch")).toMatchObject({
      count: 1,
      mean: 3,
      median: 3,
      min: 3,
      max: 3,
      spread: 0,
      disagreement: false,
      belowBar: false,
    });
    expect(dim(agg, "data")).toMatchObject({ mean: 2, belowBar: true });
    expect(agg.coverage).toMatchObject({
      submitted: 1,
      assigned: 1,
      completeness: 1,
      complete: true,
      thinDimensions: ["arch", "data", "lead"],
    });
    // (50·3 + 30·2) / 80
    expect(agg.composite.raw).toBeCloseTo(210 / 80, 12);
    expect(agg.composite.excluded).toEqual(["lead"]);
  });
});

describe("aggregateLoop: per-dimension statistics", () => {
  it("even number of ratings: median averages the two middle ones", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 2],
          [BEN, 3],
          [CY, 4],
          [DEE, 3],
        ]),
      }),
    );
    expect(dim(agg, "arch")).toMatchObject({ count: 4, mean: 3, median: 3, min: 2, max: 4, spread: 2 });
    const two = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 2],
          [BEN, 3],
        ]),
      }),
    );
    expect(dim(two, "arch").median).toBe(2.5);
  });

  it("disagreement by spread (no rating is 2 from the median)", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 2],
          [BEN, 4],
        ]),
      }),
    );
    const arch = dim(agg, "arch");
    expect(arch.median).toBe(3);
    expect(arch.spread).toBe(2);
    expect(arch.disagreement).toBe(true);
    expect(arch.ratings.some((r) => r.outlier)).toBe(false);
  });

  it("disagreement by an outlier from the median marks that rating", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 1],
          [BEN, 3],
          [CY, 3],
          [DEE, 4],
        ]),
      }),
    );
    const arch = dim(agg, "arch");
    expect(arch.median).toBe(3);
    expect(arch.disagreement).toBe(true);
    expect(arch.ratings.map((r) => [r.panelistName, r.outlier])).toEqual([
      ["Ada", true],
      ["Ben", false],
      ["Cy", false],
      ["Dee", false],
    ]);
  });

  it("no disagreement when ratings are within one point", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 3],
          [BEN, 4],
          [CY, 3],
        ]),
      }),
    );
    expect(dim(agg, "arch")).toMatchObject({ spread: 1, disagreement: false, belowBar: false });
  });

  it("below bar is mean < 3", () => {
    const under = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 3],
          [BEN, 2],
          [CY, 3],
        ]),
      }),
    );
    expect(dim(under, "arch").belowBar).toBe(true);
    const at = aggregateLoop(
      loop({
        scorecards: scoresOn("arch", [
          [ADA, 3],
          [BEN, 2],
          [CY, 4],
        ]),
      }),
    );
    expect(dim(at, "arch").belowBar).toBe(false);
  });

  it("thin evidence: trimmed length below THIN_EVIDENCE_CHARS", () => {
    expect(THIN_EVIDENCE_CHARS).toBe(80);
    const exact = "e".repeat(THIN_EVIDENCE_CHARS);
    const short = `   ${"e".repeat(THIN_EVIDENCE_CHARS - 1)}     `;
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [rating("arch", 3, exact)] }),
          scorecard(BEN, { ratings: [rating("arch", 3, short), notAssessed("data")] }),
        ],
      }),
    );
    expect(dim(agg, "arch").ratings.map((r) => [r.panelistName, r.thinEvidence])).toEqual([
      ["Ada", false],
      ["Ben", true],
    ]);
    // a "not assessed" rating needs no evidence
    expect(dim(agg, "data").ratings[0]?.thinEvidence).toBe(false);
  });

  it("a panelist on several interviews rates the same dimension several times: each is an entry", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { interviewId: LEADERSHIP.id, ratings: [rating("arch", 2)] }),
          scorecard(ADA, { interviewId: DESIGN.id, ratings: [rating("arch", 4)] }),
          scorecard(BEN, { interviewId: DESIGN.id, ratings: [rating("arch", 3)] }),
        ],
      }),
    );
    const arch = dim(agg, "arch");
    expect(arch.count).toBe(3);
    expect(arch.mean).toBe(3);
    // interview position first, then panelist name
    expect(arch.ratings.map((r) => [r.panelistName, r.exerciseKey, r.score])).toEqual([
      ["Ada", "design", 4],
      ["Ben", "design", 3],
      ["Ada", "leadership", 2],
    ]);
    expect(agg.coverage.thinDimensions).toEqual(["data", "lead"]);
  });
});

describe("aggregateLoop: which scorecards count", () => {
  it("drafts are missing and not counted", () => {
    const draft = uncounted(CY, "draft");
    const agg = aggregateLoop(
      loop({
        scorecards: [
          ...scoresOn("arch", [
            [ADA, 4],
            [BEN, 4],
          ]),
          draft,
        ],
      }),
    );
    expect(dim(agg, "arch")).toMatchObject({ count: 2, mean: 4, disagreement: false });
    expect(agg.recommendations).toMatchObject({ total: 2, consensus: "consensus_hire" });
    expect(agg.redFlags).toEqual([]);
    expect(agg.signals.find((s) => s.key === "buzz")?.count).toBe(0);
    expect(agg.coverage).toMatchObject({ submitted: 2, assigned: 3, complete: false });
    expect(agg.coverage.completeness).toBeCloseTo(2 / 3, 12);
    expect(agg.coverage.missingScorecards).toEqual([
      {
        scorecardId: draft.id,
        panelistName: "Cy",
        interviewId: DESIGN.id,
        exerciseTitle: "System design",
        status: "draft",
      },
    ]);
    expect(agg.agenda.map((a) => a.kind)).toEqual(["missing_scorecard"]);
    // listed with its state and last save, nothing else
    expect(agg.scorecards.find((s) => s.scorecardId === draft.id)).toEqual({
      scorecardId: draft.id,
      interviewId: DESIGN.id,
      exerciseKey: "design",
      exerciseTitle: "System design",
      panelistId: CY.id,
      panelistName: "Cy",
      status: "draft",
      lastSavedAt: draft.updatedAt,
    });
  });

  it("a draft or recusal that arrives with content anyway (a query regression) puts none of it in the output", () => {
    const SECRET = "SECRET-draft-Qz9";
    const leaky = (status: "draft" | "recused", who: typeof CY) =>
      ({
        ...uncounted(who, status),
        recommendation: "strong_no_hire",
        summary: SECRET,
        overrideJustification: SECRET,
        conflictNote: SECRET,
        ratings: [{ dimensionKey: "arch", score: 1, notAssessed: false, evidence: SECRET }],
        redFlags: [{ key: "fabrication", note: SECRET }],
        signalKeys: ["buzz"],
        focusKeys: ["serving"],
        quickNotes: [{ elapsedMinute: 1, body: SECRET, createdAt: 1 }],
        submittedAt: 1,
        amendCount: 1,
        lastAmendReason: SECRET,
      }) as unknown as ScorecardInput;
    const agg = aggregateLoop(
      loop({
        scorecards: [
          ...scoresOn("arch", [
            [ADA, 4],
            [BEN, 4],
          ]),
          leaky("draft", CY),
          leaky("recused", DEE),
        ],
      }),
    );
    const text = JSON.stringify(agg);
    expect(text).not.toContain(SECRET);
    expect(agg.recommendations).toMatchObject({ total: 2, distribution: { strong_no_hire: 0 } });
    expect(dim(agg, "arch")).toMatchObject({ count: 2, mean: 4 });
    expect(agg.signals.every((s) => s.count === 0)).toBe(true);
    expect(agg.exercises[0]?.focusPoints.find((f) => f.key === "serving")?.coveredBy).toEqual([]);
  });

  it("recused scorecards are excluded from everything and listed in coverage.recused", () => {
    const recused = uncounted(DEE, "recused");
    const agg = aggregateLoop(
      loop({
        scorecards: [
          ...scoresOn("arch", [
            [ADA, 4],
            [BEN, 4],
          ]),
          recused,
        ],
      }),
    );
    expect(dim(agg, "arch")).toMatchObject({ count: 2, mean: 4 });
    expect(dim(agg, "arch").ratings.map((r) => r.panelistName)).toEqual(["Ada", "Ben"]);
    expect(dim(agg, "data").count).toBe(0);
    expect(agg.recommendations.total).toBe(2);
    expect(agg.redFlags).toEqual([]);
    expect(agg.signals.every((s) => s.count === 0)).toBe(true);
    expect(agg.coverage).toMatchObject({
      submitted: 2,
      assigned: 2,
      completeness: 1,
      complete: true,
      missingScorecards: [],
    });
    expect(agg.coverage.recused).toEqual([{ scorecardId: recused.id, panelistName: "Dee" }]);
    const design = agg.exercises[0];
    expect(design?.quickNotes).toEqual([]);
    expect(design?.panelists.find((p) => p.panelistName === "Dee")?.status).toBe("recused");
    expect(agg.scorecards.find((s) => s.scorecardId === recused.id)).toMatchObject({
      status: "recused",
      lastSavedAt: recused.updatedAt,
    });
    // the declaration's note is its author's: the agenda says only that there is one
    expect(agg.agenda).toEqual([
      {
        kind: "recusal",
        title: "Recused: Dee",
        detail: "Declared a conflict of interest. Excluded from all scores.",
        scorecardId: recused.id,
      },
    ]);
  });

  it("only recused scorecards: nothing assigned, completeness 0, not complete", () => {
    const agg = aggregateLoop(loop({ scorecards: [uncounted(ADA, "recused")] }));
    expect(agg.coverage).toMatchObject({ assigned: 0, submitted: 0, completeness: 0, complete: false });
    expect(agg.coverage.recused).toEqual([{ scorecardId: agg.scorecards[0]?.scorecardId, panelistName: "Ada" }]);
  });
});

describe("aggregateLoop: composite", () => {
  it("weighted mean of the rated dimensions; unrated ones excluded", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [rating("arch", 4), rating("data", 2)] }),
          scorecard(BEN, { ratings: [rating("arch", 4), rating("data", 2)] }),
        ],
      }),
    );
    // (50·4 + 30·2) / (50 + 30)
    expect(agg.composite.raw).toBe(3.25);
    expect(formatScore(agg.composite.raw)).toBe("3.25");
    expect(agg.composite.calibrated).toBe(3.25);
    expect(agg.composite.excluded).toEqual(["lead"]);
  });

  it("loop weights override the rubric's; weight 0 excludes a dimension", () => {
    const agg = aggregateLoop(
      loop({
        weights: { arch: 25, data: 0, lead: 75 },
        scorecards: [scorecard(ADA, { ratings: [rating("arch", 4), rating("data", 1), rating("lead", 2)] })],
      }),
    );
    expect(agg.dimensions.map((d) => d.weight)).toEqual([25, 0, 75]);
    // (25·4 + 75·2) / 100
    expect(agg.composite.raw).toBe(2.5);
    expect(agg.composite.excluded).toEqual(["data"]);
  });

  it("all weights 0 → composite null", () => {
    const agg = aggregateLoop(
      loop({ weights: { arch: 0, data: 0, lead: 0 }, scorecards: [scorecard(ADA, { ratings: [rating("arch", 4)] })] }),
    );
    expect(agg.composite).toEqual({ raw: null, calibrated: null, excluded: ["arch", "data", "lead"] });
  });

  it("calibrated means subtract each rater's offset, clamped to [1,4] per rating", () => {
    const calibration: InterviewerCalibration[] = [
      { panelistId: ADA.id, panelistName: "Ada", sampleSize: 10, rawOffset: 1.5, offset: 1, tendency: "lenient" },
      { panelistId: BEN.id, panelistName: "Ben", sampleSize: 10, rawOffset: -1.5, offset: -1, tendency: "severe" },
      { panelistId: "p-elsewhere", panelistName: "Zed", sampleSize: 3, rawOffset: 0, offset: 0, tendency: "neutral" },
    ];
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [rating("arch", 4), rating("data", 1)] }),
          scorecard(BEN, { ratings: [rating("arch", 4), rating("data", 2)] }),
        ],
      }),
      calibration,
    );
    // arch: Ada 4−1 = 3, Ben 4+1 = 5 → clamped 4; mean 3.5
    expect(dim(agg, "arch").calibratedMean).toBe(3.5);
    // data: Ada 1−1 = 0 → clamped 1, Ben 2+1 = 3; mean 2
    expect(dim(agg, "data").calibratedMean).toBe(2);
    // (50·3.5 + 30·2) / 80
    expect(agg.composite.calibrated).toBeCloseTo(235 / 80, 12);
    expect(agg.composite.raw).toBeCloseTo((50 * 4 + 30 * 1.5) / 80, 12);
    // only this panel's interviewers, by name
    expect(agg.calibration.map((c) => c.panelistName)).toEqual(["Ada", "Ben"]);
  });
});

describe("aggregateLoop: recommendations, flags, signals", () => {
  const withRecs = (...recs: (Recommendation | null)[]) =>
    aggregateLoop(
      loop({
        scorecards: recs.map((recommendation, i) => scorecard([ADA, BEN, CY, DEE][i] ?? ADA, { recommendation })),
      }),
    ).recommendations;

  it("distribution and consensus over submitted recommendations", () => {
    expect(withRecs("hire", "strong_hire")).toEqual({
      distribution: { strong_no_hire: 0, no_hire: 0, hire: 1, strong_hire: 1 },
      consensus: "consensus_hire",
      total: 2,
    });
    expect(withRecs("no_hire", "strong_no_hire", null).consensus).toBe("consensus_no_hire");
    expect(withRecs("no_hire", "strong_no_hire", null).total).toBe(2);
    expect(withRecs("hire", "no_hire").consensus).toBe("split");
    expect(withRecs(null, null).consensus).toBe("none");
    // 0, 1 and 2 submitted scorecards: none, too few, a consensus
    expect(withRecs().consensus).toBe("none");
    expect(withRecs("strong_hire").consensus).toBe("too_few");
    expect(withRecs("no_hire", null).consensus).toBe("too_few");
    expect(withRecs("hire", "hire").consensus).toBe("consensus_hire");
  });

  it("one panelist's two scorecards are not a consensus", () => {
    const agg = aggregateLoop(
      loop({ scorecards: [scorecard(ADA, { recommendation: "hire" }), scorecard(ADA, { recommendation: "hire" })] }),
    );
    expect(agg.recommendations).toMatchObject({ consensus: "too_few", total: 2 });
  });

  it("red flags: dealbreakers first, then most raisers, then rubric order", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, {
            redFlags: [
              { key: "vague", note: "hand-wavy" },
              { key: "ethics", note: "shrugged at bias" },
              { key: "blame", note: "" },
            ],
          }),
          scorecard(BEN, {
            redFlags: [
              { key: "vague", note: "" },
              { key: "fabrication", note: "numbers changed" },
            ],
          }),
          scorecard(CY, {
            redFlags: [
              { key: "vague", note: "no specifics" },
              { key: "unknown", note: "ignored" },
            ],
          }),
        ],
      }),
    );
    expect(agg.redFlags.map((f) => [f.key, f.severity, f.raisedBy.length])).toEqual([
      ["fabrication", "dealbreaker", 1],
      ["ethics", "dealbreaker", 1],
      ["vague", "concern", 3],
      ["blame", "concern", 1],
    ]);
    expect(agg.redFlags[2]?.raisedBy.map((r) => [r.panelistName, r.note])).toEqual([
      ["Ada", "hand-wavy"],
      ["Ben", ""],
      ["Cy", "no specifics"],
    ]);
  });

  it("signals: every rubric signal in rubric order, with counts and names", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(BEN, { signalKeys: ["mentor", "depth"] }),
          scorecard(ADA, { signalKeys: ["depth", "depth"] }),
          scorecard(ADA, { interviewId: LEADERSHIP.id, signalKeys: ["depth"] }),
        ],
      }),
    );
    expect(agg.signals).toEqual([
      { key: "depth", label: "Deep systems knowledge", kind: "strong", count: 3, panelistNames: ["Ada", "Ben"] },
      { key: "buzz", label: "Buzzword heavy", kind: "weak", count: 0, panelistNames: [] },
      { key: "mentor", label: "Mentors others", kind: "strong", count: 1, panelistNames: ["Ben"] },
    ]);
  });
});

describe("aggregateLoop: exercises and scorecard summaries", () => {
  it("exercise coverage: interview order, focus points, merged quick notes", () => {
    const agg = aggregateLoop(
      loop({
        interviews: [LEADERSHIP, DESIGN],
        scorecards: [
          scorecard(BEN, {
            focusKeys: ["serving", "drift"],
            quickNotes: [
              { elapsedMinute: 5, body: "b5", createdAt: 20 },
              { elapsedMinute: 1, body: "b1", createdAt: 30 },
            ],
          }),
          scorecard(ADA, { focusKeys: ["serving"], quickNotes: [{ elapsedMinute: 5, body: "a5", createdAt: 10 }] }),
          uncounted(CY, "draft"),
          scorecard(DEE, { interviewId: LEADERSHIP.id, focusKeys: ["conflict"] }),
        ],
      }),
    );
    expect(agg.exercises.map((e) => e.interviewId)).toEqual([DESIGN.id, LEADERSHIP.id]);
    const design = agg.exercises[0];
    expect(design?.panelists.map((p) => [p.panelistName, p.status])).toEqual([
      ["Ada", "submitted"],
      ["Ben", "submitted"],
      ["Cy", "draft"],
    ]);
    expect(design?.focusPoints).toEqual([
      { key: "serving", label: "Online serving", coveredBy: ["Ada", "Ben"] },
      { key: "drift", label: "Drift monitoring", coveredBy: ["Ben"] },
    ]);
    expect(design?.quickNotes.map((n) => `${n.panelistName}:${n.body}`)).toEqual(["Ben:b1", "Ada:a5", "Ben:b5"]);
    expect(agg.exercises[1]?.focusPoints).toEqual([
      { key: "conflict", label: "Resolving conflict", coveredBy: ["Dee"] },
    ]);
  });

  it("summaries: submitted first in interview order, then the others; amended flag", () => {
    const draft = uncounted(ADA, "draft");
    const late = scorecard(BEN, {
      interviewId: LEADERSHIP.id,
      amendCount: 2,
      lastAmendReason: "Typo in evidence",
      ratings: [rating("lead", 3), rating("arch", 4)],
      signalKeys: ["mentor"],
      redFlags: [{ key: "blame", note: "n" }],
    });
    const early = scorecard(CY, { interviewId: DESIGN.id });
    const agg = aggregateLoop(loop({ scorecards: [draft, late, early] }));
    expect(
      agg.scorecards.map((s) => [s.panelistName, s.status, s.status === "submitted" ? s.amended : "no content"]),
    ).toEqual([
      ["Cy", "submitted", false],
      ["Ben", "submitted", true],
      ["Ada", "draft", "no content"],
    ]);
    const second = agg.scorecards[1];
    const ben = second?.status === "submitted" ? second : undefined;
    expect(ben).toMatchObject({
      exerciseKey: "leadership",
      exerciseTitle: "Leadership conversation",
      amendCount: 2,
      lastAmendReason: "Typo in evidence",
    });
    // ratings in rubric order with names
    expect(ben?.ratings.map((r) => [r.dimensionKey, r.dimensionName, r.score])).toEqual([
      ["arch", "ML system architecture", 4],
      ["lead", "Technical leadership", 3],
    ]);
    expect(ben?.redFlags).toEqual([{ key: "blame", label: "Blames others", severity: "concern", note: "n" }]);
    expect(ben?.signals).toEqual([{ key: "mentor", label: "Mentors others", kind: "strong" }]);
    // amended scorecards still count like any submitted one
    expect(dim(agg, "arch").count).toBe(1);
  });
});

describe("aggregateLoop: real rubric", () => {
  it("aggregates a loop on LEAD_ML_ARCHITECT_V1", () => {
    const rubric = LEAD_ML_ARCHITECT_V1;
    const exercise = rubric.exercises[0];
    if (!exercise) throw new Error("the real rubric has no exercise");
    const dims = rubric.dimensions.map((d) => d.key);
    const iv = {
      id: "iv-1",
      exerciseKey: exercise.key,
      position: 1,
      scheduledAt: null,
      durationMinutes: exercise.durationMinutes,
    };
    const agg = aggregateLoop({
      loopId: "real",
      status: "debrief",
      rubric,
      weights: null,
      interviews: [iv],
      scorecards: [
        scorecard(ADA, {
          interviewId: iv.id,
          ratings: dims.map((k) => rating(k, 4, SOLID_EVIDENCE)),
          focusKeys: exercise.focusPoints.map((f) => f.key),
        }),
        scorecard(BEN, {
          interviewId: iv.id,
          ratings: dims.map((k) => rating(k, 2, SOLID_EVIDENCE)),
          recommendation: "no_hire",
        }),
      ],
    });
    expect(agg.dimensions.map((d) => d.key)).toEqual(dims);
    expect(agg.composite.raw).toBeCloseTo(3, 12);
    expect(agg.recommendations.consensus).toBe("split");
    expect(agg.agenda.filter((a) => a.kind === "disagreement")).toHaveLength(dims.length);
    expect(agg.exercises[0]?.focusPoints.every((f) => f.coveredBy.includes("Ada"))).toBe(true);
  });
});

describe("computeComposite", () => {
  it("ignores weight-0 and unrated dimensions and stays within [1,4]", () => {
    const base = {
      name: "",
      ratings: [],
      notAssessedCount: 0,
      median: null,
      min: null,
      max: null,
      spread: null,
      disagreement: false,
      belowBar: false,
    };
    const dims: DimensionAggregate[] = [
      { ...base, key: "a", weight: 33.3, count: 1, mean: 4, calibratedMean: 4 },
      { ...base, key: "b", weight: 33.3, count: 1, mean: 4, calibratedMean: 4 },
      { ...base, key: "c", weight: 33.4, count: 1, mean: 4, calibratedMean: 4 },
      { ...base, key: "d", weight: 0, count: 2, mean: 1, calibratedMean: 1 },
      { ...base, key: "e", weight: 10, count: 0, mean: null, calibratedMean: null },
    ];
    const c = computeComposite(dims);
    expect(c.raw).toBeLessThanOrEqual(4);
    expect(c.raw).toBeCloseTo(4, 12);
    expect(c.excluded).toEqual(["d", "e"]);
  });
});
