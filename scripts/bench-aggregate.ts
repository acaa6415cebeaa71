// `npm run bench:aggregate`: how fast is the review's data path at scale, compared with plain SQL?
//
// Seeds a temporary SQLite file with 10,000 loops (4 interviews × 2 panelists = 8 submitted
// scorecards per loop, each rating all 7 dimensions: 560,000 ratings, plus flags, signals, focus
// ticks, quick notes and audit entries), then measures, side by side in the same process:
//   (a) one loop's review data with loadLoopReview (getLoopReview without its memory) (median over many loops, calibration cache warm)
//       vs. a hand-written data layer returning the same data the review page shows: ten
//       statements prepared once (loop facts, interviews, scorecards, every rating with its
//       evidence, per-dimension mean/min/max/count, red flags, signals, focus ticks, quick notes,
//       the audit trail with names), rows as plain objects. Ours also turns the rows into the
//       page's model (aggregateLoop: medians, outliers, composite, agenda…), which the SQL side
//       does not, so the ratio is an upper bound of the data layer's overhead;
//   (b) interviewer calibration across all interviewers (loadCalibrationPopulation +
//       calibrateInterviewers) vs. one SQL query with CTEs and window functions;
//   (c) the next review after a submit/amend (one rating changed, its loop noted): calibration is
//       updated for that loop only, and checked against a full recompute;
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
import {
  calibrationForRubric,
  loadCalibrationPopulation,
  noteCalibrationInputsChanged,
} from "../db/queries/review/calibration.server";
import { loadLoopReview } from "../db/queries/review/loop-review.server";
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

/** Everything the review page shows about one loop, as a hand-written data layer would read it. */
const SQL_REVIEW = {
  facts: `
    select l.id, l.status, l.created_at as createdAt, l.weights, l.decision, l.decision_rationale as rationale,
      l.decided_at as decidedAt, dec.name as deciderName, c.name as candidateName, c.email as candidateEmail,
      c.current_title as candidateTitle, c.erased_at as erasedAt, hm.name as hmName, rec.name as recruiterName,
      rb.name as rubricName, rb.role_title as roleTitle, v.id as versionId, v.version, v.status as versionStatus,
      (select min(scheduled_at) from interviews where loop_id = l.id) as firstInterviewAt,
      (select max(scheduled_at) from interviews where loop_id = l.id) as lastInterviewAt
    from loops l
    join candidates c on c.id = l.candidate_id
    join users hm on hm.id = l.hiring_manager_id
    left join users rec on rec.id = l.recruiter_id
    left join users dec on dec.id = l.decided_by
    join rubric_versions v on v.id = l.rubric_version_id
    join rubrics rb on rb.id = v.rubric_id
    where l.id = ?`,
  interviews: `
    select i.id, i.position, i.scheduled_at as scheduledAt, i.duration_minutes as durationMinutes, e.key as exerciseKey, e.title
    from interviews i join rubric_exercises e on e.id = i.exercise_id where i.loop_id = ?`,
  scorecards: `
    select s.id, s.interview_id as interviewId, s.panelist_id as panelistId, u.name as panelistName, s.status,
      s.recommendation, s.summary, s.override_justification as overrideJustification, s.conflict_note as conflictNote,
      s.submitted_at as submittedAt, s.updated_at as updatedAt, s.amend_count as amendCount, s.last_amend_reason as lastAmendReason
    from scorecards s join interviews i on i.id = s.interview_id join users u on u.id = s.panelist_id
    where i.loop_id = ?`,
  ratings: `
    select r.scorecard_id as scorecardId, d.key as dimensionKey, r.score, r.not_assessed as notAssessed, r.evidence
    from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
    join rubric_dimensions d on d.id = r.dimension_id where i.loop_id = ?`,
  dimensions: SQL_LOOP_DIMENSIONS,
  flags: `
    select m.scorecard_id as scorecardId, f.key, m.note from red_flag_marks m
    join scorecards s on s.id = m.scorecard_id join interviews i on i.id = s.interview_id
    join rubric_red_flags f on f.id = m.red_flag_id where i.loop_id = ?`,
  signals: `
    select m.scorecard_id as scorecardId, g.key from signal_marks m
    join scorecards s on s.id = m.scorecard_id join interviews i on i.id = s.interview_id
    join rubric_signals g on g.id = m.signal_id where i.loop_id = ?`,
  focus: `
    select t.scorecard_id as scorecardId, t.focus_key as key from focus_ticks t
    join scorecards s on s.id = t.scorecard_id join interviews i on i.id = s.interview_id where i.loop_id = ?`,
  notes: `
    select n.scorecard_id as scorecardId, n.elapsed_minute as elapsedMinute, n.body, n.created_at as createdAt
    from quick_notes n join scorecards s on s.id = n.scorecard_id join interviews i on i.id = s.interview_id
    where i.loop_id = ?`,
  audit: `
    select a.at, a.action, a.entity_type as entityType, a.entity_id as entityId, a.reason, u.name as actorName
    from audit_log a left join users u on u.id = a.actor_id where a.loop_id = ? order by a.at, a.id`,
};

type ReviewRows = { [K in keyof typeof SQL_REVIEW]: Record<string, unknown>[] };

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

  // ---------------- (a) one loop: loadLoopReview vs SQL per-dimension stats
  let coldMs = performance.now();
  loadLoopReview(db, sample[0]!); // computes and caches the family's calibration
  coldMs = performance.now() - coldMs;
  for (const id of sample.slice(0, 20)) loadLoopReview(db, id); // warm-up
  const oursA: number[] = [];
  const reviews = new Map<string, ReturnType<typeof loadLoopReview>>();
  for (const id of sample) {
    const a = performance.now();
    const review = loadLoopReview(db, id);
    oursA.push(performance.now() - a);
    reviews.set(id, review);
  }
  const reviewStmts = Object.entries(SQL_REVIEW).map(([k, q]) => [k, db.$client.prepare(q)] as const);
  const sqlReview = (id: string): ReviewRows =>
    Object.fromEntries(reviewStmts.map(([k, st]) => [k, st.all(id) as Record<string, unknown>[]])) as ReviewRows;
  for (const id of sample.slice(0, 20)) sqlReview(id);
  const sqlA: number[] = [];
  let loopMismatch = 0;
  const sqlResults = new Map<string, ReviewRows>();
  for (const id of sample) {
    const a = performance.now();
    const rows = sqlReview(id);
    sqlA.push(performance.now() - a);
    sqlResults.set(id, rows);
  }
  // the same data: per-dimension numbers, every rating's evidence, flags, notes, the audit trail
  for (const id of sample) {
    const review = reviews.get(id);
    const agg = review?.aggregate;
    const rows = sqlResults.get(id);
    if (!agg || !review || !rows) {
      loopMismatch++;
      continue;
    }
    const stats = rows.dimensions as unknown as {
      dimensionKey: string;
      mean: number;
      min: number;
      max: number;
      count: number;
    }[];
    const byKey = new Map(stats.map((r) => [r.dimensionKey, r]));
    for (const d of agg.dimensions) {
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
    if (stats.length !== agg.dimensions.filter((d) => d.count > 0).length) loopMismatch++;
    const ourEvidence = agg.dimensions.flatMap((d) => d.ratings.map((r) => r.evidence)).sort();
    const sqlEvidence = rows.ratings.map((r) => String(r.evidence)).sort();
    if (ourEvidence.join("\u0000") !== sqlEvidence.join("\u0000")) loopMismatch++;
    const ourFlags = agg.redFlags.reduce((n, f) => n + f.raisedBy.length, 0);
    if (ourFlags !== rows.flags.length) loopMismatch++;
    const ourNotes = agg.exercises.reduce((n, e) => n + e.quickNotes.length, 0);
    if (ourNotes !== rows.notes.length) loopMismatch++;
    if (review.facts.audit.length !== rows.audit.length) loopMismatch++;
    if (agg.scorecards.length !== rows.scorecards.length) loopMismatch++;
  }

  // ---------------- (c) a submit, then the next review: calibration updated for that loop only
  const submitted = db.$client.prepare(
    `select r.scorecard_id as scorecardId, r.dimension_id as dimensionId, r.score from ratings r
     join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
     where i.loop_id = ? and s.status = 'submitted' and r.score is not null limit 1`,
  );
  const setScore = db.$client.prepare("update ratings set score = ? where scorecard_id = ? and dimension_id = ?");
  const afterSubmit: number[] = [];
  const updateOnly: number[] = [];
  // CPU time of the update: what a loaded machine does not inflate
  const updateCpu: number[] = [];
  let incrementalMismatch = 0;
  for (let i = 0; i < 10; i++) {
    const changedLoop = sample[i]!;
    const r = submitted.get(changedLoop) as { scorecardId: string; dimensionId: string; score: number };
    // what an amend does to the data: one rating changes, the write path notes its loop
    setScore.run(5 - r.score, r.scorecardId, r.dimensionId);
    noteCalibrationInputsChanged(changedLoop);
    const cpu = process.cpuUsage();
    const a = performance.now();
    calibrationForRubric(db, rubricId);
    const b = performance.now();
    const used = process.cpuUsage(cpu);
    updateCpu.push((used.user + used.system) / 1000);
    loadLoopReview(db, sample[sample.length - 1 - i]!);
    afterSubmit.push(performance.now() - a);
    updateOnly.push(b - a);
    const full = calibrateInterviewers(loadCalibrationPopulation(db, rubricId));
    if (JSON.stringify(calibrationForRubric(db, rubricId)) !== JSON.stringify(full)) incrementalMismatch++;
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
  line(`(a) one loop's review data: loadLoopReview vs hand-written SQL (median of ${sample.length})`, mA, sA);
  line(`(b) calibration, ${calibration.length} interviewers (median of ${RUNS})`, mB, sB);
  console.log("");
  console.log(
    `(a) p95 ours ${ms([...oursA].sort((x, y) => x - y)[Math.floor(oursA.length * 0.95)] ?? 0)}; the first review of the process (computes + caches calibration): ${ms(coldMs)}`,
  );
  console.log(
    `(c) after a submit/amend at ${counts.loops.toLocaleString("en")} loops, the next review (calibration updated for that loop): median ${ms(median(afterSubmit))} (of which updating calibration ${ms(median(updateOnly))}, CPU time ${ms(median(updateCpu))}), max ${ms(Math.max(...afterSubmit))} (goal: tens of ms; a full recompute is the first-review figure above); same calibration as a full recompute: ${incrementalMismatch === 0 ? "yes" : `NO (${incrementalMismatch} of 10)`}`,
  );
  console.log(
    `(b) of which loading ${counts.ratings.toLocaleString("en")} ratings with loadCalibrationPopulation: ${ms(median(loadB))}, calibrateInterviewers: ${ms(mB - median(loadB))}`,
  );
  console.log(
    `Same data? (a) ${loopMismatch === 0 ? "yes" : `NO (${loopMismatch} mismatches)`} for ${sample.length} loops (7 dimensions' numbers, every rating's evidence, flags, notes, audit entries, scorecards); (b) ${calMismatch === 0 ? "yes" : `NO (${calMismatch} mismatches)`} for ${calibration.length} interviewers (max |Δ| ${calMaxDiff.toExponential(1)})`,
  );
  const lenient = calibration.filter((c) => c.tendency === "lenient").length;
  const severe = calibration.filter((c) => c.tendency === "severe").length;
  console.log(
    `Calibration found ${lenient} lenient and ${severe} severe interviewers (seeded biases uniform in ±0.8).`,
  );
  console.log(`Total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  db.$client.close();
  if (process.env.BENCH_KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
  if (loopMismatch || calMismatch || incrementalMismatch) process.exit(1);
}

main();
