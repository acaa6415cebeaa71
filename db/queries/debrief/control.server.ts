/**
 * The debrief's writes: start (or resume), join, the facilitator's commands (reveal, note, move)
 * and the decision that concludes it. Each is one transaction guarded by the loop's status and the
 * session's state, with its audit entry; a refused command writes nothing. The rules themselves are
 * in app/domain/debrief/rules.ts.
 */
import { and, eq } from "drizzle-orm";

import {
  applyDebriefCommand,
  type DebriefCommand,
  type DebriefItemPlan,
  type DebriefState,
} from "../../../app/domain/debrief/rules";
import type { DebriefRole, Decision } from "../../../app/domain/vocabulary";
import type { Db, Tx } from "../../client.server";
import { newId } from "../../ids.server";
import { debriefAttendance, debriefItems, debriefSessions, loops } from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, type Outcome, runRefusable } from "../result.server";
import { recordDecision } from "../review/decision.server";

const NOT_IN_DEBRIEF = "The loop is not in debrief any more. Reload to see its current state.";

function loopInDebrief(tx: Tx, loopId: string): void {
  const loop = tx.select({ status: loops.status }).from(loops).where(eq(loops.id, loopId)).get();
  if (!loop) abort(404, "Not found");
  if (loop.status !== "debrief") abort(409, NOT_IN_DEBRIEF);
}

function sessionOf(tx: Tx, loopId: string) {
  return tx
    .select({
      id: debriefSessions.id,
      status: debriefSessions.status,
      facilitatorId: debriefSessions.facilitatorId,
      currentPosition: debriefSessions.currentPosition,
      currentStartedAt: debriefSessions.currentStartedAt,
    })
    .from(debriefSessions)
    .where(eq(debriefSessions.loopId, loopId))
    .get();
}

function attend(tx: Tx, sessionId: string, userId: string, role: DebriefRole, now: number): void {
  tx.insert(debriefAttendance)
    .values({ sessionId, userId, role, joinedAt: now })
    .onConflictDoUpdate({ target: [debriefAttendance.sessionId, debriefAttendance.userId], set: { role } })
    .run();
}

/**
 * Starts the loop's debrief with these items and the actor as facilitator (who joins at once), or
 * resumes a concluded one after its decision was reopened: same items and notes, from the first
 * item, with the actor facilitating. The caller checks that the actor may facilitate.
 */
export function startDebrief(
  db: Db,
  opts: { loopId: string; actorId: string; items: readonly DebriefItemPlan[]; now?: number },
): Outcome<"started" | "resumed"> {
  const now = opts.now ?? Date.now();
  return runRefusable(() =>
    db.transaction((tx) => {
      loopInDebrief(tx, opts.loopId);
      const existing = sessionOf(tx, opts.loopId);
      if (existing?.status === "running") abort(409, "The debrief is already running: join it instead.");
      if (existing) {
        tx.update(debriefSessions)
          .set({
            status: "running",
            facilitatorId: opts.actorId,
            currentPosition: 0,
            currentStartedAt: now,
            concludedAt: null,
          })
          .where(and(eq(debriefSessions.id, existing.id), eq(debriefSessions.status, "concluded")))
          .run();
        attend(tx, existing.id, opts.actorId, "facilitator", now);
        writeAudit(
          tx,
          {
            actorId: opts.actorId,
            action: "debrief.resume",
            entityType: "debrief",
            entityId: existing.id,
            loopId: opts.loopId,
            before: { status: "concluded" },
            after: { status: "running", facilitator: opts.actorId },
          },
          now,
        );
        return "resumed" as const;
      }
      if (opts.items.length === 0)
        abort(409, "No submitted scorecard has rated anything yet, so there is nothing to debrief.");
      const id = newId();
      tx.insert(debriefSessions)
        .values({
          id,
          loopId: opts.loopId,
          facilitatorId: opts.actorId,
          status: "running",
          currentPosition: 0,
          currentStartedAt: now,
          startedAt: now,
        })
        .run();
      tx.insert(debriefItems)
        .values(opts.items.map((item, position) => ({ sessionId: id, position, ...item })))
        .run();
      attend(tx, id, opts.actorId, "facilitator", now);
      writeAudit(
        tx,
        {
          actorId: opts.actorId,
          action: "debrief.start",
          entityType: "debrief",
          entityId: id,
          loopId: opts.loopId,
          after: { status: "running", items: opts.items.map((i) => i.title) },
        },
        now,
      );
      return "started" as const;
    }),
  );
}

/** Joins the running debrief in the given role (the caller decides it); joining twice changes nothing. */
export function joinDebrief(
  db: Db,
  opts: { loopId: string; userId: string; role: DebriefRole; now?: number },
): Outcome<"joined" | "already"> {
  const now = opts.now ?? Date.now();
  return runRefusable(() =>
    db.transaction((tx) => {
      loopInDebrief(tx, opts.loopId);
      const session = sessionOf(tx, opts.loopId);
      if (!session || session.status !== "running") abort(409, "The debrief has not started. Reload to see its state.");
      const inserted = tx
        .insert(debriefAttendance)
        .values({ sessionId: session.id, userId: opts.userId, role: opts.role, joinedAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) return "already" as const;
      writeAudit(
        tx,
        {
          actorId: opts.userId,
          action: "debrief.join",
          entityType: "debrief",
          entityId: session.id,
          loopId: opts.loopId,
          after: { role: opts.role },
        },
        now,
      );
      return "joined" as const;
    }),
  );
}

/**
 * One facilitator command on the running debrief. `at` is the step the facilitator was looking at:
 * when the meeting has moved on since (another tab, a double click) the command is refused (409).
 * Only the session's facilitator may command it (403).
 */
export function commandDebrief(
  db: Db,
  opts: { loopId: string; actorId: string; at: number; command: DebriefCommand; now?: number },
): Outcome<DebriefState> {
  const now = opts.now ?? Date.now();
  return runRefusable(() =>
    db.transaction((tx) => {
      loopInDebrief(tx, opts.loopId);
      const session = sessionOf(tx, opts.loopId);
      if (!session || session.status !== "running") abort(409, "The debrief is not running. Reload to see its state.");
      if (session.facilitatorId !== opts.actorId) abort(403, "Only the facilitator runs the debrief.");
      if (session.currentPosition !== opts.at)
        abort(409, "The debrief has moved on since this page was loaded; it now shows where the panel is.");
      const rows = tx
        .select({
          position: debriefItems.position,
          title: debriefItems.title,
          revealedAt: debriefItems.revealedAt,
          elapsedMs: debriefItems.elapsedMs,
          conclusion: debriefItems.conclusion,
        })
        .from(debriefItems)
        .where(eq(debriefItems.sessionId, session.id))
        .orderBy(debriefItems.position)
        .all();
      const before: DebriefState = {
        position: session.currentPosition,
        currentStartedAt: session.currentStartedAt,
        items: rows.map((r) => ({ revealedAt: r.revealedAt, elapsedMs: r.elapsedMs, conclusion: r.conclusion })),
      };
      const result = applyDebriefCommand(before, opts.command, now);
      if (!result.ok) abort(result.status, result.message);
      const after = result.state;
      after.items.forEach((item, position) => {
        const old = before.items[position];
        if (
          !old ||
          (old.revealedAt === item.revealedAt && old.elapsedMs === item.elapsedMs && old.conclusion === item.conclusion)
        )
          return;
        const noted = old.conclusion !== item.conclusion;
        tx.update(debriefItems)
          .set({
            revealedAt: item.revealedAt,
            elapsedMs: item.elapsedMs,
            conclusion: item.conclusion,
            ...(noted ? { notedBy: opts.actorId, notedAt: now } : {}),
          })
          .where(and(eq(debriefItems.sessionId, session.id), eq(debriefItems.position, position)))
          .run();
        const title = rows[position]?.title ?? "";
        if (old.revealedAt === null && item.revealedAt !== null)
          writeAudit(
            tx,
            {
              actorId: opts.actorId,
              action: "debrief.reveal",
              entityType: "debrief",
              entityId: session.id,
              loopId: opts.loopId,
              after: { item: title },
            },
            now,
          );
        if (noted)
          writeAudit(
            tx,
            {
              actorId: opts.actorId,
              action: "debrief.note",
              entityType: "debrief",
              entityId: session.id,
              loopId: opts.loopId,
              before: { item: title, conclusion: old.conclusion },
              after: { item: title, conclusion: item.conclusion },
            },
            now,
          );
      });
      if (after.position !== before.position || after.currentStartedAt !== before.currentStartedAt)
        tx.update(debriefSessions)
          .set({ currentPosition: after.position, currentStartedAt: after.currentStartedAt })
          .where(eq(debriefSessions.id, session.id))
          .run();
      return after;
    }),
  );
}

/**
 * Records the hiring decision from the debrief (the review page's rule and audit entry, as a
 * savepoint of this transaction) and concludes the debrief: the current item's clock stops and
 * the attendance and notes are sealed into a "debrief.conclude" audit entry. The caller checks
 * that the actor may decide.
 */
export function decideFromDebrief(
  db: Db,
  opts: { loopId: string; actorId: string; decision: Decision; rationale: string; override?: string; now?: number },
): Outcome<"decided"> {
  const now = opts.now ?? Date.now();
  return runRefusable(() =>
    db.transaction((tx) => {
      const session = sessionOf(tx, opts.loopId);
      if (!session || session.status !== "running") abort(409, "The debrief is not running. Reload to see its state.");
      // on the same connection, so it reads and writes inside this transaction (as a savepoint)
      const decided = recordDecision(db, { ...opts, now });
      if (!decided.ok) {
        // a decision against the panel's signals without a real override: 400, for the override field
        if (decided.reason === "override") abort(400, decided.message);
        abort(decided.reason === "not_found" ? 404 : 409, NOT_IN_DEBRIEF);
      }
      const current = tx
        .select({ elapsedMs: debriefItems.elapsedMs })
        .from(debriefItems)
        .where(and(eq(debriefItems.sessionId, session.id), eq(debriefItems.position, session.currentPosition)))
        .get();
      if (current)
        tx.update(debriefItems)
          .set({ elapsedMs: current.elapsedMs + Math.max(0, now - session.currentStartedAt) })
          .where(and(eq(debriefItems.sessionId, session.id), eq(debriefItems.position, session.currentPosition)))
          .run();
      tx.update(debriefSessions)
        .set({ status: "concluded", concludedAt: now, currentStartedAt: now })
        .where(eq(debriefSessions.id, session.id))
        .run();
      const notes = tx
        .select({ title: debriefItems.title, conclusion: debriefItems.conclusion })
        .from(debriefItems)
        .where(eq(debriefItems.sessionId, session.id))
        .orderBy(debriefItems.position)
        .all();
      const attendees = tx
        .select({ userId: debriefAttendance.userId, role: debriefAttendance.role })
        .from(debriefAttendance)
        .where(eq(debriefAttendance.sessionId, session.id))
        .all();
      writeAudit(
        tx,
        {
          actorId: opts.actorId,
          action: "debrief.conclude",
          entityType: "debrief",
          entityId: session.id,
          loopId: opts.loopId,
          before: { status: "running" },
          after: { status: "concluded", decision: opts.decision, attendees, notes },
        },
        now,
      );
      return "decided" as const;
    }),
  );
}
