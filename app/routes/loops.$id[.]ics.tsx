// GET /loops/:id.ics — the loop's schedule as an iCalendar file: one event per scheduled interview,
// its panelists (not recused) as attendees. Recruiters, admins, the hiring manager and the loop's
// panelists may download it; anyone else gets a 404 (ids do not leak).
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { canSeeLoopCalendar, getLoopSetup } from "../../db/queries/loop/loops.server";
import { buildIcs, icsFileName, type IcsEvent } from "../domain/loop/ics";
import { notFound } from "../server/http.server";
import { requireUser } from "../server/session.server";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  const db = getDb();
  const allowed = canSeeLoopCalendar(db, parsed.data.id, user);
  if (!allowed) throw notFound();
  const setup = getLoopSetup(db, parsed.data.id);
  if (!setup) throw notFound();
  const origin = new URL(request.url).origin;
  const candidate = setup.candidate.name;
  const organizer = setup.loop.recruiter
    ? { name: setup.loop.recruiter.name, email: setup.loop.recruiter.email }
    : null;
  const events: IcsEvent[] = setup.interviews
    .filter((iv) => iv.scheduledAt !== null)
    .map((iv, i) => ({
      uid: `${iv.id}@archpanel`,
      start: iv.scheduledAt!,
      durationMinutes: iv.durationMinutes,
      summary: `Interview ${i + 1}: ${iv.exerciseTitle} — ${candidate}`,
      description: [
        `${setup.rubricVersion.rubricName} v${setup.rubricVersion.version} · ${iv.exerciseTitle} (${iv.durationMinutes} min)`,
        `Hiring manager: ${setup.loop.hiringManager.name}`,
        `Panel: ${
          iv.panelists
            .filter((p) => p.status !== "recused")
            .map((p) => p.name)
            .join(", ") || "not assigned yet"
        }`,
        `Scorecards: ${origin}/interviews`,
      ].join("\n"),
      url: `${origin}/interviews`,
      organizer,
      attendees: iv.panelists
        .filter((p) => p.status !== "recused" && p.active)
        .map((p) => ({ name: p.name, email: p.email })),
      cancelled: setup.loop.status === "withdrawn",
      // calendar apps replace an event when its sequence grows: the loop's last change is monotonic
      sequence: Math.max(0, Math.floor((setup.loop.updatedAt - setup.loop.createdAt) / 1000)),
    }));
  const body = buildIcs({ name: `Interview loop — ${candidate}`, stamp: setup.loop.updatedAt, events });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(candidate)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
