import { getDb } from "../../db/client.server";
import type { PublicUser } from "../../db/queries/people/users.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import type { LoopReview } from "../../db/queries/review/loop-review.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { seesCalibration } from "../domain/review/access";

import { notFound } from "./http.server";
import { idParam } from "./params.server";
import { requireUser } from "./session.server";

export interface LoopFeedback {
  user: PublicUser;
  loop: ReturnType<typeof requireLoopFeedbackAccess>;
  review: LoopReview;
  /** whether the review carries the interviewer calibration (the hiring manager's and staff's view) */
  calibration: boolean;
}

/**
 * The guard and load shared by everything that shows a loop's panel feedback (the review page,
 * packet.pdf, packet.json, ratings.csv): 401 or login for anonymous visitors, 404 for a loop that
 * is unknown or unrelated, 403 for a panelist who has not submitted yet (independence rule).
 * `calibration: "never"` leaves the calibration out even for those who may see it.
 */
export function requireLoopFeedback(
  request: Request,
  params: Record<string, string | undefined>,
  opts: { calibration: "when-allowed" | "never" },
): LoopFeedback {
  const user = requireUser(request);
  const id = idParam(params);
  const db = getDb();
  const loop = requireLoopFeedbackAccess(db, id, user);
  const calibration = opts.calibration === "when-allowed" && seesCalibration(user, loop);
  const review = getLoopReview(db, id, { includeCalibration: calibration });
  if (!review) throw notFound();
  return { user, loop, review, calibration };
}
