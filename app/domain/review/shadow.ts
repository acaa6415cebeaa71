/**
 * Trainees (shadows and reverse shadows): how one trainee's scorecard compares with the panel's
 * on a decided loop, and how closely a trainee tracks the panel over their last loops, which is
 * what a recruiter needs to promote them to full interviewer. Pure; no IO.
 *
 * "The panel" is the loop's full panelists' submitted scorecards only: the same ratings the
 * aggregate, composite and packet count. A trainee's ratings are never part of it.
 */
import { round2 } from "../shared/format";
import type { Decision, Recommendation } from "../vocabulary";
import { median } from "./aggregate";

/** How many of a trainee's most recent decided loops the tracking reads by default. */
export const DEFAULT_TRACKING_LOOPS = 5;

/**
 * The "ready to promote" hint: at least {@link READY_MIN_LOOPS} loops compared, a mean absolute
 * difference from the panel's median of at most {@link READY_MAX_MEAN_ABS_DIFF} points (1–4 scale)
 * over every dimension rated, and recommendations matching the decision in at least
 * {@link READY_MIN_MATCH_SHARE} of the loops where a match is defined.
 */
export const READY_MIN_LOOPS = 3;
export const READY_MAX_MEAN_ABS_DIFF = 0.5;
export const READY_MIN_MATCH_SHARE = 0.8;

interface DimensionRef {
  key: string;
  name: string;
}

interface RatingLike {
  dimensionKey: string;
  /** 1–4, or null for "not assessed" / not rated */
  score: number | null;
}

export interface ShadowComparisonInput {
  /** the rubric's dimensions in rubric order */
  dimensions: readonly DimensionRef[];
  trainee: { ratings: readonly RatingLike[]; recommendation: Recommendation | null };
  /** the full panelists' submitted scorecards of the loop */
  panel: readonly { ratings: readonly RatingLike[] }[];
  decision: Decision | null;
}

export interface DimensionComparison {
  key: string;
  name: string;
  trainee: number | null;
  panelMedian: number | null;
  panelMin: number | null;
  panelMax: number | null;
  panelCount: number;
  /** trainee − panel median, when both exist */
  difference: number | null;
}

export interface ShadowComparison {
  /** dimensions the trainee or the panel rated, in rubric order */
  dimensions: DimensionComparison[];
  recommendation: Recommendation | null;
  decision: Decision | null;
  /** null when no match is defined: no recommendation, no decision, or a decision to hold */
  recommendationMatches: boolean | null;
}

/**
 * Whether a recommendation agrees with the decision: Hire and Strong hire match Hire; No hire and
 * Strong no hire match No hire. A Hold, or a missing recommendation or decision, is not comparable.
 *
 * @example recommendationMatchesDecision("strong_hire", "hire") // true
 * @example recommendationMatchesDecision("hire", "hold")        // null
 */
export function recommendationMatchesDecision(
  recommendation: Recommendation | null,
  decision: Decision | null,
): boolean | null {
  if (!recommendation || !decision || decision === "hold") return null;
  const positive = recommendation === "hire" || recommendation === "strong_hire";
  return positive === (decision === "hire");
}

const scored = (r: RatingLike): r is RatingLike & { score: number } => r.score !== null;

/**
 * Per dimension: the trainee's rating beside the panel's median and range; and the
 * trainee's recommendation beside the decision.
 *
 * @example
 * // panel rated system design 3 and 4, the trainee 2 → median 3.5, range 3–4, difference −1.5
 */
export function compareWithPanel(input: ShadowComparisonInput): ShadowComparison {
  const mine = new Map(input.trainee.ratings.filter(scored).map((r) => [r.dimensionKey, r.score]));
  const dimensions: DimensionComparison[] = [];
  for (const d of input.dimensions) {
    const theirs = input.panel.flatMap((s) => s.ratings.filter(scored).filter((r) => r.dimensionKey === d.key));
    const scores = theirs.map((r) => r.score);
    const trainee = mine.get(d.key) ?? null;
    if (trainee === null && scores.length === 0) continue;
    const panelMedian = median(scores);
    dimensions.push({
      key: d.key,
      name: d.name,
      trainee,
      panelMedian,
      panelMin: scores.length ? Math.min(...scores) : null,
      panelMax: scores.length ? Math.max(...scores) : null,
      panelCount: scores.length,
      difference: trainee !== null && panelMedian !== null ? round2(trainee - panelMedian) : null,
    });
  }
  return {
    dimensions,
    recommendation: input.trainee.recommendation,
    decision: input.decision,
    recommendationMatches: recommendationMatchesDecision(input.trainee.recommendation, input.decision),
  };
}

export interface TrackedLoop {
  loopId: string;
  candidateName: string;
  decidedAt: number;
  comparison: ShadowComparison;
}

export interface DimensionTracking {
  key: string;
  name: string;
  /** mean of |trainee − panel median| over the loops where both exist */
  meanAbsDiff: number | null;
  /** how many loops that mean rests on */
  loops: number;
}

export interface TraineeTracking {
  /** the loops read, newest first (at most `lastN`) */
  loops: TrackedLoop[];
  dimensions: DimensionTracking[];
  /** mean of |trainee − panel median| over every dimension of every loop read */
  overallMeanAbsDiff: number | null;
  recommendations: { matched: number; comparable: number; share: number | null };
  ready: boolean;
  /** why ready or not, in one sentence that states the threshold */
  readiness: string;
}

/**
 * How closely a trainee tracks the panel over their `lastN` most recently decided loops: mean
 * absolute difference per dimension from the panel's median, the share of recommendations that
 * match the decision, and the "ready to promote" hint (thresholds above).
 *
 * @example
 * // three loops, |differences| 0, 0.5, 0.5 and every recommendation matching → 0.33, 100 %, ready
 */
export function trackTrainee(loops: readonly TrackedLoop[], lastN = DEFAULT_TRACKING_LOOPS): TraineeTracking {
  const read = [...loops].sort((a, b) => b.decidedAt - a.decidedAt).slice(0, Math.max(0, lastN));
  const byDimension = new Map<string, { name: string; diffs: number[] }>();
  const all: number[] = [];
  for (const l of read) {
    for (const d of l.comparison.dimensions) {
      if (d.difference === null) continue;
      const entry = byDimension.get(d.key) ?? { name: d.name, diffs: [] };
      entry.diffs.push(Math.abs(d.difference));
      byDimension.set(d.key, entry);
      all.push(Math.abs(d.difference));
    }
  }
  const mean = (xs: readonly number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  const matches = read.map((l) => l.comparison.recommendationMatches).filter((m): m is boolean => m !== null);
  const matched = matches.filter(Boolean).length;
  const share = matches.length ? matched / matches.length : null;
  const overall = mean(all);
  const threshold =
    `ready means at least ${READY_MIN_LOOPS} loops, a mean difference of at most ${READY_MAX_MEAN_ABS_DIFF} points ` +
    `from the panel's median and at least ${Math.round(READY_MIN_MATCH_SHARE * 100)} % of recommendations matching the decision`;
  const shortOf: string[] = [];
  if (read.length < READY_MIN_LOOPS) shortOf.push(`${read.length} of ${READY_MIN_LOOPS} loops so far`);
  if (overall === null || overall > READY_MAX_MEAN_ABS_DIFF)
    shortOf.push(overall === null ? "no rating to compare yet" : `mean difference ${overall.toFixed(2)}`);
  if (share === null || share < READY_MIN_MATCH_SHARE)
    shortOf.push(share === null ? "no recommendation to compare yet" : `${Math.round(share * 100)} % matching`);
  const ready = shortOf.length === 0;
  return {
    loops: read,
    dimensions: [...byDimension].map(([key, v]) => ({
      key,
      name: v.name,
      meanAbsDiff: mean(v.diffs),
      loops: v.diffs.length,
    })),
    overallMeanAbsDiff: overall,
    recommendations: { matched, comparable: matches.length, share },
    ready,
    readiness: ready ? `Ready to promote: ${threshold}.` : `Not yet (${shortOf.join("; ")}): ${threshold}.`,
  };
}
