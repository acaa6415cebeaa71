// A panelist's own scorecard: the target of every scorecard action, its content in the form's
// shape, the page header. Every query is scoped by (scorecard id, panelist id) in its WHERE
// clause, so another panelist's scorecard is simply "not found". Nothing here reads another
// panelist's ratings, notes or marks: the independence rule starts at the query.
import { and, asc, eq, sql } from "drizzle-orm";

import type { ScorecardContext, TimerState } from "../../../app/domain/scorecard/rules";
import { scorecardContext } from "../../../app/domain/scorecard/rules";
import type { ScorecardValues, ScoreValue } from "../../../app/domain/scorecard/schema";
import type { LoopStatus, ScorecardStatus } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx } from "../../client.server";
import {
  candidates,
  focusTicks,
  interviews,
  loops,
  probeTicks,
  quickNotes,
  ratings,
  redFlagMarks,
  rubricExercises,
  scorecards,
  signalMarks,
} from "../../schema";

import { clientNoteId } from "./notes.server";
import { rubricFacts, type RubricFacts } from "./rubric-facts.server";
import { hasClient, statements } from "./statements.server";

/** What an action needs to know about the scorecard it writes to (owner-scoped). */
export interface ScorecardTarget {
  id: string;
  panelistId: string;
  status: ScorecardStatus;
  version: number;
  loopId: string;
  loopStatus: LoopStatus;
  interviewId: string;
  durationMinutes: number;
  timer: TimerState;
  facts: RubricFacts;
  exerciseKey: string;
  ctx: ScorecardContext;
}

/** The panelist's own scorecard with its rubric context, or null (missing, or someone else's). */
export function findOwnScorecard(
  db: DbOrTx,
  opts: { scorecardId: string; panelistId: string },
): ScorecardTarget | null {
  const row = hasClient(db) ? ownScorecardRow(db, opts) : ownScorecardRowBuilt(db, opts);
  if (!row) return null;
  return targetFromRow(db, row);
}

interface OwnScorecardRow {
  id: string;
  panelistId: string;
  status: ScorecardStatus;
  version: number;
  timerStartedAt: number | null;
  timerAccumulatedMs: number;
  timerRunning: boolean;
  interviewId: string;
  durationMinutes: number;
  exerciseId: string;
  loopId: string;
  loopStatus: LoopStatus;
  rubricVersionId: string;
}

function ownScorecardRow(db: Db, opts: { scorecardId: string; panelistId: string }): OwnScorecardRow | undefined {
  const raw = statements(db).target.get(opts.scorecardId, opts.panelistId) as
    (Omit<OwnScorecardRow, "timerRunning"> & { timerRunning: number }) | undefined;
  return raw ? { ...raw, timerRunning: raw.timerRunning === 1 } : undefined;
}

function ownScorecardRowBuilt(
  db: DbOrTx,
  opts: { scorecardId: string; panelistId: string },
): OwnScorecardRow | undefined {
  return db
    .select({
      id: scorecards.id,
      panelistId: scorecards.panelistId,
      status: scorecards.status,
      version: scorecards.version,
      timerStartedAt: scorecards.timerStartedAt,
      timerAccumulatedMs: scorecards.timerAccumulatedMs,
      timerRunning: scorecards.timerRunning,
      interviewId: interviews.id,
      durationMinutes: interviews.durationMinutes,
      exerciseId: interviews.exerciseId,
      loopId: loops.id,
      loopStatus: loops.status,
      rubricVersionId: loops.rubricVersionId,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .get();
}

function targetFromRow(db: DbOrTx, row: OwnScorecardRow): ScorecardTarget | null {
  const facts = rubricFacts(db, row.rubricVersionId);
  if (!facts) return null;
  const exerciseKey = facts.exerciseKeys.get(row.exerciseId);
  if (!exerciseKey) return null;
  const ctx = scorecardContext(facts.content, exerciseKey);
  if (!ctx) return null;
  return {
    id: row.id,
    panelistId: row.panelistId,
    status: row.status,
    version: row.version,
    loopId: row.loopId,
    loopStatus: row.loopStatus,
    interviewId: row.interviewId,
    durationMinutes: row.durationMinutes,
    timer: { startedAt: row.timerStartedAt, accumulatedMs: row.timerAccumulatedMs, running: row.timerRunning },
    facts,
    exerciseKey,
    ctx,
  };
}

function scoreValue(score: number | null, notAssessed: boolean): ScoreValue {
  if (notAssessed) return "na";
  if (score === 1 || score === 2 || score === 3 || score === 4) return String(score) as ScoreValue;
  return "";
}

/** The scorecard's content in the form's shape (own scorecard only: callers pass a target). */
export function readScorecardValues(db: DbOrTx, scorecardId: string, facts: RubricFacts): ScorecardValues {
  const card = db
    .select({
      recommendation: scorecards.recommendation,
      levelSignal: scorecards.levelSignal,
      summary: scorecards.summary,
      overrideJustification: scorecards.overrideJustification,
    })
    .from(scorecards)
    .where(eq(scorecards.id, scorecardId))
    .get();
  const values: ScorecardValues = {
    ratings: {},
    redFlags: {},
    signals: {},
    focus: {},
    probes: {},
    recommendation: card?.recommendation ?? "",
    levelSignal: card?.levelSignal ?? "",
    summary: card?.summary ?? "",
    overrideJustification: card?.overrideJustification ?? "",
    notes: [],
  };
  for (const r of db.select().from(ratings).where(eq(ratings.scorecardId, scorecardId)).all()) {
    const key = facts.dimensionKeys.get(r.dimensionId);
    if (key) values.ratings[key] = { score: scoreValue(r.score, r.notAssessed), evidence: r.evidence };
  }
  for (const f of db.select().from(redFlagMarks).where(eq(redFlagMarks.scorecardId, scorecardId)).all()) {
    const key = facts.redFlagKeys.get(f.redFlagId);
    if (key) values.redFlags[key] = { checked: true, note: f.note };
  }
  for (const s of db.select().from(signalMarks).where(eq(signalMarks.scorecardId, scorecardId)).all()) {
    const key = facts.signalKeys.get(s.signalId);
    if (key) values.signals[key] = true;
  }
  for (const f of db.select().from(focusTicks).where(eq(focusTicks.scorecardId, scorecardId)).all())
    values.focus[f.focusKey] = true;
  for (const p of db.select().from(probeTicks).where(eq(probeTicks.scorecardId, scorecardId)).all())
    values.probes[p.probeKey] = true;
  values.notes = db
    .select()
    .from(quickNotes)
    .where(eq(quickNotes.scorecardId, scorecardId))
    .orderBy(asc(quickNotes.createdAt), asc(quickNotes.id))
    .all()
    .map((n) => ({ id: clientNoteId(scorecardId, n.id), minute: n.elapsedMinute, body: n.body, at: n.createdAt }));
  return values;
}

/** The header facts of a scorecard page (own scorecard only). */
export function scorecardHeader(db: Db, opts: { scorecardId: string; panelistId: string }) {
  return db
    .select({
      id: scorecards.id,
      status: scorecards.status,
      version: scorecards.version,
      updatedAt: scorecards.updatedAt,
      submittedAt: scorecards.submittedAt,
      amendCount: scorecards.amendCount,
      lastAmendReason: scorecards.lastAmendReason,
      conflictNote: scorecards.conflictNote,
      conflictDeclaredAt: scorecards.conflictDeclaredAt,
      panelRole: scorecards.panelRole,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      loopId: loops.id,
      loopStatus: loops.status,
      candidateName: candidates.name,
      candidateTitle: candidates.currentTitle,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .get();
}

/** How many of the panelist's own scorecards on a loop are still drafts (for "submit yours first"). */
export function ownDraftsOnLoop(db: Db, loopId: string, panelistId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelistId, panelistId), eq(scorecards.status, "draft")))
    .get();
  return row?.n ?? 0;
}
