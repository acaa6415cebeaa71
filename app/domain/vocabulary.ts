/**
 * The product's vocabulary: every enum of the hiring domain with its display labels. Web pages,
 * the PDF packet, CSV and JSON exports all read labels from here, so they cannot drift apart.
 * Pure data; no IO.
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

/** What a login-throttle counter counts: one account from one address, one address, one account. */
export const LOGIN_THROTTLE_SCOPES = ["pair", "address", "account"] as const;
export type LoginThrottleScope = (typeof LOGIN_THROTTLE_SCOPES)[number];
