/**
 * Reading a loop's debrief: the session, its items and who attended (with names), the speaking-order
 * facts of the people involved, and the record the packet prints. Authorization is the caller's
 * (requireLoopFeedbackAccess): none of this is shown to someone who may not see the loop's feedback.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { DebriefAttendeeRow, DebriefItemRow, DebriefSessionRow } from "../../../app/domain/debrief/view";
import type { InterviewerExperience } from "../../../app/domain/debrief/rules";
import type { DebriefRecord } from "../../../app/domain/review/types";
import type { ScorecardStatus } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx } from "../../client.server";
import { debriefAttendance, debriefItems, debriefSessions, interviews, scorecards, users } from "../../schema";

import { byIds } from "../rows.server";

export interface DebriefRows {
  session: DebriefSessionRow | null;
  items: DebriefItemRow[];
  attendance: DebriefAttendeeRow[];
}

function buildDebriefQueries(db: Db) {
  const noter = alias(users, "noter");
  const sessionId = sql.placeholder("sessionId");
  return {
    session: db
      .select({
        id: debriefSessions.id,
        status: debriefSessions.status,
        facilitatorId: debriefSessions.facilitatorId,
        facilitatorName: users.name,
        currentPosition: debriefSessions.currentPosition,
        currentStartedAt: debriefSessions.currentStartedAt,
        startedAt: debriefSessions.startedAt,
        concludedAt: debriefSessions.concludedAt,
      })
      .from(debriefSessions)
      .innerJoin(users, eq(users.id, debriefSessions.facilitatorId))
      .where(eq(debriefSessions.loopId, sql.placeholder("loopId")))
      .prepare(),
    items: db
      .select({
        position: debriefItems.position,
        kind: debriefItems.kind,
        key: debriefItems.key,
        title: debriefItems.title,
        revealedAt: debriefItems.revealedAt,
        elapsedMs: debriefItems.elapsedMs,
        conclusion: debriefItems.conclusion,
        notedByName: noter.name,
        notedAt: debriefItems.notedAt,
      })
      .from(debriefItems)
      .leftJoin(noter, eq(noter.id, debriefItems.notedBy))
      .where(eq(debriefItems.sessionId, sessionId))
      .orderBy(asc(debriefItems.position))
      .prepare(),
    attendance: db
      .select({
        userId: debriefAttendance.userId,
        name: users.name,
        role: debriefAttendance.role,
        joinedAt: debriefAttendance.joinedAt,
      })
      .from(debriefAttendance)
      .innerJoin(users, eq(users.id, debriefAttendance.userId))
      .where(eq(debriefAttendance.sessionId, sessionId))
      .orderBy(asc(debriefAttendance.joinedAt), asc(users.name))
      .prepare(),
  };
}

// Every review view reads the debrief record: prepared once per connection.
const debriefQueries = new WeakMap<object, ReturnType<typeof buildDebriefQueries>>();

export function loadDebrief(db: Db, loopId: string): DebriefRows {
  let q = debriefQueries.get(db.$client);
  if (!q) debriefQueries.set(db.$client, (q = buildDebriefQueries(db)));
  const session = q.session.get({ loopId });
  if (!session) return { session: null, items: [], attendance: [] };
  return {
    session,
    items: q.items.all({ sessionId: session.id }),
    attendance: q.attendance.all({ sessionId: session.id }),
  };
}

/** The viewer's own scorecards on the loop (whether they may join, and as what). */
export function ownScorecardsOnLoop(db: DbOrTx, loopId: string, userId: string): { status: ScorecardStatus }[] {
  return db
    .select({ status: scorecards.status })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelistId, userId)))
    .all();
}

/** Submitted scorecards (any loop) and account age of these people: who counts as junior. */
export function interviewerExperience(db: DbOrTx, userIds: readonly string[]): Map<string, InterviewerExperience> {
  const ids = [...new Set(userIds)];
  const since = byIds(ids, (chunk) =>
    db.select({ id: users.id, createdAt: users.createdAt }).from(users).where(inArray(users.id, chunk)).all(),
  );
  const counts = new Map(
    byIds(ids, (chunk) =>
      db
        .select({ id: scorecards.panelistId, n: count() })
        .from(scorecards)
        .where(
          and(
            inArray(scorecards.panelistId, chunk),
            eq(scorecards.status, "submitted"),
            // practice as a trainee is not experience on a panel
            eq(scorecards.panelRole, "panelist"),
          ),
        )
        .groupBy(scorecards.panelistId)
        .all(),
    ).map((r) => [r.id, r.n]),
  );
  return new Map(since.map((u) => [u.id, { submittedScorecards: counts.get(u.id) ?? 0, memberSince: u.createdAt }]));
}

/** The debrief as the loop's record keeps it (review facts, packet): who ran it, who came, what was concluded. */
export function loadDebriefRecord(db: Db, loopId: string): DebriefRecord | null {
  const { session, items, attendance } = loadDebrief(db, loopId);
  if (!session) return null;
  return {
    status: session.status,
    facilitator: session.facilitatorName,
    startedAt: session.startedAt,
    concludedAt: session.concludedAt,
    attendees: attendance.map((a) => ({ name: a.name, role: a.role, joinedAt: a.joinedAt })),
    items: items.map((i) => ({
      title: i.title,
      conclusion: i.conclusion,
      revealed: i.revealedAt !== null,
      elapsedMs: i.elapsedMs,
      notedBy: i.notedByName,
    })),
  };
}
