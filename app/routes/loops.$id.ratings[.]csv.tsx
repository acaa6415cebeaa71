import type { LoaderFunctionArgs } from "@remix-run/node";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { getLoopReview } from "../../db/queries/review/review.server";
import { CSV_BOM, csvFileSlug, ratingsCsvRows, toCsv } from "../domain/review/ratings-csv";
import { notFound } from "../server/http.server";
import { requireUser } from "../server/session.server";

const paramsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** GET /loops/:id/ratings.csv — one row per rating of every submitted scorecard (same authorization as the review page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  const id = parsed.data.id;
  const db = getDb();
  requireLoopFeedbackAccess(db, id, user);
  const review = getLoopReview(db, id, { includeCalibration: false });
  if (!review) throw notFound();
  const csv = CSV_BOM + toCsv(ratingsCsvRows(review.aggregate, review.facts));
  const filename = `ratings-${csvFileSlug(review.facts.candidate.name)}.csv`;
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
