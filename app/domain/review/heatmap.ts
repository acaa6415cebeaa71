/**
 * Geometry and content of the review page's two charts, computed from the aggregate so the SVG
 * components only draw. Pure (no React, no IO): unit-tested in tests/unit/review/heatmap.test.ts.
 * The packet (app/domain/packet/model.ts) draws the same heatmap grid.
 */
import type { LoopAggregate } from "./types";
import { formatScore } from "../shared/format";
import { RATING_LABELS, type RatingScore, type Recommendation, type ScorecardStatus } from "../vocabulary";

// ------------------------------------------------------------------ text

/**
 * Greedy word wrap into at most `maxLines` lines of `maxChars`; the last line gets an ellipsis
 * when text is left over. Words longer than a line are cut.
 *
 * @example wrapLabel("Observability and reliability", 14, 3) // ["Observability", "and", "reliability"]
 */
export function wrapLabel(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const { piece, glued } of wrapTokens(text, maxChars)) {
    const word = piece.length > maxChars ? `${piece.slice(0, maxChars - 1)}…` : piece;
    const candidate = current ? `${current}${glued ? "" : " "}${word}` : word;
    if (candidate.length <= maxChars) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = kept[kept.length - 1] ?? "";
  kept[kept.length - 1] = last.length >= maxChars ? `${last.slice(0, maxChars - 1)}…` : `${last}…`;
  return kept;
}

/**
 * The words of a label; a word too long for a line is split after its slashes and hyphens
 * ("Cloud/platform" -> "Cloud/" + "platform", glued back together when they share a line).
 */
function wrapTokens(text: string, maxChars: number): { piece: string; glued: boolean }[] {
  const out: { piece: string; glued: boolean }[] = [];
  for (const raw of text.trim().split(/\s+/).filter(Boolean)) {
    const pieces = raw.length > maxChars ? raw.split(/(?<=[/-])(?=.)/) : [raw];
    pieces.forEach((piece, i) => out.push({ piece, glued: i > 0 }));
  }
  return out;
}

/** @example truncate("Architecture case study", 12) // "Architectur…" */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

// ------------------------------------------------------------------ heatmap

/**
 * The state of a cell, the same names on the review page and in the packet: "scored" (1–4),
 * "not_assessed" (the panelist said so explicitly), "not_rated" (the interview did not rate the
 * dimension, or the scorecard does not count: a draft or a recusal).
 */
export type CellState = "scored" | "not_assessed" | "not_rated";

export interface HeatmapCell {
  dimensionKey: string;
  state: CellState;
  score: RatingScore | null;
  /** ≥ 2 points from the dimension's median */
  outlier: boolean;
  thinEvidence: boolean;
  /** text for the cell's tooltip and the screen-reader table */
  label: string;
}

export interface HeatmapRow {
  scorecardId: string;
  panelistName: string;
  exerciseTitle: string;
  status: ScorecardStatus;
  /** submitted: its ratings count; the cells of a draft or a recused scorecard are all "not_rated" */
  counted: boolean;
  recommendation: Recommendation | null;
  cells: HeatmapCell[];
}

export interface HeatmapColumn {
  key: string;
  name: string;
  lines: string[];
  weight: number;
  mean: number | null;
  disagreement: boolean;
}

/** Rows and columns, without the review page's geometry (the packet lays them out itself). */
export interface HeatmapGrid {
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
}

export interface Heatmap extends HeatmapGrid {
  layout: {
    width: number;
    height: number;
    labelWidth: number;
    headerHeight: number;
    cellWidth: number;
    cellHeight: number;
    /** y of the mean row (below the panel rows) */
    meanY: number;
    /** x of the recommendation column (after the dimensions) */
    recoX: number;
  };
}

export const HEATMAP = {
  labelWidth: 220,
  cellWidth: 96,
  cellHeight: 38,
  headerHeight: 64,
  meanHeight: 34,
  headerChars: 13,
  headerLines: 3,
  recoGap: 14,
  recoWidth: 104,
} as const;

function cellLabel(
  state: CellState,
  score: RatingScore | null,
  outlier: boolean,
  thin: boolean,
  counted: boolean,
): string {
  if (!counted) return "Not counted (scorecard not submitted)";
  if (state === "not_assessed") return "Not assessed";
  if (state === "not_rated" || score === null) return "Not rated in this interview";
  const parts = [`${score} (${RATING_LABELS[score]})`];
  if (outlier) parts.push("outlier");
  if (thin) parts.push("thin evidence");
  return parts.join(", ");
}

/**
 * Rows = scorecards (a panelist on two interviews has two rows: they rated twice), columns =
 * rubric dimensions. Only submitted scorecards by default; with `uncounted`, drafts and recused
 * scorecards too (after them, as in the aggregate), their cells all "not_rated". A cell is
 * "not_rated" when that interview did not rate the dimension, "not_assessed" when the panelist
 * said so explicitly.
 */
export function buildHeatmapGrid(aggregate: LoopAggregate, opts: { uncounted?: boolean } = {}): HeatmapGrid {
  const outliers = new Map<string, { outlier: boolean; thin: boolean }>();
  for (const d of aggregate.dimensions) {
    for (const r of d.ratings)
      outliers.set(`${r.scorecardId}\u0000${d.key}`, { outlier: r.outlier, thin: r.thinEvidence });
  }
  const columns: HeatmapColumn[] = aggregate.dimensions.map((d) => ({
    key: d.key,
    name: d.name,
    lines: wrapLabel(d.name, HEATMAP.headerChars, HEATMAP.headerLines),
    weight: d.weight,
    mean: d.mean,
    disagreement: d.disagreement,
  }));
  const rows: HeatmapRow[] = aggregate.scorecards
    .filter((sc) => opts.uncounted === true || sc.status === "submitted")
    .map((sc) => {
      const counted = sc.status === "submitted";
      return {
        scorecardId: sc.scorecardId,
        panelistName: sc.panelistName,
        exerciseTitle: sc.exerciseTitle,
        status: sc.status,
        counted,
        recommendation: counted ? sc.recommendation : null,
        cells: columns.map((c) => {
          const rating = counted
            ? sc.ratings.find((r) => r.dimensionKey === c.key && (r.score !== null || r.notAssessed))
            : undefined;
          const state: CellState = !rating ? "not_rated" : rating.score !== null ? "scored" : "not_assessed";
          const marks = outliers.get(`${sc.scorecardId}\u0000${c.key}`);
          const outlier = state === "scored" && (marks?.outlier ?? false);
          const thin = state === "scored" && (marks?.thin ?? false);
          const score = rating?.score ?? null;
          return {
            dimensionKey: c.key,
            state,
            score,
            outlier,
            thinEvidence: thin,
            label: cellLabel(state, score, outlier, thin, counted),
          };
        }),
      };
    });
  return { columns, rows };
}

/** The review page's heatmap: the submitted scorecards' grid and its SVG geometry. */
export function buildHeatmap(aggregate: LoopAggregate): Heatmap {
  const { columns, rows } = buildHeatmapGrid(aggregate);
  const { labelWidth, cellWidth, cellHeight, headerHeight, meanHeight, recoGap, recoWidth } = HEATMAP;
  const meanY = headerHeight + rows.length * cellHeight + 6;
  const recoX = labelWidth + columns.length * cellWidth + recoGap;
  return {
    columns,
    rows,
    layout: {
      recoX,
      width: recoX + recoWidth,
      height: meanY + meanHeight + 2,
      labelWidth,
      headerHeight,
      cellWidth,
      cellHeight,
      meanY,
    },
  };
}

/** One sentence for the heatmap's aria-label. */
export function describeHeatmap(h: Heatmap): string {
  const split = h.columns.filter((c) => c.disagreement).map((c) => c.name);
  const na = h.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === "not_assessed").length, 0);
  return (
    `Heatmap of ${h.rows.length} submitted scorecards across ${h.columns.length} dimensions, scores 1 to 4. ` +
    (split.length ? `Disagreement on ${split.join(", ")}. ` : "No disagreement. ") +
    (na ? `${na} ratings not assessed. ` : "") +
    "The table that follows has the same data."
  );
}

// ------------------------------------------------------------------ per-dimension chart

export interface DimensionChartRow {
  key: string;
  name: string;
  label: string;
  y: number;
  mean: number | null;
  calibratedMean: number | null;
  min: number | null;
  max: number | null;
  count: number;
  notAssessedCount: number;
  disagreement: boolean;
  belowBar: boolean;
  /** one dot per scored rating; dots on the same score are spread vertically */
  dots: { x: number; y: number; score: RatingScore; panelistName: string; outlier: boolean }[];
  /** x of mean/min/max, null when nothing was scored */
  meanX: number | null;
  minX: number | null;
  maxX: number | null;
  valueText: string;
}

export interface DimensionChart {
  rows: DimensionChartRow[];
  ticks: { score: RatingScore; x: number; label: string }[];
  barX: number;
  layout: {
    width: number;
    height: number;
    labelWidth: number;
    plotLeft: number;
    plotRight: number;
    rowHeight: number;
    top: number;
  };
}

export const DIMENSION_CHART = {
  width: 470,
  labelWidth: 198,
  plotLeft: 212,
  plotRight: 396,
  rowHeight: 40,
  top: 30,
  labelChars: 30,
  maxDotSpread: 26,
} as const;

/** x position of a score (1..4) on the chart's scale. */
export function scaleX(score: number): number {
  const { plotLeft, plotRight } = DIMENSION_CHART;
  return plotLeft + ((score - 1) / 3) * (plotRight - plotLeft);
}

/** Mean with its min–max spread per dimension, every rating as a dot, the bar at 3. */
export function buildDimensionChart(aggregate: LoopAggregate, bar = 3): DimensionChart {
  const { rowHeight, top, width, labelWidth, plotLeft, plotRight, labelChars, maxDotSpread } = DIMENSION_CHART;
  const rows = aggregate.dimensions.map((d, i): DimensionChartRow => {
    const y = top + i * rowHeight + rowHeight / 2;
    const scored = d.ratings.filter((r): r is typeof r & { score: RatingScore } => r.score !== null);
    const perScore = new Map<number, number>();
    const dots = scored.map((r) => {
      const k = perScore.get(r.score) ?? 0;
      perScore.set(r.score, k + 1);
      const sameCount = scored.filter((s) => s.score === r.score).length;
      // dots on the same score fan out vertically, but never beyond the row
      const step = sameCount > 1 ? Math.min(6, maxDotSpread / (sameCount - 1)) : 0;
      const offset = (k - (sameCount - 1) / 2) * step;
      return { x: scaleX(r.score), y: y + offset, score: r.score, panelistName: r.panelistName, outlier: r.outlier };
    });
    return {
      key: d.key,
      name: d.name,
      label: truncate(d.name, labelChars),
      y,
      mean: d.mean,
      calibratedMean: d.calibratedMean,
      min: d.min,
      max: d.max,
      count: d.count,
      notAssessedCount: d.notAssessedCount,
      disagreement: d.disagreement,
      belowBar: d.belowBar,
      dots,
      meanX: d.mean !== null ? scaleX(d.mean) : null,
      minX: d.min !== null ? scaleX(d.min) : null,
      maxX: d.max !== null ? scaleX(d.max) : null,
      valueText: d.mean !== null ? formatScore(d.mean) : "no rating",
    };
  });
  return {
    rows,
    ticks: ([1, 2, 3, 4] as const).map((score) => ({ score, x: scaleX(score), label: String(score) })),
    barX: scaleX(bar),
    layout: { width, height: top + rows.length * rowHeight + 8, labelWidth, plotLeft, plotRight, rowHeight, top },
  };
}

/** One sentence for the chart's aria-label. */
export function describeDimensionChart(c: DimensionChart): string {
  const parts = c.rows.map((r) =>
    r.mean === null
      ? `${r.name}: no rating`
      : `${r.name}: mean ${formatScore(r.mean)}, range ${r.min}–${r.max}${r.disagreement ? ", disagreement" : ""}`,
  );
  return `Mean score per dimension with the spread of ratings, on a scale of 1 to 4 with the bar at 3. ${parts.join("; ")}.`;
}
