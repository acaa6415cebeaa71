/**
 * Interviewer calibration of a rubric family: its population (every submitted rating, ONE query)
 * and the result memoised per connection until calibration's inputs change.
 */
import { eq } from "drizzle-orm";

import { calibrateInterviewers } from "../../../app/domain/review/calibrate";
import type { CalibrationRating, InterviewerCalibration } from "../../../app/domain/review/types";
import type { Db } from "../../client.server";
import { loops, rubricVersions } from "../../schema";

import { asScore } from "../rows.server";

/**
 * The in-process generation of calibration's inputs (submitted ratings). Every write path that
 * changes them bumps it: submitting and amending a scorecard, erasing a candidate. Commits by
 * other connections (scripts, a restore) show in `PRAGMA data_version` instead. Keeping this O(1)
 * matters: the review page checks it on every view.
 */
let generation = 0;

export function noteCalibrationInputsChanged(): void {
  generation++;
}

export function calibrationInputsGeneration(): number {
  return generation;
}

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
 * submitted ratings (noteCalibrationInputsChanged). Draft autosaves leave it alone, so a busy panel
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
