/**
 * The aggregation engine: one loop's scorecards in, one {@link LoopAggregate} out.
 * Pure and deterministic — the same input in any array order gives the same output —
 * so the review page, packet.json and the PDF packet can all trust it and never recompute.
 *
 * Ground rules:
 *  - only SUBMITTED scorecards count toward ratings, composites, recommendations, flags, signals,
 *    focus-point coverage and quick notes;
 *  - RECUSED scorecards (conflict of interest) are excluded from everything: they appear only in
 *    coverage.recused, the agenda, and as a content-free scorecard summary;
 *  - drafts are "missing", listed with their state and last save only.
 * A scorecard that is not submitted arrives without its content (UncountedScorecardInput), so no
 * output can carry it.
 */
import type {
  DimensionAggregate,
  DimensionRatingOut,
  ExerciseCoverage,
  InterviewInput,
  InterviewerCalibration,
  LoopAggregate,
  LoopAggregationInput,
  RaisedRedFlag,
  RecommendationDistribution,
  ScorecardInput,
  ScorecardRatingInput,
  ScorecardSummaryOut,
  SignalTally,
  SubmittedScorecardInput,
  SubmittedScorecardOut,
  UncountedScorecardInput,
  UncountedScorecardOut,
} from "./types";
import { buildDebriefAgenda, isThinEvidence } from "./agenda";
import { evaluateDecisionRule } from "./decision-rule";
import { compareText } from "./calibrate";
import { BAR_SCORE, bySeverity, RATING_SCORES, RECOMMENDATIONS, type Consensus } from "../vocabulary";
import {
  orderedProbes,
  type RubricContent,
  type RubricDimension,
  type RubricExercise,
  type RubricRedFlag,
} from "../rubric/model";

export { THIN_EVIDENCE_CHARS, isThinEvidence } from "./agenda";

/** A dimension whose ratings span at least this many points is a disagreement. */
export const DISAGREEMENT_SPREAD = 2;
/** A rating at least this far from the dimension's median is an outlier (and a disagreement). */
export const OUTLIER_DISTANCE = 2;

const MIN_SCORE = RATING_SCORES[0];
const MAX_SCORE = RATING_SCORES[RATING_SCORES.length - 1] ?? 4;

// ------------------------------------------------------------------ small math

/**
 * Arithmetic mean; null for no values.
 * @example mean([2, 3, 4]) // 3
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Median; with an even count, the average of the two middle values. null for no values.
 * @example
 * median([4, 1, 3])    // 3
 * median([1, 2, 3, 4]) // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** @example clamp(4.6, 1, 4) // 4 */
export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

// ------------------------------------------------------------------ context & ordering

/** Lookups shared by every step, plus the one canonical scorecard order. */
interface Context {
  rubric: RubricContent;
  interviews: Map<string, InterviewInput>;
  exercises: Map<string, RubricExercise>;
  offsets: Map<string, number>;
}

function buildContext(input: LoopAggregationInput, calibration: readonly InterviewerCalibration[]): Context {
  return {
    rubric: input.rubric,
    interviews: new Map(input.interviews.map((i) => [i.id, i])),
    exercises: new Map(input.rubric.exercises.map((e) => [e.key, e])),
    offsets: new Map(calibration.map((c) => [c.panelistId, c.offset])),
  };
}

/** Interview order: position, then id. */
function compareInterviews(a: InterviewInput, b: InterviewInput): number {
  return a.position - b.position || compareText(a.id, b.id);
}

/**
 * Canonical scorecard order: interview position (unknown interviews last), interview id,
 * panelist name, panelist id, scorecard id. Every list derived from scorecards follows it.
 */
function scorecardComparator(ctx: Context): (a: ScorecardInput, b: ScorecardInput) => number {
  const position = (s: ScorecardInput) => ctx.interviews.get(s.interviewId)?.position ?? Number.POSITIVE_INFINITY;
  return (a, b) => {
    const pa = position(a);
    const pb = position(b);
    if (pa !== pb) return pa < pb ? -1 : 1;
    return (
      compareText(a.interviewId, b.interviewId) ||
      compareText(a.panelist.name, b.panelist.name) ||
      compareText(a.panelist.id, b.panelist.id) ||
      compareText(a.id, b.id)
    );
  };
}

function exerciseKeyOf(ctx: Context, interviewId: string): string {
  return ctx.interviews.get(interviewId)?.exerciseKey ?? "";
}

function exerciseTitleOf(ctx: Context, interviewId: string): string {
  const key = exerciseKeyOf(ctx, interviewId);
  return ctx.exercises.get(key)?.title ?? key;
}

/** Only a submitted scorecard carries content (and counts). */
export function isSubmitted(sc: ScorecardInput): sc is SubmittedScorecardInput {
  return sc.status === "submitted";
}

/** Order for two ratings of the same scorecard and dimension (rare; keeps shuffles harmless). */
function compareRatingContent(a: ScorecardRatingInput, b: ScorecardRatingInput): number {
  return (
    (a.score ?? 0) - (b.score ?? 0) ||
    Number(a.notAssessed) - Number(b.notAssessed) ||
    compareText(a.evidence, b.evidence)
  );
}

/** The ratings of one scorecard for one dimension, in a fixed order. */
function ratingsFor(sc: SubmittedScorecardInput, dimensionKey: string): ScorecardRatingInput[] {
  return sc.ratings.filter((r) => r.dimensionKey === dimensionKey).sort(compareRatingContent);
}

// ------------------------------------------------------------------ dimensions

/**
 * Effective weight of a dimension: the loop's override when it is a finite number, otherwise the
 * rubric default; negative weights count as 0 (excluded).
 * @example effectiveWeight({ key: "a", weight: 30, ... }, { a: 0 }) // 0
 */
export function effectiveWeight(dimension: RubricDimension, weights: Record<string, number> | null): number {
  const override = weights?.[dimension.key];
  const w = typeof override === "number" && Number.isFinite(override) ? override : dimension.weight;
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/**
 * Aggregate one dimension over the submitted scorecards (already in canonical order).
 *
 *  - count = scored ratings; notAssessedCount = ratings marked not assessed
 *  - mean, median (even count: mean of the middle two), min, max, spread = max − min
 *  - outlier rating: |score − median| ≥ 2; disagreement: spread ≥ 2 or any outlier
 *  - belowBar: mean < BAR_SCORE (3)
 *  - calibratedMean = mean over ratings of clamp(score − offset(rater), 1, 4)
 *
 * @example
 * // Ada 1, Ben 3, Cy 4 → mean 2.67, median 3, spread 3, Ada is an outlier, disagreement, below bar
 */
export function aggregateDimension(
  dimension: RubricDimension,
  weight: number,
  submitted: readonly SubmittedScorecardInput[],
  ctx: Pick<Context, "interviews" | "offsets">,
): DimensionAggregate {
  const entries: { rating: ScorecardRatingInput; sc: SubmittedScorecardInput }[] = [];
  for (const sc of submitted) for (const rating of ratingsFor(sc, dimension.key)) entries.push({ rating, sc });

  const scored = entries.filter(
    (e): e is { rating: ScorecardRatingInput & { score: number }; sc: SubmittedScorecardInput } =>
      e.rating.score !== null,
  );
  const scores = scored.map((e) => e.rating.score);
  const med = median(scores);
  const min = scores.length ? Math.min(...scores) : null;
  const max = scores.length ? Math.max(...scores) : null;
  const spread = min !== null && max !== null ? max - min : null;
  const isOutlier = (score: number | null) =>
    score !== null && med !== null && Math.abs(score - med) >= OUTLIER_DISTANCE;
  const m = mean(scores);

  const ratings: DimensionRatingOut[] = entries.map(({ rating, sc }) => ({
    panelistId: sc.panelist.id,
    panelistName: sc.panelist.name,
    scorecardId: sc.id,
    interviewId: sc.interviewId,
    exerciseKey: ctx.interviews.get(sc.interviewId)?.exerciseKey ?? "",
    score: rating.score,
    notAssessed: rating.notAssessed,
    evidence: rating.evidence,
    outlier: isOutlier(rating.score),
    thinEvidence: isThinEvidence(rating.score, rating.evidence),
  }));

  return {
    key: dimension.key,
    name: dimension.name,
    weight,
    ratings,
    count: scores.length,
    notAssessedCount: entries.filter((e) => e.rating.notAssessed).length,
    mean: m,
    median: med,
    min,
    max,
    spread,
    calibratedMean: mean(
      scored.map((e) => clamp(e.rating.score - (ctx.offsets.get(e.sc.panelist.id) ?? 0), MIN_SCORE, MAX_SCORE)),
    ),
    disagreement: (spread !== null && spread >= DISAGREEMENT_SPREAD) || ratings.some((r) => r.outlier),
    belowBar: m !== null && m < BAR_SCORE,
  };
}

// ------------------------------------------------------------------ composite

/**
 * Weighted composite over the dimensions that have scored ratings and a positive weight:
 *
 *   composite = Σ(w_d · mean_d) / Σ(w_d)      (calibrated: calibratedMean_d instead of mean_d)
 *
 * Dimensions with no scored rating or weight 0 are listed in `excluded` (rubric order).
 * null when nothing is included. Clamped to [1,4] so float noise can never leave the scale.
 *
 * @example
 * // A: w 50, mean 4; B: w 30, mean 2; C: w 20, unrated
 * // raw = (50·4 + 30·2) / 80 = 3.25, excluded = ["C"]
 */
export function computeComposite(dimensions: readonly DimensionAggregate[]): LoopAggregate["composite"] {
  const included = dimensions.filter((d) => d.weight > 0 && d.count > 0 && d.mean !== null);
  const excluded = dimensions.filter((d) => !included.includes(d)).map((d) => d.key);
  const weighted = (pick: (d: DimensionAggregate) => number | null): number | null => {
    let num = 0;
    let den = 0;
    for (const d of included) {
      const v = pick(d);
      if (v === null) continue;
      num += d.weight * v;
      den += d.weight;
    }
    return den > 0 ? clamp(num / den, MIN_SCORE, MAX_SCORE) : null;
  };
  return { raw: weighted((d) => d.mean), calibrated: weighted((d) => d.calibratedMean), excluded };
}

// ------------------------------------------------------------------ recommendations

/**
 * Consensus over the submitted recommendations:
 * "none" if there are none; "too_few" if fewer than two panelists gave one (a single scorecard is
 * no consensus, whatever it says); "consensus_hire" if all are hire/strong_hire;
 * "consensus_no_hire" if all are no_hire/strong_no_hire; otherwise "split".
 * `panelists` is how many different panelists the recommendations come from (default: one each).
 *
 * @example consensusOf({ strong_no_hire: 0, no_hire: 0, hire: 2, strong_hire: 1 }) // "consensus_hire"
 * @example consensusOf({ strong_no_hire: 0, no_hire: 0, hire: 1, strong_hire: 0 }) // "too_few"
 */
export function consensusOf(d: RecommendationDistribution, panelists?: number): Consensus {
  const positive = d.hire + d.strong_hire;
  const negative = d.no_hire + d.strong_no_hire;
  if (positive + negative === 0) return "none";
  if (positive > 0 && negative > 0) return "split";
  if ((panelists ?? positive + negative) < 2) return "too_few";
  return negative === 0 ? "consensus_hire" : "consensus_no_hire";
}

function summarizeRecommendations(submitted: readonly SubmittedScorecardInput[]): LoopAggregate["recommendations"] {
  const distribution: RecommendationDistribution = { strong_no_hire: 0, no_hire: 0, hire: 0, strong_hire: 0 };
  const panelists = new Set<string>();
  for (const sc of submitted) {
    if (sc.recommendation && (RECOMMENDATIONS as readonly string[]).includes(sc.recommendation)) {
      distribution[sc.recommendation] += 1;
      panelists.add(sc.panelist.id);
    }
  }
  const total = distribution.strong_no_hire + distribution.no_hire + distribution.hire + distribution.strong_hire;
  return { distribution, consensus: consensusOf(distribution, panelists.size), total };
}

// ------------------------------------------------------------------ red flags & signals

/**
 * A scorecard's red flags, one per rubric flag key, in rubric order. Unknown keys are dropped
 * (the rubric version is pinned, so they cannot carry a severity). If the same flag was ticked
 * twice, the distinct non-empty notes are joined in sorted order.
 */
function flagsOf(sc: SubmittedScorecardInput, rubric: RubricContent): { flag: RubricRedFlag; note: string }[] {
  return rubric.redFlags.flatMap((flag) => {
    const raised = sc.redFlags.filter((f) => f.key === flag.key);
    if (raised.length === 0) return [];
    const notes = [...new Set(raised.map((f) => f.note.trim()).filter(Boolean))].sort(compareText);
    return [{ flag, note: notes.join("; ") }];
  });
}

/**
 * Raised red flags with who raised them, ordered: dealbreakers first, then more raisers first,
 * then rubric order. Raisers follow the canonical scorecard order.
 */
function collectRedFlags(rubric: RubricContent, submitted: readonly SubmittedScorecardInput[]): RaisedRedFlag[] {
  const raised: RaisedRedFlag[] = rubric.redFlags.map((f) => ({
    key: f.key,
    label: f.label,
    severity: f.severity,
    raisedBy: [],
  }));
  const byKey = new Map(raised.map((r) => [r.key, r]));
  for (const sc of submitted) {
    for (const { flag, note } of flagsOf(sc, rubric)) {
      byKey
        .get(flag.key)
        ?.raisedBy.push({ panelistId: sc.panelist.id, panelistName: sc.panelist.name, scorecardId: sc.id, note });
    }
  }
  // Array.prototype.sort is stable, so equal keys keep rubric order.
  return raised
    .filter((r) => r.raisedBy.length > 0)
    .sort((a, b) => bySeverity(a, b) || b.raisedBy.length - a.raisedBy.length);
}

/** The scorecard's ticked signal keys, deduplicated (a double tick counts once). */
function signalKeysOf(sc: SubmittedScorecardInput): Set<string> {
  return new Set(sc.signalKeys);
}

/**
 * Every rubric signal in rubric order with how many submitted scorecards ticked it
 * (count) and the distinct names of the panelists who did (canonical scorecard order).
 */
function tallySignals(rubric: RubricContent, submitted: readonly SubmittedScorecardInput[]): SignalTally[] {
  return rubric.signals.map((s) => {
    const tickers = submitted.filter((sc) => signalKeysOf(sc).has(s.key));
    return {
      key: s.key,
      label: s.label,
      kind: s.kind,
      count: tickers.length,
      panelistNames: [...new Set(tickers.map((sc) => sc.panelist.name))],
    };
  });
}

// ------------------------------------------------------------------ exercises

/**
 * Per interview (position order): every panelist on it with their status; the exercise's focus
 * points with the names of the submitted panelists who ticked them; the submitted quick notes
 * merged and sorted by (elapsedMinute, createdAt), then panelist name and body for exact ties.
 */
function exerciseCoverage(
  ctx: Context,
  interviews: readonly InterviewInput[],
  ordered: readonly ScorecardInput[],
): ExerciseCoverage[] {
  return [...interviews].sort(compareInterviews).map((interview) => {
    const cards = ordered.filter((sc) => sc.interviewId === interview.id);
    const submitted = cards.filter(isSubmitted);
    const exercise = ctx.exercises.get(interview.exerciseKey);
    const notes = submitted
      .flatMap((sc) =>
        sc.quickNotes.map((n) => ({
          panelistName: sc.panelist.name,
          elapsedMinute: n.elapsedMinute,
          body: n.body,
          createdAt: n.createdAt,
        })),
      )
      .sort(
        (a, b) =>
          a.elapsedMinute - b.elapsedMinute ||
          a.createdAt - b.createdAt ||
          compareText(a.panelistName, b.panelistName) ||
          compareText(a.body, b.body),
      );
    return {
      interviewId: interview.id,
      exerciseKey: interview.exerciseKey,
      exerciseTitle: exercise?.title ?? interview.exerciseKey,
      scheduledAt: interview.scheduledAt,
      panelists: cards.map((sc) => ({
        panelistId: sc.panelist.id,
        panelistName: sc.panelist.name,
        scorecardId: sc.id,
        status: sc.status,
      })),
      focusPoints: (exercise?.focusPoints ?? []).map((fp) => ({
        key: fp.key,
        label: fp.label,
        coveredBy: [...new Set(submitted.filter((sc) => sc.focusKeys.includes(fp.key)).map((sc) => sc.panelist.name))],
      })),
      probes: orderedProbes(exercise?.probes ?? []).map((probe) => ({
        key: probe.key,
        question: probe.question,
        core: probe.core,
        askedBy: [
          ...new Set(submitted.filter((sc) => (sc.probeKeys ?? []).includes(probe.key)).map((sc) => sc.panelist.name)),
        ],
      })),
      quickNotes: notes,
    };
  });
}

// ------------------------------------------------------------------ coverage

function computeCoverage(
  ctx: Context,
  ordered: readonly ScorecardInput[],
  dimensions: readonly DimensionAggregate[],
): LoopAggregate["coverage"] {
  const assignedCards = ordered.filter((sc) => sc.status !== "recused");
  const submitted = assignedCards.filter((sc) => sc.status === "submitted").length;
  const assigned = assignedCards.length;
  return {
    thinDimensions: dimensions.filter((d) => d.count < 2).map((d) => d.key),
    missingScorecards: assignedCards
      .filter((sc) => sc.status !== "submitted")
      .map((sc) => ({
        scorecardId: sc.id,
        panelistName: sc.panelist.name,
        interviewId: sc.interviewId,
        exerciseTitle: exerciseTitleOf(ctx, sc.interviewId),
        status: sc.status,
      })),
    recused: ordered
      .filter((sc) => sc.status === "recused")
      .map((sc) => ({ scorecardId: sc.id, panelistName: sc.panelist.name })),
    submitted,
    assigned,
    completeness: completeness(submitted, assigned),
    complete: assigned > 0 && submitted === assigned,
  };
}

/**
 * submitted / assigned (recused scorecards are not assigned); 0 when nothing is assigned.
 * @example completeness(3, 4) // 0.75
 */
export function completeness(submitted: number, assigned: number): number {
  return assigned > 0 ? clamp(submitted / assigned, 0, 1) : 0;
}

// ------------------------------------------------------------------ scorecard summaries

/**
 * One summary per scorecard: submitted ones first, in full, then the others (drafts and recused
 * scorecards) with their state and last save only, each in canonical order.
 */
function summarizeScorecards(ctx: Context, ordered: readonly ScorecardInput[]): ScorecardSummaryOut[] {
  return [
    ...ordered.filter(isSubmitted).map((sc) => summarizeSubmitted(ctx, sc)),
    ...ordered.filter((sc) => !isSubmitted(sc)).map((sc) => summarizeUncounted(ctx, sc)),
  ];
}

function summarizeUncounted(ctx: Context, sc: UncountedScorecardInput): UncountedScorecardOut {
  return {
    scorecardId: sc.id,
    interviewId: sc.interviewId,
    exerciseKey: exerciseKeyOf(ctx, sc.interviewId),
    exerciseTitle: exerciseTitleOf(ctx, sc.interviewId),
    panelistId: sc.panelist.id,
    panelistName: sc.panelist.name,
    status: sc.status,
    lastSavedAt: sc.updatedAt,
  };
}

function summarizeSubmitted(ctx: Context, sc: SubmittedScorecardInput): SubmittedScorecardOut {
  const rubric = ctx.rubric;
  return {
    scorecardId: sc.id,
    interviewId: sc.interviewId,
    exerciseKey: exerciseKeyOf(ctx, sc.interviewId),
    exerciseTitle: exerciseTitleOf(ctx, sc.interviewId),
    panelistId: sc.panelist.id,
    panelistName: sc.panelist.name,
    status: sc.status,
    recommendation: sc.recommendation,
    levelSignal: sc.levelSignal ?? null,
    summary: sc.summary,
    overrideJustification: sc.overrideJustification,
    submittedAt: sc.submittedAt,
    amended: sc.amendCount > 0,
    amendCount: sc.amendCount,
    lastAmendReason: sc.lastAmendReason,
    ratings: rubric.dimensions.flatMap((d) =>
      ratingsFor(sc, d.key).map((r) => ({
        dimensionKey: d.key,
        dimensionName: d.name,
        score: r.score,
        notAssessed: r.notAssessed,
        evidence: r.evidence,
      })),
    ),
    redFlags: flagsOf(sc, rubric).map(({ flag, note }) => ({
      key: flag.key,
      label: flag.label,
      severity: flag.severity,
      note,
    })),
    signals: rubric.signals
      .filter((s) => signalKeysOf(sc).has(s.key))
      .map((s) => ({ key: s.key, label: s.label, kind: s.kind })),
  };
}

// ------------------------------------------------------------------ calibration

/**
 * The calibration rows of the panelists with a submitted scorecard in this loop, sorted by
 * name then id (the population-wide estimate comes from {@link calibrateInterviewers}).
 */
function panelCalibration(
  calibration: readonly InterviewerCalibration[],
  submitted: readonly SubmittedScorecardInput[],
): InterviewerCalibration[] {
  const onPanel = new Set(submitted.map((sc) => sc.panelist.id));
  const byId = new Map(calibration.filter((c) => onPanel.has(c.panelistId)).map((c) => [c.panelistId, c]));
  return [...byId.values()].sort(
    (a, b) => compareText(a.panelistName, b.panelistName) || compareText(a.panelistId, b.panelistId),
  );
}

// ------------------------------------------------------------------ entry point

/**
 * Aggregate one loop. `calibration` (from {@link calibrateInterviewers} over all loops) supplies
 * each rater's offset for the calibrated means and composite; without it every offset is 0 and
 * the calibrated figures equal the raw ones.
 *
 * @example
 * const agg = aggregateLoop(input, calibrateInterviewers(population));
 * formatScore(agg.composite.raw) // "3.25"
 */
export function aggregateLoop(input: LoopAggregationInput, calibration: InterviewerCalibration[] = []): LoopAggregate {
  const ctx = buildContext(input, calibration);
  const ordered = [...input.scorecards].sort(scorecardComparator(ctx));
  const submitted = ordered.filter(isSubmitted);

  const dimensions = input.rubric.dimensions.map((d) =>
    aggregateDimension(d, effectiveWeight(d, input.weights), submitted, ctx),
  );
  const coverage = computeCoverage(ctx, ordered, dimensions);
  const redFlags = collectRedFlags(input.rubric, submitted);
  const scorecards = summarizeScorecards(ctx, ordered);
  const decisionRule = evaluateDecisionRule({
    rule: input.rubric.decisionRule,
    dimensions,
    redFlags,
    levels: submitted.map((sc) => ({ panelistName: sc.panelist.name, level: sc.levelSignal ?? null })),
  });

  return {
    loopId: input.loopId,
    status: input.status,
    dimensions,
    coverage,
    composite: computeComposite(dimensions),
    recommendations: summarizeRecommendations(submitted),
    redFlags,
    signals: tallySignals(input.rubric, submitted),
    exercises: exerciseCoverage(ctx, input.interviews, ordered),
    calibration: panelCalibration(calibration, submitted),
    decisionRule,
    agenda: buildDebriefAgenda({ dimensions, redFlags, scorecards, coverage, decisionRule }),
    scorecards,
  };
}
