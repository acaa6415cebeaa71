// The outbox worker: runs inside the server process, claims due messages with a lease, delivers
// them (SMTP, the in-app mailbox when SMTP is not configured, or signed webhook POSTs), and
// records each server's answer. Retries back off exponentially with jitter. Delivery is all async
// IO in small batches, so request handling never waits for it; the database work per message is
// a few synchronous statements. README "Security and data › Outgoing messages" has the guarantees.
import crypto from "node:crypto";

import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

import { isPermanentSmtpFailure } from "../domain/notify/backoff";
import { cadenceOf, isSendableAt, nextSendable } from "../domain/notify/cadence";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  signedPayload,
} from "../domain/notify/signature";
import { CADENCED_KINDS, type OutboxTransport } from "../domain/vocabulary";
import type { Db } from "../../db/client.server";
import { mailFrom } from "../../db/queries/outbox/config.server";
import {
  claimDue,
  deferClaimed,
  recordFailure,
  recordSent,
  webhookSecret,
  type OutboxRow,
} from "../../db/queries/outbox/delivery.server";
import { readNotifySettingsFrom } from "../../db/queries/outbox/enqueue.server";
import { scheduleReminders } from "../../db/queries/outbox/reminders.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";

export type Delivery =
  { ok: true; transport: OutboxTransport; answer: string } | { ok: false; answer: string; permanent: boolean };

export interface Transports {
  email(row: OutboxRow): Promise<Delivery>;
  webhook(row: OutboxRow, secret: string, now: number): Promise<Delivery>;
}

/** SMTP settings from SMTP_URL, or SMTP_HOST/PORT/USER/PASSWORD/SECURE; null when none is set. */
export function smtpOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SMTPTransport.Options | string | null {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
  if (env.SMTP_URL) return env.SMTP_URL;
  if (!env.SMTP_HOST) return null;
  const secure = env.SMTP_SECURE === "true";
  return {
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? (secure ? 465 : 587)),
    secure,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
    ...timeouts,
  };
}

/** The server's short answer for the delivery log: the SMTP reply, or the error. */
function smtpAnswer(error: unknown): { answer: string; permanent: boolean } {
  const e = error as { response?: unknown; responseCode?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const answer =
    typeof e.response === "string" && e.response
      ? e.response
      : `${typeof e.code === "string" ? `${e.code}: ` : ""}${typeof e.message === "string" ? e.message : "delivery failed"}`;
  return { answer, permanent: isPermanentSmtpFailure(code) };
}

/** HMAC-SHA256 of `timestamp.body` under the endpoint's secret, as the signature header value. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = crypto.createHmac("sha256", secret).update(signedPayload(timestamp, body)).digest("hex");
  return signatureHeader(timestamp, mac);
}

/** The real transports: SMTP (or the in-app mailbox when `smtp` is null) and HTTP for webhooks. */
export function createTransports(smtp: SMTPTransport.Options | string | null): Transports {
  const mailer = smtp ? nodemailer.createTransport(smtp) : null;
  const from = mailFrom();
  return {
    async email(row) {
      if (!mailer)
        return { ok: true, transport: "mailbox", answer: "stored in the in-app mailbox (SMTP is not configured)" };
      try {
        const info = await mailer.sendMail({
          from: { name: from.name, address: from.address },
          to: row.recipient,
          subject: row.subject,
          text: row.bodyText,
          html: row.bodyHtml,
          messageId: row.messageId,
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
          headers: { "Auto-Submitted": "auto-generated", "X-ArchPanel-Kind": row.kind },
        });
        return { ok: true, transport: "smtp", answer: info.response || "250 accepted" };
      } catch (error) {
        return { ok: false, ...smtpAnswer(error) };
      }
    },
    async webhook(row, secret, now) {
      const timestamp = Math.floor(now / 1000);
      try {
        const res = await fetch(row.recipient, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(10_000),
          headers: {
            "Content-Type": "application/json",
            "User-Agent": "ArchPanel-Webhooks/1",
            [SIGNATURE_HEADER]: signWebhook(secret, timestamp, row.bodyText),
            [DELIVERY_HEADER]: row.messageId,
            [EVENT_HEADER]: row.subject,
          },
          body: row.bodyText,
        });
        const text = (await res.text()).replace(/\s+/g, " ").trim().slice(0, 200);
        const answer = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${text ? `: ${text}` : ""}`;
        if (res.status >= 200 && res.status < 300) return { ok: true, transport: "http", answer };
        // 410 Gone: the receiver says the endpoint is no more; anything else may be temporary
        return { ok: false, answer, permanent: res.status === 410 };
      } catch (error) {
        const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
        const why = e.name === "TimeoutError" ? "timed out after 10 s" : String(e.cause?.code ?? e.message ?? "error");
        return { ok: false, answer: `no answer: ${why}`, permanent: false };
      }
    },
  };
}

export interface WorkerOptions {
  db: Db;
  transports?: Transports;
  /** how often to look for due messages when idle (OUTBOX_POLL_MS, default 1000) */
  intervalMs?: number;
  /** how often to run the reminder and digest scheduler (default 60 s); null: never (tests drive it) */
  scheduleEveryMs?: number | null;
  batch?: number;
  leaseMs?: number;
  now?: () => number;
  random?: () => number;
  log?: (fields: Record<string, unknown>) => void;
}

export interface OutboxWorker {
  /** starts the timer loop */
  start(): void;
  /** stops taking new work and waits for deliveries in flight */
  stop(): Promise<void>;
  /** one round: the scheduler if due, then one batch; resolves with the number of messages tried */
  runOnce(): Promise<number>;
}

export function createOutboxWorker(opts: WorkerOptions): OutboxWorker {
  const db = opts.db;
  const transports = opts.transports ?? createTransports(smtpOptionsFromEnv());
  const intervalMs = opts.intervalMs ?? Number(process.env.OUTBOX_POLL_MS ?? 1000);
  const scheduleEveryMs = opts.scheduleEveryMs === undefined ? 60_000 : opts.scheduleEveryMs;
  const batch = opts.batch ?? 5;
  // longer than any one delivery can take (SMTP timeouts 10–20 s, webhooks 10 s)
  const leaseMs = opts.leaseMs ?? Number(process.env.OUTBOX_LEASE_MS ?? 60_000);
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const log = opts.log ?? (() => {});
  const owner = `${process.pid}:${crypto.randomBytes(6).toString("hex")}`;
  let lastSchedule = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let running: Promise<number> | null = null;

  async function deliver(row: OutboxRow): Promise<void> {
    const at = now();
    if (row.channel === "email" && CADENCED_KINDS.includes(row.kind)) {
      const cadence = cadenceOf(readNotifySettingsFrom(db), readOrgSettings(db).timeZone);
      if (!isSendableAt(at, cadence)) {
        deferClaimed(db, row.id, owner, nextSendable(at, cadence));
        return;
      }
    }
    let result: Delivery;
    if (row.channel === "webhook") {
      const secret = row.webhookId ? webhookSecret(db, row.webhookId) : null;
      result = secret
        ? await transports.webhook(row, secret, at)
        : { ok: false, answer: "the endpoint was removed", permanent: true };
    } else {
      result = await transports.email(row);
    }
    if (result.ok) {
      recordSent(db, row.id, owner, { transport: result.transport, answer: result.answer, now: now() });
      log({ level: "info", msg: "outbox sent", id: row.id, kind: row.kind, attempt: row.attempts });
    } else {
      const status = recordFailure(db, row.id, owner, {
        answer: result.answer,
        permanent: result.permanent,
        now: now(),
        random: random(),
      });
      log({ level: "warn", msg: "outbox attempt failed", id: row.id, kind: row.kind, attempt: row.attempts, status });
    }
  }

  async function round(): Promise<number> {
    const at = now();
    if (scheduleEveryMs !== null && at - lastSchedule >= scheduleEveryMs) {
      lastSchedule = at;
      try {
        scheduleReminders(db, at);
      } catch (error) {
        log({ level: "error", msg: "reminder scheduler failed", error: String(error) });
      }
    }
    const rows = claimDue(db, { owner, now: at, limit: batch, leaseMs });
    // One delivery at a time per channel: a crash leaves at most one e-mail (and one webhook) in
    // doubt; a slow webhook receiver does not hold up e-mail.
    const lane = async (channel: OutboxRow["channel"]) => {
      for (const row of rows.filter((r) => r.channel === channel)) {
        await deliver(row).catch((error: unknown) =>
          log({ level: "error", msg: "outbox delivery crashed", id: row.id, error: String(error) }),
        );
      }
    };
    await Promise.all([lane("email"), lane("webhook")]);
    return rows.length;
  }

  function runOnce(): Promise<number> {
    running = round().finally(() => {
      running = null;
    });
    return running;
  }

  function loop(): void {
    if (stopping) return;
    runOnce()
      .catch((error: unknown) => {
        log({ level: "error", msg: "outbox round failed", error: String(error) });
        return 0;
      })
      .then(
        (n) => {
          if (stopping) return;
          // a full batch: more may be waiting, go again at once (after pending IO callbacks)
          timer = setTimeout(loop, n >= batch ? 0 : intervalMs);
        },
        () => {},
      );
  }

  return {
    start() {
      stopping = false;
      if (!timer && !running) loop();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => 0);
    },
    runOnce,
  };
}
