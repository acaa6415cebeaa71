import { eq } from "drizzle-orm";

import { planInterviews, type LoopTemplateKey } from "../../../app/domain/loop/template";
import { equalWeights } from "../../../app/domain/loop/weights";
import type { Db } from "../../client.server";
import { newId } from "../../ids.server";
import { candidates, interviews, loops } from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { loadRubricContent, rubricVersionIds } from "../rubric/rubrics.server";
import { rubricOfVersion, searchForNewLoop } from "../search/searches.server";
import { activeUser, publishedVersion, type Actor } from "./change.server";

export interface NewLoop {
  candidateId: string;
  rubricVersionId: string;
  hiringManagerId: string;
  /** the search the loop joins; null: the hiring manager's open search on this rubric, or a new one */
  searchId?: string | null;
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
      const searchId = searchForNewLoop(
        tx,
        {
          searchId: input.searchId ?? null,
          rubricId: rubricOfVersion(tx, version.id) ?? "",
          hiringManagerId: input.hiringManagerId,
          actorId: actor.id,
        },
        now,
      );
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
          searchId,
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
            searchId,
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
