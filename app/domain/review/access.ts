import { isTraineeRole } from "../loop/panel";
import type { PanelRole, Role, ScorecardStatus } from "../vocabulary";

/**
 * Who may see a loop's panel feedback (other panelists' scorecards, ratings, notes, aggregates,
 * packet, exports). Whatever their role (admins, recruiters and the loop's hiring manager too),
 * a panelist on the loop:
 * - sees nothing of the others until every one of their own scorecards on the loop is submitted
 *   (independence: no anchoring before one's own judgement is in);
 * - never sees it once they recused on any interview of the loop (they declared they should not
 *   judge the candidate; a recusal is final, see recusal.server.ts), even with a scorecard
 *   submitted on another interview;
 * - never sees it while they sit on the loop as a trainee (shadow or reverse shadow), submitted or
 *   not, before the decision or after: a trainee scores to learn how their judgement compares, so
 *   the panel's ratings must not anchor them, and their view of the loop must not leak the panel's
 *   deliberation. Once the loop is decided they see their own comparison instead (review/shadow.ts).
 *
 * - "full": may see the panel's feedback.
 * - "recused": declared a conflict of interest on the loop (403).
 * - "pending_own_submission": a panelist who has not submitted yet (403).
 * - "trainee": sits on the loop as a shadow or reverse shadow (403).
 * - "none": not related to the loop (404, so ids do not leak).
 *
 * The hiring manager of the loop's search (the requisition) counts as a hiring manager of every loop
 * in it, so they can benchmark the search's candidates against each other; deciding stays with the
 * loop's own hiring manager (canDecide).
 */
export type LoopFeedbackAccess = "full" | "recused" | "pending_own_submission" | "trainee" | "none";

export interface LoopAccessFacts {
  user: { id: string; role: Role };
  hiringManagerId: string;
  /** the hiring manager of the search the loop belongs to (null: no search) */
  searchHiringManagerId?: string | null;
  recruiterId: string | null;
  /** the user's own scorecards on this loop (a missing role is a full panelist's) */
  ownScorecards: { status: ScorecardStatus; panelRole?: PanelRole }[];
}

export function loopFeedbackAccess(f: LoopAccessFacts): LoopFeedbackAccess {
  if (f.ownScorecards.some((s) => s.status === "recused")) return "recused";
  if (f.ownScorecards.some((s) => s.status === "draft")) return "pending_own_submission";
  if (f.ownScorecards.some((s) => isTraineeRole(s.panelRole))) return "trainee";
  const isPanelist = f.ownScorecards.length > 0;
  if (f.user.role === "admin" || f.user.role === "recruiter") return "full";
  if (managesLoop(f.user, f)) return "full";
  if (isPanelist) return "full";
  return "none";
}

/** Whether `user` is the loop's hiring manager or the hiring manager of its search. */
export function managesLoop(
  user: { id: string },
  loop: { hiringManagerId: string; searchHiringManagerId?: string | null },
): boolean {
  return user.id === loop.hiringManagerId || (!!loop.searchHiringManagerId && user.id === loop.searchHiringManagerId);
}

/** Who may configure a loop (candidates, interviews, panel, weights, status). */
export function canConfigureLoops(role: Role): boolean {
  return role === "admin" || role === "recruiter";
}

/** Who may record or reopen the hiring decision: the loop's hiring manager, or an admin. */
export function canDecide(f: { user: { id: string; role: Role }; hiringManagerId: string }): boolean {
  return f.user.role === "admin" || f.user.id === f.hiringManagerId;
}

/**
 * Who may see interviewer calibration (who rates leniently or severely): staff, the loop's hiring
 * manager and its search's.
 */
export function seesCalibration(
  user: { id: string; role: Role },
  loop: { hiringManagerId: string; searchHiringManagerId?: string | null },
): boolean {
  return user.role === "admin" || user.role === "recruiter" || managesLoop(user, loop);
}
