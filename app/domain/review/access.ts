import type { Role, ScorecardStatus } from "../vocabulary";

/**
 * Who may see a loop's panel feedback (other panelists' scorecards, ratings, notes, aggregates,
 * packet, exports). Independence rule: anyone assigned as a panelist on the loop sees nothing of
 * the others until every one of their own (non-recused) scorecards on the loop is submitted —
 * whatever their role, so a hiring manager who also interviews is not anchored either.
 *
 * - "full": may see the panel's feedback.
 * - "pending_own_submission": a panelist who has not submitted yet (403).
 * - "none": not related to the loop (404, so ids do not leak).
 */
export type LoopFeedbackAccess = "full" | "pending_own_submission" | "none";

export interface LoopAccessFacts {
  user: { id: string; role: Role };
  hiringManagerId: string;
  recruiterId: string | null;
  /** the user's own scorecards on this loop */
  ownScorecards: { status: ScorecardStatus }[];
}

export function loopFeedbackAccess(f: LoopAccessFacts): LoopFeedbackAccess {
  const pending = f.ownScorecards.some((s) => s.status === "draft");
  const isPanelist = f.ownScorecards.length > 0;
  if (pending) return "pending_own_submission";
  if (f.user.role === "admin" || f.user.role === "recruiter") return "full";
  if (f.user.id === f.hiringManagerId) return "full";
  if (isPanelist) return "full";
  return "none";
}

/** Who may configure a loop (candidates, interviews, panel, weights, status). */
export function canConfigureLoops(role: Role): boolean {
  return role === "admin" || role === "recruiter";
}

/** Who may record or reopen the hiring decision: the loop's hiring manager, or an admin. */
export function canDecide(f: { user: { id: string; role: Role }; hiringManagerId: string }): boolean {
  return f.user.role === "admin" || f.user.id === f.hiringManagerId;
}

/** Who may see interviewer calibration (who rates leniently or severely): staff and the loop's hiring manager. */
export function seesCalibration(user: { id: string; role: Role }, loop: { hiringManagerId: string }): boolean {
  return user.role === "admin" || user.role === "recruiter" || user.id === loop.hiringManagerId;
}
