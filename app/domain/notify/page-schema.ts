/**
 * The zod schemas of the admin pages for outgoing messages (outbox, mailbox, webhooks). Pure.
 */
import * as z from "zod";

import { OUTBOX_CHANNELS, OUTBOX_STATUSES, WEBHOOK_EVENTS } from "../vocabulary";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown message");

/** Query string of /outbox; anything unknown falls back to "all". */
export const outboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  channel: z.enum(OUTBOX_CHANNELS).optional().catch(undefined),
});

export const retrySchema = z.object({ intent: z.literal("retry"), id });

export const mailboxQuerySchema = z.object({ id: id.optional().catch(undefined) });

/** An http(s) URL without credentials, at most 2,000 characters. */
export const webhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events")
  .max(2000, "At most 2,000 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "An http:// or https:// address, without a user name or password in it");

export const createWebhookSchema = z.object({
  intent: z.literal("create"),
  url: webhookUrl,
  description: z.string().trim().max(200, "At most 200 characters").default(""),
  events: z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]),
    z.array(z.enum(WEBHOOK_EVENTS, { message: "Unknown event" })).min(1, "Choose at least one event"),
  ),
});

export const webhookRowSchema = z.object({ intent: z.enum(["pause", "resume", "delete"]), id });
