// POST /scorecards/:id/save — the autosave endpoint (JSON in, JSON out), used by fetch() from the
// scorecard page. Intents: save (versioned draft save), submit, amend, timer, acknowledge (keep an
// evidence-lint finding as job-related, with a reason).
// 200 saved · 400 invalid (field errors) · 409 conflict (with the server's copy) or locked ·
// 404 not your scorecard · 403 missing CSRF token.
import type { ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { applyTimer } from "../../db/queries/scorecard/timer.server";
import { timerOpSchema } from "../domain/scorecard/schema";
import { parseWith, readBody } from "../server/form.server";
import type { RequestWithBody } from "../server/request.server";
import {
  handleAcknowledge,
  handleAmend,
  handleSave,
  handleSubmit,
  requireOwnScorecard,
} from "../server/scorecard.server";

const intentSchema = z.object({ intent: z.enum(["save", "submit", "amend", "timer", "acknowledge"]).default("save") });

export const AUTOSAVE_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export interface AutosaveAnswer {
  status: number;
  body: unknown;
}

/**
 * The endpoint itself, as a status and a JSON body: Remix calls it through `action`, and
 * scripts/server.ts straight from Express (scripts/lib/direct-action.ts), without building a fetch
 * Request and Response per keystroke pause. Refusals (401, 403, 404, 413) are thrown Responses,
 * as in every route.
 */
export async function autosave(
  request: RequestWithBody,
  params: Record<string, string | undefined>,
): Promise<AutosaveAnswer> {
  if (request.method !== "POST") return { status: 405, body: { ok: false, error: "Method not allowed" } };
  const { data } = await readBody(request);
  const { target } = requireOwnScorecard(request, params);
  const intent = parseWith(intentSchema, data);
  if (!intent.ok) return { status: 400, body: { ok: false, errors: intent.errors } };
  switch (intent.value.intent) {
    case "save":
      return handleSave(target, data);
    case "submit":
      return handleSubmit(target, data);
    case "amend":
      return handleAmend(target, data);
    case "acknowledge":
      return handleAcknowledge(target, data);
    case "timer": {
      const op = parseWith(timerOpSchema, data);
      if (!op.ok) return { status: 400, body: { ok: false, errors: op.errors } };
      const timer = applyTimer(getDb(), target, op.value.op);
      if (!timer)
        return { status: 409, body: { ok: false, locked: { status: target.status, version: target.version } } };
      return { status: 200, body: { ok: true, timer, serverNow: Date.now() } };
    }
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: AUTOSAVE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const answer = await autosave(request, params);
  return json(answer.body, answer.status);
}

export async function loader() {
  return json({ ok: false, error: "Use POST" }, 405);
}
