/**
 * What a search is and which loops may join it. Pure; no IO.
 *
 * A search (requisition) hires for one role on one rubric family; its hiring manager sees every loop
 * of it like the loop's own hiring manager (app/domain/review/access.ts). A closed search takes no
 * new loops; the loops it has carry on.
 */
import type { LoopStatus, Role } from "../vocabulary";

export type SearchState = "open" | "closed";

export function searchState(s: { closedAt: number | null }): SearchState {
  return s.closedAt === null ? "open" : "closed";
}

export const SEARCH_STATE_LABELS: Record<SearchState, string> = { open: "Open", closed: "Closed" };

/** Who opens, closes and reopens searches, and sees the search pages: recruiters and admins. */
export function canManageSearches(role: Role): boolean {
  return role === "admin" || role === "recruiter";
}

export type Verdict = { ok: true } | { ok: false; status: 400 | 409; message: string };

/**
 * Whether a new loop on a version of `rubricId` may join `search`: the search is open and hires
 * on the same rubric.
 *
 * @example loopMayJoin({ closedAt: 1, rubricId: "r", title: "Lead" }, "r").ok // false: closed
 */
export function loopMayJoin(
  search: { closedAt: number | null; rubricId: string; title: string },
  rubricId: string,
): Verdict {
  if (search.closedAt !== null)
    return { ok: false, status: 409, message: `“${search.title}” is closed: reopen it or choose an open search.` };
  if (search.rubricId !== rubricId)
    return {
      ok: false,
      status: 400,
      message: `“${search.title}” hires on another rubric: choose a version of its rubric, or another search.`,
    };
  return { ok: true };
}

/** Whether the search may move to `to`: closing an open one, reopening a closed one. */
export function stateChange(s: { closedAt: number | null }, to: "close" | "reopen"): Verdict {
  if (to === "close" && s.closedAt !== null)
    return { ok: false, status: 409, message: "This search is already closed." };
  if (to === "reopen" && s.closedAt === null)
    return { ok: false, status: 409, message: "This search is already open." };
  return { ok: true };
}

/** Loops that count as the search's candidates: every loop but a withdrawn one. */
export function countsAsCandidate(status: LoopStatus): boolean {
  return status !== "withdrawn";
}

export interface SearchCounts {
  /** loops not withdrawn */
  candidates: number;
  /** loops with a decision */
  decided: number;
  /** loops decided as hire */
  hired: number;
}

/**
 * The counts the search list shows, from its loops.
 *
 * @example searchCounts([{ status: "decided", decision: "hire" }, { status: "withdrawn", decision: null }])
 * // { candidates: 1, decided: 1, hired: 1 }
 */
export function searchCounts(loops: readonly { status: LoopStatus; decision: string | null }[]): SearchCounts {
  let candidates = 0;
  let decided = 0;
  let hired = 0;
  for (const l of loops) {
    if (!countsAsCandidate(l.status)) continue;
    candidates++;
    if (l.status === "decided") decided++;
    if (l.status === "decided" && l.decision === "hire") hired++;
  }
  return { candidates, decided, hired };
}

/** The default title of a search opened for a loop: the role, and whose search it is. */
export function defaultSearchTitle(roleTitle: string, hiringManagerName: string): string {
  return `${roleTitle} (${hiringManagerName})`;
}

/**
 * The search a new loop joins when the recruiter leaves the choice to us: the most recently opened
 * open search of the same rubric managed by the loop's hiring manager; null means open a new one.
 */
export function matchSearch<
  T extends { closedAt: number | null; rubricId: string; hiringManagerId: string; openedAt: number },
>(searches: readonly T[], loop: { rubricId: string; hiringManagerId: string }): T | null {
  let best: T | null = null;
  for (const s of searches) {
    if (s.closedAt !== null || s.rubricId !== loop.rubricId || s.hiringManagerId !== loop.hiringManagerId) continue;
    if (!best || s.openedAt > best.openedAt) best = s;
  }
  return best;
}
