/**
 * The loop setup page (/loops/:id/setup) as plain data: its interviews and panels, the moves the
 * recruiter may make and what blocks them, weights, and the defaults of the "add interview" form.
 * Pure; the route loads the facts and hands them in.
 */
import type { Decision, LoopStatus, PanelRole, Role, ScorecardStatus } from "../vocabulary";
import { PANEL_ROLES } from "../vocabulary";
import type { RubricDimension, RubricExercise } from "../rubric/model";
import { formatSlot, toLocalInput } from "../shared/zoned-time";

import type { CoverageReport } from "./coverage";
import { panelIsFull, panelRoleRefusal, seatedCount } from "./panel";
import {
  isConfigurable,
  isForwardMove,
  setupTransitions,
  transitionBlockers,
  transitionFacts,
  transitionLabel,
  weightsEditable,
} from "./status";
import { nextInterviewStart } from "./template";
import { effectiveWeights, formatWeight, weightMode } from "./weights";
import type { WeightMode } from "../vocabulary";

export interface Option {
  id: string;
  label: string;
}

export interface TransitionView {
  to: LoopStatus;
  label: string;
  /** a step along planning → scheduled → in progress → debrief (drawn as the main action) */
  forward: boolean;
  blockers: string[];
  /** the blockers the Coverage section does not already list (its uncovered dimensions are counted instead) */
  ownBlockers: string[];
  /** dimensions nobody assesses that stop this move, listed once, under Coverage */
  uncoveredCount: number;
}

export interface PanelistView {
  scorecardId: string;
  name: string;
  email: string;
  active: boolean;
  status: ScorecardStatus;
  panelRole: PanelRole;
  started: boolean;
  isHiringManager: boolean;
}

export interface InterviewView {
  id: string;
  position: number;
  exerciseKey: string;
  exerciseTitle: string;
  scheduledLocal: string;
  slot: string;
  durationMinutes: number;
  locked: boolean;
  panelists: PanelistView[];
  /** people who may still be added */
  candidates: Option[];
  full: boolean;
  /** full panelists seated (recused and trainees not counted) */
  seated: number;
  /** the seats the add form offers now: a full one while there is room, a trainee's beside a full panelist */
  openRoles: PanelRole[];
}

/** What the page needs of a loop as set up (db/queries/loop's `LoopSetup` has it all). */
export interface LoopSetupFacts {
  loop: {
    id: string;
    status: LoopStatus;
    decision: Decision | null;
    weights: Record<string, number> | null;
    updatedAt: number;
    hiringManager: { id: string; name: string };
    recruiter: { name: string } | null;
  };
  candidate: { id: string; name: string; erased: boolean; currentTitle: string; email: string };
  rubricVersion: { id: string; version: number; rubricName: string };
  content: { dimensions: readonly RubricDimension[]; exercises: readonly RubricExercise[] };
  interviews: readonly {
    id: string;
    position: number;
    exerciseKey: string;
    exerciseTitle: string;
    scheduledAt: number | null;
    durationMinutes: number;
    locked: boolean;
    panelists: readonly {
      scorecardId: string;
      userId: string;
      name: string;
      email: string;
      active: boolean;
      status: ScorecardStatus;
      panelRole: PanelRole;
      started: boolean;
    }[];
  }[];
  anyStarted: boolean;
}

export interface LoopSetupInput {
  setup: LoopSetupFacts;
  coverage: CoverageReport;
  /** active accounts, who may join a panel or become hiring manager */
  people: readonly { id: string; name: string; role: Role }[];
  /** published rubric versions, newest first */
  versions: readonly { id: string; version: number; rubricName: string }[];
  timeZone: string;
}

/** Why the rubric version cannot change any more, or null while it can. */
function versionLocked(status: LoopStatus, anyStarted: boolean): string | null {
  if (status !== "planning") return "Fixed: the version can only change while the loop is in planning.";
  if (anyStarted) return "Fixed: a panelist has started a scorecard.";
  return null;
}

/** The whole setup page model. Times are shown and entered in the organisation's time zone. */
export function loopSetupView({ setup, coverage, people, versions, timeZone }: LoopSetupInput) {
  const hmId = setup.loop.hiringManager.id;
  const status = setup.loop.status;
  const configurable = isConfigurable(status);
  const facts = transitionFacts(setup.interviews, coverage.uncoveredDimensions);

  const transitions: TransitionView[] = setupTransitions(status).map((to) => ({
    to,
    label: transitionLabel(status, to),
    forward: isForwardMove(status, to),
    blockers: transitionBlockers(status, to, facts),
    ownBlockers: transitionBlockers(status, to, { ...facts, uncoveredDimensions: [] }),
    uncoveredCount: to === "scheduled" ? facts.uncoveredDimensions.length : 0,
  }));

  const interviews: InterviewView[] = setup.interviews.map((iv) => {
    const on = new Set(iv.panelists.map((p) => p.userId));
    return {
      id: iv.id,
      position: iv.position,
      exerciseKey: iv.exerciseKey,
      exerciseTitle: iv.exerciseTitle,
      scheduledLocal: toLocalInput(iv.scheduledAt, timeZone),
      slot: formatSlot(iv.scheduledAt, iv.durationMinutes, timeZone),
      durationMinutes: iv.durationMinutes,
      locked: iv.locked,
      full: panelIsFull(iv.panelists),
      seated: seatedCount(iv.panelists),
      openRoles: PANEL_ROLES.filter(
        (role) => panelRoleRefusal({ name: "", role, panelists: iv.panelists, otherRolesOnLoop: [] }) === null,
      ),
      panelists: iv.panelists.map((p) => ({
        scorecardId: p.scorecardId,
        name: p.name,
        email: p.email,
        active: p.active,
        status: p.status,
        panelRole: p.panelRole,
        started: p.started,
        isHiringManager: p.userId === hmId,
      })),
      candidates: people
        .filter((p) => !on.has(p.id))
        .map((p) => ({ id: p.id, label: p.id === hmId ? `${p.name} (hiring manager)` : p.name })),
    };
  });

  const conflicts = setup.interviews.flatMap((iv, i) =>
    iv.panelists
      .filter((p) => p.status === "recused")
      .map((p) => ({
        scorecardId: p.scorecardId,
        name: p.name,
        interview: `${i + 1}. ${iv.exerciseTitle}`,
        interviewId: iv.id,
      })),
  );

  // recruiters are not offered as hiring manager (unless one already is); a deactivated one stays listed
  const hmOptions: Option[] = people
    .filter((p) => p.role !== "recruiter" || p.id === hmId)
    .map((p) => ({ id: p.id, label: p.name }));
  if (!hmOptions.some((p) => p.id === hmId))
    hmOptions.unshift({ id: hmId, label: `${setup.loop.hiringManager.name} (deactivated)` });

  // interviews listed in an order their times contradict (after a reorder, or a time typed later)
  const timed = setup.interviews.filter((iv) => iv.scheduledAt !== null);
  const outOfOrder = timed.some((iv, i) => i > 0 && iv.scheduledAt! < timed[i - 1]!.scheduledAt!);

  const dims = setup.content.dimensions;
  const effective = effectiveWeights(setup.loop.weights, dims);
  const mode: WeightMode = weightMode(setup.loop.weights, dims);

  return {
    loop: {
      id: setup.loop.id,
      status,
      decision: setup.loop.decision,
      updatedAt: setup.loop.updatedAt,
      hiringManager: setup.loop.hiringManager.name,
      recruiter: setup.loop.recruiter?.name ?? null,
    },
    candidate: setup.candidate,
    rubric: { id: setup.rubricVersion.id, label: `${setup.rubricVersion.rubricName} v${setup.rubricVersion.version}` },
    configurable,
    timeZone,
    versions: versions.map((v) => ({ id: v.id, label: `${v.rubricName} v${v.version}` })),
    versionLocked: versionLocked(status, setup.anyStarted),
    hmOptions,
    settings: { rubricVersionId: setup.rubricVersion.id, hiringManagerId: hmId },
    exercises: setup.content.exercises.map((e) => ({ id: e.key, label: e.title, durationMinutes: e.durationMinutes })),
    interviews,
    conflicts,
    outOfOrder,
    coverage,
    columns: setup.interviews.map((iv) => ({
      id: iv.id,
      label: iv.exerciseTitle,
      when: formatSlot(iv.scheduledAt, iv.durationMinutes, timeZone),
    })),
    transitions,
    weights: {
      dimensions: dims.map((d) => ({ key: d.key, name: d.name })),
      mode,
      values: Object.fromEntries(dims.map((d) => [d.key, formatWeight(effective[d.key] ?? NaN)])),
      rubric: Object.fromEntries(dims.map((d) => [d.key, d.weight])),
      editable: configurable && weightsEditable(status),
    },
    addDefaults: {
      exerciseKey: "",
      scheduledAt: toLocalInput(nextInterviewStart(setup.interviews.at(-1)), timeZone),
      durationMinutes: "60",
    },
  };
}
