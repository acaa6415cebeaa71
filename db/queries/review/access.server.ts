import { and, eq, sql } from "drizzle-orm";

import { loopFeedbackAccess } from "../../../app/domain/review/access";
import type { LoopFeedbackAccess } from "../../../app/domain/review/access";
import type { Role } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { interviews, loops, scorecards, searches } from "../../schema";

export interface LoopAccess {
  access: LoopFeedbackAccess;
  loop: {
    id: string;
    hiringManagerId: string;
    searchHiringManagerId: string | null;
    recruiterId: string | null;
    status: string;
  } | null;
}

function buildAccessQueries(db: Db) {
  const loopId = sql.placeholder("loopId");
  return {
    loop: db
      .select({
        id: loops.id,
        hiringManagerId: loops.hiringManagerId,
        searchHiringManagerId: searches.hiringManagerId,
        recruiterId: loops.recruiterId,
        status: loops.status,
      })
      .from(loops)
      .leftJoin(searches, eq(searches.id, loops.searchId))
      .where(eq(loops.id, loopId))
      .prepare(),
    own: db
      .select({ status: scorecards.status, panelRole: scorecards.panelRole })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelistId, sql.placeholder("userId"))))
      .prepare(),
  };
}

// Every feedback view (review page, packets, CSV) asks first: prepared once per connection.
const accessQueries = new WeakMap<object, ReturnType<typeof buildAccessQueries>>();

/** Gathers the facts for the independence rule (app/domain/review/access.ts) in two small queries. */
export function getLoopAccess(db: Db, loopId: string, user: { id: string; role: Role }): LoopAccess {
  let q = accessQueries.get(db.$client);
  if (!q) accessQueries.set(db.$client, (q = buildAccessQueries(db)));
  const loop = q.loop.get({ loopId });
  if (!loop) return { access: "none", loop: null };
  const own = q.own.all({ loopId, userId: user.id });
  return {
    access: loopFeedbackAccess({
      user,
      hiringManagerId: loop.hiringManagerId,
      searchHiringManagerId: loop.searchHiringManagerId,
      recruiterId: loop.recruiterId,
      ownScorecards: own,
    }),
    loop,
  };
}

/**
 * Route guard: returns the loop when the user may see its panel feedback; throws 404 when the
 * loop does not exist or is not related to the user, 403 when they must submit their own first
 * or recused on the loop.
 */
export function requireLoopFeedbackAccess(db: Db, loopId: string, user: { id: string; role: Role }) {
  const { access, loop } = getLoopAccess(db, loopId, user);
  if (!loop || access === "none") throw new Response("Not found", { status: 404 });
  if (access === "recused") {
    throw new Response(
      "You declared a conflict of interest on this loop, so the panel's feedback stays closed to you.",
      { status: 403 },
    );
  }
  if (access === "trainee") {
    throw new Response(
      "You sit on this loop as a trainee: the panel's feedback stays closed to you. Once the loop is decided, your scorecard shows how your ratings compare with the panel's.",
      { status: 403 },
    );
  }
  if (access === "pending_own_submission") {
    throw new Response(
      "Submit your own scorecard for this candidate first: the panel's feedback opens once yours is in.",
      { status: 403 },
    );
  }
  return loop;
}
