import type { LoaderFunctionArgs } from "@remix-run/node";

import { fileResponse } from "../server/download.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";

/**
 * GET /loops/:id/packet.json — the loop facts and the aggregation result, for ATS integrations.
 * Same authorization as the review page (401 anonymous, 404 unrelated, 403 before one's own submission).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review } = requireLoopFeedback(request, params, { calibration: "when-allowed" });
  const body = JSON.stringify({ schemaVersion: 1, loop: review.facts, aggregate: review.aggregate }, null, 2);
  return fileResponse(body, { contentType: "application/json; charset=utf-8" });
}
