// `npm run bench:aggregate`: how fast is the review's data path at scale, compared with plain SQL?
//
// Seeds a temporary SQLite file with 10,000 loops (4 interviews × 2 panelists = 8 submitted
// scorecards per loop, each rating all 7 dimensions: 560,000 ratings, plus flags, signals, focus
// ticks, quick notes and audit entries), then measures, side by side in the same process:
//   (a) loading + aggregating one loop with getLoopReview (median over many loops, calibration
//       cache warm) vs. one hand-written SQL query computing per-dimension mean/min/max/count;
//   (b) interviewer calibration across all interviewers (loadCalibrationPopulation +
//       calibrateInterviewers) vs. one SQL query with CTEs and window functions;
// checks that both sides give the same numbers, prints the ratios and deletes the file.
//
// Options (environment): BENCH_LOOPS (10000), BENCH_SAMPLE (200 loops for (a)), BENCH_RUNS (3 for (b)),
// BENCH_KEEP=1 keeps the database file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import type { InterviewerCalibration } from "../app/domain/review/types";
import { calibrateInterviewers } from "../app/domain/review/calibrate";
import { DEFAULT_SHRINKAGE_K } from "../app/domain/review/calibrate";
import { LEAD_ML_ARCHITECT_V1 } from "../app/domain/rubric/lead-ml-architect-v1";
import { newId } from "../db/ids.server";
import { migrateDatabase, openDatabase } from "../db/client.server";
import type { Db } from "../db/client.server";
import { loadCalibrationPopulation } from "../db/queries/review/calibration.server";
import { getLoopReview } from "../db/queries/review/loop-review.server";
import { insertPublishedRubric, rubricVersionIds } from "../db/queries/rubric/rubrics.server";

import { seededRandom } from "./lib/random";

const LOOPS = Number(process.env.BENCH_LOOPS ?? 10_000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const INTERVIEWERS = 400;
const HIRING_MANAGERS = 40;
const PANEL_PER_INTERVIEW = 2;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function ms(n: number): string {
  return n >= 100 ? `${n.toFixed(0)} ms` : n >= 1 ? `${n.toFixed(2)} ms` : `${(n * 1000).toFixed(0)} µs`;
}

const EVIDENCE_WORDS =
  "feature store online offline parity canary rollout rollback criteria latency budget drift monitoring lineage reproducibility autoscaling cost estimate GPU batch streaming label delay fallback rule engine incident triage stakeholder".split(
    " ",
  );

function seed(db: Db, random: () => number): { rubricId: string } {
  const client = db.$client;
  const now = Date.now();
  const { rubricId, versionId } = db.transaction((tx) =>
    insertPublishedRubric(tx, { content: LEAD_ML_ARCHITECT_V1, createdBy: null }),
  );
  const rv = rubricVersionIds(db, versionId);
  const dims = LEAD_ML_ARCHITECT_V1.dimensions.map((d) => ({ key: d.key, id: rv.dimensions.get(d.key)! }));
  const exercises = LEAD_ML_ARCHITECT_V1.exercises.map((e) => ({ ...e, id: rv.exercises.get(e.key)! }));
  const flagIds = [...rv.redFlags.values()];
  const signalIds = [...rv.signals.values()];

  const insUser = client.prepare(
    "insert into users (id, email, name, role, active, created_at) values (?, ?, ?, ?, 1, ?)",
  );
  const insCandidate = client.prepare(
    "insert into candidates (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const insLoop = client.prepare(
    "insert into loops (id, candidate_id, rubric_version_id, hiring_manager_id, recruiter_id, status, decision, decision_rationale, decided_by, decided_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insInterview = client.prepare(
    "insert into interviews (id, loop_id, exercise_id, position, scheduled_at, duration_minutes, created_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  const insScorecard = client.prepare(
    "insert into scorecards (id, interview_id, panelist_id, status, version, recommendation, summary, created_at, updated_at, submitted_at) values (?, ?, ?, 'submitted', 6, ?, ?, ?, ?, ?)",
  );
  const insRating = client.prepare(
    "insert into ratings (scorecard_id, dimension_id, score, not_assessed, evidence) values (?, ?, ?, 0, ?)",
  );
  const insFlag = client.prepare("insert into red_flag_marks (scorecard_id, red_flag_id, note) values (?, ?, ?)");
  const insSignal = client.prepare("insert into signal_marks (scorecard_id, signal_id) values (?, ?)");
  const insFocus = client.prepare("insert into focus_ticks (scorecard_id, focus_key) values (?, ?)");
  const insNote = client.prepare(
    "insert into quick_notes (id, scorecard_id, elapsed_minute, body, created_at) values (?, ?, ?, ?, ?)",
  );
  const insAudit = client.prepare(
    "insert into audit_log (at, actor_id, action, entity_type, entity_id, loop_id, reason, before, after) values (?, ?, ?, ?, ?, ?, null, null, ?)",
  );

  const words = (n: number) =>
    Array.from({ length: n }, () => EVIDENCE_WORDS[Math.floor(random() * EVIDENCE_WORDS.length)]).join(" ");
  const recommendations = ["strong_no_hire", "no_hire", "hire", "strong_hire"] as const;

  client.transaction(() => {
    const recruiterId = newId();
    insUser.run(recruiterId, "recruiter@bench.test", "Bench Recruiter", "recruiter", now);
    const hms = Array.from({ length: HIRING_MANAGERS }, (_, i) => {
      const id = newId();
      insUser.run(id, `hm${i}@bench.test`, `Hiring Manager ${i}`, "member", now);
      return id;
    });
    // each interviewer has a leniency bias the calibration should find again
    const interviewers = Array.from({ length: INTERVIEWERS }, (_, i) => {
      const id = newId();
      insUser.run(id, `int${i}@bench.test`, `Interviewer ${String(i).padStart(3, "0")}`, "member", now);
      return { id, bias: (random() - 0.5) * 1.6 };
    });
    for (let l = 0; l < LOOPS; l++) {
      const created = now - (LOOPS - l) * 3_600_000;
      const candidateId = newId();
      insCandidate.run(candidateId, `Candidate ${l}`, `c${l}@bench.test`, created, created);
      const loopId = newId();
      const decided = random() < 0.7;
      const decision = decided ? (random() < 0.4 ? "hire" : "no_hire") : null;
      const hm = hms[l % HIRING_MANAGERS]!;
      insLoop.run(
        loopId,
        candidateId,
        versionId,
        hm,
        recruiterId,
        decided ? "decided" : "debrief",
        decision,
        decided ? "Bench rationale." : null,
        decided ? hm : null,
        decided ? created + 10 * 86_400_000 : null,
        created,
        created,
      );
      const level = dims.map(() => 1.5 + random() * 2.5); // the candidate's "true" level per dimension
      const used = new Set<number>();
      exercises.forEach((ex, position) => {
        const interviewId = newId();
        const at = created + (position + 1) * 86_400_000;
        insInterview.run(interviewId, loopId, ex.id, position, at, ex.durationMinutes, created);
        for (let p = 0; p < PANEL_PER_INTERVIEW; p++) {
          let k = Math.floor(random() * INTERVIEWERS);
          while (used.has(k)) k = (k + 1) % INTERVIEWERS;
          used.add(k);
          const who = interviewers[k]!;
          const scorecardId = newId();
          const submittedAt = at + 7_200_000;
          const scores = dims.map((_, di) =>
            Math.min(4, Math.max(1, Math.round((level[di] ?? 2.5) + who.bias + (random() - 0.5) * 1.2))),
          );
          const total = scores.reduce((x, y) => x + y, 0);
          const reco = recommendations[Math.min(3, Math.max(0, Math.round(total / dims.length) - 1))]!;
          insScorecard.run(scorecardId, interviewId, who.id, reco, words(25), created, submittedAt, submittedAt);
          dims.forEach((d, di) => insRating.run(scorecardId, d.id, scores[di]!, words(12 + Math.floor(random() * 20))));
          if (random() < 0.05) insFlag.run(scorecardId, flagIds[Math.floor(random() * flagIds.length)]!, words(10));
          insSignal.run(scorecardId, signalIds[Math.floor(random() * signalIds.length)]!);
          for (const fp of ex.focusPoints.slice(0, 3)) insFocus.run(scorecardId, fp.key);
          insNote.run(newId(), scorecardId, Math.floor(random() * ex.durationMinutes), words(8), at + 600_000);
          insAudit.run(
            submittedAt,
            who.id,
            "scorecard.submit",
            "scorecard",
            scorecardId,
            loopId,
            JSON.stringify({ recommendation: reco }),
          );
        }
      });
    }
  })();
  client.pragma("analysis_limit = 1000");
  client.exec("analyze");
  return { rubricId };
}

// ------------------------------------------------------------------ SQL baselines

const SQL_LOOP_DIMENSIONS = `
  select d.key as dimensionKey, avg(r.score) as mean, min(r.score) as min, max(r.score) as max, count(r.score) as count
  from interviews i
  join scorecards s on s.interview_id = i.id and s.status = 'submitted'
  join ratings r on r.scorecard_id = s.id and r.score is not null
  join rubric_dimensions d on d.id = r.dimension_id
  where i.loop_id = ?
  group by d.key`;

// Per interviewer: mean over (loop, dimension) groups of (own mean − mean of the others' means),
// over groups with ≥ 2 panelists; shrunk by n / (n + k). The same definition as calibrate.ts.
const SQL_CALIBRATION = `
  with pm as (
    select i.loop_id, d.key as dim, s.panelist_id, avg(r.score) as m
    from ratings r
    join scorecards s on s.id = r.scorecard_id and s.status = 'submitted'
    join interviews i on i.id = s.interview_id
    join loops l on l.id = i.loop_id
    join rubric_versions v on v.id = l.rubric_version_id and v.rubric_id = ?
    join rubric_dimensions d on d.id = r.dimension_id
    where r.score is not null
    group by i.loop_id, d.key, s.panelist_id
  ),
  g as (
    select panelist_id, m,
      sum(m) over (partition by loop_id, dim) as total,
      count(*) over (partition by loop_id, dim) as n
    from pm
  ),
  dev as (select panelist_id, m - (total - m) / (n - 1) as d from g where n >= 2)
  select panelist_id as panelistId, count(*) as n, avg(d) as rawOffset, avg(d) * count(*) / (count(*) + ?) as offset
  from dev group by panelist_id`;

// ------------------------------------------------------------------ main

function main(): void {
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-bench-"));
  const file = path.join(dir, "bench.db");
  const db = openDatabase(file);
  migrateDatabase(db);
  db.$client.pragma("synchronous = OFF"); // seeding only; reads are unaffected
  const random = seededRandom(20_240_601);

  let seedMs = performance.now();
  const { rubricId } = seed(db, random);
  seedMs = performance.now() - seedMs;
  const counts = db.$client
    .prepare(
      "select (select count(*) from loops) as loops, (select count(*) from scorecards) as scorecards, (select count(*) from ratings) as ratings",
    )
    .get() as {
    loops: number;
    scorecards: number;
    ratings: number;
  };
  console.log(
    `Seeded ${counts.loops.toLocaleString("en")} loops, ${counts.scorecards.toLocaleString("en")} scorecards, ${counts.ratings.toLocaleString("en")} ratings in ${(seedMs / 1000).toFixed(1)} s (${file}, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`,
  );

  const loopIds = (db.$client.prepare("select id from loops").all() as { id: string }[]).map((r) => r.id);
  const pick = seededRandom(7);
  const sample = Array.from(
    { length: Math.min(SAMPLE, loopIds.length) },
    () => loopIds[Math.floor(pick() * loopIds.length)]!,
  );

  // ---------------- (b) first: calibration across all interviewers
  const oursB: number[] = [];
  const loadB: number[] = [];
  let calibration: InterviewerCalibration[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = performance.now();
    const pop = loadCalibrationPopulation(db, rubricId);
    const b = performance.now();
    calibration = calibrateInterviewers(pop);
    const c = performance.now();
    oursB.push(c - a);
    loadB.push(b - a);
  }
  const calStmt = db.$client.prepare(SQL_CALIBRATION);
  const sqlB: number[] = [];
  let sqlCal: { panelistId: string; n: number; rawOffset: number; offset: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = performance.now();
    sqlCal = calStmt.all(rubricId, DEFAULT_SHRINKAGE_K) as typeof sqlCal;
    sqlB.push(performance.now() - a);
  }
  const sqlById = new Map(sqlCal.map((r) => [r.panelistId, r]));
  let calMismatch = 0;
  let calMaxDiff = 0;
  for (const c of calibration) {
    const s = sqlById.get(c.panelistId);
    if (!s) {
      if (c.sampleSize !== 0) calMismatch++;
      continue;
    }
    const diff = Math.max(Math.abs(s.rawOffset - c.rawOffset), Math.abs(s.offset - c.offset));
    calMaxDiff = Math.max(calMaxDiff, diff);
    if (s.n !== c.sampleSize || diff > 1e-9) calMismatch++;
  }
  if (sqlCal.length !== calibration.filter((c) => c.sampleSize > 0).length) calMismatch++;

  // ---------------- (a) one loop: getLoopReview vs SQL per-dimension stats
  let coldMs = performance.now();
  getLoopReview(db, sample[0]!); // computes and caches the family's calibration
  coldMs = performance.now() - coldMs;
  for (const id of sample.slice(0, 20)) getLoopReview(db, id); // warm-up
  const oursA: number[] = [];
  const reviews = new Map<string, ReturnType<typeof getLoopReview>>();
  for (const id of sample) {
    const a = performance.now();
    const review = getLoopReview(db, id);
    oursA.push(performance.now() - a);
    reviews.set(id, review);
  }
  const dimStmt = db.$client.prepare(SQL_LOOP_DIMENSIONS);
  for (const id of sample.slice(0, 20)) dimStmt.all(id);
  const sqlA: number[] = [];
  let loopMismatch = 0;
  const sqlResults = new Map<
    string,
    { dimensionKey: string; mean: number; min: number; max: number; count: number }[]
  >();
  for (const id of sample) {
    const a = performance.now();
    const rows = dimStmt.all(id) as { dimensionKey: string; mean: number; min: number; max: number; count: number }[];
    sqlA.push(performance.now() - a);
    sqlResults.set(id, rows);
  }
  for (const id of sample) {
    const agg = reviews.get(id)?.aggregate;
    const rows = sqlResults.get(id) ?? [];
    const byKey = new Map(rows.map((r) => [r.dimensionKey, r]));
    for (const d of agg?.dimensions ?? []) {
      const s = byKey.get(d.key);
      const same = s
        ? d.count === s.count &&
          d.min === s.min &&
          d.max === s.max &&
          d.mean !== null &&
          Math.abs(d.mean - s.mean) < 1e-9
        : d.count === 0;
      if (!same) loopMismatch++;
    }
    if (!agg || rows.length !== agg.dimensions.filter((d) => d.count > 0).length) loopMismatch++;
  }

  // ---------------- report
  const mA = median(oursA);
  const sA = median(sqlA);
  const mB = median(oursB);
  const sB = median(sqlB);
  const line = (label: string, ours: number, sql: number) =>
    console.log(
      `${label.padEnd(58)} ${ms(ours).padStart(10)} ${ms(sql).padStart(10)} ${`${(ours / sql).toFixed(1)}×`.padStart(8)}`,
    );
  console.log("");
  console.log(`${"".padEnd(58)} ${"ours".padStart(10)} ${"SQL".padStart(10)} ${"ratio".padStart(8)}`);
  line(`(a) one loop: getLoopReview vs per-dimension SQL (median of ${sample.length})`, mA, sA);
  line(`(b) calibration, ${calibration.length} interviewers (median of ${RUNS})`, mB, sB);
  console.log("");
  console.log(
    `(a) p95 ours ${ms([...oursA].sort((x, y) => x - y)[Math.floor(oursA.length * 0.95)] ?? 0)}; the first review of the process (computes + caches calibration): ${ms(coldMs)}`,
  );
  console.log(
    `(b) of which loading ${counts.ratings.toLocaleString("en")} ratings with loadCalibrationPopulation: ${ms(median(loadB))}, calibrateInterviewers: ${ms(mB - median(loadB))}`,
  );
  console.log(
    `Same numbers? (a) ${loopMismatch === 0 ? "yes" : `NO (${loopMismatch} mismatches)`} for ${sample.length} loops × 7 dimensions; (b) ${calMismatch === 0 ? "yes" : `NO (${calMismatch} mismatches)`} for ${calibration.length} interviewers (max |Δ| ${calMaxDiff.toExponential(1)})`,
  );
  const lenient = calibration.filter((c) => c.tendency === "lenient").length;
  const severe = calibration.filter((c) => c.tendency === "severe").length;
  console.log(
    `Calibration found ${lenient} lenient and ${severe} severe interviewers (seeded biases uniform in ±0.8).`,
  );
  console.log(`Total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  db.$client.close();
  if (process.env.BENCH_KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
  if (loopMismatch || calMismatch) process.exit(1);
}

main();
