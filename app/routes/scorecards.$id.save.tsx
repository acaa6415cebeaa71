// POST /scorecards/:id/save — the autosave endpoint (JSON in, JSON out), used by fetch() from the
// scorecard page. Intents: save (versioned draft save), submit, amend, timer.
// 200 saved · 400 invalid (field errors) · 409 conflict (with the server's copy) or locked ·
// 404 not your scorecard · 403 missing CSRF token.
import type { ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { applyTimer } from "../../db/queries/scorecard/timer.server";
import { timerOpSchema } from "../domain/scorecard/schema";
import { parseWith, readBody } from "../server/form.server";
import { handleAmend, handleSave, handleSubmit, requireOwnScorecard } from "../server/scorecard.server";

const intentSchema = z.object({ intent: z.enum(["save", "submit", "amend", "timer"]).default("save") });

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ ok: false, error: "Method not allowed" }, 405);
  const { data } = await readBody(request);
  const { target } = requireOwnScorecard(request, params);
  const intent = parseWith(intentSchema, data);
  if (!intent.ok) return json({ ok: false, errors: intent.errors }, 400);
  switch (intent.value.intent) {
    case "save": {
      const a = await handleSave(target, data);
      return json(a.body, a.status);
    }
    case "submit": {
      const a = handleSubmit(target, data);
      return json(a.body, a.status);
    }
    case "amend": {
      const a = handleAmend(target, data);
      return json(a.body, a.status);
    }
    case "timer": {
      const op = parseWith(timerOpSchema, data);
      if (!op.ok) return json({ ok: false, errors: op.errors }, 400);
      const timer = applyTimer(getDb(), target, op.value.op);
      if (!timer) return json({ ok: false, locked: { status: target.status, version: target.version } }, 409);
      return json({ ok: true, timer, serverNow: Date.now() });
    }
  }
}

export async function loader() {
  return json({ ok: false, error: "Use POST" }, 405);
}
