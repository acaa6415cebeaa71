import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import { loopFeedbackAccess } from "../../../app/domain/review/access";
import { displayCandidateName } from "../../../app/domain/candidate/schema";
import { coverageReport, type CoverageReport } from "../../../app/domain/loop/coverage";
import {
  canTransition,
  isConfigurable,
  setupTransitions,
  transitionBlockers,
  weightsEditable,
} from "../../../app/domain/loop/status";
import { planInterviews, type LoopTemplateKey } from "../../../app/domain/loop/template";
import type { Decision, LoopStatus, Role, ScorecardStatus } from "../../../app/domain/vocabulary";
import type { RubricContent } from "../../../app/domain/rubric/model";
import { LOOP_STATUS_LABELS } from "../../../app/domain/vocabulary";
import { carryWeightsOver, equalWeights, validateWeights } from "../../../app/domain/loop/weights";
import { newId } from "../../ids.server";
import type { Db } from "../../client.server";
import {
  candidates,
  interviews,
  loops,
  rubricExercises,
  rubrics,
  rubricVersions,
  scorecards,
  users,
} from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { loadRubricContent, rubricVersionIds } from "../rubric/rubrics.server";
import { onLoopChanged } from "../outbox/events.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

/** At most this many panelists (not counting recused ones) on one interview. */
export const MAX_PANELISTS_PER_INTERVIEW = 3;

// ---------------------------------------------------------------- lists

export interface LoopListRow {
  id: string;
  candidateId: string;
  candidateName: string;
  candidateErased: boolean;
  candidateTitle: string;
  status: LoopStatus;
  decision: Decision | null;
  hiringManagerId: string;
  hiringManagerName: string;
  rubricVersion: number;
  rubricName: string;
  interviewCount: number;
  firstInterviewAt: number | null;
  lastInterviewAt: number | null;
  /** scorecards submitted / expected (recused ones are not expected) */
  submitted: number;
  expected: number;
  createdAt: number;
  updatedAt: number;
}

function loopRows(db: DbOrTx, where: SQL | undefined): LoopListRow[] {
  const base = db
    .select({
      id: loops.id,
      candidateId: loops.candidateId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      candidateTitle: candidates.currentTitle,
      status: loops.status,
      decision: loops.decision,
      hiringManagerId: loops.hiringManagerId,
      hiringManagerName: users.name,
      rubricVersion: rubricVersions.version,
      rubricName: rubrics.name,
      createdAt: loops.createdAt,
      updatedAt: loops.updatedAt,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(where)
    .orderBy(desc(loops.updatedAt))
    .all();
  if (base.length === 0) return [];
  const ids = base.map((l) => l.id);
  const ivStats = db
    .select({
      loopId: interviews.loopId,
      n: sql<number>`count(*)`,
      first: sql<number | null>`min(${interviews.scheduledAt})`,
      last: sql<number | null>`max(${interviews.scheduledAt})`,
    })
    .from(interviews)
    .where(inArray(interviews.loopId, ids))
    .groupBy(interviews.loopId)
    .all();
  const scStats = db
    .select({
      loopId: interviews.loopId,
      submitted: sql<number>`sum(case when ${scorecards.status} = 'submitted' then 1 else 0 end)`,
      expected: sql<number>`sum(case when ${scorecards.status} = 'recused' then 0 else 1 end)`,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(inArray(interviews.loopId, ids))
    .groupBy(interviews.loopId)
    .all();
  const ivBy = new Map(ivStats.map((s) => [s.loopId, s]));
  const scBy = new Map(scStats.map((s) => [s.loopId, s]));
  return base.map(({ candidateErasedAt, ...l }) => ({
    ...l,
    candidateName: displayCandidateName({ name: l.candidateName, erasedAt: candidateErasedAt }),
    candidateTitle: candidateErasedAt === null ? l.candidateTitle : "",
    candidateErased: candidateErasedAt !== null,
    interviewCount: Number(ivBy.get(l.id)?.n ?? 0),
    firstInterviewAt: ivBy.get(l.id)?.first ?? null,
    lastInterviewAt: ivBy.get(l.id)?.last ?? null,
    submitted: Number(scBy.get(l.id)?.submitted ?? 0),
    expected: Number(scBy.get(l.id)?.expected ?? 0),
  }));
}

/** Every loop (recruiters and admins), optionally of one status. */
export function listLoopsForStaff(db: Db, status: LoopStatus | ""): LoopListRow[] {
  return loopRows(db, status ? eq(loops.status, status) : undefined);
}

/**
 * Loops a member may open: those they are hiring manager of, and those where they are a panelist
 * whose own scorecards are all in (the independence rule). `waitingOnYou` counts loops where the
 * member still has a scorecard to submit (listed on their interviews page instead).
 */
export function listLoopsForMember(
  db: Db,
  user: { id: string; role: Role },
): { loops: LoopListRow[]; waitingOnYou: number } {
  const own = db
    .select({ loopId: interviews.loopId, status: scorecards.status })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(eq(scorecards.panelistId, user.id))
    .all();
  const hmLoops = db
    .select({ id: loops.id, hiringManagerId: loops.hiringManagerId, recruiterId: loops.recruiterId })
    .from(loops)
    .where(eq(loops.hiringManagerId, user.id))
    .all();
  const related = new Set([...own.map((o) => o.loopId), ...hmLoops.map((l) => l.id)]);
  if (related.size === 0) return { loops: [], waitingOnYou: 0 };
  const rows = loopRows(db, inArray(loops.id, [...related]));
  const visible: LoopListRow[] = [];
  let waitingOnYou = 0;
  for (const row of rows) {
    const access = loopFeedbackAccess({
      user,
      hiringManagerId: row.hiringManagerId,
      recruiterId: null,
      ownScorecards: own.filter((o) => o.loopId === row.id).map((o) => ({ status: o.status })),
    });
    if (access === "full") visible.push(row);
    else if (access === "pending_own_submission") waitingOnYou++;
  }
  return { loops: visible, waitingOnYou };
}

// ---------------------------------------------------------------- setup view

export interface SetupPanelist {
  scorecardId: string;
  userId: string;
  name: string;
  email: string;
  active: boolean;
  status: ScorecardStatus;
  version: number;
  conflictNote: string | null;
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
function isStarted(s: { status: ScorecardStatus; version: number }): boolean {
  return s.version > 0 || s.status === "submitted";
}

export function getLoopSetup(db: DbOrTx, loopId: string): LoopSetup | null {
  const row = db
    .select({
      id: loops.id,
      status: loops.status,
      decision: loops.decision,
      weights: loops.weights,
      createdAt: loops.createdAt,
      updatedAt: loops.updatedAt,
      hiringManagerId: loops.hiringManagerId,
      recruiterId: loops.recruiterId,
      rubricVersionId: loops.rubricVersionId,
      candidateId: loops.candidateId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      candidateTitle: candidates.currentTitle,
      candidateEmail: candidates.email,
      version: rubricVersions.version,
      rubricId: rubricVersions.rubricId,
      rubricName: rubrics.name,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(eq(loops.id, loopId))
    .get();
  if (!row) return null;
  const content = loadRubricContent(db, row.rubricVersionId);
  if (!content) return null;
  const people = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(inArray(users.id, [row.hiringManagerId, ...(row.recruiterId ? [row.recruiterId] : [])]))
    .all();
  const hm = people.find((p) => p.id === row.hiringManagerId)!;
  const recruiter = row.recruiterId ? (people.find((p) => p.id === row.recruiterId) ?? null) : null;
  const ivRows = db
    .select({
      id: interviews.id,
      position: interviews.position,
      exerciseId: interviews.exerciseId,
      exerciseKey: rubricExercises.key,
      exerciseTitle: rubricExercises.title,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
    })
    .from(interviews)
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(eq(interviews.loopId, loopId))
    .orderBy(asc(interviews.position), asc(interviews.createdAt))
    .all();
  const scRows = ivRows.length
    ? db
        .select({
          scorecardId: scorecards.id,
          interviewId: scorecards.interviewId,
          userId: users.id,
          name: users.name,
          email: users.email,
          active: users.active,
          status: scorecards.status,
          version: scorecards.version,
          conflictNote: scorecards.conflictNote,
          submittedAt: scorecards.submittedAt,
          createdAt: scorecards.createdAt,
        })
        .from(scorecards)
        .innerJoin(users, eq(users.id, scorecards.panelistId))
        .where(
          inArray(
            scorecards.interviewId,
            ivRows.map((i) => i.id),
          ),
        )
        .orderBy(asc(scorecards.createdAt), asc(users.name))
        .all()
    : [];
  const exerciseDims = new Map(content.exercises.map((e) => [e.key, e.dimensionKeys]));
  const ivs: SetupInterview[] = ivRows.map((iv) => {
    const panelists = scRows
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
      panelists: iv.panelists.map((p) => ({ id: p.userId, name: p.name, status: p.status, active: p.active })),
    })),
    hiringManager: { id: setup.loop.hiringManager.id, name: setup.loop.hiringManager.name },
  });
}

/** Everyone who can be put on a panel or made hiring manager: active accounts. */
export function listAssignablePeople(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all();
}

/** Whether `user` may download the loop's calendar: staff, its hiring manager, its panelists. */
export function canSeeLoopCalendar(db: Db, loopId: string, user: { id: string; role: Role }): boolean | null {
  const loop = db.select({ hiringManagerId: loops.hiringManagerId }).from(loops).where(eq(loops.id, loopId)).get();
  if (!loop) return null;
  if (user.role === "admin" || user.role === "recruiter" || loop.hiringManagerId === user.id) return true;
  const mine = db
    .select({ id: scorecards.id })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelistId, user.id)))
    .get();
  return mine !== undefined;
}

// ---------------------------------------------------------------- mutations

interface Actor {
  id: string;
}

function loadForChange(tx: Tx, loopId: string, opts: { requireConfigurable?: boolean } = {}) {
  const setup = getLoopSetup(tx, loopId);
  if (!setup) abort(404, "This loop does not exist.");
  if (opts.requireConfigurable !== false && !isConfigurable(setup.loop.status)) {
    abort(
      409,
      setup.loop.status === "decided"
        ? "This loop is decided: its setup can no longer change."
        : "This loop is withdrawn: reopen it in planning to change its setup.",
    );
  }
  return setup;
}

function touch(tx: Tx, loopId: string, now: number): void {
  tx.update(loops).set({ updatedAt: now }).where(eq(loops.id, loopId)).run();
}

function activeUser(tx: Tx, userId: string) {
  const u = tx
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u) abort(400, "Choose someone from the list.");
  if (!u.active) abort(409, `${u.name}'s account is deactivated.`);
  return u;
}

function publishedVersion(tx: Tx, versionId: string) {
  const v = tx
    .select({ id: rubricVersions.id, version: rubricVersions.version, status: rubricVersions.status })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!v) abort(400, "Choose a rubric version from the list.");
  if (v.status !== "published") abort(409, `Rubric v${v.version} is a draft: loops only use published versions.`);
  return v;
}

export interface NewLoop {
  candidateId: string;
  rubricVersionId: string;
  hiringManagerId: string;
  template: LoopTemplateKey;
  startAt: number | null;
}

/** Creates a loop from a template: interviews per the template, equal weights, status planning. */
export function createLoop(db: Db, actor: Actor, input: NewLoop, now = Date.now()): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const cand = tx
        .select({
          id: candidates.id,
          name: candidates.name,
          archivedAt: candidates.archivedAt,
          erasedAt: candidates.erasedAt,
        })
        .from(candidates)
        .where(eq(candidates.id, input.candidateId))
        .get();
      if (!cand) abort(400, "Choose a candidate from the list.");
      if (cand.erasedAt !== null) abort(409, "This candidate's data was erased.");
      if (cand.archivedAt !== null) abort(409, "This candidate is archived: restore them first.");
      const version = publishedVersion(tx, input.rubricVersionId);
      activeUser(tx, input.hiringManagerId);
      const content = loadRubricContent(tx, version.id)!;
      const ids = rubricVersionIds(tx, version.id);
      const id = newId();
      tx.insert(loops)
        .values({
          id,
          candidateId: cand.id,
          rubricVersionId: version.id,
          hiringManagerId: input.hiringManagerId,
          recruiterId: actor.id,
          status: "planning",
          weights: equalWeights(content.dimensions.map((d) => d.key)),
          createdAt: now,
          updatedAt: now,
        })
        .run();
      const plan = planInterviews(input.template, content, input.startAt);
      plan.forEach((p, position) => {
        tx.insert(interviews)
          .values({
            id: newId(),
            loopId: id,
            exerciseId: ids.exercises.get(p.exerciseKey)!,
            position,
            scheduledAt: p.scheduledAt,
            durationMinutes: p.durationMinutes,
            createdAt: now,
          })
          .run();
      });
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "loop.create",
          entityType: "loop",
          entityId: id,
          loopId: id,
          after: {
            candidateId: cand.id,
            rubricVersion: version.version,
            hiringManagerId: input.hiringManagerId,
            template: input.template,
            interviews: plan.map((p) => p.exerciseKey),
            status: "planning",
          },
        },
        now,
      );
      return id;
    }),
  );
}

/**
 * Changes the hiring manager and/or the rubric version. The version may only change while the
 * loop is planning and no scorecard has started; interviews move to the same exercise (by key) of
 * the new version, so every exercise in use must exist there.
 */
export function updateLoopSettings(
  db: Db,
  actor: Actor,
  loopId: string,
  input: { rubricVersionId: string; hiringManagerId: string },
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (input.hiringManagerId !== setup.loop.hiringManager.id) {
        const hm = activeUser(tx, input.hiringManagerId);
        tx.update(loops).set({ hiringManagerId: hm.id }).where(eq(loops.id, loopId)).run();
        changes.hiringManager = { before: setup.loop.hiringManager.id, after: hm.id };
      }
      if (input.rubricVersionId !== setup.rubricVersion.id) {
        if (setup.loop.status !== "planning")
          abort(409, "The rubric version can only change while the loop is in planning.");
        if (setup.anyStarted)
          abort(409, "A panelist has already started a scorecard: the loop keeps its rubric version.");
        const next = publishedVersion(tx, input.rubricVersionId);
        const nextContent = loadRubricContent(tx, next.id)!;
        const nextIds = rubricVersionIds(tx, next.id);
        const missing = setup.interviews.filter((iv) => !nextIds.exercises.has(iv.exerciseKey));
        if (missing.length > 0) {
          abort(
            409,
            `Rubric v${next.version} has no “${missing[0]!.exerciseTitle}” exercise: remove or change that interview first.`,
          );
        }
        for (const iv of setup.interviews) {
          tx.update(interviews)
            .set({ exerciseId: nextIds.exercises.get(iv.exerciseKey)! })
            .where(eq(interviews.id, iv.id))
            .run();
        }
        const weights = carryWeightsOver(setup.loop.weights, setup.content.dimensions, nextContent.dimensions);
        tx.update(loops).set({ rubricVersionId: next.id, weights }).where(eq(loops.id, loopId)).run();
        changes.rubricVersion = { before: setup.rubricVersion.version, after: next.version };
      }
      if (Object.keys(changes).length === 0) return null;
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "loop.settings",
          entityType: "loop",
          entityId: loopId,
          loopId,
          before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.before])),
          after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])),
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}

function findInterview(setup: LoopSetup, interviewId: string): SetupInterview {
  const iv = setup.interviews.find((i) => i.id === interviewId);
  if (!iv) abort(404, "This interview is not part of the loop (it may have been removed).");
  return iv;
}

function exerciseIdFor(tx: Tx, setup: LoopSetup, exerciseKey: string): string {
  const id = rubricVersionIds(tx, setup.rubricVersion.id).exercises.get(exerciseKey);
  if (!id) abort(400, "Choose an exercise from the list.");
  return id;
}

export interface InterviewInput {
  exerciseKey: string;
  scheduledAt: number | null;
  durationMinutes: number;
}

export function addInterview(
  db: Db,
  actor: Actor,
  loopId: string,
  input: InterviewInput,
  now = Date.now(),
): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      if (setup.interviews.length >= 12) abort(409, "A loop has at most 12 interviews.");
      const exerciseId = exerciseIdFor(tx, setup, input.exerciseKey);
      const id = newId();
      const position = setup.interviews.reduce((m, iv) => Math.max(m, iv.position), -1) + 1;
      tx.insert(interviews)
        .values({
          id,
          loopId,
          exerciseId,
          position,
          scheduledAt: input.scheduledAt,
          durationMinutes: input.durationMinutes,
          createdAt: now,
        })
        .run();
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "interview.add",
          entityType: "interview",
          entityId: id,
          loopId,
          after: { ...input, position },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return id;
    }),
  );
}

/** Saves an interview's exercise, time and length. The exercise is fixed once a scorecard started. */
export function updateInterview(
  db: Db,
  actor: Actor,
  loopId: string,
  interviewId: string,
  input: InterviewInput,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const iv = findInterview(setup, interviewId);
      if (input.exerciseKey !== iv.exerciseKey && iv.locked) {
        abort(409, "A panelist has started a scorecard for this interview: its exercise can no longer change.");
      }
      const exerciseId = exerciseIdFor(tx, setup, input.exerciseKey);
      tx.update(interviews)
        .set({ exerciseId, scheduledAt: input.scheduledAt, durationMinutes: input.durationMinutes })
        .where(eq(interviews.id, iv.id))
        .run();
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "interview.update",
          entityType: "interview",
          entityId: iv.id,
          loopId,
          before: { exerciseKey: iv.exerciseKey, scheduledAt: iv.scheduledAt, durationMinutes: iv.durationMinutes },
          after: input,
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}

/** Removes an interview and its (never started) scorecards; refused once any scorecard started. */
export function removeInterview(
  db: Db,
  actor: Actor,
  loopId: string,
  interviewId: string,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const iv = findInterview(setup, interviewId);
      if (iv.locked) abort(409, "A panelist has started a scorecard for this interview, so it cannot be removed.");
      tx.delete(scorecards).where(eq(scorecards.interviewId, iv.id)).run();
      tx.delete(interviews).where(eq(interviews.id, iv.id)).run();
      setup.interviews
        .filter((x) => x.id !== iv.id)
        .forEach((x, position) => tx.update(interviews).set({ position }).where(eq(interviews.id, x.id)).run());
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "interview.remove",
          entityType: "interview",
          entityId: iv.id,
          loopId,
          before: {
            exerciseKey: iv.exerciseKey,
            scheduledAt: iv.scheduledAt,
            panelists: iv.panelists.map((p) => p.userId),
          },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}

export function moveInterview(
  db: Db,
  actor: Actor,
  loopId: string,
  interviewId: string,
  direction: "up" | "down",
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const order = setup.interviews.map((iv) => iv.id);
      const i = order.indexOf(findInterview(setup, interviewId).id);
      const j = direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= order.length) return null;
      [order[i], order[j]] = [order[j]!, order[i]!];
      order.forEach((id, position) => tx.update(interviews).set({ position }).where(eq(interviews.id, id)).run());
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "interview.move",
          entityType: "interview",
          entityId: interviewId,
          loopId,
          before: { position: i },
          after: { position: j },
        },
        now,
      );
      return null;
    }),
  );
}

/** Puts a person on an interview's panel: creates their (empty) draft scorecard. */
export function addPanelist(
  db: Db,
  actor: Actor,
  loopId: string,
  interviewId: string,
  userId: string,
  now = Date.now(),
): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const iv = findInterview(setup, interviewId);
      const person = activeUser(tx, userId);
      const existing = iv.panelists.find((p) => p.userId === person.id);
      if (existing) {
        abort(
          409,
          existing.status === "recused"
            ? `${person.name} recused from this interview.`
            : `${person.name} is already on this interview.`,
        );
      }
      if (iv.panelists.filter((p) => p.status !== "recused").length >= MAX_PANELISTS_PER_INTERVIEW) {
        abort(409, `An interview has at most ${MAX_PANELISTS_PER_INTERVIEW} panelists.`);
      }
      const id = newId();
      tx.insert(scorecards)
        .values({
          id,
          interviewId: iv.id,
          panelistId: person.id,
          status: "draft",
          version: 0,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "panelist.add",
          entityType: "scorecard",
          entityId: id,
          loopId,
          after: { interviewId: iv.id, panelistId: person.id, exerciseKey: iv.exerciseKey },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return id;
    }),
  );
}

/** Takes a person off a panel: only while their scorecard was never started (version 0). */
export function removePanelist(
  db: Db,
  actor: Actor,
  loopId: string,
  scorecardId: string,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      const iv = setup.interviews.find((i) => i.panelists.some((p) => p.scorecardId === scorecardId));
      if (!iv) abort(404, "This panelist is not on the loop any more.");
      const p = iv.panelists.find((x) => x.scorecardId === scorecardId)!;
      if (p.started) {
        abort(
          409,
          p.status === "submitted"
            ? `${p.name} has submitted their scorecard: it stays part of the record.`
            : `${p.name} has already started their scorecard, so they cannot be removed. Ask them to declare a conflict (recuse) if they should not assess.`,
        );
      }
      tx.delete(scorecards)
        .where(and(eq(scorecards.id, scorecardId), eq(scorecards.version, 0)))
        .run();
      touch(tx, loopId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "panelist.remove",
          entityType: "scorecard",
          entityId: scorecardId,
          loopId,
          before: { interviewId: iv.id, panelistId: p.userId, status: p.status },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}

/** Saves the composite weights (null = rubric defaults). Frozen from the debrief on. */
export function saveWeights(
  db: Db,
  actor: Actor,
  loopId: string,
  weights: Record<string, number> | null,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      if (!weightsEditable(setup.loop.status))
        abort(
          409,
          "Weights are frozen once the debrief starts, so the composite cannot be tuned after seeing the scores.",
        );
      if (weights) {
        const problems = validateWeights(
          weights,
          setup.content.dimensions.map((d) => d.key),
        );
        if (problems.length > 0) abort(400, problems[0]!);
      }
      tx.update(loops).set({ weights, updatedAt: now }).where(eq(loops.id, loopId)).run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "loop.weights",
          entityType: "loop",
          entityId: loopId,
          loopId,
          before: setup.loop.weights,
          after: weights,
        },
        now,
      );
      return null;
    }),
  );
}

/**
 * Moves the loop along its lifecycle from the setup page. "Decided" is never reached from here:
 * the hiring manager's decision on the review page does that.
 */
export function transitionLoop(
  db: Db,
  actor: Actor,
  loopId: string,
  to: LoopStatus,
  reason: string,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId, { requireConfigurable: false });
      const from = setup.loop.status;
      if (!canTransition(from, to) || !setupTransitions(from).includes(to)) {
        abort(
          409,
          to === "decided"
            ? "The hiring manager records the decision on the review page."
            : `A loop cannot move from ${LOOP_STATUS_LABELS[from].toLowerCase()} to ${LOOP_STATUS_LABELS[to].toLowerCase()}.`,
        );
      }
      const coverage = loopCoverage(setup);
      const blockers = transitionBlockers(from, to, {
        interviewCount: setup.interviews.length,
        unscheduledInterviewCount: setup.interviews.filter((iv) => iv.scheduledAt === null).length,
        uncoveredDimensions: coverage.uncoveredDimensions,
      });
      if (blockers.length > 0) abort(409, blockers.join(" "));
      tx.update(loops)
        .set({ status: to, updatedAt: now })
        .where(and(eq(loops.id, loopId), eq(loops.status, from)))
        .run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "loop.status",
          entityType: "loop",
          entityId: loopId,
          loopId,
          reason: reason || null,
          before: { status: from },
          after: { status: to },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}

/** Rubric versions a loop can use, newest first. */
export function listPublishedVersions(db: Db) {
  return db
    .select({
      id: rubricVersions.id,
      version: rubricVersions.version,
      rubricName: rubrics.name,
      publishedAt: rubricVersions.publishedAt,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(and(eq(rubricVersions.status, "published")))
    .orderBy(asc(rubrics.name), desc(rubricVersions.version))
    .all();
}

/** Number of loops of a candidate that are still active (for a warning when creating another). */
export function activeLoopCount(db: Db, candidateId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(loops)
    .where(
      and(
        eq(loops.candidateId, candidateId),
        inArray(loops.status, ["planning", "scheduled", "in_progress", "debrief"]),
        isNull(loops.decidedAt),
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}
