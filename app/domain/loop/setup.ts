/**
 * The loop setup page's model: interviews in order with their panels, what is locked because a
 * panelist started, and the coverage of the rubric. Pure: built from plain rows.
 */
import { displayCandidateName } from "../candidate/display";
import type { RubricContent } from "../rubric/model";
import type { Decision, LoopStatus, PanelRole, ScorecardStatus } from "../vocabulary";
import { coverageReport, type CoverageReport } from "./coverage";
import { countsForPanel } from "./panel";

/** At most this many interviews in one loop. */
export const MAX_INTERVIEWS_PER_LOOP = 12;

export interface SetupPanelist {
  scorecardId: string;
  userId: string;
  name: string;
  email: string;
  active: boolean;
  status: ScorecardStatus;
  /** a trainee's seat (shadow, reverse shadow) is not part of the panel's coverage or feedback */
  panelRole: PanelRole;
  version: number;
  submittedAt: number | null;
  /** the panelist has opened or saved the scorecard: it can no longer simply be removed */
  started: boolean;
}

export interface SetupInterview {
  id: string;
  position: number;
  exerciseId: string;
  exerciseKey: string;
  exerciseTitle: string;
  dimensionKeys: string[];
  scheduledAt: number | null;
  durationMinutes: number;
  panelists: SetupPanelist[];
  /** some scorecard on it has been started: the exercise can no longer change, nor the interview go */
  locked: boolean;
}

export interface LoopSetup {
  loop: {
    id: string;
    status: LoopStatus;
    decision: Decision | null;
    weights: Record<string, number> | null;
    createdAt: number;
    updatedAt: number;
    hiringManager: { id: string; name: string; email: string; active: boolean };
    recruiter: { id: string; name: string; email: string } | null;
  };
  candidate: { id: string; name: string; erased: boolean; currentTitle: string; email: string };
  rubricVersion: { id: string; version: number; rubricId: string; rubricName: string };
  content: RubricContent;
  interviews: SetupInterview[];
  /** any scorecard on the loop started (fixes the rubric version) */
  anyStarted: boolean;
}

/** A scorecard counts as started once saved (version > 0) or no longer a plain draft. */
export function isStarted(s: { status: ScorecardStatus; version: number }): boolean {
  return s.version > 0 || s.status === "submitted";
}

/** The loop's row with its candidate and rubric version (one query). */
export interface LoopSetupRow {
  id: string;
  status: LoopStatus;
  decision: Decision | null;
  weights: Record<string, number> | null;
  createdAt: number;
  updatedAt: number;
  hiringManagerId: string;
  recruiterId: string | null;
  rubricVersionId: string;
  candidateId: string;
  candidateName: string;
  candidateErasedAt: number | null;
  candidateTitle: string;
  candidateEmail: string;
  version: number;
  rubricId: string;
  rubricName: string;
}

export interface SetupPerson {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export interface SetupInterviewRow {
  id: string;
  position: number;
  exerciseId: string;
  exerciseKey: string;
  exerciseTitle: string;
  scheduledAt: number | null;
  durationMinutes: number;
}

export interface SetupScorecardRow extends Omit<SetupPanelist, "started"> {
  interviewId: string;
  createdAt: number;
}

/**
 * Assembles the setup model. `interviews` come in their order, `scorecards` in the order panelists
 * were added; `people` holds the hiring manager (and the recruiter, when there is one).
 */
export function buildLoopSetup(input: {
  row: LoopSetupRow;
  content: RubricContent;
  people: readonly SetupPerson[];
  interviews: readonly SetupInterviewRow[];
  scorecards: readonly SetupScorecardRow[];
}): LoopSetup {
  const { row, content, people } = input;
  const hm = people.find((p) => p.id === row.hiringManagerId)!;
  const recruiter = row.recruiterId ? (people.find((p) => p.id === row.recruiterId) ?? null) : null;
  const exerciseDims = new Map(content.exercises.map((e) => [e.key, e.dimensionKeys]));
  const ivs: SetupInterview[] = input.interviews.map((iv) => {
    const panelists = input.scorecards
      .filter((s) => s.interviewId === iv.id)
      .map(({ interviewId: _i, createdAt: _c, ...s }) => ({ ...s, started: isStarted(s) }));
    return {
      ...iv,
      dimensionKeys: exerciseDims.get(iv.exerciseKey) ?? [],
      panelists,
      locked: panelists.some((p) => p.started),
    };
  });
  return {
    loop: {
      id: row.id,
      status: row.status,
      decision: row.decision,
      weights: row.weights ?? null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      hiringManager: hm,
      recruiter: recruiter ? { id: recruiter.id, name: recruiter.name, email: recruiter.email } : null,
    },
    candidate: {
      id: row.candidateId,
      name: displayCandidateName({ name: row.candidateName, erasedAt: row.candidateErasedAt }),
      erased: row.candidateErasedAt !== null,
      currentTitle: row.candidateErasedAt === null ? row.candidateTitle : "",
      email: row.candidateErasedAt === null ? row.candidateEmail : "",
    },
    rubricVersion: {
      id: row.rubricVersionId,
      version: row.version,
      rubricId: row.rubricId,
      rubricName: row.rubricName,
    },
    content,
    interviews: ivs,
    anyStarted: ivs.some((iv) => iv.locked),
  };
}

/** The coverage matrix and warnings of a loop as set up. */
export function loopCoverage(setup: LoopSetup): CoverageReport {
  return coverageReport({
    dimensions: setup.content.dimensions.map((d) => ({ key: d.key, name: d.name })),
    interviews: setup.interviews.map((iv) => ({
      id: iv.id,
      label: iv.exerciseTitle,
      dimensionKeys: iv.dimensionKeys,
      scheduledAt: iv.scheduledAt,
      durationMinutes: iv.durationMinutes,
      // a trainee covers nothing: their ratings never count
      panelists: iv.panelists
        .filter(countsForPanel)
        .map((p) => ({ id: p.userId, name: p.name, status: p.status, active: p.active })),
    })),
    hiringManager: { id: setup.loop.hiringManager.id, name: setup.loop.hiringManager.name },
  });
}
