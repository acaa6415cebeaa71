/**
 * Everything the review page, packet.json, ratings.csv, the PDF packet and the comparison table
 * read about a loop's panel feedback, plus the two mutations of the review page (decide, reopen).
 *
 * Query budget: one loop's aggregation input is ~12 small indexed queries whatever the panel size
 * (rubric content 5, loop 1, interviews 1, scorecards 1, then one batched `inArray` query each for
 * ratings, red flags, signals, focus ticks and quick notes). The calibration population of a rubric
 * family is ONE query; its result is cached per connection until the database changes.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type {
  CalibrationRating,
  InterviewerCalibration,
  LoopAggregate,
  LoopAggregationInput,
  LoopFacts,
  ScorecardInput,
} from "../../../app/domain/review/types";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { calibrateInterviewers } from "../../../app/domain/review/calibrate";
import type { Decision, LoopStatus, RatingScore, Role } from "../../../app/domain/vocabulary";
import type { RubricContent } from "../../../app/domain/rubric/model";
import { RATING_SCORES } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import {
  auditLog,
  candidates,
  focusTicks,
  interviews,
  loops,
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

import { onDecisionRecorded } from "../outbox/events.server";
import { writeAudit } from "../audit.server";
import { calibrationInputsGeneration } from "./calibration-cache.server";
import { loadRubricContent } from "../rubric/rubrics.server";

/** SQLite's bound-parameter limit is 32766; stay far below it when batching ids. */
const CHUNK = 500;

function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function byIds<T>(ids: readonly string[], load: (chunk: string[]) => T[]): T[] {
  if (ids.length === 0) return [];
  if (ids.length <= CHUNK) return load([...ids]);
  return chunked(ids).flatMap(load);
}

const VALID_SCORES = new Set<number>(RATING_SCORES);
function asScore(n: number | null): RatingScore | null {
  return n !== null && VALID_SCORES.has(n) ? (n as RatingScore) : null;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

// ------------------------------------------------------------------ aggregation input

/**
 * The queries behind an aggregation input, for the loops selected by `loopFilter` (applied to a
 * loop-id column). Every child table is reached through `interviews.loop_id`, so each query is
 * one indexed join, whatever the number of scorecards.
 */
function buildInputQueries(db: Db, loopFilter: (column: typeof loops.id | typeof interviews.loopId) => SQL) {
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
        status: scorecards.status,
        recommendation: scorecards.recommendation,
        summary: scorecards.summary,
        overrideJustification: scorecards.overrideJustification,
        conflictNote: scorecards.conflictNote,
        submittedAt: scorecards.submittedAt,
        updatedAt: scorecards.updatedAt,
        amendCount: scorecards.amendCount,
        lastAmendReason: scorecards.lastAmendReason,
      })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(users, eq(users.id, scorecards.panelistId))
      .where(loopFilter(interviews.loopId)),
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
      .where(loopFilter(interviews.loopId)),
    flags: db
      .select({ scorecardId: redFlagMarks.scorecardId, key: rubricRedFlags.key, note: redFlagMarks.note })
      .from(redFlagMarks)
      .innerJoin(scorecards, eq(scorecards.id, redFlagMarks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricRedFlags, eq(rubricRedFlags.id, redFlagMarks.redFlagId))
      .where(loopFilter(interviews.loopId)),
    signals: db
      .select({ scorecardId: signalMarks.scorecardId, key: rubricSignals.key })
      .from(signalMarks)
      .innerJoin(scorecards, eq(scorecards.id, signalMarks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricSignals, eq(rubricSignals.id, signalMarks.signalId))
      .where(loopFilter(interviews.loopId)),
    focus: db
      .select({ scorecardId: focusTicks.scorecardId, key: focusTicks.focusKey })
      .from(focusTicks)
      .innerJoin(scorecards, eq(scorecards.id, focusTicks.scorecardId))
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(loopFilter(interviews.loopId)),
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
      .where(loopFilter(interviews.loopId)),
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
      ratings: q.ratings.prepare(),
      flags: q.flags.prepare(),
      signals: q.signals.prepare(),
      focus: q.focus.prepare(),
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
    return { loops: [], interviews: [], scorecards: [], ratings: [], flags: [], signals: [], focus: [], notes: [] };
  return {
    loops: loopRows,
    interviews: p.interviews.all(args),
    scorecards: p.scorecards.all(args),
    ratings: p.ratings.all(args),
    flags: p.flags.all(args),
    signals: p.signals.all(args),
    focus: p.focus.all(args),
    notes: p.notes.all(args),
  };
}

function manyLoopRows(db: Db, loopIds: readonly string[]): InputRows {
  const out: InputRows = {
    loops: [],
    interviews: [],
    scorecards: [],
    ratings: [],
    flags: [],
    signals: [],
    focus: [],
    notes: [],
  };
  for (const chunk of chunked([...new Set(loopIds)])) {
    const q = buildInputQueries(db, (column) => inArray(column, chunk));
    out.loops.push(...q.loops.all());
    out.interviews.push(...q.interviews.all());
    out.scorecards.push(...q.scorecards.all());
    out.ratings.push(...q.ratings.all());
    out.flags.push(...q.flags.all());
    out.signals.push(...q.signals.all());
    out.focus.push(...q.focus.all());
    out.notes.push(...q.notes.all());
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
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
  const notesBy = groupBy(rows.notes, (r) => r.scorecardId);
  const cardsBy = groupBy(rows.scorecards, (s) => s.loopId);
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
      scorecards: (cardsBy.get(l.id) ?? []).map((s): ScorecardInput => ({
        id: s.id,
        interviewId: s.interviewId,
        panelist: { id: s.panelistId, name: s.panelistName },
        status: s.status,
        recommendation: s.recommendation,
        summary: s.summary,
        overrideJustification: s.overrideJustification,
        conflictNote: s.conflictNote,
        ratings: (ratingsBy.get(s.id) ?? []).map((r) => ({
          dimensionKey: r.dimensionKey,
          score: asScore(r.score),
          notAssessed: r.notAssessed,
          evidence: r.evidence,
        })),
        redFlags: (flagsBy.get(s.id) ?? []).map((f) => ({ key: f.key, note: f.note })),
        signalKeys: (signalsBy.get(s.id) ?? []).map((x) => x.key),
        focusKeys: (focusBy.get(s.id) ?? []).map((x) => x.key),
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
    });
  }
  return out;
}

/**
 * Aggregation inputs of several loops (the comparison table): eight queries per 500 loops plus one
 * rubric load per published version and connection. Loops that do not exist are absent.
 */
export function loadLoopAggregationInputs(db: Db, loopIds: readonly string[]): Map<string, LoopAggregationInput> {
  if (loopIds.length === 0) return new Map();
  return assembleInputs(db, manyLoopRows(db, loopIds));
}

/**
 * One loop's aggregation input (rubric, weights, interviews with exercise keys, scorecards with
 * ratings, flags, signals, focus ticks and quick notes), or null. Eight prepared, indexed queries.
 */
export function loadLoopAggregationInput(db: Db, loopId: string): LoopAggregationInput | null {
  return assembleInputs(db, singleLoopRows(db, loopId)).get(loopId) ?? null;
}

// ------------------------------------------------------------------ calibration

/** The rubric family (rubrics.id) a loop's rubric version belongs to. */
export function rubricFamilyOfLoop(db: Db, loopId: string): string | null {
  const row = db
    .select({ rubricId: rubricVersions.rubricId })
    .from(loops)
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(eq(loops.id, loopId))
    .get();
  return row?.rubricId ?? null;
}

/**
 * Every submitted, scored rating of every loop that uses a version of the rubric family
 * `rubricId`, as the calibration engine wants it. One query. Recused and draft scorecards and
 * "not assessed" ratings are not part of the population.
 *
 * At scale this reads hundreds of thousands of ratings, and materialising a JS row per rating
 * (drizzle's mapped objects, or even better-sqlite3's raw arrays) costs more than the SQL itself.
 * So the query returns one raw row per submitted scorecard (loop, panelist, name) with its ratings
 * packed as a JSON array of [dimensionKey, score] pairs: 8× fewer rows, and JSON is unambiguous
 * whatever the keys contain. Prepared per call (microseconds, next to the read); the result is
 * cached by {@link calibrationForRubric}.
 */
export function loadCalibrationPopulation(db: Db, rubricId: string): CalibrationRating[] {
  const rows = db.$client
    .prepare(
      `select i.loop_id, s.panelist_id, u.name, json_group_array(json_array(d.key, r.score))
       from rubric_versions v
       join loops l on l.rubric_version_id = v.id
       join interviews i on i.loop_id = l.id
       join scorecards s on s.interview_id = i.id and s.status = 'submitted'
       join users u on u.id = s.panelist_id
       join ratings r on r.scorecard_id = s.id and r.score is not null
       join rubric_dimensions d on d.id = r.dimension_id
       where v.rubric_id = ?
       group by s.rowid`,
    )
    .raw(true)
    .all(rubricId) as [string, string, string, string][];
  const out: CalibrationRating[] = [];
  for (const [loopId, panelistId, panelistName, packed] of rows) {
    for (const [dimensionKey, raw] of JSON.parse(packed) as [string, number | null][]) {
      const score = asScore(raw);
      if (score !== null) out.push({ loopId, dimensionKey, panelistId, panelistName, score });
    }
  }
  return out;
}

/**
 * A fingerprint of calibration's inputs, O(1): `PRAGMA data_version` (another connection
 * committed: a script, a restore) and the generation bumped by the write paths that change
 * submitted ratings (calibration-inputs.server.ts). Draft autosaves leave it alone, so a busy panel
 * does not make every review page recompute calibration over the whole population.
 */
function calibrationFingerprint(db: Db): string {
  const version = db.$client.pragma("data_version", { simple: true }) as number;
  return `${version}:${calibrationInputsGeneration()}`;
}

const calibrationCache = new WeakMap<
  object,
  Map<string, { fingerprint: string; calibration: InterviewerCalibration[] }>
>();

/**
 * Interviewer calibration for a rubric family, memoised per connection until its inputs (submitted
 * ratings) change. Computing it reads every rating of the family (hundreds of thousands at scale), so the
 * review page must not pay that on every view.
 */
export function calibrationForRubric(db: Db, rubricId: string): InterviewerCalibration[] {
  const fingerprint = calibrationFingerprint(db);
  let perDb = calibrationCache.get(db.$client);
  if (!perDb) calibrationCache.set(db.$client, (perDb = new Map()));
  const hit = perDb.get(rubricId);
  if (hit && hit.fingerprint === fingerprint) return hit.calibration;
  const calibration = calibrateInterviewers(loadCalibrationPopulation(db, rubricId));
  perDb.set(rubricId, { fingerprint, calibration });
  return calibration;
}

// ------------------------------------------------------------------ loop facts

const ACTION_ENTITY_LABELS: Record<string, string> = {
  loop: "Loop",
  scorecard: "Scorecard",
  interview: "Interview",
  candidate: "Candidate",
};

/** Candidate, people, rubric, dates, decision and the audit trail (with actor names) of one loop. */
export function loadLoopFacts(db: Db, loopId: string): LoopFacts | null {
  const hm = alias(users, "hm");
  const recruiter = alias(users, "recruiter");
  const decider = alias(users, "decider");
  const row = db
    .select({
      loopId: loops.id,
      status: loops.status,
      createdAt: loops.createdAt,
      decision: loops.decision,
      decisionRationale: loops.decisionRationale,
      decidedAt: loops.decidedAt,
      deciderName: decider.name,
      candidateName: candidates.name,
      candidateEmail: candidates.email,
      candidateTitle: candidates.currentTitle,
      candidateErasedAt: candidates.erasedAt,
      hmName: hm.name,
      recruiterName: recruiter.name,
      rubricName: rubrics.name,
      roleTitle: rubrics.roleTitle,
      rubricVersion: rubricVersions.version,
      firstInterviewAt: sql<
        number | null
      >`(select min(${interviews.scheduledAt}) from ${interviews} where ${interviews.loopId} = ${loops.id})`,
      lastInterviewAt: sql<
        number | null
      >`(select max(${interviews.scheduledAt}) from ${interviews} where ${interviews.loopId} = ${loops.id})`,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(hm, eq(hm.id, loops.hiringManagerId))
    .leftJoin(recruiter, eq(recruiter.id, loops.recruiterId))
    .leftJoin(decider, eq(decider.id, loops.decidedBy))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(eq(loops.id, loopId))
    .get();
  if (!row) return null;

  // Scorecard entities are named "Scorecard · <panelist> · <exercise>" so the trail reads on its own.
  const cardNames = new Map(
    db
      .select({ id: scorecards.id, panelistName: users.name, exerciseTitle: rubricExercises.title })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
      .innerJoin(users, eq(users.id, scorecards.panelistId))
      .where(eq(interviews.loopId, loopId))
      .all()
      .map((s) => [s.id, `Scorecard · ${s.panelistName} · ${s.exerciseTitle}`]),
  );
  const audit = db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      reason: auditLog.reason,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(eq(auditLog.loopId, loopId))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all()
    .map((a) => ({
      at: a.at,
      actorName: a.actorName ?? "System",
      action: a.action,
      entity: cardNames.get(a.entityId) ?? ACTION_ENTITY_LABELS[a.entityType] ?? a.entityType,
      reason: a.reason,
    }));

  const erased = row.candidateErasedAt !== null;
  return {
    loopId: row.loopId,
    candidate: {
      name: erased ? "Erased candidate" : row.candidateName,
      email: erased ? "" : row.candidateEmail,
      currentTitle: erased ? "" : row.candidateTitle,
    },
    roleTitle: row.roleTitle,
    rubricName: row.rubricName,
    rubricVersion: row.rubricVersion,
    hiringManager: row.hmName,
    recruiter: row.recruiterName ?? null,
    status: row.status,
    createdAt: row.createdAt,
    firstInterviewAt: row.firstInterviewAt,
    lastInterviewAt: row.lastInterviewAt,
    decision:
      row.decision && row.decidedAt !== null
        ? {
            decision: row.decision,
            rationale: row.decisionRationale ?? "",
            decidedBy: row.deciderName ?? "Unknown",
            decidedAt: row.decidedAt,
          }
        : null,
    audit,
  };
}

// ------------------------------------------------------------------ the review

export interface LoopReview {
  aggregate: LoopAggregate;
  facts: LoopFacts;
  rubric: RubricContent;
}

/**
 * Everything the review page, packet.json, ratings.csv and the PDF packet need for one loop:
 * the aggregate (calibrated against the whole rubric family), the loop facts and the rubric.
 * null when the loop does not exist. Authorization is the caller's job (requireLoopFeedbackAccess).
 */
export function getLoopReview(db: Db, loopId: string, opts: { includeCalibration?: boolean } = {}): LoopReview | null {
  const input = loadLoopAggregationInput(db, loopId);
  if (!input) return null;
  const facts = loadLoopFacts(db, loopId);
  if (!facts) return null;
  const rubricId = rubricFamilyOfLoop(db, loopId);
  const calibration = rubricId ? calibrationForRubric(db, rubricId) : [];
  const aggregate = aggregateLoop(input, calibration);
  // Calibrated means stay; the per-interviewer table is for hiring managers, recruiters and admins.
  if (opts.includeCalibration === false) aggregate.calibration = [];
  return { aggregate, facts, rubric: input.rubric };
}

/** May this viewer see interviewer calibration (who rates leniently or severely)? */
export function seesCalibration(user: { id: string; role: Role }, loop: { hiringManagerId: string }): boolean {
  return user.role === "admin" || user.role === "recruiter" || user.id === loop.hiringManagerId;
}

// ------------------------------------------------------------------ decide / reopen

/** Statuses from which a hiring decision can be recorded (the lifecycle: debrief → decided). */
export const DECIDABLE_STATUSES: readonly LoopStatus[] = ["debrief"];

export type DecisionResult = { ok: true } | { ok: false; reason: "not_found" | "wrong_status"; status?: LoopStatus };

/**
 * Records the decision and moves the loop to "decided", with an audit entry, in one transaction.
 * The update is guarded by the status, so two concurrent decisions cannot both win.
 */
export function recordDecision(
  db: Db,
  opts: { loopId: string; actorId: string; decision: Decision; rationale: string; now?: number },
): DecisionResult {
  const now = opts.now ?? Date.now();
  return db.transaction((tx): DecisionResult => {
    const before = tx
      .select({ status: loops.status, decision: loops.decision })
      .from(loops)
      .where(eq(loops.id, opts.loopId))
      .get();
    if (!before) return { ok: false, reason: "not_found" };
    const updated = tx
      .update(loops)
      .set({
        status: "decided",
        decision: opts.decision,
        decisionRationale: opts.rationale,
        decidedBy: opts.actorId,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(loops.id, opts.loopId), inArray(loops.status, [...DECIDABLE_STATUSES])))
      .run();
    if (updated.changes !== 1) return { ok: false, reason: "wrong_status", status: before.status };
    writeAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "loop.decide",
        entityType: "loop",
        entityId: opts.loopId,
        loopId: opts.loopId,
        reason: opts.rationale,
        before: { status: before.status, decision: before.decision },
        after: { status: "decided", decision: opts.decision },
      },
      now,
    );
    onDecisionRecorded(tx, opts.loopId, now);
    return { ok: true };
  });
}

/** Reopens a decided loop: back to "debrief", decision cleared (kept in the audit entry). */
export function reopenLoop(
  db: Db,
  opts: { loopId: string; actorId: string; reason: string; now?: number },
): DecisionResult {
  const now = opts.now ?? Date.now();
  return db.transaction((tx): DecisionResult => {
    const before = tx
      .select({
        status: loops.status,
        decision: loops.decision,
        rationale: loops.decisionRationale,
        decidedBy: loops.decidedBy,
        decidedAt: loops.decidedAt,
      })
      .from(loops)
      .where(eq(loops.id, opts.loopId))
      .get();
    if (!before) return { ok: false, reason: "not_found" };
    const updated = tx
      .update(loops)
      .set({
        status: "debrief",
        decision: null,
        decisionRationale: null,
        decidedBy: null,
        decidedAt: null,
        updatedAt: now,
      })
      .where(and(eq(loops.id, opts.loopId), eq(loops.status, "decided")))
      .run();
    if (updated.changes !== 1) return { ok: false, reason: "wrong_status", status: before.status };
    writeAudit(
      tx,
      {
        actorId: opts.actorId,
        action: "loop.reopen",
        entityType: "loop",
        entityId: opts.loopId,
        loopId: opts.loopId,
        reason: opts.reason,
        before,
        after: { status: "debrief", decision: null },
      },
      now,
    );
    return { ok: true };
  });
}

// ------------------------------------------------------------------ comparison

export interface ComparableVersion {
  rubricId: string;
  rubricName: string;
  versionId: string;
  version: number;
  loops: number;
}

const COMPARABLE_STATUSES: LoopStatus[] = ["debrief", "decided"];

/**
 * The loops in debrief or decided that `user` may compare: all of them for admins and recruiters,
 * otherwise the loops they manage or sat on as a panelist. Anyone with an unsubmitted (draft)
 * scorecard on a loop does not see it (the independence rule, as in app/domain/review/access.ts).
 */
function visibleComparableLoops(db: Db, user: { id: string; role: Role }) {
  const mine = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id})`;
  const pending = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id} and s.status = 'draft')`;
  const related =
    user.role === "admin" || user.role === "recruiter"
      ? sql`1 = 1`
      : sql`(${loops.hiringManagerId} = ${user.id} or ${mine})`;
  return db
    .select({ id: loops.id, rubricVersionId: loops.rubricVersionId, rubricId: rubricVersions.rubricId })
    .from(loops)
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(and(inArray(loops.status, COMPARABLE_STATUSES), related, sql`not ${pending}`))
    .all();
}

/** Rubric versions with at least one comparable loop visible to the user, newest version first per family. */
export function listComparableVersions(db: Db, user: { id: string; role: Role }): ComparableVersion[] {
  const visible = visibleComparableLoops(db, user);
  const counts = new Map<string, number>();
  for (const l of visible) counts.set(l.rubricVersionId, (counts.get(l.rubricVersionId) ?? 0) + 1);
  if (counts.size === 0) return [];
  return db
    .select({
      rubricId: rubrics.id,
      rubricName: rubrics.name,
      versionId: rubricVersions.id,
      version: rubricVersions.version,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(inArray(rubricVersions.id, [...counts.keys()]))
    .all()
    .map((v) => ({ ...v, loops: counts.get(v.versionId) ?? 0 }))
    .sort((a, b) => a.rubricName.localeCompare(b.rubricName, "en") || b.version - a.version);
}

export interface ComparisonRow {
  loopId: string;
  candidateName: string;
  status: LoopStatus;
  decision: Decision | null;
  rubricVersion: number;
  completeness: number;
  /** dimension key -> mean (null: not rated) */
  means: Record<string, number | null>;
  raw: number | null;
  calibrated: number | null;
  dealbreakers: number;
  consensus: LoopAggregate["recommendations"]["consensus"];
}

export interface Comparison {
  dimensions: { key: string; name: string }[];
  rows: ComparisonRow[];
}

/**
 * The comparison table for one rubric version (`versionId`) or a whole family (`rubricId`, every
 * version; dimension columns are the union, newest version's order first). Rows are unsorted.
 */
export function loadComparison(
  db: Db,
  user: { id: string; role: Role },
  scope: { versionId: string } | { rubricId: string },
): Comparison {
  const visible = visibleComparableLoops(db, user).filter((l) =>
    "versionId" in scope ? l.rubricVersionId === scope.versionId : l.rubricId === scope.rubricId,
  );
  if (visible.length === 0) return { dimensions: [], rows: [] };
  const rubricId = visible[0]?.rubricId ?? "";
  const calibration = calibrationForRubric(db, rubricId);
  const inputs = loadLoopAggregationInputs(
    db,
    visible.map((l) => l.id),
  );

  const meta = new Map(
    byIds(
      visible.map((l) => l.id),
      (chunk) =>
        db
          .select({
            id: loops.id,
            candidateName: candidates.name,
            erasedAt: candidates.erasedAt,
            decision: loops.decision,
            version: rubricVersions.version,
          })
          .from(loops)
          .innerJoin(candidates, eq(candidates.id, loops.candidateId))
          .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
          .where(inArray(loops.id, chunk))
          .all(),
    ).map((m) => [m.id, m]),
  );

  const rows: ComparisonRow[] = [];
  const rubricsByVersion = new Map<number, RubricContent>();
  for (const [loopId, input] of inputs) {
    const m = meta.get(loopId);
    if (!m) continue;
    rubricsByVersion.set(m.version, input.rubric);
    const agg = aggregateLoop(input, calibration);
    rows.push({
      loopId,
      candidateName: m.erasedAt !== null ? "Erased candidate" : m.candidateName,
      status: input.status,
      decision: m.decision,
      rubricVersion: m.version,
      completeness: agg.coverage.completeness,
      means: Object.fromEntries(agg.dimensions.map((d) => [d.key, d.mean])),
      raw: agg.composite.raw,
      calibrated: agg.composite.calibrated,
      dealbreakers: agg.redFlags.filter((f) => f.severity === "dealbreaker").length,
      consensus: agg.recommendations.consensus,
    });
  }
  // Columns: the newest version's dimensions in its order, then keys only older versions had.
  const dims: { key: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const [, rubric] of [...rubricsByVersion.entries()].sort((a, b) => b[0] - a[0])) {
    for (const d of rubric.dimensions) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      dims.push({ key: d.key, name: d.name });
    }
  }
  return { dimensions: dims, rows };
}
