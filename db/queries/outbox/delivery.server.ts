// The delivery side of the outbox: claiming due rows with a lease, recording each attempt's
// outcome, and what the admin pages list. The worker (app/server/outbox-worker.server.ts) does
// the IO between `claimDue` and `recordSent`/`recordFailure`.
import { and, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";

import { MAX_ATTEMPTS, retryDelayMs } from "../../../app/domain/notify/backoff";
import type { OutboxChannel, OutboxStatus, OutboxTransport } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { outbox, webhooks } from "../../schema";

import { writeAudit } from "../audit.server";
import { refuse, type Refusal } from "../result.server";

export type OutboxRow = typeof outbox.$inferSelect;

/** Answers are kept short: a status line, not a whole error page. */
const MAX_ANSWER = 500;

export function clip(answer: string): string {
  return answer.length > MAX_ANSWER ? `${answer.slice(0, MAX_ANSWER - 1)}…` : answer;
}

/**
 * Claims up to `limit` due rows for `owner` until now + leaseMs, and counts the attempt. One
 * immediate transaction, so two workers (or two processes) never claim the same row; a claim
 * that lapses (the worker crashed) makes the row claimable again.
 */
export function claimDue(db: Db, opts: { owner: string; now: number; limit: number; leaseMs: number }): OutboxRow[] {
  return db.transaction(
    (tx) => {
      const due = and(
        eq(outbox.status, "queued"),
        lte(outbox.availableAt, opts.now),
        or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, opts.now)),
      );
      const ids = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(due)
        .orderBy(outbox.availableAt, outbox.createdAt)
        .limit(opts.limit)
        .all()
        .map((r) => r.id);
      if (ids.length === 0) return [];
      tx.update(outbox)
        .set({
          leaseOwner: opts.owner,
          leaseUntil: opts.now + opts.leaseMs,
          attempts: sql`${outbox.attempts} + 1`,
          lastAttemptAt: opts.now,
        })
        .where(and(inArray(outbox.id, ids), due))
        .run();
      return tx
        .select()
        .from(outbox)
        .where(and(inArray(outbox.id, ids), eq(outbox.leaseOwner, opts.owner)))
        .all();
    },
    { behavior: "immediate" },
  );
}

/**
 * The receiving server accepted the message: record it at once. This is the whole duplicate
 * window (a crash between the server's acceptance and this commit re-sends the message, with the
 * same Message-ID), so the write skips the fsync: in WAL mode a commit with synchronous=NORMAL
 * survives the process being killed, and only an OS crash or power cut in the next moment could
 * undo it (then the message goes again — a duplicate, never a loss).
 */
export function recordSent(
  db: Db,
  id: string,
  owner: string,
  m: { transport: OutboxTransport; answer: string; now: number },
): void {
  const client = db.$client;
  const previous = client.pragma("synchronous", { simple: true }) as number;
  client.pragma("synchronous = NORMAL");
  try {
    db.update(outbox)
      .set({
        status: "sent",
        transport: m.transport,
        lastResponse: clip(m.answer),
        sentAt: m.now,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(and(eq(outbox.id, id), eq(outbox.leaseOwner, owner)))
      .run();
  } finally {
    client.pragma(`synchronous = ${previous}`);
  }
}

/**
 * An attempt failed: retry later with backoff and jitter, or give up (permanent refusal, or
 * MAX_ATTEMPTS reached). A row cancelled meanwhile stays cancelled.
 */
export function recordFailure(
  db: Db,
  id: string,
  owner: string,
  m: { answer: string; permanent: boolean; now: number; random: number },
): OutboxStatus | null {
  return db.transaction((tx) => {
    const row = tx
      .select({ attempts: outbox.attempts, status: outbox.status })
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.leaseOwner, owner)))
      .get();
    if (!row) return null;
    const giveUp = m.permanent || row.attempts >= MAX_ATTEMPTS;
    const status: OutboxStatus = row.status !== "queued" ? row.status : giveUp ? "failed" : "queued";
    tx.update(outbox)
      .set({
        status,
        lastResponse: clip(m.answer),
        availableAt: giveUp ? m.now : m.now + retryDelayMs(row.attempts, m.random),
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(eq(outbox.id, id))
      .run();
    return status;
  });
}

/** Puts a claimed row back without counting the attempt (quiet hours started meanwhile). */
export function deferClaimed(db: Db, id: string, owner: string, until: number): void {
  db.update(outbox)
    .set({
      availableAt: until,
      attempts: sql`max(0, ${outbox.attempts} - 1)`,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.leaseOwner, owner)))
    .run();
}

/** The signing secret of a webhook delivery's endpoint (null when the endpoint was removed). */
export function webhookSecret(db: Pick<Db, "select">, webhookId: string): string | null {
  return db.select({ secret: webhooks.secret }).from(webhooks).where(eq(webhooks.id, webhookId)).get()?.secret ?? null;
}

/** The earliest moment something is due (the worker sleeps until then, at most its interval). */
export function nextDueAt(db: Pick<Db, "select">): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${outbox.availableAt})` })
    .from(outbox)
    .where(eq(outbox.status, "queued"))
    .get();
  return row?.at ?? null;
}

// ------------------------------------------------------------------ admin

export type RetryResult = { ok: true } | Refusal;

/** "Retry now": a failed or waiting message is due again at once, with a fresh attempt budget. */
export function retryNow(db: Db, actorId: string, id: string, now = Date.now()): RetryResult {
  return db.transaction((tx): RetryResult => {
    const row = tx
      .select({ status: outbox.status, leaseUntil: outbox.leaseUntil, kind: outbox.kind, attempts: outbox.attempts })
      .from(outbox)
      .where(eq(outbox.id, id))
      .get();
    if (!row) return refuse(404, "This message does not exist.");
    if (row.status === "sent") return refuse(409, "This message was already sent.");
    if (row.status === "cancelled") return refuse(409, "This message was cancelled: it is no longer relevant.");
    if (row.leaseUntil !== null && row.leaseUntil > now)
      return refuse(409, "This message is being delivered right now.");
    tx.update(outbox).set({ status: "queued", availableAt: now, attempts: 0 }).where(eq(outbox.id, id)).run();
    writeAudit(
      tx,
      {
        actorId,
        action: "outbox.retry",
        entityType: "outbox",
        entityId: id,
        before: { status: row.status, attempts: row.attempts },
        after: { status: "queued" },
      },
      now,
    );
    return { ok: true };
  });
}

export interface OutboxListItem {
  id: string;
  channel: OutboxChannel;
  kind: OutboxRow["kind"];
  status: OutboxStatus;
  recipient: string;
  subject: string;
  attempts: number;
  availableAt: number;
  lastAttemptAt: number | null;
  lastResponse: string | null;
  sentAt: number | null;
  transport: OutboxTransport | null;
  createdAt: number;
  messageId: string;
}

const listColumns = {
  id: outbox.id,
  channel: outbox.channel,
  kind: outbox.kind,
  status: outbox.status,
  recipient: outbox.recipient,
  subject: outbox.subject,
  attempts: outbox.attempts,
  availableAt: outbox.availableAt,
  lastAttemptAt: outbox.lastAttemptAt,
  lastResponse: outbox.lastResponse,
  sentAt: outbox.sentAt,
  transport: outbox.transport,
  createdAt: outbox.createdAt,
  messageId: outbox.messageId,
};

/** The newest messages, optionally of one status / channel / transport / webhook. */
export function listOutbox(
  db: Db,
  f: {
    status?: OutboxStatus | null;
    channel?: OutboxChannel | null;
    transport?: OutboxTransport | null;
    webhookId?: string | null;
    limit?: number;
  },
): OutboxListItem[] {
  const where = and(
    f.status ? eq(outbox.status, f.status) : undefined,
    f.channel ? eq(outbox.channel, f.channel) : undefined,
    f.transport ? eq(outbox.transport, f.transport) : undefined,
    f.webhookId ? eq(outbox.webhookId, f.webhookId) : undefined,
  );
  return db
    .select(listColumns)
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(f.limit ?? 200)
    .all();
}

export function outboxCounts(db: Db): Record<OutboxStatus, number> {
  const rows = db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all();
  const out: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** One e-mail with its bodies and attachments (the in-app mailbox). */
export function getMail(db: Db, id: string) {
  return (
    db
      .select({
        ...listColumns,
        bodyText: outbox.bodyText,
        bodyHtml: outbox.bodyHtml,
        attachments: outbox.attachments,
      })
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.channel, "email")))
      .get() ?? null
  );
}
