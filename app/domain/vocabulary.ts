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

/**
 * The level an interviewer reads from the interview (format-2 rubrics), beside the recommendation:
 * ordered from below to above, so two signals are "steps" apart by their index.
 */
export const LEVEL_SIGNALS = ["below_lead", "lead", "staff_plus"] as const;
export type LevelSignal = (typeof LEVEL_SIGNALS)[number];

export const LEVEL_SIGNAL_LABELS: Record<LevelSignal, string> = {
  below_lead: "Below Lead",
  lead: "Lead",
  staff_plus: "Staff+",
};

export const RED_FLAG_SEVERITIES = ["dealbreaker", "concern"] as const;
export type RedFlagSeverity = (typeof RED_FLAG_SEVERITIES)[number];

export const RED_FLAG_SEVERITY_LABELS: Record<RedFlagSeverity, string> = {
  dealbreaker: "Dealbreaker",
  concern: "Concern",
};

/** Orders red flags dealbreakers first; a comparator for a stable sort, so equal severities keep their order. */
export function bySeverity(a: { severity: RedFlagSeverity }, b: { severity: RedFlagSeverity }): number {
  return RED_FLAG_SEVERITIES.indexOf(a.severity) - RED_FLAG_SEVERITIES.indexOf(b.severity);
}

export const SIGNAL_KINDS = ["strong", "weak"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Adjectives: "Strong" on a badge, "Strong signal" or "Strong signals" where the noun is needed. */
export const SIGNAL_KIND_LABELS: Record<SignalKind, string> = {
  strong: "Strong",
  weak: "Weak",
};

export const ROLES = ["admin", "recruiter", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  recruiter: "Recruiter",
  member: "Member",
};

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

/** Image types a scorecard artifact may have: the two the packet's PDF embeds as they are. */
export const ARTIFACT_MEDIA_TYPES = ["image/png", "image/jpeg"] as const;
export type ArtifactMediaType = (typeof ARTIFACT_MEDIA_TYPES)[number];

export const SCORECARD_STATUSES = ["draft", "submitted", "recused"] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const SCORECARD_STATUS_LABELS: Record<ScorecardStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  recused: "Recused",
};

/**
 * A seat on an interview's panel. A full panelist's submitted ratings are the panel's; a trainee's
 * never are. "shadow": a trainee observes and scores independently while full panelists lead;
 * "reverse_shadow": the trainee leads the interview while a full panelist observes and scores.
 */
export const PANEL_ROLES = ["panelist", "shadow", "reverse_shadow"] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

export const PANEL_ROLE_LABELS: Record<PanelRole, string> = {
  panelist: "Full panelist",
  shadow: "Shadow (trainee observes)",
  reverse_shadow: "Reverse shadow (trainee leads)",
};

/** Short badge text beside a name on the panel. */
export const PANEL_ROLE_BADGES: Record<PanelRole, string> = {
  panelist: "Panelist",
  shadow: "Shadow",
  reverse_shadow: "Reverse shadow",
};

/** How the panel's record reads a status: only submitted scorecards count toward the aggregate. */
export const SCORECARD_STATUS_COUNTING_LABELS: Record<ScorecardStatus, string> = {
  submitted: "Submitted",
  draft: "Draft — not submitted, not counted",
  recused: "Recused (conflict of interest) — not counted",
};

export const CONFLICT_KINDS = [
  "knows_personally",
  "referred",
  "former_colleague",
  "former_report_or_manager",
  "other",
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  knows_personally: "I know the candidate personally",
  referred: "I referred the candidate",
  former_colleague: "We worked together",
  former_report_or_manager: "Former report or manager",
  other: "Other",
};

export const WEIGHT_MODES = ["equal", "rubric", "custom"] as const;
export type WeightMode = (typeof WEIGHT_MODES)[number];

export const WEIGHT_MODE_LABELS: Record<WeightMode, string> = {
  equal: "Equal weights",
  rubric: "Rubric defaults",
  custom: "Custom",
};

/**
 * Where the panel's recommendations point. A consensus needs at least two panelists'
 * recommendations: one scorecard is "too_few", whatever it says.
 */
export const CONSENSUS_OUTCOMES = ["consensus_hire", "consensus_no_hire", "split", "too_few", "none"] as const;
export type Consensus = (typeof CONSENSUS_OUTCOMES)[number];

export const CONSENSUS_LABELS: Record<Consensus, string> = {
  consensus_hire: "Consensus: hire",
  consensus_no_hire: "Consensus: no hire",
  split: "Split panel",
  too_few: "One panelist's recommendation: no consensus yet",
  none: "No recommendations yet",
};

/** What a debrief agenda item is about. */
export const AGENDA_ITEM_KINDS = [
  "dealbreaker",
  "override",
  "must_have_below_bar",
  "level_split",
  "disagreement",
  "below_bar",
  "thin_evidence",
  "missing_scorecard",
  "recusal",
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_KIND_LABELS: Record<AgendaItemKind, string> = {
  dealbreaker: "Dealbreaker",
  override: "Override",
  must_have_below_bar: "Must-have below bar",
  level_split: "Level split",
  disagreement: "Disagreement",
  below_bar: "Below bar",
  thin_evidence: "Thin evidence",
  missing_scorecard: "Missing scorecard",
  recusal: "Recusal",
};

/** A debrief meeting runs until the decision is recorded from it (a reopened decision resumes it). */
export const DEBRIEF_STATUSES = ["running", "concluded"] as const;
export type DebriefStatus = (typeof DEBRIEF_STATUSES)[number];

/** What the panel discusses at one step of the debrief: the raised red flags, or one dimension. */
export const DEBRIEF_ITEM_KINDS = ["red_flags", "dimension"] as const;
export type DebriefItemKind = (typeof DEBRIEF_ITEM_KINDS)[number];

/** Why someone is in the debrief: they run it, they interviewed (submitted), or they may see the feedback. */
export const DEBRIEF_ROLES = ["facilitator", "panelist", "observer"] as const;
export type DebriefRole = (typeof DEBRIEF_ROLES)[number];

export const DEBRIEF_ROLE_LABELS: Record<DebriefRole, string> = {
  facilitator: "Facilitator",
  panelist: "Panelist",
  observer: "Observer",
};

/** The name an erased candidate carries from then on (the row stays so ids remain valid). */
export const ERASED_CANDIDATE_NAME = "Erased candidate";

export const RUBRIC_VERSION_STATUSES = ["draft", "published"] as const;
export type RubricVersionStatus = (typeof RUBRIC_VERSION_STATUSES)[number];

// ------------------------------------------------------------------ audit actions

/**
 * Every action the audit log records (`audit_log.action`), as `<entity>.<verb>`. The write paths
 * accept only these (db/queries/audit.server.ts); rows written before a rename keep their old
 * string, so readers of the log treat `action` as text.
 */
export const AUDIT_ACTIONS = [
  "candidate.create",
  "candidate.update",
  "candidate.archive",
  "candidate.unarchive",
  "candidate.import",
  "candidate.erase",
  "loop.create",
  "loop.settings",
  "loop.weights",
  "loop.status",
  "loop.decide",
  "loop.reopen",
  "search.create",
  "search.close",
  "search.reopen",
  "interview.add",
  "interview.update",
  "interview.remove",
  "interview.move",
  "panelist.add",
  "panelist.remove",
  "scorecard.save",
  "scorecard.submit",
  "scorecard.amend",
  "scorecard.note",
  "scorecard.timer.start",
  "scorecard.timer.pause",
  "scorecard.timer.reset",
  "scorecard.recuse",
  "scorecard.evidence_acknowledge",
  "scorecard.artifact_add",
  "scorecard.artifact_remove",
  "debrief.start",
  "debrief.resume",
  "debrief.join",
  "debrief.reveal",
  "debrief.note",
  "debrief.conclude",
  "rubric.clone",
  "rubric.edit",
  "rubric.publish",
  "rubric.discard",
  "user.invite",
  "user.role",
  "user.deactivate",
  "user.reactivate",
  "user.password_link",
  "user.password_set",
  "user.password_reset",
  "user.login_throttle_clear",
  "settings.update",
  "settings.retention",
  "settings.notify",
  "outbox.retry",
  "webhook.create",
  "webhook.pause",
  "webhook.resume",
  "webhook.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** What a login-throttle counter counts: one account from one address, one address, one account. */
export const LOGIN_THROTTLE_SCOPES = ["pair", "address", "account"] as const;
export type LoginThrottleScope = (typeof LOGIN_THROTTLE_SCOPES)[number];

// ---------------------------------------------------------------- outgoing messages (issue 18)

export const OUTBOX_CHANNELS = ["email", "webhook"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** queued (waiting or between retries) → sent | failed (gave up) | cancelled (no longer relevant) */
export const OUTBOX_STATUSES = ["queued", "sent", "failed", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: "Queued",
  sent: "Sent",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** How a sent message left: over SMTP, into the in-app mailbox (no SMTP configured), or over HTTP. */
export const OUTBOX_TRANSPORTS = ["smtp", "mailbox", "http"] as const;
export type OutboxTransport = (typeof OUTBOX_TRANSPORTS)[number];

export const MESSAGE_KINDS = [
  "password_link",
  "interview_invite",
  "interview_update",
  "interview_cancel",
  "reminder",
  "digest",
  "debrief_ready",
  "decision_recorded",
  "webhook",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  password_link: "Set-password link",
  interview_invite: "Interview invitation",
  interview_update: "Interview update",
  interview_cancel: "Interview cancelled",
  reminder: "Scorecard reminder",
  digest: "Daily digest",
  debrief_ready: "Ready for debrief",
  decision_recorded: "Decision recorded",
  webhook: "Webhook",
};

/** Kinds that respect quiet hours and business days (the rest follow the event that caused them). */
export const CADENCED_KINDS: readonly MessageKind[] = ["reminder", "digest"];

export const WEBHOOK_EVENTS = ["scorecard.submitted", "loop.ready_for_debrief", "decision.recorded"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "scorecard.submitted": "Scorecard submitted",
  "loop.ready_for_debrief": "Loop ready for debrief",
  "decision.recorded": "Decision recorded",
};
