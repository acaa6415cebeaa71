import { and, eq } from "drizzle-orm";

import { loopCoverage } from "../../../app/domain/loop/setup";
import { canTransition, setupTransitions, transitionBlockers, transitionFacts } from "../../../app/domain/loop/status";
import type { LoopStatus } from "../../../app/domain/vocabulary";
import { LOOP_STATUS_LABELS } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { loops } from "../../schema";

import { writeAudit } from "../audit.server";
import { onLoopChanged } from "../outbox/events.server";
import { abort, runRefusable, type Outcome } from "../result.server";
import { loadForChange, type Actor } from "./change.server";

/**
 * Moves the loop along its lifecycle from the setup page. "Decided" is never reached from here:
 * the hiring manager's decision on the review page does that.
 */
export function transitionLoop(
  db: Db,
  actor: Actor,
  loopId: string,
  to: LoopStatus,
  reason: string,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const setup = loadForChange(tx, loopId, { requireConfigurable: false });
      const from = setup.loop.status;
      if (!canTransition(from, to) || !setupTransitions(from).includes(to)) {
        abort(
          409,
          to === "decided"
            ? "The hiring manager records the decision on the review page."
            : `A loop cannot move from ${LOOP_STATUS_LABELS[from].toLowerCase()} to ${LOOP_STATUS_LABELS[to].toLowerCase()}.`,
        );
      }
      const coverage = loopCoverage(setup);
      const blockers = transitionBlockers(from, to, transitionFacts(setup.interviews, coverage.uncoveredDimensions));
      if (blockers.length > 0) abort(409, blockers.join(" "));
      tx.update(loops)
        .set({ status: to, updatedAt: now })
        .where(and(eq(loops.id, loopId), eq(loops.status, from)))
        .run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "loop.status",
          entityType: "loop",
          entityId: loopId,
          loopId,
          reason: reason || null,
          before: { status: from },
          after: { status: to },
        },
        now,
      );
      onLoopChanged(tx, loopId, now);
      return null;
    }),
  );
}
