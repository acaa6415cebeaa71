/**
 * Everything the review page, packet.json, ratings.csv and the PDF packet read about one loop:
 * the aggregate (calibrated against the whole rubric family), the loop facts and the rubric.
 */
import { and, asc, eq, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { buildLoopFacts } from "../../../app/domain/review/facts";
import { deepFreeze } from "../../../app/domain/shared/freeze";
import { loopAcknowledgements } from "../scorecard/evidence-acks.server";
import type { LoopAggregate, LoopFacts } from "../../../app/domain/review/types";
import type { RubricContent } from "../../../app/domain/rubric/model";
import type { AuditAction } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import {
  auditLog,
  candidates,
  interviews,
  loops,
  rubricExercises,
  rubrics,
  rubricVersions,
  scorecards,
  users,
} from "../../schema";

import { loadDebriefRecord } from "../debrief/read.server";

import { calibrationForRubric, rubricFamilyOfLoop } from "./calibration.server";
import { loadLoopAggregationInput } from "./inputs.server";
import { reviewStamp } from "./review-stamp.server";

/**
 * What the trail may show of a scorecard that is not submitted: that it was assigned, removed or
 * recused. Its saves, notes and timer are its author's own (as is its content), so they are left
 * out until it is submitted.
 */
const SCORECARD_STATE_ACTIONS: AuditAction[] = ["panelist.add", "panelist.remove", "scorecard.recuse"];
/** The one scorecard entry whose reason is not the panelist's private text: an amendment of a submitted scorecard. */
const SCORECARD_REASON_ACTIONS: AuditAction[] = ["scorecard.amend"];

function buildFactsQueries(db: Db) {
  const loopId = sql.placeholder("loopId");
  const hm = alias(users, "hm");
  const recruiter = alias(users, "recruiter");
  const decider = alias(users, "decider");
  const onScorecard = eq(auditLog.entityType, "scorecard");
  return {
    loop: db
      .select({
        loopId: loops.id,
        status: loops.status,
        createdAt: loops.createdAt,
        decision: loops.decision,
        decisionRationale: loops.decisionRationale,
        decisionOverride: loops.decisionOverride,
        decisionOverrideGrounds: loops.decisionOverrideGrounds,
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
      .prepare(),
    scorecardNames: db
      .select({ id: scorecards.id, panelistName: users.name, exerciseTitle: rubricExercises.title })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
      .innerJoin(users, eq(users.id, scorecards.panelistId))
      .where(eq(interviews.loopId, loopId))
      .prepare(),
    // A scorecard's entries follow the privacy rule in the query: a draft's or recusal's own
    // activity and text (the conflict note is the recusal's reason) never leave the database here.
    audit: db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        reason: sql<
          string | null
        >`case when ${and(onScorecard, notInArray(auditLog.action, SCORECARD_REASON_ACTIONS))} then null else ${auditLog.reason} end`,
        // what an entry changed feeds its sentence (review/audit-sentences.ts); an uncounted scorecard's own
        // changes stay in the database like its text
        before:
          sql<unknown>`case when ${onScorecard} and (${scorecards.status} is not 'submitted' or ${scorecards.panelRole} is not 'panelist') then null else ${auditLog.before} end`.mapWith(
            auditLog.before,
          ),
        after:
          sql<unknown>`case when ${onScorecard} and (${scorecards.status} is not 'submitted' or ${scorecards.panelRole} is not 'panelist') then null else ${auditLog.after} end`.mapWith(
            auditLog.after,
          ),
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(scorecards, and(onScorecard, eq(scorecards.id, auditLog.entityId)))
      .where(
        and(
          eq(auditLog.loopId, loopId),
          or(
            ne(auditLog.entityType, "scorecard"),
            // a trainee's scorecard is not the panel's: only its seat shows (added, removed)
            and(eq(scorecards.status, "submitted"), eq(scorecards.panelRole, "panelist")),
            inArray(auditLog.action, SCORECARD_STATE_ACTIONS),
          ),
        ),
      )
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .prepare(),
  };
}

// Every review view runs these: prepared once per connection (drizzle building and preparing the
// same SQL per call was a quarter of the review's data time).
const factsQueries = new WeakMap<object, ReturnType<typeof buildFactsQueries>>();

/** Candidate, people, rubric, dates, decision and the audit trail (with actor names) of one loop. */
export function loadLoopFacts(db: Db, loopId: string): LoopFacts | null {
  let q = factsQueries.get(db.$client);
  if (!q) factsQueries.set(db.$client, (q = buildFactsQueries(db)));
  const args = { loopId };
  const row = q.loop.get(args);
  if (!row) return null;
  return buildLoopFacts(row, q.scorecardNames.all(args), q.audit.all(args), loadDebriefRecord(db, loopId));
}

export interface LoopReview {
  aggregate: LoopAggregate;
  facts: LoopFacts;
  rubric: RubricContent;
}

/**
 * The review of one loop computed from the database, or null when the loop does not exist.
 * Authorization is the caller's job (requireLoopFeedbackAccess); `includeCalibration: false` (see
 * seesCalibration) drops the per-interviewer table but keeps the calibrated means. Views go through
 * getLoopReview (the same result, remembered); this is for benchmarks and checks.
 */
export function loadLoopReview(db: Db, loopId: string, opts: { includeCalibration?: boolean } = {}): LoopReview | null {
  const input = loadLoopAggregationInput(db, loopId);
  if (!input) return null;
  const loaded = loadLoopFacts(db, loopId);
  if (!loaded) return null;
  const facts: LoopFacts = { ...loaded, evidenceAcknowledgements: loopAcknowledgements(db, loopId) };
  const rubricId = rubricFamilyOfLoop(db, loopId);
  const calibration = rubricId ? calibrationForRubric(db, rubricId) : [];
  const aggregate = aggregateLoop(input, calibration);
  if (opts.includeCalibration === false) aggregate.calibration = [];
  return { aggregate, facts, rubric: input.rubric };
}

/** How many loops' reviews are remembered per connection (the ones being looked at). */
const REVIEWS_REMEMBERED = 32;

interface RememberedReviews {
  /** reviewStamp when these were computed: any other stamp forgets them all */
  stamp: string;
  /** `${loopId}|${includeCalibration}` → review, least recently used first */
  reviews: Map<string, LoopReview>;
}

const remembered = new WeakMap<object, RememberedReviews>();

function draftSavesQuery(db: Db) {
  return db
    .select({ id: scorecards.id, updatedAt: scorecards.updatedAt })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, sql.placeholder("loopId")), ne(scorecards.status, "submitted")))
    .prepare();
}
const draftSaves = new WeakMap<object, ReturnType<typeof draftSavesQuery>>();

/**
 * A remembered review with its drafts' last saves as they are now: the one thing of a draft the
 * review shows, and the one thing of the review an autosave changes (reviewNeutralWrite). The same
 * object when nothing moved.
 */
function withCurrentDraftSaves(db: Db, loopId: string, review: LoopReview): LoopReview {
  if (review.aggregate.scorecards.every((s) => s.status === "submitted")) return review;
  let q = draftSaves.get(db.$client);
  if (!q) draftSaves.set(db.$client, (q = draftSavesQuery(db)));
  const savedAt = new Map(q.all({ loopId }).map((r) => [r.id, r.updatedAt]));
  let changed = false;
  const scorecardsNow = review.aggregate.scorecards.map((s) => {
    if (s.status === "submitted") return s;
    const at = savedAt.get(s.scorecardId);
    if (at === undefined || at === s.lastSavedAt) return s;
    changed = true;
    return { ...s, lastSavedAt: at };
  });
  if (!changed) return review;
  // the rest is shared with the remembered review, already frozen
  return deepFreeze({ ...review, aggregate: { ...review.aggregate, scorecards: scorecardsNow } });
}

/**
 * The review of one loop (see loadLoopReview), remembered per connection until a write that a
 * review could show (reviewStamp): the review page, packet.json and packet.pdf of the same loop
 * read it once between changes instead of three times per view. Frozen, because every viewer shares
 * it. With ARCHPANEL_VERIFY_REVIEW_CACHE=1 (the test suites) every remembered answer is checked
 * against a fresh computation and a difference throws.
 */
export function getLoopReview(db: Db, loopId: string, opts: { includeCalibration?: boolean } = {}): LoopReview | null {
  const includeCalibration = opts.includeCalibration !== false;
  const stamp = reviewStamp(db);
  let mem = remembered.get(db.$client);
  if (!mem || mem.stamp !== stamp) remembered.set(db.$client, (mem = { stamp, reviews: new Map() }));
  const key = `${loopId}|${includeCalibration}`;
  const hit = mem.reviews.get(key);
  if (hit) {
    const current = withCurrentDraftSaves(db, loopId, hit);
    mem.reviews.delete(key);
    mem.reviews.set(key, current);
    if (process.env.ARCHPANEL_VERIFY_REVIEW_CACHE === "1") verifyRemembered(db, loopId, includeCalibration, current);
    return current;
  }
  const review = loadLoopReview(db, loopId, { includeCalibration });
  if (!review) return null;
  // loading writes nothing; were that ever to change, such an answer is not remembered
  if (reviewStamp(db) !== stamp) return review;
  mem.reviews.set(key, deepFreeze(review));
  if (mem.reviews.size > REVIEWS_REMEMBERED) mem.reviews.delete(mem.reviews.keys().next().value!);
  return review;
}

function verifyRemembered(db: Db, loopId: string, includeCalibration: boolean, remembered: LoopReview): void {
  const fresh = loadLoopReview(db, loopId, { includeCalibration });
  if (JSON.stringify(fresh) !== JSON.stringify(remembered))
    throw new Error(
      `the remembered review of loop ${loopId} differs from the database: a write path changed it unnoticed`,
    );
}

/** How many reviews this connection remembers (tests: an erasure leaves none). */
export function rememberedReviews(db: Db): number {
  return remembered.get(db.$client)?.reviews.size ?? 0;
}

/** Forgets every remembered review: an erased candidate's name and evidence must not stay in memory. */
export function forgetRememberedReviews(db: Db): void {
  remembered.delete(db.$client);
}
