// Reading a loop's setup (the setup page, the calendar, every setup change) and who may download
// its calendar.
import { and, asc, eq, inArray } from "drizzle-orm";

import { buildLoopSetup, type LoopSetup } from "../../../app/domain/loop/setup";
import type { Role } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx } from "../../client.server";
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

import { loadRubricContent } from "../rubric/rubrics.server";

/** The setup model of a loop (app/domain/loop/setup.ts), or null when it does not exist. Four queries plus the rubric content. */
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
          panelRole: scorecards.panelRole,
          version: scorecards.version,
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
  return buildLoopSetup({ row, content, people, interviews: ivRows, scorecards: scRows });
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
