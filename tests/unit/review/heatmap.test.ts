import { describe, expect, it } from "vitest";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import {
  buildDimensionChart,
  buildHeatmap,
  buildHeatmapGrid,
  describeDimensionChart,
  describeHeatmap,
  DIMENSION_CHART,
  HEATMAP,
  scaleX,
  truncate,
  wrapLabel,
} from "../../../app/domain/review/heatmap";
import { defaultDir, isSortKey, scoreBand, sortRows, type SortableRow } from "../../../app/domain/review/compare";
import { ADA, BEN, CY, DEE, LEADERSHIP, loop, notAssessed, rating, scorecard, uncounted } from "../../factories";

describe("wrapLabel / truncate", () => {
  it("wraps words greedily within the width", () => {
    expect(wrapLabel("Observability and reliability", 14, 3)).toEqual(["Observability", "and", "reliability"]);
    expect(wrapLabel("ML system architecture", 14, 3)).toEqual(["ML system", "architecture"]);
    expect(wrapLabel("Communication", 14, 3)).toEqual(["Communication"]);
  });
  it("breaks a word too long for a line after a slash or hyphen instead of cutting it", () => {
    expect(wrapLabel("Cloud/platform engineering", 13, 3)).toEqual(["Cloud/", "platform", "engineering"]);
    expect(wrapLabel("Cloud/ML platform", 14, 3)).toEqual(["Cloud/ML", "platform"]);
    expect(wrapLabel("Build-vs-buy decisions", 6, 3)).toEqual(["Build-", "vs-buy", "decis…"]);
  });
  it("cuts what does not fit and marks it with an ellipsis", () => {
    expect(wrapLabel("a b c d e f", 1, 2)).toEqual(["a", "…"]);
    expect(wrapLabel("ab cd ef gh ij", 5, 2)).toEqual(["ab cd", "ef g…"]);
    expect(wrapLabel("ab cd ef", 5, 1)).toEqual(["ab c…"]);
    expect(wrapLabel("ab c de", 5, 1)).toEqual(["ab c…"]);
    expect(wrapLabel("Supercalifragilistic", 8, 2)).toEqual(["Superca…"]);
    expect(wrapLabel("one two three four", 9, 1)).toEqual(["one two…"]);
    for (const line of wrapLabel("Data platform and feature engineering at scale", 12, 2))
      expect(line.length).toBeLessThanOrEqual(12);
  });
  it("handles empty text", () => {
    expect(wrapLabel("   ", 10, 2)).toEqual([]);
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("Architecture case study", 12)).toBe("Architectur…");
  });
});

describe("buildHeatmap", () => {
  const input = loop({
    scorecards: [
      scorecard(ADA, { ratings: [rating("arch", 1), rating("data", 3, "thin")], recommendation: "no_hire" }),
      scorecard(BEN, { ratings: [rating("arch", 4), notAssessed("data")] }),
      scorecard(CY, { ratings: [rating("arch", 4)] }),
      uncounted(DEE, "draft"),
      scorecard(ADA, { interviewId: LEADERSHIP.id, ratings: [rating("lead", 3)] }),
    ],
  });
  const h = buildHeatmap(aggregateLoop(input));

  it("has a row per submitted scorecard (a panelist on two interviews twice) and a column per dimension", () => {
    expect(h.rows.map((r) => `${r.panelistName}/${r.exerciseTitle}`)).toEqual([
      "Ada/System design",
      "Ben/System design",
      "Cy/System design",
      "Ada/Leadership conversation",
    ]);
    expect(h.columns.map((c) => c.key)).toEqual(["arch", "data", "lead"]);
    expect(h.rows[0]?.recommendation).toBe("no_hire");
  });

  it("tells scored, not assessed and not rated apart, with outlier and thin-evidence marks", () => {
    const [ada, ben] = h.rows;
    expect(ada?.cells.map((c) => c.state)).toEqual(["scored", "scored", "not_rated"]);
    expect(ada?.cells[0]).toMatchObject({ score: 1, outlier: true, thinEvidence: false });
    expect(ada?.cells[0]?.label).toBe("1 (Well below bar), outlier");
    expect(ada?.cells[1]).toMatchObject({ score: 3, thinEvidence: true, label: "3 (Meets bar), thin evidence" });
    expect(ben?.cells[1]).toMatchObject({ state: "not_assessed", score: null, label: "Not assessed" });
    expect(ben?.cells[2]?.label).toBe("Not rated in this interview");
  });

  it("marks disagreement columns and carries the means", () => {
    expect(h.columns[0]).toMatchObject({ disagreement: true, mean: 3 });
    expect(h.columns[1]).toMatchObject({ disagreement: false, mean: 3 });
    expect(h.columns[0]?.weight).toBe(50);
  });

  it("sizes the drawing from the data", () => {
    const { layout } = h;
    expect(layout.meanY).toBe(HEATMAP.headerHeight + 4 * HEATMAP.cellHeight + 6);
    expect(layout.recoX).toBe(HEATMAP.labelWidth + 3 * HEATMAP.cellWidth + HEATMAP.recoGap);
    expect(layout.width).toBe(layout.recoX + HEATMAP.recoWidth);
    expect(layout.height).toBeGreaterThan(layout.meanY);
  });

  it("describes itself for screen readers", () => {
    expect(describeHeatmap(h)).toBe(
      "Heatmap of 4 submitted scorecards across 3 dimensions, scores 1 to 4. Disagreement on ML system architecture. 1 ratings not assessed. The table that follows has the same data.",
    );
  });

  it("adds drafts and recusals as uncounted rows on request (the packet), their cells not rated", () => {
    const recused = uncounted(CY, "recused");
    const agg = aggregateLoop(loop({ scorecards: [...input.scorecards, recused] }));
    const grid = buildHeatmapGrid(agg, { uncounted: true });
    expect(grid.rows.map((r) => `${r.panelistName}/${r.status}/${r.counted}`)).toEqual([
      "Ada/submitted/true",
      "Ben/submitted/true",
      "Cy/submitted/true",
      "Ada/submitted/true",
      "Cy/recused/false",
      "Dee/draft/false",
    ]);
    // a draft arrives without its ratings: every cell is "not counted"
    const draft = grid.rows.find((r) => r.status === "draft");
    expect(draft?.cells.map((c) => c.state)).toEqual(["not_rated", "not_rated", "not_rated"]);
    expect(draft?.cells[0]?.label).toBe("Not counted (scorecard not submitted)");
    // the counted rows are the review page's
    expect(grid.rows.slice(0, 4)).toEqual(buildHeatmap(agg).rows);
    expect(grid.columns).toEqual(buildHeatmap(agg).columns);
  });

  it("is empty without submitted scorecards", () => {
    const empty = buildHeatmap(aggregateLoop(loop({ scorecards: [uncounted(ADA, "draft")] })));
    expect(empty.rows).toEqual([]);
    expect(describeHeatmap(empty)).toMatch(/^Heatmap of 0 submitted scorecards/);
  });
});

describe("buildDimensionChart", () => {
  const agg = aggregateLoop(
    loop({
      scorecards: [
        scorecard(ADA, { ratings: [rating("arch", 1), rating("data", 3)] }),
        scorecard(BEN, { ratings: [rating("arch", 4), rating("data", 3)] }),
        scorecard(CY, { ratings: [rating("arch", 4), rating("data", 3)] }),
        scorecard(DEE, { ratings: [rating("arch", 4), rating("data", 3)] }),
      ],
    }),
  );
  const c = buildDimensionChart(agg);

  it("maps the scale 1..4 onto the plot, the bar at 3", () => {
    expect(scaleX(1)).toBe(DIMENSION_CHART.plotLeft);
    expect(scaleX(4)).toBe(DIMENSION_CHART.plotRight);
    expect(c.barX).toBe(scaleX(3));
    expect(c.ticks.map((t) => t.label)).toEqual(["1", "2", "3", "4"]);
  });

  it("draws mean, min and max per dimension, and nothing for an unrated one", () => {
    const [arch, data, lead] = c.rows;
    expect(arch).toMatchObject({ mean: 3.25, min: 1, max: 4, disagreement: true, valueText: "3.25" });
    expect(arch?.meanX).toBeCloseTo(scaleX(3.25));
    expect(arch?.minX).toBe(scaleX(1));
    expect(data).toMatchObject({ min: 3, max: 3, disagreement: false });
    expect(lead).toMatchObject({ mean: null, meanX: null, minX: null, valueText: "no rating" });
    expect(lead?.dots).toEqual([]);
  });

  it("fans out dots on the same score without leaving the row", () => {
    const data = c.rows[1]!;
    const ys = data.dots.map((d) => d.y);
    expect(new Set(ys).size).toBe(4);
    for (const y of ys) expect(Math.abs(y - data.y)).toBeLessThanOrEqual(DIMENSION_CHART.maxDotSpread / 2 + 1e-9);
    expect(c.rows[0]?.dots.filter((d) => d.outlier).map((d) => d.panelistName)).toEqual(["Ada"]);
  });

  it("describes itself for screen readers", () => {
    expect(describeDimensionChart(c)).toContain("ML system architecture: mean 3.25, range 1–4, disagreement");
    expect(describeDimensionChart(c)).toContain("Technical leadership: no rating");
  });
});

describe("comparison sorting", () => {
  const row = (
    candidateName: string,
    raw: number | null,
    arch: number | null,
    extra: Partial<SortableRow> = {},
  ): SortableRow => ({
    candidateName,
    status: "debrief",
    decision: null,
    means: { arch },
    raw,
    calibrated: raw,
    dealbreakers: 0,
    completeness: 1,
    ...extra,
  });
  const rows = [row("Cleo", 3.1, 2), row("Abe", null, null), row("Bo", 3.4, 4), row("Dana", 3.1, 3)];

  it("sorts numbers both ways with unrated rows last and names breaking ties", () => {
    expect(sortRows(rows, "raw", "desc").map((r) => r.candidateName)).toEqual(["Bo", "Cleo", "Dana", "Abe"]);
    expect(sortRows(rows, "raw", "asc").map((r) => r.candidateName)).toEqual(["Cleo", "Dana", "Bo", "Abe"]);
    expect(sortRows(rows, "dim.arch", "asc").map((r) => r.candidateName)).toEqual(["Cleo", "Dana", "Bo", "Abe"]);
    expect(sortRows(rows, "candidate", "asc").map((r) => r.candidateName)).toEqual(["Abe", "Bo", "Cleo", "Dana"]);
    expect(sortRows(rows, "candidate", "desc").map((r) => r.candidateName)).toEqual(["Dana", "Cleo", "Bo", "Abe"]);
  });

  it("orders status with decisions: debrief first, then hire, hold, no hire", () => {
    const s = [
      row("A", 1, 1, { status: "decided", decision: "no_hire" }),
      row("B", 1, 1),
      row("C", 1, 1, { status: "decided", decision: "hire" }),
    ];
    expect(sortRows(s, "status", "asc").map((r) => r.candidateName)).toEqual(["B", "C", "A"]);
  });

  it("does not mutate its input", () => {
    const copy = [...rows];
    sortRows(rows, "raw", "desc");
    expect(rows).toEqual(copy);
  });

  it("knows its keys and default directions", () => {
    expect(isSortKey("raw", [])).toBe(true);
    expect(isSortKey("dim.arch", ["arch"])).toBe(true);
    expect(isSortKey("dim.nope", ["arch"])).toBe(false);
    expect(isSortKey("constructor", ["arch"])).toBe(false);
    expect(defaultDir("candidate")).toBe("asc");
    expect(defaultDir("raw")).toBe("desc");
  });

  it("colours a mean by band, never calling a below-bar mean 'meets'", () => {
    expect([null, 1, 1.99, 2, 2.5, 2.99, 3, 3.49, 3.5, 4].map(scoreBand)).toEqual([null, 1, 1, 2, 2, 2, 3, 3, 4, 4]);
  });
});
