/**
 * An interview's panel: how many people may sit on it, and the trainees' seats (shadow, reverse
 * shadow). Pure; no IO.
 */
import type { PanelRole, ScorecardStatus } from "../vocabulary";

/** At most this many full panelists (not counting recused ones or trainees) on one interview. */
export const MAX_PANELISTS_PER_INTERVIEW = 3;

/** At most this many trainees (shadow or reverse shadow) on one interview: one learner per room. */
export const MAX_TRAINEES_PER_INTERVIEW = 1;

interface Seat {
  status: ScorecardStatus;
  /** missing means a full panelist (rows from before trainees existed) */
  panelRole?: PanelRole;
}

/** A trainee's seat: their ratings never count toward the panel's feedback. */
export function isTraineeRole(role: PanelRole | undefined): boolean {
  return role === "shadow" || role === "reverse_shadow";
}

/** Whether a scorecard is part of the panel's feedback once submitted: full panelists' only. */
export function countsForPanel(seat: { panelRole?: PanelRole }): boolean {
  return !isTraineeRole(seat.panelRole);
}

/** Full panelists who count towards the cap: a recused panelist's seat can be given to someone else. */
export function seatedCount(panelists: readonly Seat[]): number {
  return panelists.filter((p) => p.status !== "recused" && countsForPanel(p)).length;
}

/** true when no other full panelist can be added to the interview. */
export function panelIsFull(panelists: readonly Seat[]): boolean {
  return seatedCount(panelists) >= MAX_PANELISTS_PER_INTERVIEW;
}

/** Trainees seated on the interview (a recused trainee's seat is free again). */
export function traineeCount(panelists: readonly Seat[]): number {
  return panelists.filter((p) => p.status !== "recused" && isTraineeRole(p.panelRole)).length;
}

/**
 * Why `name` may not take a seat as `role` on an interview, or null when they may. `panelists` are
 * the interview's seats; `otherRolesOnLoop` the roles the person already holds elsewhere on the loop.
 *
 * - A full seat needs room under {@link MAX_PANELISTS_PER_INTERVIEW}.
 * - A trainee needs a full panelist already on the interview (in a shadow they lead; in a reverse
 *   shadow they observe and their ratings are the ones that count), and at most
 *   {@link MAX_TRAINEES_PER_INTERVIEW} trainee per interview.
 * - A person is a trainee or a full panelist on a loop, not both: a trainee who also counted would
 *   see the panel's feedback (full panelists do) and carry it into their practice scoring.
 *
 * @example panelRoleRefusal({ name: "Tomás", role: "shadow", panelists: [], otherRolesOnLoop: [] })
 * // "Add the full panelist first: …"
 */
export function panelRoleRefusal(input: {
  name: string;
  role: PanelRole;
  panelists: readonly Seat[];
  otherRolesOnLoop: readonly PanelRole[];
}): string | null {
  const { name, role, panelists, otherRolesOnLoop } = input;
  const trainee = isTraineeRole(role);
  if (otherRolesOnLoop.some((r) => isTraineeRole(r) !== trainee)) {
    return trainee
      ? `${name} is a full panelist on this loop, so they cannot also be a trainee on it.`
      : `${name} is a trainee on this loop, so they cannot also be a full panelist on it.`;
  }
  if (!trainee) {
    return panelIsFull(panelists) ? `An interview has at most ${MAX_PANELISTS_PER_INTERVIEW} panelists.` : null;
  }
  if (seatedCount(panelists) === 0) {
    return "Add the full panelist first: a trainee's ratings never count, so the interview needs a full panelist's.";
  }
  if (traineeCount(panelists) >= MAX_TRAINEES_PER_INTERVIEW) {
    return `An interview has at most ${MAX_TRAINEES_PER_INTERVIEW} trainee.`;
  }
  return null;
}

/**
 * Why the full panelist `seat` may not be taken off, or null: the last full panelist stays while a
 * trainee sits on the interview (nobody's ratings would count for it).
 */
export function removalRefusal(
  seat: Seat & { scorecardId: string },
  panelists: readonly (Seat & { scorecardId: string })[],
): string | null {
  if (isTraineeRole(seat.panelRole) || seat.status === "recused") return null;
  const remaining = panelists.filter((p) => p.scorecardId !== seat.scorecardId);
  if (traineeCount(remaining) > 0 && seatedCount(remaining) === 0) {
    return "Take the trainee off first: without a full panelist nobody's ratings would count for this interview.";
  }
  return null;
}
