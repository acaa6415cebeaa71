// What every change to a loop's setup shares: the refusals (decided or withdrawn loops, inactive
// people, draft rubric versions, interviews no longer on the loop) and the loop's "updated at".
// Each mutation runs in one transaction through runRefusable and writes one audit entry.
import { eq } from "drizzle-orm";

import type { LoopSetup, SetupInterview } from "../../../app/domain/loop/setup";
import { isConfigurable } from "../../../app/domain/loop/status";
import type { Tx } from "../../client.server";
import { loops, rubricVersions, users } from "../../schema";

import { abort } from "../result.server";
import { getLoopSetup } from "./setup.server";

export interface Actor {
  id: string;
}

/** The loop's setup read inside the transaction; refused when the loop is missing or (unless told otherwise) decided or withdrawn. */
export function loadForChange(tx: Tx, loopId: string, opts: { requireConfigurable?: boolean } = {}) {
  const setup = getLoopSetup(tx, loopId);
  if (!setup) abort(404, "This loop does not exist.");
  if (opts.requireConfigurable !== false && !isConfigurable(setup.loop.status)) {
    abort(
      409,
      setup.loop.status === "decided"
        ? "This loop is decided: its setup can no longer change."
        : "This loop is withdrawn: reopen it in planning to change its setup.",
    );
  }
  return setup;
}

export function touch(tx: Tx, loopId: string, now: number): void {
  tx.update(loops).set({ updatedAt: now }).where(eq(loops.id, loopId)).run();
}

export function activeUser(tx: Tx, userId: string) {
  const u = tx
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u) abort(400, "Choose someone from the list.");
  if (!u.active) abort(409, `${u.name}'s account is deactivated.`);
  return u;
}

export function publishedVersion(tx: Tx, versionId: string) {
  const v = tx
    .select({ id: rubricVersions.id, version: rubricVersions.version, status: rubricVersions.status })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!v) abort(400, "Choose a rubric version from the list.");
  if (v.status !== "published") abort(409, `Rubric v${v.version} is a draft: loops only use published versions.`);
  return v;
}

export function findInterview(setup: LoopSetup, interviewId: string): SetupInterview {
  const iv = setup.interviews.find((i) => i.id === interviewId);
  if (!iv) abort(404, "This interview is not part of the loop (it may have been removed).");
  return iv;
}
