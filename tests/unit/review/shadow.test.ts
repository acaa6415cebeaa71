import { describe, expect, it } from "vitest";

import {
  compareWithPanel,
  READY_MAX_MEAN_ABS_DIFF,
  READY_MIN_LOOPS,
  recommendationMatchesDecision,
  trackTrainee,
  type ShadowComparison,
  type TrackedLoop,
} from "../../../app/domain/review/shadow";
import type { Decision, Recommendation } from "../../../app/domain/vocabulary";

const dims = [
  { key: "arch", name: "Architecture" },
  { key: "ops", name: "Operations" },
  { key: "comm", name: "Communication" },
];
const r = (dimensionKey: string, score: number | null) => ({ dimensionKey, score });

describe("compareWithPanel", () => {
  it("puts the trainee's rating beside the panel's median and range, per dimension in rubric order", () => {
    const c = compareWithPanel({
      dimensions: dims,
      trainee: { ratings: [r("ops", 2), r("arch", 2)], recommendation: "hire" },
      panel: [{ ratings: [r("arch", 3), r("ops", 4)] }, { ratings: [r("arch", 4), r("ops", null)] }],
      decision: "hire",
    });
    expect(c.dimensions).toEqual([
      {
        key: "arch",
        name: "Architecture",
        trainee: 2,
        panelMedian: 3.5,
        panelMin: 3,
        panelMax: 4,
        panelCount: 2,
        difference: -1.5,
      },
      {
        key: "ops",
        name: "Operations",
        trainee: 2,
        panelMedian: 4,
        panelMin: 4,
        panelMax: 4,
        panelCount: 1,
        difference: -2,
      },
    ]);
    expect(c.recommendationMatches).toBe(true);
  });

  it("keeps a dimension only one side rated, without a difference", () => {
    const c = compareWithPanel({
      dimensions: dims,
      trainee: { ratings: [r("comm", 3), r("ops", null)], recommendation: null },
      panel: [{ ratings: [r("arch", 2)] }],
      decision: "no_hire",
    });
    expect(c.dimensions.map((d) => [d.key, d.trainee, d.panelMedian, d.difference])).toEqual([
      ["arch", null, 2, null],
      ["comm", 3, null, null],
    ]);
    expect(c.recommendationMatches).toBeNull();
  });

  it("matches recommendations to decisions; a hold is not comparable", () => {
    const table: [Recommendation | null, Decision | null, boolean | null][] = [
      ["strong_hire", "hire", true],
      ["hire", "hire", true],
      ["no_hire", "hire", false],
      ["strong_no_hire", "no_hire", true],
      ["hire", "no_hire", false],
      ["hire", "hold", null],
      [null, "hire", null],
      ["hire", null, null],
    ];
    for (const [rec, dec, want] of table) expect(recommendationMatchesDecision(rec, dec)).toBe(want);
  });
});

function loop(
  id: string,
  decidedAt: number,
  diffs: Record<string, number | null>,
  matches: boolean | null,
): TrackedLoop {
  const comparison: ShadowComparison = {
    dimensions: Object.entries(diffs).map(([key, difference]) => ({
      key,
      name: key.toUpperCase(),
      trainee: difference === null ? null : 3 + difference,
      panelMedian: 3,
      panelMin: 3,
      panelMax: 3,
      panelCount: 1,
      difference,
    })),
    recommendation: "hire",
    decision: matches === null ? "hold" : matches ? "hire" : "no_hire",
    recommendationMatches: matches,
  };
  return { loopId: id, candidateName: id, decidedAt, comparison };
}

describe("trackTrainee", () => {
  it("reads the last N loops by decision date: mean absolute difference per dimension and overall", () => {
    const t = trackTrainee(
      [
        loop("old", 1, { arch: 3 }, false),
        loop("a", 10, { arch: -1, ops: 0 }, true),
        loop("b", 20, { arch: 0.5, ops: null }, true),
        loop("c", 30, { arch: 0, ops: -0.5 }, null),
      ],
      3,
    );
    expect(t.loops.map((l) => l.loopId)).toEqual(["c", "b", "a"]);
    expect(t.dimensions).toEqual([
      { key: "arch", name: "ARCH", meanAbsDiff: 0.5, loops: 3 },
      { key: "ops", name: "OPS", meanAbsDiff: 0.25, loops: 2 },
    ]);
    expect(t.overallMeanAbsDiff).toBe(0.4);
    expect(t.recommendations).toEqual({ matched: 2, comparable: 2, share: 1 });
    expect(t.ready).toBe(true);
    expect(t.readiness).toMatch(/^Ready to promote/);
  });

  it("defaults to the last 5 loops", () => {
    const many = Array.from({ length: 7 }, (_, i) => loop(`l${i}`, i, { arch: 0 }, true));
    expect(trackTrainee(many).loops).toHaveLength(5);
  });

  it("is not ready with too few loops, too far from the panel, or too many mismatches, and says why with the threshold", () => {
    const few = trackTrainee([loop("a", 1, { arch: 0 }, true)]);
    expect(few.ready).toBe(false);
    expect(few.readiness).toContain(`1 of ${READY_MIN_LOOPS} loops`);
    expect(few.readiness).toContain(`at most ${READY_MAX_MEAN_ABS_DIFF} points`);

    const far = trackTrainee([1, 2, 3].map((i) => loop(`f${i}`, i, { arch: 1 }, true)));
    expect(far.ready).toBe(false);
    expect(far.readiness).toContain("mean difference 1.00");

    const off = trackTrainee([1, 2, 3].map((i) => loop(`o${i}`, i, { arch: 0 }, i === 1)));
    expect(off.ready).toBe(false);
    expect(off.readiness).toContain("33 % matching");
  });

  it("with no loop at all, nothing to average", () => {
    const t = trackTrainee([]);
    expect(t).toMatchObject({ loops: [], dimensions: [], overallMeanAbsDiff: null, ready: false });
    expect(t.recommendations.share).toBeNull();
  });
});
