// Webhook endpoints (admin only, checked by the routes). The secret is generated here, returned
// once to show the admin, and afterwards only read by the worker to sign deliveries.
import { and, desc, eq, sql } from "drizzle-orm";

import type { WebhookEvent } from "../../../app/domain/vocabulary";
import { newId, randomToken } from "../../ids.server";
import type { Db } from "../../client.server";
import { outbox, webhooks } from "../../schema";

import { writeAudit } from "../audit.server";

export interface WebhookRow {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: number;
  delivered: number;
  failed: number;
  queued: number;
}

export function listWebhooks(db: Db): WebhookRow[] {
  const hooks = db
    .select({
      id: webhooks.id,
      url: webhooks.url,
      description: webhooks.description,
      events: webhooks.events,
      active: webhooks.active,
      createdAt: webhooks.createdAt,
    })
    .from(webhooks)
    .orderBy(desc(webhooks.createdAt))
    .all();
  const counts = db
    .select({
      webhookId: outbox.webhookId,
      delivered: sql<number>`sum(case when ${outbox.status} = 'sent' then 1 else 0 end)`,
      failed: sql<number>`sum(case when ${outbox.status} = 'failed' then 1 else 0 end)`,
      queued: sql<number>`sum(case when ${outbox.status} = 'queued' then 1 else 0 end)`,
    })
    .from(outbox)
    .where(eq(outbox.channel, "webhook"))
    .groupBy(outbox.webhookId)
    .all();
  const by = new Map(counts.map((c) => [c.webhookId, c]));
  return hooks.map((h) => ({
    ...h,
    delivered: Number(by.get(h.id)?.delivered ?? 0),
    failed: Number(by.get(h.id)?.failed ?? 0),
    queued: Number(by.get(h.id)?.queued ?? 0),
  }));
}

/** Registers an endpoint; returns its id and the signing secret (shown once). */
export function createWebhook(
  db: Db,
  actorId: string,
  input: { url: string; description: string; events: WebhookEvent[] },
  now = Date.now(),
): { id: string; secret: string } {
  const id = newId();
  const secret = `whsec_${randomToken(32)}`;
  db.transaction((tx) => {
    tx.insert(webhooks)
      .values({
        id,
        url: input.url,
        description: input.description,
        events: input.events,
        secret,
        createdBy: actorId,
        createdAt: now,
      })
      .run();
    writeAudit(
      tx,
      {
        actorId,
        action: "webhook.create",
        entityType: "webhook",
        entityId: id,
        after: { url: input.url, events: input.events },
      },
      now,
    );
  });
  return { id, secret };
}

/** Pauses or resumes an endpoint; pausing cancels its queued deliveries. false when it does not exist. */
export function setWebhookActive(db: Db, actorId: string, id: string, active: boolean, now = Date.now()): boolean {
  return db.transaction((tx) => {
    const res = tx.update(webhooks).set({ active }).where(eq(webhooks.id, id)).run();
    if (res.changes === 0) return false;
    if (!active) cancelDeliveries(tx, id, "cancelled: endpoint paused");
    writeAudit(
      tx,
      { actorId, action: active ? "webhook.resume" : "webhook.pause", entityType: "webhook", entityId: id },
      now,
    );
    return true;
  });
}

/** Removes an endpoint; its queued deliveries are cancelled, the delivery log stays. */
export function deleteWebhook(db: Db, actorId: string, id: string, now = Date.now()): boolean {
  return db.transaction((tx) => {
    const hook = tx.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.id, id)).get();
    if (!hook) return false;
    cancelDeliveries(tx, id, "cancelled: endpoint removed");
    tx.delete(webhooks).where(eq(webhooks.id, id)).run();
    writeAudit(
      tx,
      { actorId, action: "webhook.delete", entityType: "webhook", entityId: id, before: { url: hook.url } },
      now,
    );
    return true;
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function cancelDeliveries(tx: Tx, webhookId: string, why: string): void {
  tx.update(outbox)
    .set({ status: "cancelled", lastResponse: why })
    .where(and(eq(outbox.webhookId, webhookId), eq(outbox.status, "queued")))
    .run();
}
