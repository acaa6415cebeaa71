// Writing messages into the outbox. Always called inside the transaction of the event that causes
// the message, so the message exists if and only if the event committed. The unique dedupe key
// makes every enqueue idempotent: a second call with the same key writes nothing.
import { and, eq, inArray } from "drizzle-orm";

import type { MailAttachment, RenderedMail, WebhookData } from "../../../app/domain/notify/messages";
import { webhookBody } from "../../../app/domain/notify/messages";
import { readNotifySettings, NOTIFY_SETTING_KEYS, type NotifySettings } from "../../../app/domain/notify/settings";
import type { MessageKind, WebhookEvent } from "../../../app/domain/vocabulary";
import type { MailContext } from "../../../app/domain/notify/messages";
import { newId } from "../../ids.server";
import type { Db } from "../../client.server";
import { outbox, settings, webhooks } from "../../schema";
import { readOrgSettings } from "../org/settings.server";

import { messageIdFor, publicBaseUrl } from "./config.server";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function readNotifySettingsFrom(db: Pick<Db, "select">): NotifySettings {
  const rows = db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, Object.values(NOTIFY_SETTING_KEYS)))
    .all();
  return readNotifySettings(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** The organisation's name, time zone and the public base URL: what every e-mail needs. */
export function mailContext(db: Pick<Db, "select">): MailContext {
  return {
    orgName: readNotifySettingsFrom(db).orgName,
    timeZone: readOrgSettings(db).timeZone,
    baseUrl: publicBaseUrl(),
  };
}

export interface MailRefs {
  loopId?: string | null;
  scorecardId?: string | null;
}

/** Queues one e-mail; false when a message with this dedupe key already exists. */
export function enqueueMail(
  tx: DbOrTx,
  m: {
    dedupeKey: string;
    kind: MessageKind;
    to: { id: string | null; email: string };
    mail: RenderedMail;
    attachments?: MailAttachment[];
    refs?: MailRefs;
    now: number;
  },
): boolean {
  const id = newId();
  const res = tx
    .insert(outbox)
    .values({
      id,
      dedupeKey: m.dedupeKey,
      channel: "email",
      kind: m.kind,
      recipient: m.to.email,
      recipientUserId: m.to.id,
      loopId: m.refs?.loopId ?? null,
      scorecardId: m.refs?.scorecardId ?? null,
      subject: m.mail.subject,
      bodyText: m.mail.text,
      bodyHtml: m.mail.html,
      attachments: m.attachments ?? [],
      messageId: messageIdFor(id),
      availableAt: m.now,
      createdAt: m.now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .run();
  return res.changes === 1;
}

/**
 * Queues one delivery per active webhook subscribed to `event`. `subject` names what the event is
 * about (a scorecard or loop id, plus a discriminator when it can recur), for the dedupe key.
 */
export function enqueueWebhooks(
  tx: DbOrTx,
  m: { event: WebhookEvent; subject: string; data: WebhookData; refs?: MailRefs; now: number },
): number {
  const hooks = tx
    .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events })
    .from(webhooks)
    .where(eq(webhooks.active, true))
    .all()
    .filter((h) => h.events.includes(m.event));
  let queued = 0;
  for (const h of hooks) {
    const id = newId();
    const res = tx
      .insert(outbox)
      .values({
        id,
        dedupeKey: `webhook:${h.id}:${m.event}:${m.subject}`,
        channel: "webhook",
        kind: "webhook",
        recipient: h.url,
        webhookId: h.id,
        loopId: m.refs?.loopId ?? null,
        scorecardId: m.refs?.scorecardId ?? null,
        subject: m.event,
        bodyText: webhookBody({ deliveryId: id, event: m.event, occurredAt: m.now, data: m.data }),
        messageId: id,
        availableAt: m.now,
        createdAt: m.now,
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .run();
    queued += res.changes;
  }
  return queued;
}

/**
 * Cancels queued messages of some kinds about a scorecard (e.g. its reminders once it is
 * submitted). A row a worker is sending at this moment keeps its lease: if that attempt succeeds
 * it is recorded as sent (it was), and if it fails it is not retried.
 */
export function cancelQueued(tx: DbOrTx, scorecardId: string, kinds: MessageKind[]): void {
  tx.update(outbox)
    .set({ status: "cancelled", lastResponse: "no longer relevant" })
    .where(and(eq(outbox.scorecardId, scorecardId), eq(outbox.status, "queued"), inArray(outbox.kind, kinds)))
    .run();
}
