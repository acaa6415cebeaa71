// A loop's interviews: add, change (exercise, time, length), remove, reorder.
import { eq } from "drizzle-orm";

import type { LoopSetup } from "../../../app/domain/loop/setup";
import { MAX_INTERVIEWS_PER_LOOP } from "../../../app/domain/loop/setup";
import type { Db, Tx } from "../../client.server";
import { newId } from "../../ids.server";
import { interviews, scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onLoopChanged } from "../outbox/events.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { rubricVersionIds } from "../rubric/rubrics.server";
import { findInterview, loadForChange, touch, type Actor } from "./change.server";

function exerciseIdFor(tx: Tx, setup: LoopSetup, exerciseKey: string): string {
  const id = rubricVersionIds(tx, setup.rubricVersion.id).exercises.get(exerciseKey);
  if (!id) abort(400, "Choose an exercise from the list.");
  return id;
}

export interface InterviewSettings {
  exerciseKey: string;
  scheduledAt: number | null;
  durationMinutes: number;
}

export function addInterview(
  db: Db,
  actor: Actor,
  loopId: string,
  input: InterviewSettings,
  now = Date.now(),
): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId);
      if (setup.interviews.length >= MAX_INTERVIEWS_PER_LOOP)
        abort(409, `A loop has at most ${MAX_INTERVIEWS_PER_LOOP} interviews.`);
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
  input: InterviewSettings,
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
