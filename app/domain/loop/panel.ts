/**
 * An interview's panel: how many people may sit on it. Pure; no IO.
 */
import type { ScorecardStatus } from "../vocabulary";

/** At most this many panelists (not counting recused ones) on one interview. */
export const MAX_PANELISTS_PER_INTERVIEW = 3;

/** Panelists who count towards the cap: a recused panelist's seat can be given to someone else. */
export function seatedCount(panelists: readonly { status: ScorecardStatus }[]): number {
  return panelists.filter((p) => p.status !== "recused").length;
}

/** true when nobody else can be added to the interview. */
export function panelIsFull(panelists: readonly { status: ScorecardStatus }[]): boolean {
  return seatedCount(panelists) >= MAX_PANELISTS_PER_INTERVIEW;
}
