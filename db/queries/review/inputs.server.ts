/**
 * The aggregation input of one loop or of many (the comparison table): rubric, weights,
 * interviews, the submitted scorecards with their ratings, red flags, signals, focus and probe
 * ticks and quick notes, and the other scorecards (drafts, recused) with their state only.
 *
 * Privacy: the content of a scorecard that is not submitted reaches nobody but its author, and
 * this module feeds the review page, packet.json, ratings.csv, the PDF packet and the comparison,
 * whoever asks. So every content query below has `scorecards.status = 'submitted'` in its WHERE,
 * and the other scorecards are read through a status-only projection (no content column).
 *
 * Trainees: a shadow's or reverse shadow's scorecard is not the panel's (app/domain/loop/panel.ts),
 * so every query below also has `scorecards.panel_role = 'panelist'`: their ratings reach no
 * aggregate, composite, agenda, heatmap, debrief, comparison, export or packet, and they are not
 * listed as outstanding either.
 *
 * Query budget: one loop's input is ~13 small indexed queries whatever the panel size (rubric
 * content 5, loop 1, interviews 1, scorecards 2, then one query each for ratings, red flags,
 * signals, focus ticks, probe ticks and quick notes), prepared once per connection.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import type {
  LoopAggregationInput,
  SubmittedScorecardInput,
  UncountedScorecardInput,
} from "../../../app/domain/review/types";
import type { RubricContent } from "../../../app/domain/rubric/model";
import { deepFreeze } from "../../../app/domain/shared/freeze";
import type { Db } from "../../client.server";
import {
  focusTicks,
  interviews,
  loops,
  probeTicks,
  quickNotes,
  ratings,
  redFlagMarks,
  rubricDimensions,
  rubricExercises,
  rubricRedFlags,
  rubrics,
  rubricSignals,
  rubricVersions,
  scorecards,
  signalMarks,
  users,
} from "../../schema";

import { loadRubricContent } from "../rubric/rubrics.server";
import { asScore, chunked, groupBy } from "../rows.server";

/** Content is read from submitted scorecards only (see the module comment). */
const submittedOnly = eq(scorecards.status, "submitted");

/** Only full panelists' scorecards are the panel's (see the module comment). */
const panelOnly = eq(scorecards.panelRole, "panelist");

/**
 * The queries behind an aggregation input, for the loops selected by `loopFilter` (applied to a
 * loop-id column). Every child table is reached through `interviews.loop_id`, so each query is
 * one indexed join, whatever the number of scorecards.
 */
function buildInputQueries(db: Db, loopFilter: (column: typeof loops.id | typeof interviews.loopId) => SQL) {
  const ofSubmitted = and(loopFilter(interviews.loopId), submittedOnly, panelOnly);
  return {
    loops: db
      .select({
        id: loops.id,
        status: loops.status,
        weights: loops.weights,
        rubricVersionId: loops.rubricVersionId,
        versionStatus: rubricVersions.status,
        rubricName: rubrics.name,
        roleTitle: rubrics.roleTitle,
      })
      .from(loops)
      .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
      .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
      .where(loopFilter(loops.id)),
    interviews: db
      .select({
        id: interviews.id,
        loopId: interviews.loopId,
        exerciseKey: rubricExercises.key,
        position: interviews.position,
        scheduledAt: interviews.scheduledAt,
        durationMinutes: interviews.durationMinutes,
      })
      .from(interviews)
      .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
      .where(loopFilter(interviews.loopId)),
    scorecards: db
      .select({
        id: scorecards.id,
        loopId: interviews.loopId,
        interviewId: scorecards.interviewId,
        panelistId: scorecards.panelistId,
        panelistName: users.name,
        recommendation: scorecards.recommendation,
        levelSignal: scorecards.levelSignal,
        summary: scorecards.summary,
        overrideJustification: scorecards.overrideJustification,
        submittedAt: scorecards.submittedAt,
        updatedAt: scorecards.updatedAt,
        amendCount: scorecards.amendCount,
        lastAmendReason: scorecards.lastAmendReason,
      })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(users, eq(users.id, scorecards.panelistId))
      .where(ofSubmitted),
    // status only: who, where, state and last save of every scorecard that is not submitted
    uncounted: db
      .select({
        id: scorecards.id,
        loopId: interviews.loopId,
        interviewId: scorecards.interviewId,
        panelistId: scorecards.panelistId,
        panelistName: users.name,
        status: scorecards.status,
        updatedAt: scorecards.updatedAt,
      })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(users, eq(users.id, scorecards.panelistId))
      .where(and(loopFilter(interviews.loopId), ne(scorecards.status, "submitted"), panelOnly)),
    ratings: db
      .select({
        scorecardId: ratings.scorecardId,
        dimensionKey: rubricDimensions.key,
        score: ratings.score,
        notAssessed: ratings.notAssessed,
        evidence: ratings.evidence,
      })
      .from(ratings)
      .innerJoin(scorecards, eq(scorecards.id, ratings.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricDimensions, eq(rubricDimensions.id, ratings.dimensionId))
      .where(ofSubmitted),
    flags: db
      .select({ scorecardId: redFlagMarks.scorecardId, key: rubricRedFlags.key, note: redFlagMarks.note })
      .from(redFlagMarks)
      .innerJoin(scorecards, eq(scorecards.id, redFlagMarks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricRedFlags, eq(rubricRedFlags.id, redFlagMarks.redFlagId))
      .where(ofSubmitted),
    signals: db
      .select({ scorecardId: signalMarks.scorecardId, key: rubricSignals.key })
      .from(signalMarks)
      .innerJoin(scorecards, eq(scorecards.id, signalMarks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricSignals, eq(rubricSignals.id, signalMarks.signalId))
      .where(ofSubmitted),
    focus: db
      .select({ scorecardId: focusTicks.scorecardId, key: focusTicks.focusKey })
      .from(focusTicks)
      .innerJoin(scorecards, eq(scorecards.id, focusTicks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(ofSubmitted),
    probes: db
      .select({ scorecardId: probeTicks.scorecardId, key: probeTicks.probeKey })
      .from(probeTicks)
      .innerJoin(scorecards, eq(scorecards.id, probeTicks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(ofSubmitted),
    notes: db
      .select({
        scorecardId: quickNotes.scorecardId,
        elapsedMinute: quickNotes.elapsedMinute,
        body: quickNotes.body,
        createdAt: quickNotes.createdAt,
      })
      .from(quickNotes)
      .innerJoin(scorecards, eq(scorecards.id, quickNotes.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(ofSubmitted),
  };
}

type InputQueries = ReturnType<typeof buildInputQueries>;
type InputRows = { [K in keyof InputQueries]: ReturnType<InputQueries[K]["all"]> };
type PreparedInputQueries = { [K in keyof InputQueries]: ReturnType<InputQueries[K]["prepare"]> };

/** Statements for the one-loop path, prepared once per connection (building + preparing SQL per call costs more than running it). */
const preparedInputs = new WeakMap<object, PreparedInputQueries>();

function preparedInputQueries(db: Db): PreparedInputQueries {
  let p = preparedInputs.get(db.$client);
  if (!p) {
    const q = buildInputQueries(db, (column) => eq(column, sql.placeholder("loopId")));
    p = {
      loops: q.loops.prepare(),
      interviews: q.interviews.prepare(),
      scorecards: q.scorecards.prepare(),
      uncounted: q.uncounted.prepare(),
      ratings: q.ratings.prepare(),
      flags: q.flags.prepare(),
      signals: q.signals.prepare(),
      focus: q.focus.prepare(),
      probes: q.probes.prepare(),
      notes: q.notes.prepare(),
    };
    preparedInputs.set(db.$client, p);
  }
  return p;
}

function singleLoopRows(db: Db, loopId: string): InputRows {
  const p = preparedInputQueries(db);
  const args = { loopId };
  const loopRows = p.loops.all(args);
  if (loopRows.length === 0)
    return {
      loops: [],
      interviews: [],
      scorecards: [],
      uncounted: [],
      ratings: [],
      flags: [],
      signals: [],
      focus: [],
      probes: [],
      notes: [],
    };
  return {
    loops: loopRows,
    interviews: p.interviews.all(args),
    scorecards: p.scorecards.all(args),
    uncounted: p.uncounted.all(args),
    ratings: p.ratings.all(args),
    flags: p.flags.all(args),
    signals: p.signals.all(args),
    focus: p.focus.all(args),
    probes: p.probes.all(args),
    notes: p.notes.all(args),
  };
}

function manyLoopRows(db: Db, loopIds: readonly string[]): InputRows {
  const out: InputRows = {
    loops: [],
    interviews: [],
    scorecards: [],
    uncounted: [],
    ratings: [],
    flags: [],
    signals: [],
    focus: [],
    probes: [],
    notes: [],
  };
  for (const chunk of chunked([...new Set(loopIds)])) {
    const q = buildInputQueries(db, (column) => inArray(column, chunk));
    out.loops.push(...q.loops.all());
    out.interviews.push(...q.interviews.all());
    out.scorecards.push(...q.scorecards.all());
    out.uncounted.push(...q.uncounted.all());
    out.ratings.push(...q.ratings.all());
    out.flags.push(...q.flags.all());
    out.signals.push(...q.signals.all());
    out.focus.push(...q.focus.all());
    out.probes.push(...q.probes.all());
    out.notes.push(...q.notes.all());
  }
  return out;
}

/**
 * Published rubric versions are immutable (database triggers), so their content is read once per
 * connection and shared (frozen). Drafts are always read fresh. The family name and role title
 * live on `rubrics` and may be renamed, so they come from the loop query every time.
 */
const rubricCache = new WeakMap<object, Map<string, RubricContent>>();

function rubricFor(db: Db, versionId: string, published: boolean): RubricContent | null {
  if (!published) return loadRubricContent(db, versionId);
  let perDb = rubricCache.get(db.$client);
  if (!perDb) rubricCache.set(db.$client, (perDb = new Map()));
  const hit = perDb.get(versionId);
  if (hit) return hit;
  const content = loadRubricContent(db, versionId);
  if (content) perDb.set(versionId, deepFreeze(content));
  return content;
}

function assembleInputs(db: Db, rows: InputRows): Map<string, LoopAggregationInput> {
  const out = new Map<string, LoopAggregationInput>();
  const ratingsBy = groupBy(rows.ratings, (r) => r.scorecardId);
  const flagsBy = groupBy(rows.flags, (r) => r.scorecardId);
  const signalsBy = groupBy(rows.signals, (r) => r.scorecardId);
  const focusBy = groupBy(rows.focus, (r) => r.scorecardId);
  const probesBy = groupBy(rows.probes, (r) => r.scorecardId);
  const notesBy = groupBy(rows.notes, (r) => r.scorecardId);
  const cardsBy = groupBy(rows.scorecards, (s) => s.loopId);
  const uncountedBy = groupBy(rows.uncounted, (s) => s.loopId);
  const interviewsBy = groupBy(rows.interviews, (i) => i.loopId);

  for (const l of rows.loops) {
    const content = rubricFor(db, l.rubricVersionId, l.versionStatus === "published");
    if (!content) continue;
    const rubric: RubricContent =
      content.name === l.rubricName && content.roleTitle === l.roleTitle
        ? content
        : { ...content, name: l.rubricName, roleTitle: l.roleTitle };
    out.set(l.id, {
      loopId: l.id,
      status: l.status,
      rubric,
      weights: l.weights ?? null,
      interviews: (interviewsBy.get(l.id) ?? []).map((i) => ({
        id: i.id,
        exerciseKey: i.exerciseKey,
        position: i.position,
        scheduledAt: i.scheduledAt,
        durationMinutes: i.durationMinutes,
      })),
      scorecards: [
        ...(cardsBy.get(l.id) ?? []).map((s): SubmittedScorecardInput => ({
          id: s.id,
          interviewId: s.interviewId,
          panelist: { id: s.panelistId, name: s.panelistName },
          status: "submitted",
          recommendation: s.recommendation,
          levelSignal: s.levelSignal,
          summary: s.summary,
          overrideJustification: s.overrideJustification,
          ratings: (ratingsBy.get(s.id) ?? []).map((r) => ({
            dimensionKey: r.dimensionKey,
            score: asScore(r.score),
            notAssessed: r.notAssessed,
            evidence: r.evidence,
          })),
          redFlags: (flagsBy.get(s.id) ?? []).map((f) => ({ key: f.key, note: f.note })),
          signalKeys: (signalsBy.get(s.id) ?? []).map((x) => x.key),
          focusKeys: (focusBy.get(s.id) ?? []).map((x) => x.key),
          probeKeys: (probesBy.get(s.id) ?? []).map((x) => x.key),
          quickNotes: (notesBy.get(s.id) ?? []).map((n) => ({
            elapsedMinute: n.elapsedMinute,
            body: n.body,
            createdAt: n.createdAt,
          })),
          submittedAt: s.submittedAt,
          updatedAt: s.updatedAt,
          amendCount: s.amendCount,
          lastAmendReason: s.lastAmendReason,
        })),
        ...(uncountedBy.get(l.id) ?? []).flatMap((s): UncountedScorecardInput[] =>
          s.status === "submitted"
            ? []
            : [
                {
                  id: s.id,
                  interviewId: s.interviewId,
                  panelist: { id: s.panelistId, name: s.panelistName },
                  status: s.status,
                  updatedAt: s.updatedAt,
                },
              ],
        ),
      ],
    });
  }
  return out;
}

/**
 * Aggregation inputs of several loops (the comparison table): nine queries per 500 loops plus one
 * rubric load per published version and connection. Loops that do not exist are absent.
 */
export function loadLoopAggregationInputs(db: Db, loopIds: readonly string[]): Map<string, LoopAggregationInput> {
  if (loopIds.length === 0) return new Map();
  return assembleInputs(db, manyLoopRows(db, loopIds));
}

/**
 * One loop's aggregation input (rubric, weights, interviews with exercise keys, submitted
 * scorecards with ratings, flags, signals, focus and probe ticks and quick notes, the others' state),
 * or null. Ten prepared, indexed queries.
 */
export function loadLoopAggregationInput(db: Db, loopId: string): LoopAggregationInput | null {
  return assembleInputs(db, singleLoopRows(db, loopId)).get(loopId) ?? null;
}
