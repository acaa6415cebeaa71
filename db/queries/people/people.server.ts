import { and, asc, eq, gt, inArray, isNull, notInArray, sql } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import type { PanelSeat } from "../../../app/domain/people/deactivation";
import { deactivationWarning } from "../../../app/domain/people/deactivation";

import type { InviteInput } from "../../../app/domain/people/schema";
import {
  canChangeRole,
  canDeactivate,
  canInvite,
  canIssueLink,
  canReactivate,
  INVITE_TTL_MS,
  type Actor,
} from "../../../app/domain/people/permissions";
import type { Role } from "../../../app/domain/vocabulary";
import { newId, randomToken, sha256 } from "../../ids.server";
import type { Db, DbOrTx, Tx } from "../../client.server";
import {
  candidates,
  interviews,
  loginAttempts,
  loops,
  passwordTokens,
  rubricExercises,
  scorecards,
  sessions,
  users,
} from "../../schema";

import { writeAudit } from "../audit.server";
import { readOrgSettings } from "../org/settings.server";
import { abort, askToConfirm, runRefusable, type Outcome } from "../result.server";
import { onPasswordLinkIssued } from "../outbox/events.server";

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: number;
  deactivatedAt: number | null;
  hasPassword: boolean;
  /** expiry of the newest unused, unexpired set-password link */
  pendingLinkExpiresAt: number | null;
  /** last time one of their sessions was used */
  lastSeenAt: number | null;
  assigned: number;
  submitted: number;
  hiringManagerOf: number;
}

export function countActiveAdmins(db: DbOrTx): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .get();
  return Number(row?.n ?? 0);
}

export function listPeople(db: Db, now = Date.now()): PersonRow[] {
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .orderBy(asc(users.name))
    .all();
  const links = db
    .select({ userId: passwordTokens.userId, expiresAt: sql<number>`max(${passwordTokens.expiresAt})` })
    .from(passwordTokens)
    .where(and(isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .groupBy(passwordTokens.userId)
    .all();
  const seen = db
    .select({ userId: sessions.userId, at: sql<number>`max(${sessions.lastSeenAt})` })
    .from(sessions)
    .groupBy(sessions.userId)
    .all();
  const cards = db
    .select({
      userId: scorecards.panelistId,
      assigned: sql<number>`count(*)`,
      submitted: sql<number>`sum(case when ${scorecards.status} = 'submitted' then 1 else 0 end)`,
    })
    .from(scorecards)
    .groupBy(scorecards.panelistId)
    .all();
  const hm = db
    .select({ userId: loops.hiringManagerId, n: sql<number>`count(*)` })
    .from(loops)
    .groupBy(loops.hiringManagerId)
    .all();
  const linkBy = new Map(links.map((l) => [l.userId, l.expiresAt]));
  const seenBy = new Map(seen.map((s) => [s.userId, s.at]));
  const cardBy = new Map(cards.map((c) => [c.userId, c]));
  const hmBy = new Map(hm.map((h) => [h.userId, h.n]));
  return rows.map(({ passwordHash, ...u }) => ({
    ...u,
    hasPassword: passwordHash !== null,
    pendingLinkExpiresAt: linkBy.get(u.id) ?? null,
    lastSeenAt: seenBy.get(u.id) ?? null,
    assigned: Number(cardBy.get(u.id)?.assigned ?? 0),
    submitted: Number(cardBy.get(u.id)?.submitted ?? 0),
    hiringManagerOf: Number(hmBy.get(u.id) ?? 0),
  }));
}

function loadSubject(tx: Tx, userId: string) {
  const s = tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!s) abort(404, "This person does not exist.");
  const { passwordHash, ...rest } = s;
  return { ...rest, hasPassword: passwordHash !== null };
}

/** Replaces any outstanding link of the user with a new one; returns the token for the URL. */
function issueToken(tx: Tx, actorId: string, userId: string, now: number): string {
  tx.delete(passwordTokens)
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
    .run();
  const token = randomToken();
  tx.insert(passwordTokens)
    .values({ id: sha256(token), userId, createdBy: actorId, createdAt: now, expiresAt: now + INVITE_TTL_MS })
    .run();
  onPasswordLinkIssued(tx, { userId, tokenId: sha256(token), token, expiresAt: now + INVITE_TTL_MS }, now);
  return token;
}

/** Creates an account without a password and a one-time link to set it. */
export function inviteUser(
  db: Db,
  actor: Actor,
  input: InviteInput,
  now = Date.now(),
): Outcome<{ userId: string; token: string }> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const verdict = canInvite(actor, input.role);
      if (!verdict.ok) abort(403, verdict.reason);
      const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
      if (taken) abort(409, "Someone with this email already has an account.");
      const userId = newId();
      tx.insert(users)
        .values({
          id: userId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash: null,
          active: true,
          createdAt: now,
        })
        .run();
      const token = issueToken(tx, actor.id, userId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.invite",
          entityType: "user",
          entityId: userId,
          after: { name: input.name, email: input.email, role: input.role },
        },
        now,
      );
      return { userId, token };
    }),
  );
}

/** A new set-password link (invitation again, or a password reset); older links stop working. */
export function issuePasswordLink(db: Db, actor: Actor, userId: string, now = Date.now()): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const subject = loadSubject(tx, userId);
      const verdict = canIssueLink(actor, subject);
      if (!verdict.ok) abort(403, verdict.reason);
      const token = issueToken(tx, actor.id, userId, now);
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.password_link",
          entityType: "user",
          entityId: userId,
          after: { expiresAt: now + INVITE_TTL_MS },
        },
        now,
      );
      return token;
    }),
  );
}

export function changeRole(db: Db, actor: Actor, userId: string, role: Role, now = Date.now()): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const subject = loadSubject(tx, userId);
      if (subject.role === role) return null;
      const verdict = canChangeRole(actor, subject, role, countActiveAdmins(tx));
      if (!verdict.ok) abort(403, verdict.reason);
      tx.update(users).set({ role }).where(eq(users.id, userId)).run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.role",
          entityType: "user",
          entityId: userId,
          before: { role: subject.role },
          after: { role },
        },
        now,
      );
      return null;
    }),
  );
}

/**
 * The person's full seats on the panels of loops still running, with how many other full panelists
 * sit beside them: a trainee neither leaves an interview without a panel nor covers for one.
 */
function panelSeats(tx: Tx, userId: string): PanelSeat[] {
  const own = tx
    .select({
      interviewId: interviews.id,
      status: scorecards.status,
      scheduledAt: interviews.scheduledAt,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(
      and(
        eq(scorecards.panelistId, userId),
        eq(scorecards.panelRole, "panelist"),
        notInArray(loops.status, ["decided", "withdrawn"]),
      ),
    )
    .all();
  if (own.length === 0) return [];
  const others = tx
    .select({ interviewId: scorecards.interviewId, n: sql<number>`count(*)` })
    .from(scorecards)
    .where(
      and(
        inArray(
          scorecards.interviewId,
          own.map((o) => o.interviewId),
        ),
        sql`${scorecards.panelistId} <> ${userId}`,
        sql`${scorecards.status} <> 'recused'`,
        eq(scorecards.panelRole, "panelist"),
      ),
    )
    .groupBy(scorecards.interviewId)
    .all();
  const count = new Map(others.map((o) => [o.interviewId, o.n]));
  return own.map((o) => ({
    candidateName: displayCandidateName({ name: o.candidateName, erasedAt: o.candidateErasedAt }),
    exerciseTitle: o.exerciseTitle,
    scheduledAt: o.scheduledAt,
    status: o.status,
    otherPanelists: count.get(o.interviewId) ?? 0,
  }));
}

/**
 * Deactivates an account: it can no longer log in, every session ends at once, pending links
 * stop working. Submitted scorecards stay part of their loops. Leaving an upcoming interview
 * without any panelist needs `confirmed`.
 */
export function deactivateUser(
  db: Db,
  actor: Actor,
  userId: string,
  opts: { confirmed?: boolean; now?: number } = {},
): Outcome<null> {
  const now = opts.now ?? Date.now();
  return runRefusable(() =>
    db.transaction((tx) => {
      const subject = loadSubject(tx, userId);
      const verdict = canDeactivate(actor, subject, countActiveAdmins(tx));
      if (!verdict.ok) abort(403, verdict.reason);
      if (!opts.confirmed) {
        const warning = deactivationWarning(subject.name, panelSeats(tx, userId), now, readOrgSettings(tx).timeZone);
        if (warning) askToConfirm(warning);
      }
      tx.update(users).set({ active: false, deactivatedAt: now }).where(eq(users.id, userId)).run();
      tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      tx.delete(passwordTokens)
        .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
        .run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.deactivate",
          entityType: "user",
          entityId: userId,
          before: { active: true },
          after: { active: false },
        },
        now,
      );
      return null;
    }),
  );
}

export function reactivateUser(db: Db, actor: Actor, userId: string, now = Date.now()): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const subject = loadSubject(tx, userId);
      const verdict = canReactivate(actor, subject);
      if (!verdict.ok) abort(403, verdict.reason);
      tx.update(users).set({ active: true, deactivatedAt: null }).where(eq(users.id, userId)).run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.reactivate",
          entityType: "user",
          entityId: userId,
          before: { active: false },
          after: { active: true },
        },
        now,
      );
      return null;
    }),
  );
}

/** The person a set-password link belongs to, when the link is unused, unexpired and the account active. */
export function findPasswordLink(db: DbOrTx, token: string, now = Date.now()) {
  if (!token || token.length > 200) return null;
  const row = db
    .select({
      id: passwordTokens.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      hasPassword: sql<number>`${users.passwordHash} is not null`,
      expiresAt: passwordTokens.expiresAt,
      usedAt: passwordTokens.usedAt,
    })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.id, sha256(token)))
    .get();
  if (!row || row.usedAt !== null || row.expiresAt <= now || !row.active) return null;
  return {
    tokenId: row.id,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    resetting: Boolean(row.hasPassword),
  };
}

/**
 * Sets the password through a link, once: marks the link used, drops the user's other links and
 * ends their existing sessions (a reset must lock out whoever knew the old password).
 */
export function usePasswordLink(
  db: Db,
  token: string,
  passwordHash: string,
  now = Date.now(),
): Outcome<{ userId: string; role: Role }> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const link = findPasswordLink(tx, token, now);
      if (!link) abort(404, "This link has expired or was already used. Ask an admin or recruiter for a new one.");
      const used = tx
        .update(passwordTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordTokens.id, link.tokenId), isNull(passwordTokens.usedAt)))
        .run();
      if (used.changes !== 1) abort(404, "This link was already used.");
      tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId)).run();
      tx.delete(passwordTokens)
        .where(and(eq(passwordTokens.userId, link.userId), isNull(passwordTokens.usedAt)))
        .run();
      tx.delete(sessions).where(eq(sessions.userId, link.userId)).run();
      writeAudit(
        tx,
        {
          actorId: link.userId,
          action: link.resetting ? "user.password_reset" : "user.password_set",
          entityType: "user",
          entityId: link.userId,
        },
        now,
      );
      return { userId: link.userId, role: link.role };
    }),
  );
}

/**
 * Last successful password login per user (from the login-attempt log), and the newest session
 * start (a set-password link also logs in). Sessions end at logout, the log stays: together they
 * answer "when did this person last log in".
 */
export function lastLoginTimes(db: Db): Map<string, number> {
  const fromLog = db
    .select({ userId: users.id, at: sql<number>`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .innerJoin(users, sql`${loginAttempts.bucket} = 'email:' || ${users.email}`)
    .where(eq(loginAttempts.success, true))
    .groupBy(users.id)
    .all();
  const fromSessions = db
    .select({ userId: sessions.userId, at: sql<number>`max(${sessions.createdAt})` })
    .from(sessions)
    .groupBy(sessions.userId)
    .all();
  const out = new Map<string, number>();
  for (const r of [...fromLog, ...fromSessions]) {
    const at = Number(r.at);
    if (Number.isFinite(at) && at > (out.get(r.userId) ?? 0)) out.set(r.userId, at);
  }
  return out;
}
