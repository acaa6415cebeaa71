import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";

import type { CandidateFilters, CandidateInput } from "../../../app/domain/candidate/schema";
import { displayCandidateName } from "../../../app/domain/candidate/display";
import { matchesSearch } from "../../../app/domain/candidate/schema";
import type { Decision, LoopStatus } from "../../../app/domain/vocabulary";
import { newId } from "../../ids.server";
import type { Db, Tx } from "../../client.server";
import { candidates, loops, rubricVersions, users } from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";

/** Loop statuses during which the candidate is still in process (archiving is refused). */
export const ACTIVE_LOOP_STATUSES: readonly LoopStatus[] = ["planning", "scheduled", "in_progress", "debrief"];

export interface CandidateLoopSummary {
  id: string;
  status: LoopStatus;
  decision: Decision | null;
  hiringManagerId: string;
  hiringManagerName: string;
  rubricVersion: number;
  createdAt: number;
}

export interface CandidateRow {
  id: string;
  /** "Erased candidate" after GDPR erasure */
  name: string;
  email: string;
  currentTitle: string;
  source: string;
  links: string[];
  notes: string;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  erasedAt: number | null;
  loops: CandidateLoopSummary[];
}

const candidateColumns = {
  id: candidates.id,
  name: candidates.name,
  email: candidates.email,
  currentTitle: candidates.currentTitle,
  source: candidates.source,
  links: candidates.links,
  notes: candidates.notes,
  createdAt: candidates.createdAt,
  updatedAt: candidates.updatedAt,
  archivedAt: candidates.archivedAt,
  erasedAt: candidates.erasedAt,
} as const;

type RawCandidate = { [K in keyof typeof candidateColumns]: (typeof candidates.$inferSelect)[K] };

/** Erased candidates keep their id and loops but show no personal data at all. */
function mask(c: RawCandidate): Omit<CandidateRow, "loops"> {
  if (c.erasedAt === null) return c;
  return { ...c, name: displayCandidateName(c), email: "", currentTitle: "", source: "", links: [], notes: "" };
}

function loopsOf(db: Pick<Db, "select">, candidateIds: string[]): Map<string, CandidateLoopSummary[]> {
  const out = new Map<string, CandidateLoopSummary[]>();
  if (candidateIds.length === 0) return out;
  const rows = db
    .select({
      candidateId: loops.candidateId,
      id: loops.id,
      status: loops.status,
      decision: loops.decision,
      hiringManagerId: loops.hiringManagerId,
      hiringManagerName: users.name,
      rubricVersion: rubricVersions.version,
      createdAt: loops.createdAt,
    })
    .from(loops)
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(candidateIds.length <= 500 ? inArray(loops.candidateId, candidateIds) : undefined)
    .orderBy(asc(loops.createdAt))
    .all();
  for (const { candidateId, ...loop } of rows) {
    const list = out.get(candidateId) ?? [];
    list.push(loop);
    out.set(candidateId, list);
  }
  return out;
}

/**
 * The candidate list with search and filters. Text search is done here in JavaScript (accent-
 * and case-insensitive, which SQLite's LIKE is not for non-ASCII names); the candidate table of a
 * hiring team stays small enough for that.
 */
export function listCandidates(db: Db, filters: CandidateFilters): CandidateRow[] {
  const rows = db
    .select(candidateColumns)
    .from(candidates)
    .where(filters.archived === "1" ? undefined : isNull(candidates.archivedAt))
    .all();
  const loopMap = loopsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .filter((c) => matchesSearch(c, filters.q))
    .map((c) => ({ ...mask(c), loops: loopMap.get(c.id) ?? [] }))
    .filter((c) => {
      if (filters.status === "none") return c.loops.length === 0;
      if (filters.status) return c.loops.some((l) => l.status === filters.status);
      return true;
    })
    .filter((c) => !filters.hm || c.loops.some((l) => l.hiringManagerId === filters.hm))
    .sort((a, b) => Number(a.erasedAt !== null) - Number(b.erasedAt !== null) || a.name.localeCompare(b.name, "en"));
}

export function getCandidate(db: Db, id: string): CandidateRow | null {
  const c = db.select(candidateColumns).from(candidates).where(eq(candidates.id, id)).get();
  if (!c) return null;
  return { ...mask(c), loops: loopsOf(db, [c.id]).get(c.id) ?? [] };
}

/** Candidates a new loop can be created for: not archived, not erased. */
export function listSelectableCandidates(db: Db) {
  return db
    .select({ id: candidates.id, name: candidates.name, currentTitle: candidates.currentTitle })
    .from(candidates)
    .where(and(isNull(candidates.archivedAt), isNull(candidates.erasedAt)))
    .orderBy(asc(candidates.name))
    .all();
}

/** Lowercase emails of existing (not erased) candidates, for duplicate checks. */
export function existingCandidateEmails(db: Pick<Db, "select">, exceptId?: string): Set<string> {
  const rows = db
    .select({ email: candidates.email })
    .from(candidates)
    .where(
      and(isNull(candidates.erasedAt), ne(candidates.email, ""), exceptId ? ne(candidates.id, exceptId) : undefined),
    )
    .all();
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

/** People who are the hiring manager of at least one loop (the list's filter options). */
export function listLoopHiringManagers(db: Db) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(loops)
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .orderBy(asc(users.name))
    .all();
}

function insertCandidate(tx: Tx, actorId: string, input: CandidateInput, now: number): string {
  const id = newId();
  tx.insert(candidates)
    .values({ id, ...input, createdBy: actorId, createdAt: now, updatedAt: now })
    .run();
  return id;
}

const DUPLICATE_EMAIL = "A candidate with this email already exists.";

export function createCandidate(db: Db, actorId: string, input: CandidateInput, now = Date.now()): Outcome<string> {
  return runRefusable(() =>
    db.transaction((tx) => {
      if (input.email && existingCandidateEmails(tx).has(input.email)) abort(409, DUPLICATE_EMAIL);
      const id = insertCandidate(tx, actorId, input, now);
      writeAudit(tx, { actorId, action: "candidate.create", entityType: "candidate", entityId: id, after: input }, now);
      return id;
    }),
  );
}

export function updateCandidate(
  db: Db,
  actorId: string,
  id: string,
  input: CandidateInput,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const before = tx.select(candidateColumns).from(candidates).where(eq(candidates.id, id)).get();
      if (!before) abort(404, "This candidate does not exist.");
      if (before.erasedAt !== null)
        abort(409, "This candidate's personal data was erased; the record can no longer be edited.");
      if (input.email && existingCandidateEmails(tx, id).has(input.email)) abort(409, DUPLICATE_EMAIL);
      tx.update(candidates)
        .set({ ...input, updatedAt: now })
        .where(eq(candidates.id, id))
        .run();
      const { name, email, currentTitle, source, links, notes } = before;
      writeAudit(
        tx,
        {
          actorId,
          action: "candidate.update",
          entityType: "candidate",
          entityId: id,
          before: { name, email, currentTitle, source, links, notes },
          after: input,
        },
        now,
      );
      return null;
    }),
  );
}

/** Archives (hides from lists and loop creation) or restores a candidate. */
export function setCandidateArchived(
  db: Db,
  actorId: string,
  id: string,
  archived: boolean,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const c = tx.select({ archivedAt: candidates.archivedAt }).from(candidates).where(eq(candidates.id, id)).get();
      if (!c) abort(404, "This candidate does not exist.");
      if (archived) {
        if (c.archivedAt !== null) abort(409, "This candidate is already archived.");
        const active = tx
          .select({ id: loops.id })
          .from(loops)
          .where(and(eq(loops.candidateId, id), inArray(loops.status, [...ACTIVE_LOOP_STATUSES])))
          .all();
        if (active.length > 0)
          abort(409, "This candidate has a loop in progress: withdraw it or record a decision before archiving.");
      } else if (c.archivedAt === null) {
        abort(409, "This candidate is not archived.");
      }
      tx.update(candidates)
        .set({ archivedAt: archived ? now : null, updatedAt: now })
        .where(eq(candidates.id, id))
        .run();
      writeAudit(
        tx,
        {
          actorId,
          action: archived ? "candidate.archive" : "candidate.unarchive",
          entityType: "candidate",
          entityId: id,
          before: { archivedAt: c.archivedAt },
          after: { archivedAt: archived ? now : null },
        },
        now,
      );
      return null;
    }),
  );
}

/**
 * Imports validated rows all at once: one transaction, so either every candidate is created or
 * none is (duplicates are re-checked inside it, against rows added since the preview).
 */
export function importCandidates(
  db: Db,
  actorId: string,
  rows: readonly CandidateInput[],
  now = Date.now(),
): Outcome<string[]> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const existing = existingCandidateEmails(tx);
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (!r.email) return;
        if (existing.has(r.email) || seen.has(r.email))
          abort(409, `Row ${i + 2}: ${DUPLICATE_EMAIL} Nothing was imported; preview the file again.`);
        seen.add(r.email);
      });
      const ids = rows.map((r) => insertCandidate(tx, actorId, r, now));
      ids.forEach((id, i) => {
        writeAudit(
          tx,
          { actorId, action: "candidate.import", entityType: "candidate", entityId: id, after: rows[i] },
          now,
        );
      });
      return ids;
    }),
  );
}
