/**
 * Where an assignment belongs on "My interviews", the interviewer's home. Apart from the scorecard's
 * rules (./rules.ts) so that the list page does not share them with the scorecard page: the browser
 * build would make the rules a chunk of their own (README, Decisions, "One chunk for the UI
 * primitives"). Pure; no IO.
 */
import type { LoopStatus, ScorecardStatus } from "../vocabulary";
export type AssignmentBucket =
  "in_progress" | "overdue" | "today" | "upcoming" | "unscheduled" | "submitted" | "recused" | "closed";

export interface AssignmentFacts {
  status: ScorecardStatus;
  scheduledAt: number | null;
  durationMinutes: number;
  /** something saved (version > 0) or the timer has run */
  started: boolean;
  loopStatus: LoopStatus;
}

/**
 * Where an assignment belongs on the interviewer's home. `dayEnd` is the end of the viewer's
 * current day (epoch ms; the browser supplies its own time zone's).
 *
 * - overdue: the interview has ended and the scorecard is not submitted
 * - in progress: the interview is happening now, or a draft has been started and has not ended
 * - today / upcoming: not started, scheduled before / after the end of today
 * - closed: the loop was decided or withdrawn before this draft was submitted
 */
export function assignmentBucket(a: AssignmentFacts, clock: { now: number; dayEnd: number }): AssignmentBucket {
  if (a.status === "submitted") return "submitted";
  if (a.status === "recused") return "recused";
  if (a.loopStatus === "decided" || a.loopStatus === "withdrawn") return "closed";
  if (a.scheduledAt === null) return a.started ? "in_progress" : "unscheduled";
  const end = a.scheduledAt + a.durationMinutes * 60_000;
  if (clock.now >= end) return "overdue";
  if (clock.now >= a.scheduledAt || a.started) return "in_progress";
  return a.scheduledAt < clock.dayEnd ? "today" : "upcoming";
}
