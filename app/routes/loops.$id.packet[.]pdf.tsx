import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { getLoopReview, seesCalibration } from "../../db/queries/review/review.server";
import { packetContentDisposition } from "../domain/packet/model";
import { renderPacket } from "../pdf/packet.server";
import { notFound } from "../server/http.server";
import { requireUser } from "../server/session.server";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * GET /loops/:id/packet.pdf — the hiring packet as a PDF download. Same authorization as the review
 * page (401 anonymous, 404 unknown or unrelated, 403 before one's own submission). The packet renders
 * the aggregation result of getLoopReview; it never recomputes a score.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  const id = parsed.data.id;
  const db = getDb();
  const loop = requireLoopFeedbackAccess(db, id, user);
  const calibration = seesCalibration(user, loop);
  const review = getLoopReview(db, id, { includeCalibration: calibration });
  if (!review) throw notFound();
  const pdf = await renderPacket(review.aggregate, review.facts, review.rubric, { calibrationWithheld: !calibration });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": packetContentDisposition(review.facts.candidate.name),
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
