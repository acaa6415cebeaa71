// A loop's settings: hiring manager, rubric version, composite weights.
import { eq } from "drizzle-orm";

import { weightsEditable } from "../../../app/domain/loop/status";
import { carryWeightsOver, validateWeights } from "../../../app/domain/loop/weights";
import type { Db, Tx } from "../../client.server";
import { interviews, loops, rubrics, rubricVersions, searches } from "../../schema";

import { writeAudit } from "../audit.server";
import { onLoopChanged } from "../outbox/events.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { loadRubricContent, rubricVersionIds } from "../rubric/rubrics.server";
import { activeUser, loadForChange, publishedVersion, touch, type Actor } from "./change.server";

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
        refuseOtherRubricThanSearch(tx, loopId, next.id);
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

/**
 * A search compares its candidates on one rubric: a loop in a search may change version, never
 * rubric (the search's comparison and ranking would mix scales).
 */
function refuseOtherRubricThanSearch(tx: Tx, loopId: string, versionId: string): void {
  const search = tx
    .select({ title: searches.title, rubricId: searches.rubricId, rubricName: rubrics.name })
    .from(loops)
    .innerJoin(searches, eq(searches.id, loops.searchId))
    .innerJoin(rubrics, eq(rubrics.id, searches.rubricId))
    .where(eq(loops.id, loopId))
    .get();
  if (!search) return;
  const next = tx
    .select({ rubricId: rubricVersions.rubricId })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (next && next.rubricId !== search.rubricId) {
    abort(
      409,
      `This loop is in the search “${search.title}”, which compares its candidates on ${search.rubricName}: choose a version of that rubric.`,
    );
  }
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
