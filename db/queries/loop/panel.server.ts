// A loop's panels: put a person on an interview (their empty draft scorecard), take them off.
import { and, eq } from "drizzle-orm";

import { panelRoleRefusal, removalRefusal } from "../../../app/domain/loop/panel";
import type { PanelRole } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { newId } from "../../ids.server";
import { scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import { onLoopChanged } from "../outbox/events.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { activeUser, findInterview, loadForChange, touch, type Actor } from "./change.server";

/**
 * Puts a person on an interview's panel as a full panelist or a trainee (shadow, reverse shadow):
 * creates their (empty) draft scorecard with that role. The role rules are app/domain/loop/panel.ts.
 */
export function addPanelist(
  db: Db,
  actor: Actor,
  loopId: string,
  interviewId: string,
  userId: string,
  now = Date.now(),
  role: PanelRole = "panelist",
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
      const refusal = panelRoleRefusal({
        name: person.name,
        role,
        panelists: iv.panelists,
        otherRolesOnLoop: setup.interviews.flatMap((i) =>
          i.panelists.filter((p) => p.userId === person.id).map((p) => p.panelRole),
        ),
      });
      if (refusal) abort(409, refusal);
      const id = newId();
      tx.insert(scorecards)
        .values({
          id,
          interviewId: iv.id,
          panelistId: person.id,
          status: "draft",
          panelRole: role,
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
          after: { interviewId: iv.id, panelistId: person.id, exerciseKey: iv.exerciseKey, panelRole: role },
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
      const lastFull = removalRefusal(p, iv.panelists);
      if (lastFull) abort(409, lastFull);
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
