/**
 * Searches (requisitions): the list, one search with its loops, opening, closing and reopening one,
 * and the search a new loop joins. Recruiters and admins only (the routes guard with requireStaff).
 * Each change runs in one transaction with its audit entry.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import type { NewSearch } from "../../../app/domain/search/schema";
import {
  defaultSearchTitle,
  loopMayJoin,
  matchSearch,
  searchCounts,
  stateChange,
  type SearchCounts,
} from "../../../app/domain/search/rules";
import type { Decision, LoopStatus } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx, Tx } from "../../client.server";
import { newId } from "../../ids.server";
import { candidates, loops, rubrics, rubricVersions, searches, users } from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";

export interface SearchRow extends SearchCounts {
  id: string;
  title: string;
  rubricName: string;
  hiringManagerName: string;
  headcount: number | null;
  openedAt: number;
  closedAt: number | null;
}

const searchColumns = {
  id: searches.id,
  title: searches.title,
  rubricId: searches.rubricId,
  rubricName: rubrics.name,
  hiringManagerId: searches.hiringManagerId,
  hiringManagerName: users.name,
  headcount: searches.headcount,
  notes: searches.notes,
  openedAt: searches.openedAt,
  closedAt: searches.closedAt,
};

/** Every search, open ones first (most recently opened first), with its candidate and decision counts. */
export function listSearches(db: Db): SearchRow[] {
  const rows = db
    .select(searchColumns)
    .from(searches)
    .innerJoin(rubrics, eq(rubrics.id, searches.rubricId))
    .innerJoin(users, eq(users.id, searches.hiringManagerId))
    .orderBy(desc(searches.openedAt))
    .all();
  const loopStates = db
    .select({ searchId: loops.searchId, status: loops.status, decision: loops.decision })
    .from(loops)
    .all();
  const bySearch = new Map<string, { status: LoopStatus; decision: Decision | null }[]>();
  for (const l of loopStates) {
    if (!l.searchId) continue;
    const list = bySearch.get(l.searchId) ?? [];
    list.push(l);
    bySearch.set(l.searchId, list);
  }
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      rubricName: r.rubricName,
      hiringManagerName: r.hiringManagerName,
      headcount: r.headcount,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      ...searchCounts(bySearch.get(r.id) ?? []),
    }))
    .sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.openedAt - a.openedAt);
}

export interface SearchLoopRow {
  id: string;
  candidateName: string;
  status: LoopStatus;
  decision: Decision | null;
  rubricName: string;
  rubricVersion: number;
  hiringManagerName: string;
  createdAt: number;
}

/** One search with its loops (newest first), or null. */
export function getSearch(db: Db, searchId: string) {
  const search = db
    .select(searchColumns)
    .from(searches)
    .innerJoin(rubrics, eq(rubrics.id, searches.rubricId))
    .innerJoin(users, eq(users.id, searches.hiringManagerId))
    .where(eq(searches.id, searchId))
    .get();
  if (!search) return null;
  const loopHm = alias(users, "loop_hm");
  const rows = db
    .select({
      id: loops.id,
      candidateName: candidates.name,
      erasedAt: candidates.erasedAt,
      status: loops.status,
      decision: loops.decision,
      rubricName: rubrics.name,
      rubricVersion: rubricVersions.version,
      hiringManagerName: loopHm.name,
      createdAt: loops.createdAt,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .innerJoin(loopHm, eq(loopHm.id, loops.hiringManagerId))
    .where(eq(loops.searchId, searchId))
    .orderBy(desc(loops.createdAt))
    .all();
  const loopRows: SearchLoopRow[] = rows.map(({ erasedAt, ...r }) => ({
    ...r,
    candidateName: displayCandidateName({ name: r.candidateName, erasedAt }),
  }));
  return { search: { ...search, ...searchCounts(loopRows) }, loops: loopRows };
}
export type SearchDetail = NonNullable<ReturnType<typeof getSearch>>;

/** Rubrics a search can hire on: those with a published version. */
export function listSearchRubrics(db: Db) {
  return db
    .selectDistinct({ id: rubrics.id, name: rubrics.name, roleTitle: rubrics.roleTitle })
    .from(rubrics)
    .innerJoin(rubricVersions, eq(rubricVersions.rubricId, rubrics.id))
    .where(eq(rubricVersions.status, "published"))
    .orderBy(asc(rubrics.name))
    .all();
}

/** Open searches a new loop may join, most recently opened first. */
export function listOpenSearches(db: Db) {
  return db
    .select({
      id: searches.id,
      title: searches.title,
      rubricId: searches.rubricId,
      hiringManagerId: searches.hiringManagerId,
      hiringManagerName: users.name,
    })
    .from(searches)
    .innerJoin(users, eq(users.id, searches.hiringManagerId))
    .where(isNull(searches.closedAt))
    .orderBy(desc(searches.openedAt))
    .all();
}

function activeManager(tx: DbOrTx, userId: string) {
  const u = tx
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u) abort(400, "Choose a hiring manager from the list.");
  if (!u.active) abort(409, `${u.name}'s account is deactivated.`);
  return u;
}

/** Opens a search. Refused (400/409, nothing written) for an unknown rubric or an inactive manager. */
export function createSearch(db: Db, actor: { id: string }, input: NewSearch, now = Date.now()): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const rubric = tx
        .select({ id: rubrics.id })
        .from(rubrics)
        .innerJoin(rubricVersions, eq(rubricVersions.rubricId, rubrics.id))
        .where(and(eq(rubrics.id, input.rubricId), eq(rubricVersions.status, "published")))
        .get();
      if (!rubric) abort(400, "Choose a rubric from the list (one with a published version).");
      activeManager(tx, input.hiringManagerId);
      const id = newId();
      tx.insert(searches)
        .values({
          id,
          title: input.title,
          rubricId: input.rubricId,
          hiringManagerId: input.hiringManagerId,
          headcount: input.headcount,
          notes: input.notes,
          createdBy: actor.id,
          openedAt: now,
          closedAt: null,
        })
        .run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "search.create",
          entityType: "search",
          entityId: id,
          after: { title: input.title, rubricId: input.rubricId, hiringManagerId: input.hiringManagerId },
        },
        now,
      );
      return id;
    }),
  );
}

/** Closes (no new loops) or reopens a search; 404 for an unknown one, 409 when it is already so. */
export function setSearchState(
  db: Db,
  actor: { id: string },
  searchId: string,
  intent: "close" | "reopen",
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const s = tx
        .select({ id: searches.id, closedAt: searches.closedAt })
        .from(searches)
        .where(eq(searches.id, searchId))
        .get();
      if (!s) abort(404, "This search does not exist.");
      const verdict = stateChange(s, intent);
      if (!verdict.ok) abort(verdict.status, verdict.message);
      const closedAt = intent === "close" ? now : null;
      tx.update(searches).set({ closedAt }).where(eq(searches.id, searchId)).run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: intent === "close" ? "search.close" : "search.reopen",
          entityType: "search",
          entityId: searchId,
          before: { closedAt: s.closedAt },
          after: { closedAt },
        },
        now,
      );
      return null;
    }),
  );
}

/**
 * The search a new loop joins, inside the loop's transaction: the chosen one (open, same rubric),
 * or with no choice the open search of the same rubric managed by the loop's hiring manager,
 * opening one named after the role when there is none. Refusals abort the transaction.
 */
export function searchForNewLoop(
  tx: Tx,
  input: { searchId: string | null; rubricId: string; hiringManagerId: string; actorId: string | null },
  now: number,
): string {
  if (input.searchId) {
    const s = tx
      .select({ id: searches.id, title: searches.title, rubricId: searches.rubricId, closedAt: searches.closedAt })
      .from(searches)
      .where(eq(searches.id, input.searchId))
      .get();
    if (!s) abort(400, "Choose a search from the list.");
    const verdict = loopMayJoin(s, input.rubricId);
    if (!verdict.ok) abort(verdict.status, verdict.message);
    return s.id;
  }
  const candidatesForMatch = tx
    .select({
      id: searches.id,
      rubricId: searches.rubricId,
      hiringManagerId: searches.hiringManagerId,
      openedAt: searches.openedAt,
      closedAt: searches.closedAt,
    })
    .from(searches)
    .where(
      and(
        eq(searches.rubricId, input.rubricId),
        eq(searches.hiringManagerId, input.hiringManagerId),
        isNull(searches.closedAt),
      ),
    )
    .all();
  const match = matchSearch(candidatesForMatch, input);
  if (match) return match.id;
  const rubric = tx.select({ roleTitle: rubrics.roleTitle }).from(rubrics).where(eq(rubrics.id, input.rubricId)).get();
  const manager = activeManager(tx, input.hiringManagerId);
  const id = newId();
  const title = defaultSearchTitle(rubric?.roleTitle ?? "Search", manager.name);
  tx.insert(searches)
    .values({
      id,
      title,
      rubricId: input.rubricId,
      hiringManagerId: input.hiringManagerId,
      createdBy: input.actorId,
      openedAt: now,
    })
    .run();
  writeAudit(
    tx,
    {
      actorId: input.actorId,
      action: "search.create",
      entityType: "search",
      entityId: id,
      after: { title, rubricId: input.rubricId, hiringManagerId: input.hiringManagerId, forLoop: true },
    },
    now,
  );
  return id;
}

/** The rubric family of a rubric version (for matching a loop to a search). */
export function rubricOfVersion(tx: DbOrTx, versionId: string): string | null {
  return (
    tx.select({ rubricId: rubricVersions.rubricId }).from(rubricVersions).where(eq(rubricVersions.id, versionId)).get()
      ?.rubricId ?? null
  );
}
