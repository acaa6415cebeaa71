import type { LoaderFunctionArgs } from "@remix-run/node";

import { packetContentDisposition } from "../domain/packet/model";
import { renderPacket } from "../pdf/packet.server";
import { fileResponse } from "../server/download.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";

/**
 * GET /loops/:id/packet.pdf — the hiring packet as a PDF download. Same authorization as the review
 * page (401 anonymous, 404 unknown or unrelated, 403 before one's own submission). The packet renders
 * the aggregation result of getLoopReview; it never recomputes a score.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review, calibration } = requireLoopFeedback(request, params, { calibration: "when-allowed" });
  const pdf = await renderPacket(review.aggregate, review.facts, review.rubric, {
    calibrationWithheld: !calibration,
    // "Generated" is the time of this request; "Data as of" comes from the data.
    generatedAt: Date.now(),
  });
  return fileResponse(new Uint8Array(pdf), {
    contentType: "application/pdf",
    contentDisposition: packetContentDisposition(review.facts.candidate.name),
  });
}
