/**
 * The vocabulary of outgoing messages (issue 18): channels, delivery states, message kinds and
 * webhook events, with their display labels. Pure data; no IO. Kept apart from
 * app/domain/vocabulary.ts so the outbox can grow without touching the hiring enums.
 */

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
