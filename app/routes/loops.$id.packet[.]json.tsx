import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { getLoopReview, seesCalibration } from "../../db/queries/review/review.server";
import { notFound } from "../server/http.server";
import { requireUser } from "../server/session.server";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * GET /loops/:id/packet.json — the loop facts and the aggregation result, for ATS integrations.
 * Same authorization as the review page (401 anonymous, 404 unrelated, 403 before one's own submission).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  const id = parsed.data.id;
  const db = getDb();
  const loop = requireLoopFeedbackAccess(db, id, user);
  const review = getLoopReview(db, id, { includeCalibration: seesCalibration(user, loop) });
  if (!review) throw notFound();
  const body = JSON.stringify({ schemaVersion: 1, loop: review.facts, aggregate: review.aggregate }, null, 2);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
