// Valid payloads and world preparations shared by the access matrix and the fuzz test for the
// recruiter/admin configuration routes (rubric editor, people, set-password links) and the debrief.
import { eq } from "drizzle-orm";

import { contentToFormValues } from "../../app/domain/rubric/draft-schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import { getDb } from "../../db/client.server";
import { issuePasswordLink } from "../../db/queries/people/people.server";
import { cloneRubricVersion, rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import { interviews, loginThrottles, loops, scorecards } from "../../db/schema";
import { startDebrief } from "../../db/queries/debrief/control.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { planDebriefItems } from "../../app/domain/debrief/rules";
import { newId } from "../../db/ids.server";

import type { World } from "./security-world";

/** A nested form-values object as a browser posts it: `dimensions.0.key=…`, checked boxes "on", lists repeated. */
export function flattenForm(
  value: unknown,
  prefix = "",
  out: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    if (value.length > 0) out[prefix] = value as string[];
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flattenForm(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flattenForm(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value === true) {
    out[prefix] = "on";
  } else if (typeof value === "string" || typeof value === "number") {
    out[prefix] = String(value);
  }
  return out;
}

/** A valid rubric-editor post: the v1 content as the editor form sends it, with an edited summary. */
export function rubricEditorBody(intent: "save" | "publish" | "discard"): Record<string, string | string[]> {
  return flattenForm({
    intent,
    ...contentToFormValues(LEAD_ML_ARCHITECT_V1),
    summary: `${LEAD_ML_ARCHITECT_V1.summary} (edited)`,
  });
}

/** State made by the preparations below (each run starts from its own copy of the world). */
export const prepared = { draftId: "", linkToken: "", extraInterview: "", extraCard: "" };

/** Clones the published v1 into a draft (as the admin); its id goes to `prepared.draftId`. */
export function prepareRubricDraft(w: World): void {
  const r = cloneRubricVersion(getDb(), w.users.admin.id, w.versionId);
  if (!r.ok) throw new Error(r.message);
  prepared.draftId = r.value.id;
}

/** Issues a set-password link for the outsider (as the admin); its token goes to `prepared.linkToken`. */
export function preparePasswordLink(w: World): void {
  const r = issuePasswordLink(getDb(), w.users.admin, w.users.outsider.id);
  if (!r.ok) throw new Error(r.message);
  prepared.linkToken = r.value;
}

/**
 * Adds to loop A an interview nobody has started (the outsider on its panel, scorecard version 0),
 * so removing it or its panelist is a valid request. Pass fixed ids, or fresh ones are made; they
 * go to `prepared.extraInterview`/`extraCard`.
 */
export function prepareUnstartedInterview(
  w: World,
  ids: { interview: string; card: string } = { interview: newId(), card: newId() },
): void {
  const db = getDb();
  const exerciseId = rubricVersionIds(db, w.versionId).exercises.get("tooling_evaluation")!;
  prepared.extraInterview = ids.interview;
  prepared.extraCard = ids.card;
  db.transaction((tx) => {
    tx.insert(interviews)
      .values({
        id: ids.interview,
        loopId: w.loopA,
        exerciseId,
        position: 2,
        scheduledAt: Date.now() + 7 * 86_400_000,
        durationMinutes: 45,
      })
      .run();
    tx.insert(scorecards)
      .values({
        id: ids.card,
        interviewId: ids.interview,
        panelistId: w.users.outsider.id,
        status: "draft",
        version: 0,
      })
      .run();
  });
}

/** The outsider's account has a login wait: six wrong passwords from one address, one from another. */
export function prepareLoginWait(w: World): void {
  const now = Date.now();
  const email = w.users.outsider.email;
  getDb()
    .insert(loginThrottles)
    .values([
      {
        scope: "pair",
        account: email,
        address: "203.0.113.66",
        failures: 6,
        lastFailureAt: now,
        blockedUntil: now + 30_000,
      },
      { scope: "pair", account: email, address: "203.0.113.7", failures: 1, lastFailureAt: now },
      { scope: "account", account: email, address: "", failures: 7, lastFailureAt: now },
    ])
    .onConflictDoNothing()
    .run();
}

/**
 * Moves loop A to debrief and starts its debrief meeting with its hiring manager facilitating, at
 * the first item (the red flags): the state the debrief's join and facilitator commands need.
 */
export function prepareRunningDebrief(w: World): void {
  const db = getDb();
  db.update(loops).set({ status: "debrief" }).where(eq(loops.id, w.loopA)).run();
  const review = getLoopReview(db, w.loopA);
  if (!review) throw new Error("loop A has no review");
  const r = startDebrief(db, {
    loopId: w.loopA,
    actorId: w.users.hmA.id,
    items: planDebriefItems(review.aggregate, review.rubric),
  });
  if (!r.ok) throw new Error(r.message);
}
