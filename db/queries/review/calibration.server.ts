/**
 * Interviewer calibration of a rubric family: its population (every submitted rating, ONE query)
 * and the result memoised per connection, updated loop by loop as submitted ratings change.
 */
import { eq, sql } from "drizzle-orm";

import {
  buildCalibrationLedger,
  calibrationOfLedger,
  compareText,
  loopCalibrationPart,
  replaceLoopPart,
  type CalibrationLedger,
  type LoopCalibrationPart,
} from "../../../app/domain/review/calibrate";
import type { CalibrationRating, InterviewerCalibration } from "../../../app/domain/review/types";
import type { Db } from "../../client.server";
import { loops, rubricVersions } from "../../schema";

import { asScore } from "../rows.server";

/**
 * The in-process log of changes to calibration's inputs (submitted ratings). Every write path that
 * changes them notes the loop it changed: submitting and amending a scorecard, erasing a
 * candidate; null means "anything may have changed". Commits by other connections (scripts, a
 * restore) show in `PRAGMA data_version` instead. Keeping this O(1) matters: the review page
 * checks it on every view.
 */
let generation = 0;
const MAX_LOGGED = 1000;
/** changedLoops[i] is the change that made the generation firstLogged + i + 1 */
let changedLoops: (string | null)[] = [];
let firstLogged = 0;

export function noteCalibrationInputsChanged(loopId: string | null = null): void {
  generation++;
  changedLoops.push(loopId);
  if (changedLoops.length > MAX_LOGGED) {
    // a cache this far behind reloads everything
    firstLogged += changedLoops.length - MAX_LOGGED / 2;
    changedLoops = changedLoops.slice(-MAX_LOGGED / 2);
  }
}

export function calibrationInputsGeneration(): number {
  return generation;
}

/** The loops changed after generation `since`, or null when only a full reload will do. */
function loopsChangedSince(since: number): Set<string> | null {
  if (since < firstLogged) return null;
  const out = new Set<string>();
  for (let i = since - firstLogged; i < changedLoops.length; i++) {
    const loopId = changedLoops[i];
    if (loopId === undefined || loopId === null) return null;
    out.add(loopId);
  }
  return out;
}

function buildFamilyQuery(db: Db) {
  return db
    .select({ rubricId: rubricVersions.rubricId })
    .from(loops)
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(eq(loops.id, sql.placeholder("loopId")))
    .prepare();
}

const familyQueries = new WeakMap<object, ReturnType<typeof buildFamilyQuery>>();

/** The rubric family (rubrics.id) a loop's rubric version belongs to (every review view asks). */
export function rubricFamilyOfLoop(db: Db, loopId: string): string | null {
  let q = familyQueries.get(db.$client);
  if (!q) familyQueries.set(db.$client, (q = buildFamilyQuery(db)));
  return q.get({ loopId })?.rubricId ?? null;
}

/**
 * Every submitted, scored rating of every loop that uses a version of the rubric family
 * `rubricId`, as the calibration engine wants it. One query. Recused and draft scorecards,
 * trainees' scorecards (shadow, reverse shadow) and "not assessed" ratings are not part of the population.
 *
 * At scale this reads hundreds of thousands of ratings, and materialising a JS row per rating
 * (drizzle's mapped objects, or even better-sqlite3's raw arrays) costs more than the SQL itself.
 * So the query returns one raw row per submitted scorecard (loop, panelist, name) with its ratings
 * packed as a JSON array of [dimensionKey, score] pairs: 8× fewer rows, and JSON is unambiguous
 * whatever the keys contain. Prepared per call (microseconds, next to the read); the result is
 * cached by {@link calibrationForRubric}.
 */
export function loadCalibrationPopulation(db: Db, rubricId: string, loopId?: string): CalibrationRating[] {
  const rows = db.$client
    .prepare(
      `select i.loop_id, s.panelist_id, u.name, json_group_array(json_array(d.key, r.score))
       from rubric_versions v
       join loops l on l.rubric_version_id = v.id
       join interviews i on i.loop_id = l.id
       join scorecards s on s.interview_id = i.id and s.status = 'submitted' and s.panel_role = 'panelist'
       join users u on u.id = s.panelist_id
       join ratings r on r.scorecard_id = s.id and r.score is not null
       join rubric_dimensions d on d.id = r.dimension_id
       where v.rubric_id = ?${loopId === undefined ? "" : " and l.id = ?"}
       group by s.rowid`,
    )
    .raw(true)
    .all(...(loopId === undefined ? [rubricId] : [rubricId, loopId])) as [string, string, string, string][];
  const out: CalibrationRating[] = [];
  for (const [rowLoopId, panelistId, panelistName, packed] of rows) {
    for (const [dimensionKey, raw] of JSON.parse(packed) as [string, number | null][]) {
      const score = asScore(raw);
      if (score !== null) out.push({ loopId: rowLoopId, dimensionKey, panelistId, panelistName, score });
    }
  }
  return out;
}

/** A rubric family's calibration, its per-loop parts and the ledger they are summed in. */
interface FamilyCalibration {
  /** `PRAGMA data_version` when loaded: another connection's commit means a full reload */
  dataVersion: number;
  /** calibrationInputsGeneration() the parts reflect */
  generation: number;
  /** loop id → its part (what a change replaces in the ledger) */
  parts: Map<string, LoopCalibrationPart>;
  ledger: CalibrationLedger;
  calibration: InterviewerCalibration[];
}

const calibrationCache = new WeakMap<object, Map<string, FamilyCalibration>>();

function loadFamily(db: Db, rubricId: string, dataVersion: number): FamilyCalibration {
  const byLoop = new Map<string, CalibrationRating[]>();
  for (const r of loadCalibrationPopulation(db, rubricId)) {
    const list = byLoop.get(r.loopId);
    if (list) list.push(r);
    else byLoop.set(r.loopId, [r]);
  }
  const parts = new Map<string, LoopCalibrationPart>();
  for (const loopId of [...byLoop.keys()].sort(compareText))
    parts.set(loopId, loopCalibrationPart(byLoop.get(loopId)!));
  const ledger = buildCalibrationLedger(parts.values());
  return {
    dataVersion,
    generation: calibrationInputsGeneration(),
    parts,
    ledger,
    calibration: calibrationOfLedger(ledger),
  };
}

/** Replaces the changed loops' parts only (the same bits as a full reload). */
function updateFamily(db: Db, rubricId: string, family: FamilyCalibration, changed: Set<string>): void {
  for (const loopId of changed) {
    const ratings = loadCalibrationPopulation(db, rubricId, loopId);
    const next = ratings.length === 0 ? null : loopCalibrationPart(ratings);
    replaceLoopPart(family.ledger, loopId, family.parts.get(loopId) ?? null, next);
    if (next) family.parts.set(loopId, next);
    else family.parts.delete(loopId);
  }
  family.generation = calibrationInputsGeneration();
  family.calibration = calibrationOfLedger(family.ledger);
}

/**
 * Interviewer calibration for a rubric family, memoised per connection. Computing it from scratch
 * reads every rating of the family (hundreds of thousands at scale: seconds), so the review page
 * must not pay that on every view, nor after every submit: a submit, amend or erasure reloads only
 * the loops it changed and recombines the per-loop parts (the changed loops' panelists are summed again: a few ms at 10,000 loops). Draft
 * autosaves change nothing here. Another connection's commit (a script, a restore) reloads all.
 */
export function calibrationForRubric(db: Db, rubricId: string): InterviewerCalibration[] {
  const dataVersion = db.$client.pragma("data_version", { simple: true }) as number;
  let perDb = calibrationCache.get(db.$client);
  if (!perDb) calibrationCache.set(db.$client, (perDb = new Map()));
  const family = perDb.get(rubricId);
  if (family && family.dataVersion === dataVersion) {
    if (family.generation === calibrationInputsGeneration()) return family.calibration;
    const changed = loopsChangedSince(family.generation);
    if (changed) {
      updateFamily(db, rubricId, family, changed);
      return family.calibration;
    }
  }
  const fresh = loadFamily(db, rubricId, dataVersion);
  perDb.set(rubricId, fresh);
  return fresh.calibration;
}
