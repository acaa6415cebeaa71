import type { LoaderFunctionArgs } from "@remix-run/node";

import { packetContentDisposition } from "../domain/packet/model";
import { getDb } from "../../db/client.server";
import { cachedPacket } from "../pdf/packet-cache.server";
import { packetArtifacts } from "../server/artifacts.server";
import { fileResponse } from "../server/download.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";

/**
 * GET /loops/:id/packet.pdf — the hiring packet as a PDF download. Same authorization as the review
 * page (401 anonymous, 404 unknown or unrelated, 403 before one's own submission). The packet renders
 * the aggregation result of getLoopReview; it never recomputes a score. Rendered once per distinct
 * content (app/pdf/packet-cache.server.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { review, calibration } = requireLoopFeedback(request, params, { calibration: "when-allowed" });
  const pdf = await cachedPacket(review.aggregate, review.facts, review.rubric, {
    calibrationWithheld: !calibration,
    artifacts: packetArtifacts(getDb(), review),
    // "Generated" is when this file was rendered: now, or when the cached copy of the same content was;
    // "Data as of" comes from the data. The cache key (the fingerprint) leaves the generation time out.
    generatedAt: Date.now(),
  });
  return fileResponse(new Uint8Array(pdf), {
    contentType: "application/pdf",
    contentDisposition: packetContentDisposition(review.facts.candidate.name),
  });
}
