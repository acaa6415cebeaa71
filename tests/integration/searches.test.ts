// Searches (requisitions): opening, closing and reopening one through the routes, a new loop joining
// a search, the backfill that put the loops made before searches into searches, and the review
// access a search's hiring manager gets. Compare scoping is in review-queries.test.ts.
import fs from "node:fs";
import path from "node:path";

import { count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { newId } from "../../db/ids.server";
import { auditLog, candidates, loops, searches } from "../../db/schema";
import { loader as reviewLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as loopsLoaderFn } from "../../app/routes/loops._index";
import { action as newLoopActionFn } from "../../app/routes/loops.new";
import { action as setupActionFn } from "../../app/routes/loops.$id.setup";
import { action as searchActionFn, loader as searchLoaderFn } from "../../app/routes/searches.$id";
import { action as searchesActionFn, loader as searchesLoaderFn } from "../../app/routes/searches._index";

import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

const searchesAction = handler(searchesActionFn);
const searchesLoader = handler(searchesLoaderFn);
const searchAction = handler(searchActionFn);
const searchLoader = handler(searchLoaderFn);
const newLoopAction = handler(newLoopActionFn);
const setupAction = handler(setupActionFn);
const reviewLoader = handler(reviewLoaderFn);
const loopsLoader = handler(loopsLoaderFn);

let rubricId: string;
let versionId: string;
let recruiter: TestUser;
let hm: TestUser;
let otherHm: TestUser;

const tableCounts = () => {
  const db = getDb();
  return {
    searches: db.select({ n: count() }).from(searches).get()!.n,
    loops: db.select({ n: count() }).from(loops).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
  };
};

beforeAll(() => {
  freshDatabase();
  ({ rubricId, versionId } = seedRubricV1());
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  hm = createTestUser("member", "Hana Manager");
  otherHm = createTestUser("member", "Otis Manager");
});

describe("opening, closing and reopening a search", () => {
  it("a recruiter opens a search; it is listed open with its hiring manager and no candidates", async () => {
    const res = await call(
      searchesAction,
      postForm("/searches", recruiter, {
        title: "  Lead ML Architect — Payments ",
        rubricId,
        hiringManagerId: hm.id,
        headcount: "2",
        notes: "Two seats.",
      }),
    );
    expect(res.status).toBe(302);
    const id = /\/searches\/([^?]+)/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
    const row = getDb().select().from(searches).where(eq(searches.id, id)).get();
    expect(row).toMatchObject({
      title: "Lead ML Architect — Payments",
      headcount: 2,
      closedAt: null,
      createdBy: recruiter.id,
    });
    const list = (await call(searchesLoader, get("/searches", recruiter))).data as {
      searches: {
        id: string;
        hiringManagerName: string;
        candidates: number;
        decided: number;
        closedAt: number | null;
      }[];
    };
    expect(list.searches.find((s) => s.id === id)).toMatchObject({
      hiringManagerName: "Hana Manager",
      candidates: 0,
      decided: 0,
      closedAt: null,
    });
  });

  it("refuses bad input with field errors and the text as typed, writing nothing", async () => {
    const before = tableCounts();
    const cases: [Record<string, string>, string, number][] = [
      [{ title: "", rubricId, hiringManagerId: hm.id }, "title", 400],
      [{ title: "X", rubricId: "", hiringManagerId: hm.id }, "rubricId", 400],
      [{ title: "X", rubricId, hiringManagerId: hm.id, headcount: "1.5" }, "headcount", 400],
      [{ title: "X", rubricId: newId(), hiringManagerId: hm.id }, "_form", 400],
      [{ title: "X", rubricId, hiringManagerId: newId() }, "_form", 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await call(searchesAction, postForm("/searches", recruiter, { notes: "kept — ✓", ...body }));
      expect(res.status, JSON.stringify(body)).toBe(status);
      const d = res.data as { errors: Record<string, string[]>; values: Record<string, string> };
      expect(Object.keys(d.errors), JSON.stringify(body)).toEqual([field]);
      expect(d.values.notes).toBe("kept — ✓");
    }
    // a member may not open one
    expect(
      (await call(searchesAction, postForm("/searches", hm, { title: "X", rubricId, hiringManagerId: hm.id }))).status,
    ).toBe(403);
    expect(tableCounts()).toEqual(before);
  });

  it("closes and reopens a search, once each, with an audit entry; a closed search takes no new loop", async () => {
    const id = newSearch("Closing", hm.id);
    const close = await call(searchAction, postForm(`/searches/${id}`, recruiter, { intent: "close" }), { id });
    expect(close.status).toBe(302);
    expect(getDb().select().from(searches).where(eq(searches.id, id)).get()?.closedAt).not.toBeNull();
    const before = tableCounts();
    const again = await call(searchAction, postForm(`/searches/${id}`, recruiter, { intent: "close" }), { id });
    expect(again.status).toBe(409);
    const bogus = await call(searchAction, postForm(`/searches/${id}`, recruiter, { intent: "delete" }), { id });
    expect(bogus.status).toBe(400);
    const candidateId = newCandidate();
    const refused = await postNewLoop({ candidateId, hiringManagerId: hm.id, searchId: id });
    expect(refused.status).toBe(409);
    expect((refused.data as { errors: { _form: string[] } }).errors._form[0]).toContain("is closed");
    expect(tableCounts()).toEqual(before);
    const reopen = await call(searchAction, postForm(`/searches/${id}`, recruiter, { intent: "reopen" }), { id });
    expect(reopen.status).toBe(302);
    const actions = getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(["search.close", "search.reopen"]);
  });

  it("shows a search's candidates with their loop status, and 404 for an unknown one", async () => {
    const id = newSearch("With candidates", hm.id);
    const loop = buildLoop({
      versionId,
      hiringManagerId: otherHm.id,
      searchId: id,
      candidateName: "Cleo Candidate",
      status: "decided",
      interviews: [],
    });
    const d = (await call(searchLoader, get(`/searches/${id}`, recruiter), { id })).data as {
      search: { candidates: number; decided: number };
      loops: { id: string; candidateName: string; status: string; hiringManagerName: string }[];
    };
    expect(d.search).toMatchObject({ candidates: 1, decided: 1 });
    expect(d.loops).toEqual([
      expect.objectContaining({
        id: loop.loopId,
        candidateName: "Cleo Candidate",
        status: "decided",
        hiringManagerName: "Otis Manager",
      }),
    ]);
    expect((await call(searchLoader, get(`/searches/${newId()}`, recruiter), { id: "x" })).status).toBe(404);
    expect((await call(searchLoader, get(`/searches/${id}`, hm), { id })).status).toBe(403);
  });
});

describe("a new loop joins a search", () => {
  it("joins the chosen open search", async () => {
    const id = newSearch("Chosen", otherHm.id);
    const res = await postNewLoop({ hiringManagerId: hm.id, searchId: id });
    expect(res.status).toBe(302);
    const loopId = /\/loops\/([^/]+)\/setup/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
    expect(getDb().select({ s: loops.searchId }).from(loops).where(eq(loops.id, loopId)).get()?.s).toBe(id);
  });

  it("without a choice joins the hiring manager's newest open search on the rubric, or opens one named after the role", async () => {
    const fresh = createTestUser("member", "Nia New");
    const post = () => postNewLoop({ hiringManagerId: fresh.id });
    expect((await post()).status).toBe(302);
    const opened = getDb().select().from(searches).where(eq(searches.hiringManagerId, fresh.id)).all();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.title).toBe("Lead Machine Learning Architect (Nia New)");
    expect((await post()).status).toBe(302);
    expect(getDb().select().from(searches).where(eq(searches.hiringManagerId, fresh.id)).all()).toHaveLength(1);
    const inIt = getDb().select().from(loops).where(eq(loops.searchId, opened[0]!.id)).all();
    expect(inIt).toHaveLength(2);
  });

  it("refuses a search that hires on another rubric", async () => {
    const { rubricId: otherRubric } = seedRubricV1();
    const id = newSearch("Other rubric", hm.id, otherRubric);
    const before = tableCounts();
    const res = await postNewLoop({ hiringManagerId: hm.id, searchId: id });
    expect(res.status).toBe(400);
    expect(tableCounts()).toEqual(before);
  });
});

describe("a loop in a search keeps the search's rubric", () => {
  it("refuses a version of another rubric in the loop's settings, naming the search; nothing changes", async () => {
    const id = newSearch("Payments", hm.id);
    const created = await postNewLoop({ hiringManagerId: hm.id, searchId: id });
    const loopId = /\/loops\/([^/]+)\/setup/.exec(created.headers.get("Location") ?? "")?.[1] ?? "";
    const { versionId: otherVersion } = seedRubricV1();
    const before = tableCounts();
    const settings = (rubricVersionId: string, hiringManagerId = hm.id) =>
      call(
        setupAction,
        postForm(`/loops/${loopId}/setup`, recruiter, { intent: "settings", rubricVersionId, hiringManagerId }),
        { id: loopId },
      );
    const refused = await settings(otherVersion);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain("This loop is in the search “Payments”");
    expect(tableCounts()).toEqual(before);
    expect(getDb().select({ v: loops.rubricVersionId }).from(loops).where(eq(loops.id, loopId)).get()?.v).toBe(
      versionId,
    );
    // the hiring manager may still change (the search's manager keeps seeing the loop)
    expect((await settings(versionId, otherHm.id)).status).toBe(302);
  });
});

describe("the search's hiring manager", () => {
  it("opens the review of every loop in the search, as does the loop's own hiring manager; a stranger gets 404", async () => {
    const id = newSearch("Review access", hm.id);
    const loop = buildLoop({
      versionId,
      hiringManagerId: otherHm.id,
      searchId: id,
      candidateName: "Rae Review",
      interviews: [],
    });
    expect((await call(reviewLoader, get(`/loops/${loop.loopId}`, hm), { id: loop.loopId })).status).toBe(200);
    expect((await call(reviewLoader, get(`/loops/${loop.loopId}`, otherHm), { id: loop.loopId })).status).toBe(200);
    const stranger = createTestUser("member", "Stan Stranger");
    expect((await call(reviewLoader, get(`/loops/${loop.loopId}`, stranger), { id: loop.loopId })).status).toBe(404);
    const list = (await call(loopsLoader, get("/loops", hm))).data as { loops: { id: string }[] };
    expect(list.loops.map((l) => l.id)).toContain(loop.loopId);
  });
});

describe("the backfill of loops made before searches", () => {
  it("groups them into one search per rubric and hiring manager, opened with the group's first loop", () => {
    const db = getDb();
    const a1 = buildLoop({ versionId, hiringManagerId: hm.id, candidateName: "Old One", interviews: [] });
    const a2 = buildLoop({ versionId, hiringManagerId: hm.id, candidateName: "Old Two", interviews: [] });
    const b1 = buildLoop({ versionId, hiringManagerId: otherHm.id, candidateName: "Old Three", interviews: [] });
    const old = [a1.loopId, a2.loopId, b1.loopId];
    // as before searches existed: no search, and created at known times
    for (const [i, id] of old.entries())
      db.update(loops)
        .set({ searchId: null, createdAt: 1_000 + i })
        .where(eq(loops.id, id))
        .run();
    const searchesBefore = db.select({ n: count() }).from(searches).get()!.n;

    const file = fs.readdirSync(path.resolve("drizzle")).find((f) => f.endsWith("_search_backfill.sql"))!;
    const sql = fs.readFileSync(path.resolve("drizzle", file), "utf8");
    for (const statement of sql.split("--> statement-breakpoint")) db.$client.exec(statement);

    expect(db.select().from(loops).where(isNull(loops.searchId)).all()).toEqual([]);
    const searchOf = (id: string) => db.select({ s: loops.searchId }).from(loops).where(eq(loops.id, id)).get()!.s!;
    expect(searchOf(a1.loopId)).toBe(searchOf(a2.loopId));
    expect(searchOf(b1.loopId)).not.toBe(searchOf(a1.loopId));
    expect(db.select({ n: count() }).from(searches).get()!.n).toBe(searchesBefore + 2);
    const made = db
      .select()
      .from(searches)
      .where(eq(searches.id, searchOf(a1.loopId)))
      .get()!;
    expect(made).toMatchObject({
      title: "Lead Machine Learning Architect (Hana Manager)",
      rubricId,
      hiringManagerId: hm.id,
      openedAt: 1_000,
      closedAt: null,
      createdBy: null,
    });
    expect(made.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // loops that already had a search keep it
    const kept = db.select({ n: count() }).from(loops).where(isNull(loops.searchId)).get()!.n;
    expect(kept).toBe(0);
  });
});

function newSearch(title: string, hiringManagerId: string, rubric = rubricId): string {
  const id = newId();
  getDb().insert(searches).values({ id, title, rubricId: rubric, hiringManagerId, openedAt: Date.now() }).run();
  return id;
}

/** A recruiter creates a full loop for a new (or the given) candidate on rubric v1. */
function postNewLoop(fields: { hiringManagerId: string; searchId?: string; candidateId?: string }) {
  return call(
    newLoopAction,
    postForm("/loops/new", recruiter, {
      candidateId: fields.candidateId ?? newCandidate(),
      rubricVersionId: versionId,
      hiringManagerId: fields.hiringManagerId,
      ...(fields.searchId ? { searchId: fields.searchId } : {}),
      template: "full",
    }),
  );
}

function newCandidate(): string {
  const id = newId();
  getDb()
    .insert(candidates)
    .values({ id, name: `Cand ${id.slice(0, 4)}` })
    .run();
  return id;
}
