// Drizzle schema: the whole hiring domain. Relative imports only (drizzle-kit has no path aliases).
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import {
  ARTIFACT_MEDIA_TYPES,
  DEBRIEF_ITEM_KINDS,
  DEBRIEF_ROLES,
  DEBRIEF_STATUSES,
  DECISIONS,
  LEVEL_SIGNALS,
  LOGIN_THROTTLE_SCOPES,
  LOOP_STATUSES,
  MESSAGE_KINDS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  OUTBOX_TRANSPORTS,
  PANEL_ROLES,
  RECOMMENDATIONS,
  RED_FLAG_SEVERITIES,
  ROLES,
  RUBRIC_VERSION_STATUSES,
  SCORECARD_STATUSES,
  SIGNAL_KINDS,
  type WebhookEvent,
} from "../app/domain/vocabulary";
import type {
  CalibrationExamples,
  ContextCard,
  DecisionRule,
  ExercisePhase,
  FocusPoint,
  InterviewerGuidance,
  LevelGuidance,
  RubricProbe,
  ScaleAnchors,
  ScriptedReveal,
} from "../app/domain/rubric/model";
import type { OverrideGround } from "../app/domain/review/override";

// Timestamps are epoch milliseconds (integers): cheap to compare, unambiguous across time zones.
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    // null until the user sets a password through an invitation link
    passwordHash: text("password_hash"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull().default(now),
    deactivatedAt: integer("deactivated_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // sha-256 of the cookie token: a leaked database does not leak live sessions
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// The history of login attempts that were checked (throttled ones are not): "when did this person
// last log in". Throttling itself counts in login_throttles.
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // "email:<address>" or "ip:<address>"
    bucket: text("bucket").notNull(),
    at: integer("at").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
  },
  (t) => [index("login_attempts_bucket_idx").on(t.bucket, t.at)],
);

// Login throttle counters (app/domain/people/login-throttle.ts): one row per account + address
// ("pair"), per address, and per account. Accounts are keyed by the email as typed, so unknown
// emails are counted like real ones.
export const loginThrottles = sqliteTable(
  "login_throttles",
  {
    scope: text("scope", { enum: LOGIN_THROTTLE_SCOPES }).notNull(),
    // lower-cased email; "" for scope "address"
    account: text("account").notNull(),
    // client address (IPv6 by /64); "" for scope "account"
    address: text("address").notNull(),
    failures: integer("failures").notNull(),
    lastFailureAt: integer("last_failure_at").notNull(),
    blockedUntil: integer("blocked_until").notNull().default(0),
    // pairs only: the last successful login, which makes the address familiar to the account
    lastSuccessAt: integer("last_success_at"),
  },
  (t) => [primaryKey({ columns: [t.scope, t.account, t.address] })],
);

export const passwordTokens = sqliteTable("password_tokens", {
  id: text("id").primaryKey(), // sha-256 of the token in the link
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdBy: text("created_by").references(() => users.id),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
});

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ---------------------------------------------------------------- rubrics

export const rubrics = sqliteTable("rubrics", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  roleTitle: text("role_title").notNull(),
  createdAt: integer("created_at").notNull().default(now),
});

export const rubricVersions = sqliteTable(
  "rubric_versions",
  {
    id: text("id").primaryKey(),
    rubricId: text("rubric_id")
      .notNull()
      .references(() => rubrics.id),
    version: integer("version").notNull(),
    status: text("status", { enum: RUBRIC_VERSION_STATUSES }).notNull().default("draft"),
    summary: text("summary").notNull().default(""),
    basedOnVersionId: text("based_on_version_id"),
    // content format: null = format 1 (rubric v1), 2 = format 2 (app/domain/rubric/model.ts)
    format: integer("format"),
    decisionRule: text("decision_rule", { mode: "json" }).$type<DecisionRule>(),
    interviewerGuidance: text("interviewer_guidance", { mode: "json" }).$type<InterviewerGuidance>(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    publishedAt: integer("published_at"),
  },
  (t) => [uniqueIndex("rubric_versions_number_unique").on(t.rubricId, t.version)],
);

export const rubricDimensions = sqliteTable(
  "rubric_dimensions",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => rubricVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    anchorBelow: text("anchor_below").notNull(),
    anchorMeets: text("anchor_meets").notNull(),
    anchorExceeds: text("anchor_exceeds").notNull(),
    weight: integer("weight").notNull(),
    // format 2 only (null for format 1)
    scale: text("scale", { mode: "json" }).$type<ScaleAnchors>(),
    calibration: text("calibration", { mode: "json" }).$type<CalibrationExamples>(),
    levels: text("levels", { mode: "json" }).$type<LevelGuidance>(),
  },
  (t) => [uniqueIndex("rubric_dimensions_key_unique").on(t.versionId, t.key)],
);

export const rubricExercises = sqliteTable(
  "rubric_exercises",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => rubricVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    prompt: text("prompt").notNull(),
    focusPoints: text("focus_points", { mode: "json" }).$type<FocusPoint[]>().notNull(),
    probeQuestions: text("probe_questions", { mode: "json" }).$type<string[]>().notNull(),
    // format 2 only (null for format 1)
    probes: text("probes", { mode: "json" }).$type<RubricProbe[]>(),
    phases: text("phases", { mode: "json" }).$type<ExercisePhase[]>(),
    reveals: text("reveals", { mode: "json" }).$type<ScriptedReveal[]>(),
    context: text("context", { mode: "json" }).$type<ContextCard>(),
  },
  (t) => [uniqueIndex("rubric_exercises_key_unique").on(t.versionId, t.key)],
);

export const rubricExerciseDimensions = sqliteTable(
  "rubric_exercise_dimensions",
  {
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => rubricExercises.id, { onDelete: "cascade" }),
    dimensionId: text("dimension_id")
      .notNull()
      .references(() => rubricDimensions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.dimensionId] })],
);

export const rubricRedFlags = sqliteTable(
  "rubric_red_flags",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => rubricVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    severity: text("severity", { enum: RED_FLAG_SEVERITIES }).notNull(),
  },
  (t) => [uniqueIndex("rubric_red_flags_key_unique").on(t.versionId, t.key)],
);

export const rubricSignals = sqliteTable(
  "rubric_signals",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => rubricVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    kind: text("kind", { enum: SIGNAL_KINDS }).notNull(),
  },
  (t) => [uniqueIndex("rubric_signals_key_unique").on(t.versionId, t.key)],
);

// ---------------------------------------------------------------- candidates and loops

export const candidates = sqliteTable(
  "candidates",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().default(""),
    currentTitle: text("current_title").notNull().default(""),
    source: text("source").notNull().default(""),
    links: text("links", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
    archivedAt: integer("archived_at"),
    // GDPR erasure: PII columns blanked, this set, the row kept so ids stay valid
    erasedAt: integer("erased_at"),
  },
  (t) => [index("candidates_name_idx").on(t.name)],
);

/**
 * A search (requisition): the role being hired for, on one rubric family, owned by a hiring manager
 * who sees every loop of the search like its own hiring manager (app/domain/review/access.ts).
 * Closed searches take no new loops; their loops stay as they are.
 */
export const searches = sqliteTable(
  "searches",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    rubricId: text("rubric_id")
      .notNull()
      .references(() => rubrics.id),
    hiringManagerId: text("hiring_manager_id")
      .notNull()
      .references(() => users.id),
    // how many people the search hires; null: not stated
    headcount: integer("headcount"),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    openedAt: integer("opened_at").notNull(),
    closedAt: integer("closed_at"),
  },
  (t) => [index("searches_hm_idx").on(t.hiringManagerId)],
);

export const loops = sqliteTable(
  "loops",
  {
    id: text("id").primaryKey(),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => candidates.id),
    rubricVersionId: text("rubric_version_id")
      .notNull()
      .references(() => rubricVersions.id),
    hiringManagerId: text("hiring_manager_id")
      .notNull()
      .references(() => users.id),
    recruiterId: text("recruiter_id").references(() => users.id),
    // the search the loop belongs to; null only in a database not yet migrated past the backfill
    searchId: text("search_id").references(() => searches.id),
    status: text("status", { enum: LOOP_STATUSES }).notNull().default("planning"),
    // dimension key -> percent; null means equal weights
    weights: text("weights", { mode: "json" }).$type<Record<string, number> | null>(),
    decision: text("decision", { enum: DECISIONS }),
    decisionRationale: text("decision_rationale"),
    // a decision against the rubric's signals: the decider's written override and the grounds it
    // answered, in words, as they stood when it was recorded (app/domain/review/override.ts)
    decisionOverride: text("decision_override"),
    decisionOverrideGrounds: text("decision_override_grounds", { mode: "json" }).$type<OverrideGround[]>(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    index("loops_candidate_idx").on(t.candidateId),
    index("loops_hm_idx").on(t.hiringManagerId),
    index("loops_status_idx").on(t.status),
    index("loops_search_idx").on(t.searchId),
  ],
);

export const interviews = sqliteTable(
  "interviews",
  {
    id: text("id").primaryKey(),
    loopId: text("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    exerciseId: text("exercise_id")
      .notNull()
      .references(() => rubricExercises.id),
    position: integer("position").notNull(),
    scheduledAt: integer("scheduled_at"),
    durationMinutes: integer("duration_minutes").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("interviews_loop_idx").on(t.loopId)],
);

/** One per panelist per interview: the assignment and the panelist's feedback in one row. */
export const scorecards = sqliteTable(
  "scorecards",
  {
    id: text("id").primaryKey(),
    interviewId: text("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    panelistId: text("panelist_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: SCORECARD_STATUSES }).notNull().default("draft"),
    // a trainee's seat (shadow, reverse shadow) never counts toward the panel's feedback
    panelRole: text("panel_role", { enum: PANEL_ROLES }).notNull().default("panelist"),
    // optimistic concurrency: every accepted save increments it
    version: integer("version").notNull().default(0),
    recommendation: text("recommendation", { enum: RECOMMENDATIONS }),
    summary: text("summary").notNull().default(""),
    overrideJustification: text("override_justification").notNull().default(""),
    // format-2 rubrics: the level the interviewer read, beside the recommendation
    levelSignal: text("level_signal", { enum: LEVEL_SIGNALS }),
    conflictNote: text("conflict_note"),
    conflictDeclaredAt: integer("conflict_declared_at"),
    // timer state lives on the server so it survives reloads and devices
    timerStartedAt: integer("timer_started_at"),
    timerAccumulatedMs: integer("timer_accumulated_ms").notNull().default(0),
    timerRunning: integer("timer_running", { mode: "boolean" }).notNull().default(false),
    amendCount: integer("amend_count").notNull().default(0),
    lastAmendReason: text("last_amend_reason"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    uniqueIndex("scorecards_panelist_unique").on(t.interviewId, t.panelistId),
    index("scorecards_panelist_idx").on(t.panelistId),
  ],
);

export const ratings = sqliteTable(
  "ratings",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    dimensionId: text("dimension_id")
      .notNull()
      .references(() => rubricDimensions.id),
    // 1..4, or null with notAssessed = true, or null/false when not yet rated
    score: integer("score"),
    notAssessed: integer("not_assessed", { mode: "boolean" }).notNull().default(false),
    evidence: text("evidence").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.dimensionId] })],
);

export const redFlagMarks = sqliteTable(
  "red_flag_marks",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    redFlagId: text("red_flag_id")
      .notNull()
      .references(() => rubricRedFlags.id),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.redFlagId] })],
);

export const signalMarks = sqliteTable(
  "signal_marks",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    signalId: text("signal_id")
      .notNull()
      .references(() => rubricSignals.id),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.signalId] })],
);

export const focusTicks = sqliteTable(
  "focus_ticks",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    focusKey: text("focus_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.focusKey] })],
);

/** Format-2 rubrics: the probes the interviewer asked (probe keys of the interview's exercise). */
export const probeTicks = sqliteTable(
  "probe_ticks",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    probeKey: text("probe_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.probeKey] })],
);

export const quickNotes = sqliteTable(
  "quick_notes",
  {
    id: text("id").primaryKey(),
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    // minute of the exercise timer when the note was taken
    elapsedMinute: integer("elapsed_minute").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("quick_notes_scorecard_idx").on(t.scorecardId)],
);

/**
 * What the candidate drew (a whiteboard photo, an exported diagram), attached to a scorecard. The
 * image bytes live here, in the database, so backup/restore and erasure cover them like the text;
 * they are stored with their metadata already stripped (app/domain/scorecard/artifact-image.ts).
 * Content of the scorecard: private to its author until submitted.
 */
export const scorecardArtifacts = sqliteTable(
  "scorecard_artifacts",
  {
    id: text("id").primaryKey(),
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    mediaType: text("media_type", { enum: ARTIFACT_MEDIA_TYPES }).notNull(),
    // alt text on the review page and /Alt in the packet
    caption: text("caption").notNull(),
    // the rubric dimension it supports, if the panelist said
    dimensionKey: text("dimension_key"),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    data: blob("data", { mode: "buffer" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("scorecard_artifacts_scorecard_idx").on(t.scorecardId, t.createdAt)],
);

/**
 * Evidence-lint findings a panelist kept as job-related (app/domain/scorecard/evidence-lint.ts): one
 * row per finding key per scorecard, covering every occurrence of the term. `sentence` and `fieldPath`
 * are where it was first acknowledged; the review and packet read the current text. A row whose
 * finding was revised away is dropped at submit/amend.
 */
export const evidenceAcknowledgements = sqliteTable(
  "evidence_acknowledgements",
  {
    scorecardId: text("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    findingKey: text("finding_key").notNull(),
    category: text("category").notNull(),
    fieldPath: text("field_path").notNull(),
    sentence: text("sentence").notNull(),
    reason: text("reason").notNull(),
    acknowledgedBy: text("acknowledged_by")
      .notNull()
      .references(() => users.id),
    acknowledgedAt: integer("acknowledged_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.findingKey] })],
);

// ---------------------------------------------------------------- debrief

/**
 * The debrief meeting of a loop (one per loop: a reopened decision resumes it). The facilitator
 * steps through the items; the clock of the current item started at `currentStartedAt` (server
 * time), earlier visits are summed in debrief_items.elapsed_ms.
 */
export const debriefSessions = sqliteTable(
  "debrief_sessions",
  {
    id: text("id").primaryKey(),
    loopId: text("loop_id")
      .notNull()
      .references(() => loops.id, { onDelete: "cascade" }),
    facilitatorId: text("facilitator_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: DEBRIEF_STATUSES }).notNull().default("running"),
    // position of the current item; the item count means the decision step
    currentPosition: integer("current_position").notNull().default(0),
    currentStartedAt: integer("current_started_at").notNull(),
    startedAt: integer("started_at").notNull(),
    concludedAt: integer("concluded_at"),
  },
  (t) => [uniqueIndex("debrief_sessions_loop_unique").on(t.loopId)],
);

/** The debrief's steps, frozen when it starts, with what the panel concluded at each. */
export const debriefItems = sqliteTable(
  "debrief_items",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => debriefSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: DEBRIEF_ITEM_KINDS }).notNull(),
    // the dimension key, or "red_flags"
    key: text("key").notNull(),
    title: text("title").notNull(),
    // the panel's ratings are shown (all at once) only from this moment
    revealedAt: integer("revealed_at"),
    elapsedMs: integer("elapsed_ms").notNull().default(0),
    conclusion: text("conclusion").notNull().default(""),
    notedBy: text("noted_by").references(() => users.id),
    notedAt: integer("noted_at"),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.position] }),
    uniqueIndex("debrief_items_key_unique").on(t.sessionId, t.key),
  ],
);

/** Who joined the debrief, and as what. */
export const debriefAttendance = sqliteTable(
  "debrief_attendance",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => debriefSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: DEBRIEF_ROLES }).notNull(),
    joinedAt: integer("joined_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** Append-only: triggers in the migration reject UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    loopId: text("loop_id"),
    reason: text("reason"),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId), index("audit_loop_idx").on(t.loopId)],
);

// ---------------------------------------------------------------- outgoing messages (issue 18)

/**
 * The durable outbox: every e-mail and webhook delivery, written in the same transaction as the
 * event that causes it, then delivered by the worker (app/server/outbox-worker.server.ts).
 * `dedupe_key` is unique, so a scheduler that runs twice or a retried request never enqueues the
 * same message twice. Content is rendered at enqueue time: what an admin sees is what was sent.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    // e.g. "reminder:<scorecardId>:<n>", "invite:<userId>:<tokenId>"
    dedupeKey: text("dedupe_key").notNull(),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
    // an e-mail address, or a webhook URL
    recipient: text("recipient").notNull(),
    recipientUserId: text("recipient_user_id"),
    loopId: text("loop_id"),
    scorecardId: text("scorecard_id"),
    webhookId: text("webhook_id"),
    subject: text("subject").notNull().default(""),
    bodyText: text("body_text").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    attachments: text("attachments", { mode: "json" })
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    // e-mail: the Message-ID (the same on every attempt); webhook: the delivery id header
    messageId: text("message_id").notNull(),
    attempts: integer("attempts").notNull().default(0),
    // next attempt not before
    availableAt: integer("available_at").notNull(),
    // a worker's claim: other workers skip the row until it expires (a crashed worker's claim lapses)
    leaseOwner: text("lease_owner"),
    leaseUntil: integer("lease_until"),
    transport: text("transport", { enum: OUTBOX_TRANSPORTS }),
    lastAttemptAt: integer("last_attempt_at"),
    // the server's answer (SMTP reply or HTTP status line) or the error of the last attempt
    lastResponse: text("last_response"),
    sentAt: integer("sent_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_unique").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.availableAt),
    index("outbox_loop_idx").on(t.loopId),
    index("outbox_scorecard_idx").on(t.scorecardId),
  ],
);

/** Webhook endpoints an admin registered: where, for which events, and the signing secret. */
export const webhooks = sqliteTable("webhooks", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
  // HMAC-SHA256 key; shown to the admin once, when the endpoint is created
  secret: text("secret").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdBy: text("created_by").references(() => users.id),
  createdAt: integer("created_at").notNull(),
});

/**
 * The last calendar invitation each panelist got for an interview (no foreign keys: the interview
 * may be removed, and the cancellation still needs the UID's sequence). A change of time, length
 * or exercise sends an update with the next SEQUENCE; removal or recusal a METHOD:CANCEL.
 */
export const calendarInvites = sqliteTable(
  "calendar_invites",
  {
    interviewId: text("interview_id").notNull(),
    panelistId: text("panelist_id").notNull(),
    loopId: text("loop_id").notNull(),
    sequence: integer("sequence").notNull(),
    start: integer("start").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    exerciseId: text("exercise_id").notNull(),
    cancelled: integer("cancelled", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.interviewId, t.panelistId] }), index("calendar_invites_loop_idx").on(t.loopId)],
);
