/**
 * The loop lifecycle: planning → scheduled → in progress → debrief → decided, or withdrawn.
 * Pure: which moves exist, which the setup page may offer, and what blocks a move.
 */
import { LOOP_STATUS_LABELS, type LoopStatus, type PanelRole, type ScorecardStatus } from "../vocabulary";
import { countsForPanel } from "./panel";

/** Every valid move. "decided → debrief" is reopening a decision (review page, decision-maker only). */
export const LOOP_TRANSITIONS: Readonly<Record<LoopStatus, readonly LoopStatus[]>> = {
  planning: ["scheduled", "withdrawn"],
  scheduled: ["planning", "in_progress", "withdrawn"],
  in_progress: ["debrief", "withdrawn"],
  // back to "in progress" when the panel needs one more interview before deciding
  debrief: ["decided", "in_progress", "withdrawn"],
  decided: ["debrief"],
  withdrawn: ["planning"],
};

/** true when `from → to` is a move of the lifecycle. */
export function canTransition(from: LoopStatus, to: LoopStatus): boolean {
  return LOOP_TRANSITIONS[from].includes(to);
}

/**
 * The moves a recruiter may make from the setup page: every valid move except those into or out
 * of "decided", which belong to the hiring manager's decision on the review page.
 *
 * @example setupTransitions("debrief") // ["in_progress", "withdrawn"]
 */
export function setupTransitions(from: LoopStatus): LoopStatus[] {
  if (from === "decided") return [];
  return LOOP_TRANSITIONS[from].filter((to) => to !== "decided");
}

/** Button label for a move, phrased as what the recruiter does. */
export function transitionLabel(from: LoopStatus, to: LoopStatus): string {
  if (to === "withdrawn") return "Withdraw loop";
  if (from === "withdrawn" && to === "planning") return "Reopen in planning";
  if (from === "scheduled" && to === "planning") return "Back to planning";
  if (from === "debrief" && to === "in_progress") return "Back to interviews";
  if (to === "scheduled") return "Mark as scheduled";
  if (to === "in_progress") return "Start interviews";
  if (to === "debrief") return "Move to debrief";
  return `Move to ${LOOP_STATUS_LABELS[to].toLowerCase()}`;
}

export interface TransitionFacts {
  interviewCount: number;
  /** interviews that have no date and time yet */
  unscheduledInterviewCount: number;
  /** dimension names no active, non-recused panelist assesses (coverage blockers) */
  uncoveredDimensions: string[];
  /** scorecards that count (not recused), and how many of them are not submitted yet */
  scorecardCount: number;
  outstandingScorecardCount: number;
}

/**
 * The facts `transitionBlockers` weighs, from a loop's interviews and its coverage report, so the
 * setup page shows exactly the blockers the move itself would hit.
 */
export function transitionFacts(
  interviews: readonly {
    scheduledAt: number | null;
    panelists: readonly { status: ScorecardStatus; panelRole?: PanelRole }[];
  }[],
  uncoveredDimensions: readonly string[],
): TransitionFacts {
  // trainees' scorecards are never outstanding: the loop does not wait for them
  const counted = interviews.flatMap((iv) => iv.panelists).filter((p) => p.status !== "recused" && countsForPanel(p));
  return {
    interviewCount: interviews.length,
    unscheduledInterviewCount: interviews.filter((iv) => iv.scheduledAt === null).length,
    uncoveredDimensions: [...uncoveredDimensions],
    scorecardCount: counted.length,
    outstandingScorecardCount: counted.filter((p) => p.status === "draft").length,
  };
}

/**
 * What the recruiter should know before `from → to` that does not stop it (they confirm): moving
 * to debrief while scorecards are outstanding means the panel discusses without them, and
 * panelists who have not submitted can no longer be reminded by the overdue list as usual.
 *
 * @example transitionWarnings("in_progress", "debrief", { …, scorecardCount: 8, outstandingScorecardCount: 6 })
 * // ["6 of 8 scorecards are not submitted yet. …"]
 */
export function transitionWarnings(from: LoopStatus, to: LoopStatus, facts: TransitionFacts): string[] {
  if (to !== "debrief" || from === "decided" || facts.outstandingScorecardCount === 0) return [];
  const n = facts.outstandingScorecardCount;
  return [
    `${n} of ${facts.scorecardCount} scorecard${facts.scorecardCount === 1 ? " is" : "s are"} not submitted yet. ` +
      `The debrief would start without ${n === 1 ? "it" : "them"}: the hiring manager sees only the submitted ones.`,
  ];
}

/**
 * What stops `from → to`, as sentences for the recruiter; empty when the move may happen.
 * A loop cannot be scheduled without interviews, with an interview that has no time, or with a
 * dimension nobody assesses.
 */
export function transitionBlockers(from: LoopStatus, to: LoopStatus, facts: TransitionFacts): string[] {
  if (from === to) return [`The loop is already ${LOOP_STATUS_LABELS[to].toLowerCase()}.`];
  if (!canTransition(from, to)) {
    return [
      `A loop cannot move from ${LOOP_STATUS_LABELS[from].toLowerCase()} to ${LOOP_STATUS_LABELS[to].toLowerCase()}.`,
    ];
  }
  const problems: string[] = [];
  if (to === "scheduled") {
    if (facts.interviewCount === 0) problems.push("Add at least one interview before scheduling.");
    if (facts.unscheduledInterviewCount > 0) {
      problems.push(
        facts.unscheduledInterviewCount === 1
          ? "One interview has no date and time yet."
          : `${facts.unscheduledInterviewCount} interviews have no date and time yet.`,
      );
    }
    for (const name of facts.uncoveredDimensions) problems.push(`Nobody on the panel assesses “${name}”.`);
  }
  return problems;
}

/** Statuses in which the panel, interviews and hiring manager can still be changed. */
export function isConfigurable(status: LoopStatus): boolean {
  return status !== "decided" && status !== "withdrawn";
}

/**
 * Weights are frozen once the debrief starts, so nobody tunes the composite score after
 * seeing the panel's ratings.
 */
export function weightsEditable(status: LoopStatus): boolean {
  return status === "planning" || status === "scheduled" || status === "in_progress";
}

/** The happy path, for drawing the lifecycle stepper. */
export const LIFECYCLE: readonly LoopStatus[] = ["planning", "scheduled", "in_progress", "debrief", "decided"];

/** Statuses from which a hiring decision can be recorded (the lifecycle: debrief → decided). */
export const DECIDABLE_STATUSES: readonly LoopStatus[] = ["debrief"];
/**
 * A step forward along the lifecycle (reopening a withdrawn loop counts as one), drawn as the main
 * action; steps back and withdrawing are secondary.
 *
 * @example isForwardMove("planning", "scheduled") // true
 * @example isForwardMove("scheduled", "planning") // false
 */
export function isForwardMove(from: LoopStatus, to: LoopStatus): boolean {
  return LIFECYCLE.indexOf(to) > LIFECYCLE.indexOf(from) || (from === "withdrawn" && to === "planning");
}
