import type { LoaderFunctionArgs } from "@remix-run/node";

import { CSV_BOM, csvFileSlug, ratingsCsvRows, toCsv } from "../domain/review/ratings-csv";
import { attachment, fileResponse } from "../server/download.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";

/** GET /loops/:id/ratings.csv — one row per rating of every submitted scorecard (same authorization as the review page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review } = requireLoopFeedback(request, params, { calibration: "never" });
  const csv = CSV_BOM + toCsv(ratingsCsvRows(review.aggregate, review.facts));
  return fileResponse(csv, {
    contentType: "text/csv; charset=utf-8",
    contentDisposition: attachment(`ratings-${csvFileSlug(review.facts.candidate.name)}.csv`),
  });
}
