// World preparations and valid payloads for the outbox admin routes (outbox, mailbox, webhooks,
// the dashboard's e-mail settings), shared by the access matrix and the fuzz test.
import { getDb } from "../../db/client.server";
import { outbox, webhooks } from "../../db/schema";

/** Fixed ids: each probe runs on its own copy of the world, prepared afresh. */
export const OUTBOX_IDS = { failedMessage: "failedMessageId0000001", webhook: "webhookEndpointId00001" };

/** A message that gave up after its retries (so "retry now" applies). */
export function prepareFailedMessage(): void {
  const now = Date.now();
  getDb()
    .insert(outbox)
    .values({
      id: OUTBOX_IDS.failedMessage,
      dedupeKey: `test:${OUTBOX_IDS.failedMessage}`,
      channel: "email",
      kind: "reminder",
      status: "failed",
      recipient: "someone@example.org",
      subject: "A reminder",
      bodyText: "Please submit.",
      messageId: `<${OUTBOX_IDS.failedMessage}@example.org>`,
      attempts: 8,
      availableAt: now,
      lastResponse: "550 5.1.1 mailbox unavailable",
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
}

/** A registered webhook endpoint. */
export function prepareWebhook(): void {
  getDb()
    .insert(webhooks)
    .values({
      id: OUTBOX_IDS.webhook,
      url: "https://ats.example.org/hooks/archpanel",
      events: ["scorecard.submitted"],
      secret: "whsec_test_secret",
      createdAt: Date.now(),
    })
    .onConflictDoNothing()
    .run();
}

export const VALID_NOTIFY_SETTINGS = {
  intent: "notify",
  orgName: "Acme Hiring",
  remindersEnabled: "on",
  firstReminderHours: "2",
  dailyReminders: "5",
  quietStart: "19:00",
  quietEnd: "08:00",
  dailyAt: "09:00",
  digestEnabled: "on",
};

export const VALID_WEBHOOK = {
  intent: "create",
  url: "https://ats.example.org/hooks/archpanel",
  description: "ATS",
  events: ["scorecard.submitted", "decision.recorded"],
};
