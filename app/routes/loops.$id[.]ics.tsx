// GET /loops/:id.ics — the loop's schedule as an iCalendar file: one event per scheduled interview,
// its panelists (not recused) as attendees. Recruiters, admins, the hiring manager and the loop's
// panelists may download it; anyone else gets a 404 (ids do not leak).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/client.server";
import { canSeeLoopCalendar, getLoopSetup } from "../../db/queries/loop/setup.server";
import { loopCalendar } from "../domain/loop/calendar";
import { buildIcs, icsFileName } from "../domain/loop/ics";
import { attachment, fileResponse } from "../server/download.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireUser } from "../server/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params);
  const db = getDb();
  if (!canSeeLoopCalendar(db, id, user)) throw notFound();
  const setup = getLoopSetup(db, id);
  if (!setup) throw notFound();
  const body = buildIcs(loopCalendar(setup, new URL(request.url).origin));
  return fileResponse(body, {
    contentType: "text/calendar; charset=utf-8",
    contentDisposition: attachment(icsFileName(setup.candidate.name)),
  });
}
