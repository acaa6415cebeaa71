/**
 * The debrief meeting's rules: which items the panel steps through and in what order, who may run
 * and join it, who is asked first, when ratings are shown, and the per-item clock. Pure; no IO.
 * The queries (db/queries/debrief) load the state, apply a command here and write what changed.
 */
import type { LoopAggregate } from "../review/types";
import type { RubricContent } from "../rubric/model";
import type { DebriefItemKind, DebriefRole, Role, ScorecardStatus } from "../vocabulary";

// ------------------------------------------------------------------ items and their order

/** Minutes the panel means to spend on one item; the timer shows when it runs over. */
export const DEBRIEF_ITEM_MINUTES = 5;
export const RED_FLAGS_ITEM_KEY = "red_flags";

export interface DebriefItemPlan {
  kind: DebriefItemKind;
  /** the dimension key, or {@link RED_FLAGS_ITEM_KEY} */
  key: string;
  title: string;
}

/**
 * The debrief's items, in the order the panel discusses them:
 *  1. the raised red flags (one item, dealbreakers first), when any were raised;
 *  2. the rubric's must-have dimensions (rubric order);
 *  3. the other dimensions in the order the debrief agenda first names them (dealbreakers,
 *     disagreements, below bar, thin evidence: app/domain/review/agenda.ts);
 *  4. the remaining dimensions in rubric order.
 * Only dimensions someone rated (or marked not assessed) on a submitted scorecard are items.
 *
 * @example
 * planDebriefItems(aggregate, rubric).map((i) => i.key)
 * // ["red_flags", "ml_system_architecture", "cloud_platform", "communication"]
 */
export function planDebriefItems(
  aggregate: Pick<LoopAggregate, "dimensions" | "redFlags" | "agenda">,
  rubric: Pick<RubricContent, "dimensions" | "decisionRule">,
): DebriefItemPlan[] {
  const rated = aggregate.dimensions.filter((d) => d.ratings.length > 0);
  const rubricOrder = new Map(rubric.dimensions.map((d, i) => [d.key, i]));
  const mustHave = new Set(rubric.decisionRule?.mustHaveDimensionKeys ?? []);
  const agendaRank = new Map<string, number>();
  aggregate.agenda.forEach((item, i) => {
    if (item.dimensionKey && !agendaRank.has(item.dimensionKey)) agendaRank.set(item.dimensionKey, i);
  });
  const rank = (key: string): [number, number] => {
    const inRubric = rubricOrder.get(key) ?? Number.MAX_SAFE_INTEGER;
    if (mustHave.has(key)) return [0, inRubric];
    const onAgenda = agendaRank.get(key);
    return onAgenda === undefined ? [2, inRubric] : [1, onAgenda];
  };
  const dimensions = [...rated].sort((a, b) => {
    const [ga, oa] = rank(a.key);
    const [gb, ob] = rank(b.key);
    return ga - gb || oa - ob;
  });
  return [
    ...(aggregate.redFlags.length > 0
      ? [{ kind: "red_flags" as const, key: RED_FLAGS_ITEM_KEY, title: "Red flags" }]
      : []),
    ...dimensions.map((d) => ({ kind: "dimension" as const, key: d.key, title: d.name })),
  ];
}

// ------------------------------------------------------------------ who runs, who joins

interface LoopPeople {
  user: { id: string; role: Role };
  hiringManagerId: string;
}

/** Who may start and run the debrief: the loop's hiring manager, a recruiter or an admin. */
export function canFacilitate(f: LoopPeople): boolean {
  return f.user.role === "admin" || f.user.role === "recruiter" || f.user.id === f.hiringManagerId;
}

/**
 * The role someone joins the debrief in, or null when they may not join. Call only for people who
 * may see the loop's feedback (a panelist still drafting never gets here: 403). A panelist joins
 * once they have submitted; someone who only recused has a conflict of interest and stays out.
 * The hiring manager, recruiters and admins may join without a scorecard, as observers.
 *
 * @example joinRole({ user, hiringManagerId, ownScorecards: [{ status: "submitted" }], facilitatorId }) // "panelist"
 */
export function joinRole(
  f: LoopPeople & { ownScorecards: readonly { status: ScorecardStatus }[]; facilitatorId: string | null },
): DebriefRole | null {
  if (f.user.id === f.facilitatorId) return "facilitator";
  if (f.ownScorecards.some((s) => s.status === "submitted")) return "panelist";
  if (f.ownScorecards.some((s) => s.status === "recused")) return null;
  return canFacilitate(f) ? "observer" : null;
}

// ------------------------------------------------------------------ ask first

/** How experienced an interviewer is: the measure of "junior" for the speaking order. */
export interface InterviewerExperience {
  /** submitted scorecards on any loop */
  submittedScorecards: number;
  /** when the account was created (epoch ms): later is more junior */
  memberSince: number;
}

export interface Speaker {
  id: string;
  name: string;
}

/**
 * Most junior first: fewest submitted scorecards, then the most recent account, then name and
 * id (so the order never depends on input order). Unknown experience counts as the most junior.
 */
export function compareJuniority(
  a: Speaker,
  b: Speaker,
  experience: ReadonlyMap<string, InterviewerExperience>,
): number {
  const ea = experience.get(a.id) ?? { submittedScorecards: 0, memberSince: Number.MAX_SAFE_INTEGER };
  const eb = experience.get(b.id) ?? { submittedScorecards: 0, memberSince: Number.MAX_SAFE_INTEGER };
  return (
    ea.submittedScorecards - eb.submittedScorecards ||
    eb.memberSince - ea.memberSince ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Who speaks in which order on one item: the people in the room who rated it (or raised the flag),
 * most junior first so no one anchors on a senior colleague; the facilitator, if among them, last.
 * The first of the list is "ask first".
 *
 * @example speakingOrder(raters, presentIds, experience, facilitatorId)[0]?.name // "Noémie"
 */
export function speakingOrder(
  raters: readonly Speaker[],
  presentIds: ReadonlySet<string>,
  experience: ReadonlyMap<string, InterviewerExperience>,
  facilitatorId: string,
): Speaker[] {
  const unique = new Map<string, Speaker>();
  for (const r of raters) if (presentIds.has(r.id) && !unique.has(r.id)) unique.set(r.id, r);
  return [...unique.values()].sort(
    (a, b) => Number(a.id === facilitatorId) - Number(b.id === facilitatorId) || compareJuniority(a, b, experience),
  );
}

// ------------------------------------------------------------------ stepping, revealing, the clock

export interface DebriefItemState {
  revealedAt: number | null;
  elapsedMs: number;
  conclusion: string;
}

/** The part of a running debrief the facilitator's commands change. */
export interface DebriefState {
  /** 0..items.length - 1 is an item; items.length is the decision step */
  position: number;
  /** server time the current item's clock started */
  currentStartedAt: number;
  items: DebriefItemState[];
}

export type DebriefCommand =
  | { kind: "reveal" }
  | { kind: "note"; conclusion: string; then: "stay" | "next" }
  | { kind: "move"; to: "next" | "previous" };

export type CommandResult = { ok: true; state: DebriefState } | { ok: false; status: 409; message: string };

const refused = (message: string): CommandResult => ({ ok: false, status: 409, message });

/**
 * Applies one facilitator command at server time `now`:
 *  - reveal: shows every rating of the current item at once; only an item not yet revealed;
 *  - note: records what the panel concluded on the current item, then stays or moves on;
 *  - move: one step forward (the last item leads to the decision step) or back.
 * Leaving an item adds the time spent on it to its elapsed time; the next item's clock starts now.
 * A revealed item stays revealed when the panel comes back to it.
 */
export function applyDebriefCommand(state: DebriefState, command: DebriefCommand, now: number): CommandResult {
  const atItem = state.position < state.items.length;
  const current = state.items[state.position];
  switch (command.kind) {
    case "reveal":
      if (!atItem || !current) return refused("There is no item to reveal at the decision step.");
      if (current.revealedAt !== null) return refused("These ratings are already revealed.");
      return ok(withItem(state, state.position, { ...current, revealedAt: now }));
    case "note": {
      if (!atItem || !current) return refused("Notes belong to an item; the decision step has the rationale.");
      const noted = withItem(state, state.position, { ...current, conclusion: command.conclusion });
      return command.then === "next" ? ok(moveTo(noted, state.position + 1, now)) : ok(noted);
    }
    case "move": {
      const to = command.to === "next" ? state.position + 1 : state.position - 1;
      if (to < 0) return refused("This is the first item.");
      if (to > state.items.length) return refused("The debrief is already at the decision.");
      return ok(moveTo(state, to, now));
    }
  }
}

function ok(state: DebriefState): CommandResult {
  return { ok: true, state };
}

function withItem(state: DebriefState, position: number, item: DebriefItemState): DebriefState {
  return { ...state, items: state.items.map((it, i) => (i === position ? item : it)) };
}

function moveTo(state: DebriefState, to: number, now: number): DebriefState {
  const leaving = state.items[state.position];
  const stopped = leaving
    ? withItem(state, state.position, {
        ...leaving,
        elapsedMs: leaving.elapsedMs + Math.max(0, now - state.currentStartedAt),
      })
    : state;
  return { ...stopped, position: to, currentStartedAt: now };
}

/** Whether a viewer may see an item's ratings: only once the facilitator revealed them, for everyone at once. */
export function isRevealed(item: Pick<DebriefItemState, "revealedAt">): boolean {
  return item.revealedAt !== null;
}

export interface ItemTimer {
  elapsedMs: number;
  timeboxMs: number;
  overtime: boolean;
  /** "3:07" */
  elapsedLabel: string;
  /** "5:00" */
  timeboxLabel: string;
}

/**
 * The clock of one item from server times: its earlier visits plus, while it is the current item
 * of a running debrief, the time since its clock started. Client clocks never enter it.
 *
 * @example itemTimer({ elapsedMs: 60_000, runningSince: t, now: t + 5_000 }).elapsedLabel // "1:05"
 */
export function itemTimer(f: {
  elapsedMs: number;
  runningSince: number | null;
  now: number;
  timeboxMinutes?: number;
}): ItemTimer {
  const elapsedMs = f.elapsedMs + (f.runningSince === null ? 0 : Math.max(0, f.now - f.runningSince));
  const timeboxMs = (f.timeboxMinutes ?? DEBRIEF_ITEM_MINUTES) * 60_000;
  return {
    elapsedMs,
    timeboxMs,
    overtime: elapsedMs > timeboxMs,
    elapsedLabel: clockLabel(elapsedMs),
    timeboxLabel: clockLabel(timeboxMs),
  };
}

/** @example clockLabel(3_723_000) // "62:03" */
export function clockLabel(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
