// A loop's panels: put a person on an interview (their empty draft scorecard), take them off.
import { and, eq } from "drizzle-orm";

import { MAX_PANELISTS_PER_INTERVIEW, panelIsFull } from "../../../app/domain/loop/panel";
import type { Db } from "../../client.server";
import { newId } from "../../ids.server";
import { scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onLoopChanged } from "../outbox/events.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { activeUser, findInterview, loadForChange, touch, type Actor } from "./change.server";

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
      if (panelIsFull(iv.panelists)) {
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
