/**
 * The rubric model: the vocabulary every other module speaks (dimensions, anchors,
 * exercises, red flags, signals, the rating scale and the overall recommendation).
 * Pure data and types; no IO.
 */

export const RATING_SCORES = [1, 2, 3, 4] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

export const RATING_LABELS: Record<RatingScore, string> = {
  1: "Well below bar",
  2: "Below bar",
  3: "Meets bar",
  4: "Exceeds bar",
};

/** The score at or above which a dimension "meets the bar". */
export const BAR_SCORE = 3;

export const RECOMMENDATIONS = ["strong_no_hire", "no_hire", "hire", "strong_hire"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_no_hire: "Strong no hire",
  no_hire: "No hire",
  hire: "Hire",
  strong_hire: "Strong hire",
};

export function isPositiveRecommendation(r: Recommendation | null | undefined): boolean {
  return r === "hire" || r === "strong_hire";
}

export const RED_FLAG_SEVERITIES = ["dealbreaker", "concern"] as const;
export type RedFlagSeverity = (typeof RED_FLAG_SEVERITIES)[number];

export const SIGNAL_KINDS = ["strong", "weak"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const ROLES = ["admin", "recruiter", "member"] as const;
export type Role = (typeof ROLES)[number];

export const LOOP_STATUSES = ["planning", "scheduled", "in_progress", "debrief", "decided", "withdrawn"] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

export const LOOP_STATUS_LABELS: Record<LoopStatus, string> = {
  planning: "Planning",
  scheduled: "Scheduled",
  in_progress: "In progress",
  debrief: "Debrief",
  decided: "Decided",
  withdrawn: "Withdrawn",
};

export const DECISIONS = ["hire", "no_hire", "hold"] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<Decision, string> = {
  hire: "Hire",
  no_hire: "No hire",
  hold: "Hold",
};

export const SCORECARD_STATUSES = ["draft", "submitted", "recused"] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const RUBRIC_VERSION_STATUSES = ["draft", "published"] as const;
export type RubricVersionStatus = (typeof RUBRIC_VERSION_STATUSES)[number];

export interface DimensionAnchors {
  /** What a rating below the bar looks like. */
  belowBar: string;
  /** What "meets the bar" looks like. */
  meetsBar: string;
  /** What "exceeds the bar" looks like. */
  exceeds: string;
}

export interface RubricDimension {
  /** Stable slug, unique within a rubric version (e.g. "ml_system_architecture"). */
  key: string;
  name: string;
  /** One or two sentences: what this dimension is about. */
  description: string;
  anchors: DimensionAnchors;
  /** Default weight in percent for the composite score; a version's weights sum to 100. */
  weight: number;
}

export interface FocusPoint {
  /** Stable slug, unique within the exercise. */
  key: string;
  label: string;
}

export interface RubricExercise {
  key: string;
  title: string;
  durationMinutes: number;
  prompt: string;
  /** What to evaluate: ticked by the interviewer as the candidate covers them. */
  focusPoints: FocusPoint[];
  /** 4–8 probe questions. */
  probeQuestions: string[];
  /** Keys of the dimensions this exercise assesses. */
  dimensionKeys: string[];
}

export interface RubricRedFlag {
  key: string;
  label: string;
  /** What it looks like in the room (optional detail). */
  description: string;
  severity: RedFlagSeverity;
}

export interface RubricSignal {
  key: string;
  label: string;
  kind: SignalKind;
}

/** The full content of one rubric version, as stored and as shown. */
export interface RubricContent {
  /** Rubric family name, e.g. "Lead ML Architect". */
  name: string;
  roleTitle: string;
  summary: string;
  dimensions: RubricDimension[];
  exercises: RubricExercise[];
  redFlags: RubricRedFlag[];
  signals: RubricSignal[];
}
