/**
 * The debrief screen's model, for one viewer at one server time. Ratings and evidence of an item
 * are in it only once the facilitator revealed that item, and only for people who joined: the
 * shared screen and every panelist's own page get the same reveal at the same time. Pure; no IO.
 */
import type { AgendaItem, DimensionAggregate, LoopAggregate } from "../review/types";
import type { RubricContent } from "../rubric/model";
import {
  AGENDA_ITEM_KIND_LABELS,
  DEBRIEF_ROLE_LABELS,
  RATING_LABELS,
  type DebriefItemKind,
  type DebriefRole,
  type DebriefStatus,
  type LoopStatus,
  type RatingScore,
  type RedFlagSeverity,
  type Role,
  type ScorecardStatus,
} from "../vocabulary";
import { formatScore } from "../shared/format";
import {
  canFacilitate,
  compareJuniority,
  DEBRIEF_ITEM_MINUTES,
  isRevealed,
  itemTimer,
  joinRole,
  speakingOrder,
  type InterviewerExperience,
  type Speaker,
} from "./rules";

export interface DebriefSessionRow {
  id: string;
  status: DebriefStatus;
  facilitatorId: string;
  facilitatorName: string;
  currentPosition: number;
  currentStartedAt: number;
  startedAt: number;
  concludedAt: number | null;
}

export interface DebriefItemRow {
  position: number;
  kind: DebriefItemKind;
  key: string;
  title: string;
  revealedAt: number | null;
  elapsedMs: number;
  conclusion: string;
  notedByName: string | null;
  notedAt: number | null;
}

export interface DebriefAttendeeRow {
  userId: string;
  name: string;
  role: DebriefRole;
  joinedAt: number;
}

export interface DebriefViewInput {
  session: DebriefSessionRow | null;
  items: readonly DebriefItemRow[];
  attendance: readonly DebriefAttendeeRow[];
  aggregate: Pick<LoopAggregate, "dimensions" | "redFlags" | "agenda">;
  rubric: Pick<RubricContent, "dimensions" | "exercises" | "decisionRule">;
  experience: ReadonlyMap<string, InterviewerExperience>;
  viewer: { id: string; role: Role; ownScorecards: readonly { status: ScorecardStatus }[] };
  loop: { hiringManagerId: string; status: LoopStatus };
  now: number;
}

/**
 * - not_started: no debrief yet; halted: it was running when the loop left debrief (decided on the
 *   review page, sent back to interviews); running; concluded: the decision was recorded from it.
 */
export type DebriefPhase = "not_started" | "running" | "halted" | "concluded";

export interface RevealedRating {
  panelistName: string;
  exerciseTitle: string;
  score: RatingScore | null;
  scoreLabel: string;
  notAssessed: boolean;
  evidence: string;
  outlier: boolean;
  thinEvidence: boolean;
  present: boolean;
}

export interface RevealedFlag {
  label: string;
  severity: RedFlagSeverity;
  raisedBy: { panelistName: string; note: string; present: boolean }[];
}

export interface CurrentItemView {
  position: number;
  kind: DebriefItemKind;
  key: string;
  title: string;
  description: string;
  mustHave: boolean;
  revealed: boolean;
  /** who rated (or raised a flag), without what they said: shown before the reveal */
  raters: { name: string; present: boolean }[];
  askFirst: string | null;
  speakingOrder: string[];
  timer: { elapsedMs: number; runningSince: number | null; timeboxMs: number };
  conclusion: string;
  /** only once revealed */
  ratings: RevealedRating[] | null;
  stats: { median: string; spread: string; disagreement: boolean; belowBar: boolean } | null;
  agendaNotes: string[] | null;
  flags: RevealedFlag[] | null;
}

export interface DebriefView {
  phase: DebriefPhase;
  serverNow: number;
  facilitatorName: string | null;
  startedAt: number | null;
  concludedAt: number | null;
  viewer: {
    joined: boolean;
    role: DebriefRole | null;
    canStart: boolean;
    canJoin: boolean;
    canControl: boolean;
    /** why this viewer cannot join, when they cannot */
    joinBlocked: string | null;
  };
  attendees: { name: string; roleLabel: string; joinedAt: number }[];
  /** the steps, for those who joined and for the record once concluded */
  items: {
    position: number;
    title: string;
    revealed: boolean;
    noted: boolean;
    current: boolean;
    elapsedLabel: string;
    conclusion: string;
  }[];
  itemCount: number;
  position: number;
  atDecision: boolean;
  current: CurrentItemView | null;
  /** the notes as a starting point for the decision's rationale */
  rationaleDraft: string;
}

function phaseOf(session: DebriefSessionRow | null, loopStatus: LoopStatus): DebriefPhase {
  if (!session) return "not_started";
  if (session.status === "concluded") return "concluded";
  return loopStatus === "debrief" ? "running" : "halted";
}

/**
 * Build the screen model for one viewer. The viewer must already be allowed to see the loop's
 * feedback (requireLoopFeedback); this decides what of the meeting they see and may do.
 */
export function buildDebriefView(input: DebriefViewInput): DebriefView {
  const { session, loop, viewer, now } = input;
  const phase = phaseOf(session, loop.status);
  const people = { user: viewer, hiringManagerId: loop.hiringManagerId };
  const attendee = input.attendance.find((a) => a.userId === viewer.id);
  const joined = attendee !== undefined;
  const role = joinRole({
    ...people,
    ownScorecards: viewer.ownScorecards,
    facilitatorId: session?.facilitatorId ?? null,
  });
  const canControl = phase === "running" && joined && session?.facilitatorId === viewer.id;
  const mayStart = canFacilitate(people) && loop.status === "debrief";
  const canStart = mayStart && (phase === "not_started" || phase === "concluded");
  const canJoin = phase === "running" && !joined && role !== null;
  const joinBlocked =
    phase === "running" && !joined && role === null
      ? "You recused yourself from this loop, so you do not take part in its debrief."
      : null;

  const present = new Set(input.attendance.map((a) => a.userId));
  const seesMeeting = joined || phase === "concluded";
  const position = session?.currentPosition ?? 0;
  const running = phase === "running";
  const items = seesMeeting
    ? input.items.map((it) => ({
        position: it.position,
        title: it.title,
        revealed: isRevealed(it),
        noted: it.conclusion.trim().length > 0,
        current: running && it.position === position,
        elapsedLabel: itemTimer({
          elapsedMs: it.elapsedMs,
          runningSince: running && it.position === position && session ? session.currentStartedAt : null,
          now,
        }).elapsedLabel,
        conclusion: it.conclusion,
      }))
    : [];
  const currentRow = seesMeeting && running ? input.items.find((it) => it.position === position) : undefined;
  const current =
    currentRow && session
      ? currentItemView(currentRow, { ...input, present, facilitatorId: session.facilitatorId, session })
      : null;

  return {
    phase,
    serverNow: now,
    facilitatorName: session?.facilitatorName ?? null,
    startedAt: session?.startedAt ?? null,
    concludedAt: session?.concludedAt ?? null,
    viewer: { joined, role: attendee?.role ?? role, canStart, canJoin, canControl, joinBlocked },
    attendees: [...input.attendance]
      .sort((a, b) => a.joinedAt - b.joinedAt || (a.name < b.name ? -1 : 1))
      .map((a) => ({ name: a.name, roleLabel: DEBRIEF_ROLE_LABELS[a.role], joinedAt: a.joinedAt })),
    items,
    itemCount: input.items.length,
    position,
    atDecision: running && seesMeeting && position >= input.items.length,
    current,
    rationaleDraft: seesMeeting ? rationaleDraft(input.items) : "",
  };
}

/**
 * The conclusions as a starting point for the decision's rationale.
 * @example rationaleDraft([{ title: "Communication", conclusion: "Meets the bar." }]) // "Debrief: Communication: Meets the bar."
 */
export function rationaleDraft(items: readonly Pick<DebriefItemRow, "title" | "conclusion">[]): string {
  const lines = items
    .filter((i) => i.conclusion.trim())
    .map((i) => `${i.title}: ${i.conclusion.trim().replace(/\s+/g, " ")}`);
  return lines.length === 0 ? "" : `Debrief: ${lines.join("\n")}`;
}

function currentItemView(
  row: DebriefItemRow,
  ctx: DebriefViewInput & { present: ReadonlySet<string>; facilitatorId: string; session: DebriefSessionRow },
): CurrentItemView {
  const revealed = isRevealed(row);
  const timer = {
    elapsedMs: row.elapsedMs,
    runningSince: ctx.session.currentStartedAt,
    timeboxMs: DEBRIEF_ITEM_MINUTES * 60_000,
  };
  const base = {
    position: row.position,
    kind: row.kind,
    key: row.key,
    title: row.title,
    revealed,
    timer,
    conclusion: row.conclusion,
  };
  if (row.kind === "red_flags") {
    const raisers = ctx.aggregate.redFlags.flatMap((f) =>
      f.raisedBy.map((r) => ({ id: r.panelistId, name: r.panelistName })),
    );
    const order = speakingOrder(raisers, ctx.present, ctx.experience, ctx.facilitatorId);
    return {
      ...base,
      description: "Red flags the panel raised on submitted scorecards, dealbreakers first.",
      mustHave: false,
      raters: distinctSpeakers(raisers, ctx),
      askFirst: order[0]?.name ?? null,
      speakingOrder: order.map((s) => s.name),
      ratings: null,
      stats: null,
      agendaNotes: null,
      flags: revealed
        ? ctx.aggregate.redFlags.map((f) => ({
            label: f.label,
            severity: f.severity,
            raisedBy: f.raisedBy.map((r) => ({
              panelistName: r.panelistName,
              note: r.note,
              present: ctx.present.has(r.panelistId),
            })),
          }))
        : null,
    };
  }
  const dimension = ctx.aggregate.dimensions.find((d) => d.key === row.key);
  const rubricDimension = ctx.rubric.dimensions.find((d) => d.key === row.key);
  const raters = (dimension?.ratings ?? []).map((r) => ({ id: r.panelistId, name: r.panelistName }));
  const order = speakingOrder(raters, ctx.present, ctx.experience, ctx.facilitatorId);
  return {
    ...base,
    description: rubricDimension?.description ?? "",
    mustHave: (ctx.rubric.decisionRule?.mustHaveDimensionKeys ?? []).includes(row.key),
    raters: distinctSpeakers(raters, ctx),
    askFirst: order[0]?.name ?? null,
    speakingOrder: order.map((s) => s.name),
    ratings: revealed && dimension ? revealedRatings(dimension, order, ctx) : null,
    stats:
      revealed && dimension
        ? {
            median: formatScore(dimension.median),
            spread: dimension.spread === null ? "–" : String(dimension.spread),
            disagreement: dimension.disagreement,
            belowBar: dimension.belowBar,
          }
        : null,
    agendaNotes: revealed
      ? ctx.aggregate.agenda.filter((a) => a.dimensionKey === row.key).map((a) => agendaNote(a, row.title))
      : null,
    flags: null,
  };
}

/**
 * The agenda's reason, named, without the dimension the item is already titled with:
 * "Disagreement: ratings 1–4 (spread 3)", "Below bar (mean 2.50)", "Thin evidence: Ada".
 */
function agendaNote(a: AgendaItem, dimensionName: string): string {
  const label = AGENDA_ITEM_KIND_LABELS[a.kind];
  const reason = a.title.replace(`${dimensionName}: `, "").replace(` on ${dimensionName}`, "");
  if (reason.toLowerCase().startsWith(label.toLowerCase())) return label + reason.slice(label.length);
  return `${label}: ${reason}`;
}

/** Raters once each, the ones in the room first, most junior first (no scores: safe before the reveal). */
function distinctSpeakers(
  speakers: readonly Speaker[],
  ctx: { present: ReadonlySet<string>; experience: ReadonlyMap<string, InterviewerExperience> },
): { name: string; present: boolean }[] {
  const unique = new Map(speakers.map((s) => [s.id, s]));
  return [...unique.values()]
    .sort(
      (a, b) => Number(ctx.present.has(b.id)) - Number(ctx.present.has(a.id)) || compareJuniority(a, b, ctx.experience),
    )
    .map((s) => ({ name: s.name, present: ctx.present.has(s.id) }));
}

/** Every rating at once, in speaking order (then the raters not in the room), never by seniority. */
function revealedRatings(
  dimension: DimensionAggregate,
  order: readonly Speaker[],
  ctx: DebriefViewInput & { present: ReadonlySet<string> },
): RevealedRating[] {
  const rank = new Map(order.map((s, i) => [s.id, i]));
  const exerciseTitle = new Map(ctx.rubric.exercises.map((e) => [e.key, e.title]));
  return [...dimension.ratings]
    .sort(
      (a, b) =>
        (rank.get(a.panelistId) ?? order.length) - (rank.get(b.panelistId) ?? order.length) ||
        compareJuniority(
          { id: a.panelistId, name: a.panelistName },
          { id: b.panelistId, name: b.panelistName },
          ctx.experience,
        ),
    )
    .map((r) => ({
      panelistName: r.panelistName,
      exerciseTitle: exerciseTitle.get(r.exerciseKey) ?? r.exerciseKey,
      score: r.score,
      scoreLabel: r.notAssessed ? "Not assessed" : r.score === null ? "Not rated" : RATING_LABELS[r.score],
      notAssessed: r.notAssessed,
      evidence: r.evidence,
      outlier: r.outlier,
      thinEvidence: r.thinEvidence,
      present: ctx.present.has(r.panelistId),
    }));
}
