// Recruiter configuration routes: candidates (edit, archive, CSV import), rubric versions (clone,
// edit, publish, immutability, diff) and people (invite, roles, deactivation, set-password links).
// Every loader and action runs as the real route module with real sessions and CSRF.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";

import { contentToFormValues } from "../../app/domain/rubric/draft-schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import * as candidatePage from "../../app/routes/candidates.$id._index";
import * as importPage from "../../app/routes/candidates.import";
import * as peoplePage from "../../app/routes/people._index";
import * as rubricPage from "../../app/routes/rubrics.$id._index";
import * as rubricsPage from "../../app/routes/rubrics._index";
import * as diffPage from "../../app/routes/rubrics.diff";
import * as setPasswordPage from "../../app/routes/set-password.$token";
import { getDb } from "../../db/client.server";
import { createCandidate } from "../../db/queries/candidate/candidates.server";
import { createLoop } from "../../db/queries/loop/create.server";
import { addPanelist } from "../../db/queries/loop/panel.server";
import { getLoopSetup } from "../../db/queries/loop/setup.server";
import { inviteUser } from "../../db/queries/people/people.server";
import { loadRubricContent, saveRubricDraft } from "../../db/queries/rubric/rubrics.server";
import {
  auditLog,
  candidates,
  loops,
  passwordTokens,
  rubricVersions,
  scorecards,
  sessions,
  users,
} from "../../db/schema";

import type { TestUser } from "./harness";
import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1 } from "./harness";

type RouteFn = Parameters<typeof call>[0];
const fn = (f: unknown) => f as RouteFn;

let admin: TestUser;
let recruiter: TestUser;
let interviewer: TestUser;
let hiringManager: TestUser;
let v1: string;
let busyCandidate: string; // has a loop in planning
let idleCandidate: string; // no loop

function auditCount(action?: string): number {
  const row = getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(action ? eq(auditLog.action, action) : undefined)
    .get();
  return Number(row?.n ?? 0);
}

function newCandidate(name: string, email = ""): string {
  const r = createCandidate(getDb(), recruiter.id, { name, email, currentTitle: "", source: "", links: [], notes: "" });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Rubric content as the editor posts it: `dimensions.0.anchors.meetsBar=…`. */
function draftFields(
  content = LEAD_ML_ARCHITECT_V1,
  change?: (v: ReturnType<typeof contentToFormValues>) => void,
): Record<string, string | string[]> {
  const v = contentToFormValues(content);
  change?.(v);
  const out: Record<string, string | string[]> = { summary: v.summary };
  v.dimensions.forEach((d, i) => {
    out[`dimensions.${i}.key`] = d.key;
    out[`dimensions.${i}.name`] = d.name;
    out[`dimensions.${i}.description`] = d.description;
    out[`dimensions.${i}.weight`] = d.weight;
    out[`dimensions.${i}.anchors.belowBar`] = d.anchors.belowBar;
    out[`dimensions.${i}.anchors.meetsBar`] = d.anchors.meetsBar;
    out[`dimensions.${i}.anchors.exceeds`] = d.anchors.exceeds;
    if (d.remove) out[`dimensions.${i}.remove`] = "on";
  });
  v.exercises.forEach((e, i) => {
    out[`exercises.${i}.key`] = e.key;
    out[`exercises.${i}.title`] = e.title;
    out[`exercises.${i}.durationMinutes`] = e.durationMinutes;
    out[`exercises.${i}.prompt`] = e.prompt;
    out[`exercises.${i}.focusPoints`] = e.focusPoints;
    out[`exercises.${i}.probeQuestions`] = e.probeQuestions;
    out[`exercises.${i}.dimensionKeys`] = e.dimensionKeys;
  });
  v.redFlags.forEach((f, i) => {
    out[`redFlags.${i}.key`] = f.key;
    out[`redFlags.${i}.label`] = f.label;
    out[`redFlags.${i}.description`] = f.description;
    out[`redFlags.${i}.severity`] = f.severity;
  });
  v.signals.forEach((s, i) => {
    out[`signals.${i}.key`] = s.key;
    out[`signals.${i}.label`] = s.label;
    out[`signals.${i}.kind`] = s.kind;
  });
  return out;
}

function cloneV1As(user: TestUser): Promise<string> {
  return call(fn(rubricsPage.action), postForm("/rubrics", user, { intent: "clone", versionId: v1 })).then((r) => {
    expect(r.status).toBe(302);
    const location = r.response!.headers.get("Location")!;
    const id = /\/rubrics\/([^?]+)/.exec(location)![1]!;
    return id;
  });
}

beforeAll(() => {
  freshDatabase();
  v1 = seedRubricV1().versionId;
  admin = createTestUser("admin", "Ada Admin");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  interviewer = createTestUser("member", "Ivan Interviewer");
  hiringManager = createTestUser("member", "Hana Manager");
  busyCandidate = newCandidate("Busy Candidate", "busy@example.com");
  idleCandidate = newCandidate("Idle Candidate", "idle@example.com");
  const loop = createLoop(getDb(), recruiter, {
    candidateId: busyCandidate,
    rubricVersionId: v1,
    hiringManagerId: hiringManager.id,
    template: "full",
    startAt: null,
  });
  expect(loop.ok).toBe(true);
});

describe("authorization: interviewers and hiring managers are refused everywhere", () => {
  const cases = (): { name: string; f: unknown; req: (u: TestUser) => Request; params?: Record<string, string> }[] => [
    {
      name: "candidate page",
      f: candidatePage.loader,
      req: (u) => get(`/candidates/${idleCandidate}`, u),
      params: { id: idleCandidate },
    },
    {
      name: "candidate save",
      f: candidatePage.action,
      req: (u) => postForm(`/candidates/${idleCandidate}`, u, { intent: "save", name: "Hacked" }),
      params: { id: idleCandidate },
    },
    {
      name: "candidate archive",
      f: candidatePage.action,
      req: (u) => postForm(`/candidates/${idleCandidate}`, u, { intent: "archive" }),
      params: { id: idleCandidate },
    },
    { name: "import page", f: importPage.loader, req: (u) => get("/candidates/import", u) },
    {
      name: "import",
      f: importPage.action,
      req: (u) => postForm("/candidates/import", u, { intent: "import", csv: "name\nMallory" }),
    },
    { name: "rubric list", f: rubricsPage.loader, req: (u) => get("/rubrics", u) },
    {
      name: "rubric clone",
      f: rubricsPage.action,
      req: (u) => postForm("/rubrics", u, { intent: "clone", versionId: v1 }),
    },
    { name: "rubric version", f: rubricPage.loader, req: (u) => get(`/rubrics/${v1}`, u), params: { id: v1 } },
    {
      name: "rubric save",
      f: rubricPage.action,
      req: (u) => postForm(`/rubrics/${v1}`, u, { intent: "save", ...draftFields() }),
      params: { id: v1 },
    },
    {
      name: "rubric discard",
      f: rubricPage.action,
      req: (u) => postForm(`/rubrics/${v1}`, u, { intent: "discard" }),
      params: { id: v1 },
    },
    { name: "rubric diff", f: diffPage.loader, req: (u) => get(`/rubrics/diff?a=${v1}&b=${v1}`, u) },
    { name: "people", f: peoplePage.loader, req: (u) => get("/people", u) },
    {
      name: "invite",
      f: peoplePage.action,
      req: (u) => postForm("/people", u, { intent: "invite", name: "Eve", email: "eve@example.com", role: "admin" }),
    },
    {
      name: "role change",
      f: peoplePage.action,
      req: (u) => postForm("/people", u, { intent: "role", userId: u.id, role: "admin" }),
    },
    {
      name: "deactivate",
      f: peoplePage.action,
      req: (u) => postForm("/people", u, { intent: "deactivate", userId: recruiter.id }),
    },
    {
      name: "reactivate",
      f: peoplePage.action,
      req: (u) => postForm("/people", u, { intent: "reactivate", userId: recruiter.id }),
    },
    {
      name: "password link",
      f: peoplePage.action,
      req: (u) => postForm("/people", u, { intent: "link", userId: recruiter.id }),
    },
  ];

  test("403 for an interviewer and for a hiring manager, and nothing is written", async () => {
    const before = auditCount();
    for (const who of [interviewer, hiringManager]) {
      for (const c of cases()) {
        const r = await call(fn(c.f), c.req(who), c.params);
        expect(r.status, `${c.name} as ${who.name}`).toBe(403);
      }
    }
    expect(auditCount()).toBe(before);
    expect(getDb().select().from(candidates).where(eq(candidates.name, "Hacked")).all()).toHaveLength(0);
    expect(getDb().select().from(users).where(eq(users.email, "eve@example.com")).all()).toHaveLength(0);
    expect(getDb().select().from(rubricVersions).all()).toHaveLength(1);
  });

  test("anonymous visitors are sent to the login page", async () => {
    const r = await call(fn(peoplePage.loader), get("/people", null));
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("recruiters and admins open every page", async () => {
    for (const who of [recruiter, admin]) {
      for (const [f, req, params] of [
        [candidatePage.loader, get(`/candidates/${idleCandidate}`, who), { id: idleCandidate }],
        [importPage.loader, get("/candidates/import", who), {}],
        [rubricsPage.loader, get("/rubrics", who), {}],
        [rubricPage.loader, get(`/rubrics/${v1}`, who), { id: v1 }],
        [diffPage.loader, get(`/rubrics/diff?a=${v1}&b=${v1}`, who), {}],
        [peoplePage.loader, get("/people", who), {}],
      ] as const) {
        const r = await call(fn(f), req, params);
        expect(r.status, `${who.role} ${req.url}`).toBe(200);
      }
    }
  });

  test("a post without the CSRF token is refused", async () => {
    const r = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${idleCandidate}`, recruiter, { intent: "archive" }, { csrf: null }),
      { id: idleCandidate },
    );
    expect(r.status).toBe(403);
  });

  test("the erasure link is offered to admins only", async () => {
    const asAdmin = await call(fn(candidatePage.loader), get(`/candidates/${idleCandidate}`, admin), {
      id: idleCandidate,
    });
    const asRecruiter = await call(fn(candidatePage.loader), get(`/candidates/${idleCandidate}`, recruiter), {
      id: idleCandidate,
    });
    expect((asAdmin.data as { isAdmin: boolean }).isAdmin).toBe(true);
    expect((asRecruiter.data as { isAdmin: boolean }).isAdmin).toBe(false);
  });
});

describe("candidates", () => {
  test("edit: saves, audits before and after; bad input is a 400 with the typed text intact", async () => {
    const id = newCandidate("Edit Me", "edit.me@example.com");
    const bad = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${id}`, recruiter, {
        intent: "save",
        name: "Edited Name",
        email: "not-an-email",
        notes: "keep this note",
      }),
      { id },
    );
    expect(bad.status).toBe(400);
    const badData = bad.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(badData.errors.email?.[0]).toMatch(/valid email/);
    expect(badData.values).toMatchObject({ name: "Edited Name", email: "not-an-email", notes: "keep this note" });

    const before = auditCount("candidate.update");
    const ok = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${id}`, recruiter, {
        intent: "save",
        name: "Edited Name",
        email: "Edited@Example.com",
        currentTitle: "Lead",
        source: "Referral",
        links: "https://example.com/a\nhttps://example.com/b",
        notes: "n",
      }),
      { id },
    );
    expect(ok.status).toBe(302);
    const row = getDb().select().from(candidates).where(eq(candidates.id, id)).get()!;
    expect(row).toMatchObject({
      name: "Edited Name",
      email: "edited@example.com",
      currentTitle: "Lead",
      links: ["https://example.com/a", "https://example.com/b"],
    });
    expect(auditCount("candidate.update")).toBe(before + 1);
    const entry = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "candidate.update"), eq(auditLog.entityId, id)))
      .get()!;
    expect(entry.actorId).toBe(recruiter.id);
    expect(entry.before).toMatchObject({ name: "Edit Me" });
  });

  test("edit: a duplicate email is refused with 409 next to the email field", async () => {
    const id = newCandidate("Dup Candidate");
    const r = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${id}`, recruiter, { intent: "save", name: "Dup Candidate", email: "busy@example.com" }),
      { id },
    );
    expect(r.status).toBe(409);
    expect((r.data as { errors: Record<string, string[]> }).errors.email?.[0]).toMatch(/already exists/);
  });

  test("archive is refused while a loop is under way; archive and restore otherwise, audited", async () => {
    const busy = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${busyCandidate}`, recruiter, { intent: "archive" }),
      { id: busyCandidate },
    );
    expect(busy.status).toBe(409);
    const id = newCandidate("Archive Me");
    const archived = await call(fn(candidatePage.action), postForm(`/candidates/${id}`, admin, { intent: "archive" }), {
      id,
    });
    expect(archived.status).toBe(302);
    expect(archived.response!.headers.get("Location")).toBe("/candidates?notice=archived");
    expect(getDb().select().from(candidates).where(eq(candidates.id, id)).get()!.archivedAt).not.toBeNull();
    const restored = await call(
      fn(candidatePage.action),
      postForm(`/candidates/${id}`, recruiter, { intent: "unarchive" }),
      { id },
    );
    expect(restored.status).toBe(302);
    expect(getDb().select().from(candidates).where(eq(candidates.id, id)).get()!.archivedAt).toBeNull();
    const actions = getDb()
      .select({ a: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .all()
      .map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["candidate.archive", "candidate.unarchive"]));
  });

  test("unknown candidate: 404; unknown intent: 400", async () => {
    expect((await call(fn(candidatePage.loader), get("/candidates/nope", recruiter), { id: "nope" })).status).toBe(404);
    expect(
      (
        await call(
          fn(candidatePage.action),
          postForm(`/candidates/${idleCandidate}`, recruiter, { intent: "explode" }),
          { id: idleCandidate },
        )
      ).status,
    ).toBe(400);
  });
});

describe("CSV import: preview, then all or nothing", () => {
  const count = () =>
    Number(
      getDb()
        .select({ n: sql<number>`count(*)` })
        .from(candidates)
        .get()!.n,
    );

  test("a file with one bad row: the preview marks it, and import creates nobody", async () => {
    const csv = "name,email,title\nGood Person,good.person@example.com,Architect\n,no-name@example.com,x\n";
    const before = count();
    const preview = await call(
      fn(importPage.action),
      postForm("/candidates/import", recruiter, { intent: "preview", csv }),
    );
    expect(preview.status).toBe(200);
    const p = (
      preview.data as {
        preview: { ok: boolean; errorCount: number; rows: { rowNumber: number; errors: Record<string, string[]> }[] };
      }
    ).preview;
    expect(p.ok).toBe(false);
    expect(p.errorCount).toBe(1);
    expect(p.rows[1]!.rowNumber).toBe(3);
    expect(p.rows[1]!.errors.name?.[0]).toMatch(/name/);
    const imported = await call(
      fn(importPage.action),
      postForm("/candidates/import", recruiter, { intent: "import", csv }),
    );
    expect(imported.status).toBe(400);
    expect((imported.data as { csv: string }).csv).toBe(csv);
    expect(count()).toBe(before);
  });

  test("a valid file imports every row in one go, one audit entry each", async () => {
    const csv =
      'name,email,current title,source\n"Nadia Petrova",nadia@example.com,"Staff ML Engineer, Finch",Referral\nOmar Haddad,omar@example.com,ML Lead,LinkedIn\n';
    const before = count();
    const audits = auditCount("candidate.import");
    const r = await call(fn(importPage.action), postForm("/candidates/import", recruiter, { intent: "import", csv }));
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toBe("/candidates?notice=imported&n=2");
    expect(count()).toBe(before + 2);
    expect(auditCount("candidate.import")).toBe(audits + 2);
    expect(getDb().select().from(candidates).where(eq(candidates.email, "nadia@example.com")).get()).toMatchObject({
      name: "Nadia Petrova",
      currentTitle: "Staff ML Engineer, Finch",
      createdBy: recruiter.id,
    });
  });

  test("a duplicate that appears after the preview stops the whole import", async () => {
    const csv = "name,email\nFirst Row,first.row@example.com\nSecond Row,second.row@example.com\n";
    const preview = await call(
      fn(importPage.action),
      postForm("/candidates/import", recruiter, { intent: "preview", csv }),
    );
    expect((preview.data as { preview: { ok: boolean } }).preview.ok).toBe(true);
    newCandidate("Someone Else", "second.row@example.com"); // added meanwhile by a colleague
    const before = count();
    const r = await call(fn(importPage.action), postForm("/candidates/import", recruiter, { intent: "import", csv }));
    expect(r.status).toBe(400);
    expect(count()).toBe(before);
    expect(getDb().select().from(candidates).where(eq(candidates.email, "first.row@example.com")).all()).toHaveLength(
      0,
    );
  });

  test("an empty submission is a 400 with a field error, and an uploaded file works like pasted text", async () => {
    const empty = await call(
      fn(importPage.action),
      postForm("/candidates/import", recruiter, { intent: "preview", csv: "  " }),
    );
    expect(empty.status).toBe(400);
    expect((empty.data as { errors: Record<string, string[]> }).errors.csv?.[0]).toMatch(/Paste/);

    const fd = new FormData();
    fd.append("csrf", "test-csrf-token-0123456789");
    fd.append("intent", "preview");
    fd.append("csv", "");
    fd.append("file", new File(["name\nUploaded Person\n"], "people.csv", { type: "text/csv" }));
    const req = new Request("http://archpanel.test/candidates/import", {
      method: "POST",
      headers: { Cookie: recruiter.cookie },
      body: fd,
    });
    const r = await call(fn(importPage.action), req);
    expect(r.status).toBe(200);
    const p = (r.data as { preview: { ok: boolean; rows: { raw: { name: string } }[] } }).preview;
    expect(p.ok).toBe(true);
    expect(p.rows[0]!.raw.name).toBe("Uploaded Person");
  });
});

describe("rubric versions", () => {
  test("clone v1, edit an anchor, publish v2: audited, and v1 is untouched", async () => {
    const v2 = await cloneV1As(recruiter);
    const info = getDb().select().from(rubricVersions).where(eq(rubricVersions.id, v2)).get()!;
    expect(info).toMatchObject({ version: 2, status: "draft", basedOnVersionId: v1 });

    const newAnchor = "Sketches the path end to end AND names the latency budget per hop.";
    const saved = await call(
      fn(rubricPage.action),
      postForm(`/rubrics/${v2}`, recruiter, {
        intent: "save",
        ...draftFields(LEAD_ML_ARCHITECT_V1, (v) => (v.dimensions[0]!.anchors.meetsBar = newAnchor)),
      }),
      { id: v2 },
    );
    expect(saved.status).toBe(302);
    expect(loadRubricContent(getDb(), v2)!.dimensions[0]!.anchors.meetsBar).toBe(newAnchor);

    const published = await call(
      fn(rubricPage.action),
      postForm(`/rubrics/${v2}`, admin, { intent: "publish", ...draftFields(loadRubricContent(getDb(), v2)!) }),
      { id: v2 },
    );
    expect(published.status).toBe(302);
    expect(published.response!.headers.get("Location")).toBe(`/rubrics/${v2}?notice=published`);
    expect(getDb().select().from(rubricVersions).where(eq(rubricVersions.id, v2)).get()!.status).toBe("published");
    expect(loadRubricContent(getDb(), v1)!.dimensions[0]!.anchors.meetsBar).toBe(
      LEAD_ML_ARCHITECT_V1.dimensions[0]!.anchors.meetsBar,
    );
    const actions = getDb()
      .select({ a: auditLog.action, actor: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.entityId, v2))
      .all();
    expect(actions).toEqual(
      expect.arrayContaining([
        { a: "rubric.clone", actor: recruiter.id },
        { a: "rubric.edit", actor: recruiter.id },
        { a: "rubric.publish", actor: admin.id },
      ]),
    );

    // the diff page shows exactly that change
    const diff = await call(fn(diffPage.loader), get(`/rubrics/diff?a=${v2}&b=${v1}`, recruiter));
    const d = diff.data as {
      older: { version: number };
      diff: { sections: { section: string; items: { key: string; status: string; changes: { field: string }[] }[] }[] };
    };
    expect(d.older.version).toBe(1);
    const changed = d.diff.sections.flatMap((s) => s.items.filter((i) => i.status !== "unchanged"));
    expect(changed).toEqual([
      expect.objectContaining({
        key: LEAD_ML_ARCHITECT_V1.dimensions[0]!.key,
        status: "changed",
        changes: [expect.objectContaining({ field: "anchors.meetsBar" })],
      }),
    ]);
  });

  test("a published version refuses edits: 409 from the route and from the query, content unchanged", async () => {
    const r = await call(
      fn(rubricPage.action),
      postForm(`/rubrics/${v1}`, recruiter, {
        intent: "save",
        ...draftFields(LEAD_ML_ARCHITECT_V1, (v) => (v.summary = "rewritten")),
      }),
      { id: v1 },
    );
    expect(r.status).toBe(409);
    expect((r.data as { errors: Record<string, string[]> }).errors._form?.[0]).toMatch(/published/);
    const q = saveRubricDraft(getDb(), recruiter.id, v1, { ...LEAD_ML_ARCHITECT_V1, summary: "rewritten" });
    expect(q).toMatchObject({ ok: false, status: 409 });
    const discard = await call(fn(rubricPage.action), postForm(`/rubrics/${v1}`, admin, { intent: "discard" }), {
      id: v1,
    });
    expect(discard.status).toBe(409);
    expect(loadRubricContent(getDb(), v1)!.summary).toBe(LEAD_ML_ARCHITECT_V1.summary);
  });

  test("publish is refused with inline problems when an anchor is missing or a dimension is assessed once; nothing is written, the typed text comes back", async () => {
    const draft = await cloneV1As(admin);
    const firstDim = LEAD_ML_ARCHITECT_V1.dimensions[0]!.key;
    const r = await call(
      fn(rubricPage.action),
      postForm(`/rubrics/${draft}`, recruiter, {
        intent: "publish",
        ...draftFields(LEAD_ML_ARCHITECT_V1, (v) => {
          v.dimensions[1]!.anchors.exceeds = "";
          // only the first exercise still assesses the first dimension
          v.exercises.forEach((e, i) => {
            if (i > 0) e.dimensionKeys = e.dimensionKeys.filter((k) => k !== firstDim);
          });
        }),
      }),
      { id: draft },
    );
    expect(r.status).toBe(400);
    const d = r.data as {
      errors: Record<string, string[]>;
      problems: string[];
      values: { dimensions: { anchors: { exceeds: string } }[] };
    };
    expect(d.errors["dimensions.1.anchors.exceeds"]?.[0]).toMatch(/exceeds the bar/);
    expect(d.errors["dimensions.0"]?.[0]).toMatch(/at least 2/);
    expect(d.problems.length).toBeGreaterThanOrEqual(2);
    expect(d.values.dimensions[1]!.anchors.exceeds).toBe("");
    expect(getDb().select().from(rubricVersions).where(eq(rubricVersions.id, draft)).get()!.status).toBe("draft");
    // a refused publish writes nothing: the draft keeps its content, the typed text comes back
    expect(loadRubricContent(getDb(), draft)!.dimensions[1]!.anchors.exceeds).toBe(
      LEAD_ML_ARCHITECT_V1.dimensions[1]!.anchors.exceeds,
    );
    // clean up so later tests see a tidy list
    expect(
      (
        await call(fn(rubricPage.action), postForm(`/rubrics/${draft}`, recruiter, { intent: "discard" }), {
          id: draft,
        })
      ).status,
    ).toBe(302);
    expect(getDb().select().from(rubricVersions).where(eq(rubricVersions.id, draft)).all()).toHaveLength(0);
    expect(auditCount("rubric.discard")).toBeGreaterThanOrEqual(1);
  });

  test("bad draft input is a 400 that returns the typed rows", async () => {
    const draft = await cloneV1As(recruiter);
    const r = await call(
      fn(rubricPage.action),
      postForm(`/rubrics/${draft}`, recruiter, {
        intent: "save",
        ...draftFields(LEAD_ML_ARCHITECT_V1, (v) => (v.dimensions[0]!.weight = "twelve")),
      }),
      { id: draft },
    );
    expect(r.status).toBe(400);
    const d = r.data as { errors: Record<string, string[]>; values: { dimensions: { weight: string }[] } };
    expect(d.errors["dimensions.0.weight"]?.[0]).toMatch(/whole number/);
    expect(d.values.dimensions[0]!.weight).toBe("twelve");
    await call(fn(rubricPage.action), postForm(`/rubrics/${draft}`, recruiter, { intent: "discard" }), { id: draft });
  });

  test("a loop keeps the version it was created with: a new loop on v2, the old loop still on v1", () => {
    const db = getDb();
    const v2 = db
      .select()
      .from(rubricVersions)
      .where(and(eq(rubricVersions.version, 2), eq(rubricVersions.status, "published")))
      .get()!;
    const oldLoop = db.select().from(loops).where(eq(loops.candidateId, busyCandidate)).get()!;
    expect(oldLoop.rubricVersionId).toBe(v1);
    const c = newCandidate("Fresh Candidate");
    const created = createLoop(db, recruiter, {
      candidateId: c,
      rubricVersionId: v2.id,
      hiringManagerId: hiringManager.id,
      template: "full",
      startAt: null,
    });
    expect(created.ok).toBe(true);
    const fresh = getLoopSetup(db, created.ok ? created.value : "")!;
    const stale = getLoopSetup(db, oldLoop.id)!;
    expect(fresh.rubricVersion.id).toBe(v2.id);
    expect(stale.rubricVersion.id).toBe(v1);
    expect(loadRubricContent(db, fresh.rubricVersion.id)!.dimensions[0]!.anchors.meetsBar).toMatch(
      /latency budget per hop/,
    );
    expect(loadRubricContent(db, stale.rubricVersion.id)!.dimensions[0]!.anchors.meetsBar).toBe(
      LEAD_ML_ARCHITECT_V1.dimensions[0]!.anchors.meetsBar,
    );
  });
});

describe("people", () => {
  test("invite: the inviter gets a one-time link; audited; a recruiter cannot invite an admin", async () => {
    const r = await call(
      fn(peoplePage.action),
      postForm("/people", recruiter, {
        intent: "invite",
        name: "Nina New",
        email: "Nina.New@Example.com",
        role: "member",
      }),
    );
    expect(r.status).toBe(200);
    const d = r.data as { link: string; forName: string };
    expect(d.link).toMatch(/^http:\/\/archpanel\.test\/set-password\/[A-Za-z0-9_-]{20,}$/);
    const u = getDb().select().from(users).where(eq(users.email, "nina.new@example.com")).get()!;
    expect(u).toMatchObject({ name: "Nina New", role: "member", active: true, passwordHash: null });
    const entry = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invite"), eq(auditLog.entityId, u.id)))
      .get()!;
    expect(entry.actorId).toBe(recruiter.id);

    const admins = await call(
      fn(peoplePage.action),
      postForm("/people", recruiter, { intent: "invite", name: "Mal", email: "mal@example.com", role: "admin" }),
    );
    expect(admins.status).toBe(403);
    expect((admins.data as { errors: Record<string, string[]> }).errors.role?.[0]).toMatch(/admin/);
    expect((admins.data as { values: { name: string } }).values.name).toBe("Mal");

    const dup = await call(
      fn(peoplePage.action),
      postForm("/people", admin, { intent: "invite", name: "Again", email: "nina.new@example.com", role: "member" }),
    );
    expect(dup.status).toBe(409);
    const bad = await call(
      fn(peoplePage.action),
      postForm("/people", admin, { intent: "invite", name: "", email: "x", role: "boss" }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { errors: Record<string, string[]> }).errors).sort()).toEqual([
      "email",
      "name",
      "role",
    ]);
  });

  test("role changes: audited; recruiters cannot touch admins; nobody changes their own role", async () => {
    const m = createTestUser("member", "Role Target");
    const up = await call(
      fn(peoplePage.action),
      postForm("/people", recruiter, { intent: "role", userId: m.id, role: "recruiter" }),
    );
    expect(up.status).toBe(302);
    expect(getDb().select().from(users).where(eq(users.id, m.id)).get()!.role).toBe("recruiter");
    expect(auditCount("user.role")).toBeGreaterThanOrEqual(1);
    expect(
      (
        await call(
          fn(peoplePage.action),
          postForm("/people", recruiter, { intent: "role", userId: admin.id, role: "member" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          fn(peoplePage.action),
          postForm("/people", recruiter, { intent: "role", userId: m.id, role: "admin" }),
        )
      ).status,
    ).toBe(403);
    const self = await call(
      fn(peoplePage.action),
      postForm("/people", admin, { intent: "role", userId: admin.id, role: "member" }),
    );
    expect(self.status).toBe(403);
    expect(getDb().select().from(users).where(eq(users.id, admin.id)).get()!.role).toBe("admin");
  });

  test("deactivation revokes every session at once; submitted scorecards stay; reactivation audited", async () => {
    const db = getDb();
    const panelist = createTestUser("member", "Leaving Panelist");
    const bystander = createTestUser("member", "Bystander");
    const c = newCandidate("Scored Candidate");
    const loop = createLoop(db, recruiter, {
      candidateId: c,
      rubricVersionId: v1,
      hiringManagerId: hiringManager.id,
      template: "full",
      startAt: null,
    });
    const setup = getLoopSetup(db, loop.ok ? loop.value : "")!;
    const card = addPanelist(db, recruiter, setup.loop.id, setup.interviews[0]!.id, panelist.id);
    expect(card.ok).toBe(true);
    db.update(scorecards)
      .set({ status: "submitted", submittedAt: Date.now() })
      .where(eq(scorecards.id, card.ok ? card.value : ""))
      .run();

    // logged in (a member: refused this page, but recognised)
    expect((await call(fn(candidatePage.loader), get(`/candidates/${c}`, panelist), { id: c })).status).toBe(403);
    expect(db.select().from(sessions).where(eq(sessions.userId, panelist.id)).all()).toHaveLength(1);

    const r = await call(
      fn(peoplePage.action),
      postForm("/people", recruiter, { intent: "deactivate", userId: panelist.id }),
    );
    expect(r.status).toBe(302);
    expect(db.select().from(sessions).where(eq(sessions.userId, panelist.id)).all()).toHaveLength(0);
    expect(db.select().from(sessions).where(eq(sessions.userId, bystander.id)).all()).toHaveLength(1);
    // their next request is anonymous
    const next = await call(fn(candidatePage.loader), get(`/candidates/${c}`, panelist), { id: c });
    expect(next.status).toBe(302);
    expect(next.response!.headers.get("Location")).toMatch(/^\/login/);
    expect(
      db
        .select()
        .from(scorecards)
        .where(eq(scorecards.id, card.ok ? card.value : ""))
        .get()!.status,
    ).toBe("submitted");
    expect(db.select().from(users).where(eq(users.id, panelist.id)).get()!.active).toBe(false);
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.deactivate"), eq(auditLog.entityId, panelist.id)))
      .get()!;
    expect(audit.actorId).toBe(recruiter.id);

    // a recruiter cannot deactivate an admin, nor themselves
    expect(
      (await call(fn(peoplePage.action), postForm("/people", recruiter, { intent: "deactivate", userId: admin.id })))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          fn(peoplePage.action),
          postForm("/people", recruiter, { intent: "deactivate", userId: recruiter.id }),
        )
      ).status,
    ).toBe(403);

    const back = await call(
      fn(peoplePage.action),
      postForm("/people", admin, { intent: "reactivate", userId: panelist.id }),
    );
    expect(back.status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, panelist.id)).get()!.active).toBe(true);
    expect(auditCount("user.reactivate")).toBeGreaterThanOrEqual(1);
  });
});

describe("set-password links", () => {
  function invite(email: string): string {
    const r = inviteUser(getDb(), { id: admin.id, role: "admin" }, { name: "Link User", email, role: "member" });
    if (!r.ok) throw new Error(r.message);
    return r.value.token;
  }

  test("a link works once: sets the password, logs in, and is dead afterwards (404, not 500)", async () => {
    const token = invite("link.user@example.com");
    const page = await call(fn(setPasswordPage.loader), get(`/set-password/${token}`, null), { token });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ valid: true, email: "link.user@example.com" });

    const short = await call(
      fn(setPasswordPage.action),
      postForm(`/set-password/${token}`, null, { password: "short", confirm: "short" }),
      { token },
    );
    expect(short.status).toBe(400);
    const differ = await call(
      fn(setPasswordPage.action),
      postForm(`/set-password/${token}`, null, {
        password: "long enough passphrase",
        confirm: "long enough passphrasf",
      }),
      { token },
    );
    expect(differ.status).toBe(400);
    expect((differ.data as { errors: Record<string, string[]> }).errors.confirm?.[0]).toMatch(/differ/);

    const ok = await call(
      fn(setPasswordPage.action),
      postForm(`/set-password/${token}`, null, {
        password: "long enough passphrase",
        confirm: "long enough passphrase",
      }),
      { token },
    );
    expect(ok.status).toBe(302);
    expect(ok.response!.headers.get("Location")).toBe("/interviews");
    expect(ok.response!.headers.get("Set-Cookie")).toMatch(/archpanel_session=/);
    const u = getDb().select().from(users).where(eq(users.email, "link.user@example.com")).get()!;
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, u.id)).all()).toHaveLength(1);
    expect(auditCount("user.password_set")).toBeGreaterThanOrEqual(1);
    // the people list shows when they last logged in
    const list = await call(fn(peoplePage.loader), get("/people", recruiter));
    const row = (list.data as { people: { id: string; lastLogin: string | null; hasPassword: boolean }[] }).people.find(
      (p) => p.id === u.id,
    )!;
    expect(row.hasPassword).toBe(true);
    expect(row.lastLogin).toMatch(/\d{4}/);

    const again = await call(fn(setPasswordPage.loader), get(`/set-password/${token}`, null), { token });
    expect(again.status).toBe(404);
    expect(again.data).toMatchObject({ valid: false });
    const reuse = await call(
      fn(setPasswordPage.action),
      postForm(`/set-password/${token}`, null, { password: "another passphrase!", confirm: "another passphrase!" }),
      { token },
    );
    expect(reuse.status).toBe(404);
    expect(getDb().select().from(users).where(eq(users.id, u.id)).get()!.passwordHash).toBe(u.passwordHash);
  });

  test("expired and unknown links get the clear 404 page; a re-issued link replaces the old one", async () => {
    const token = invite("expired.user@example.com");
    getDb()
      .update(passwordTokens)
      .set({ expiresAt: Date.now() - 1000 })
      .run();
    expect((await call(fn(setPasswordPage.loader), get(`/set-password/${token}`, null), { token })).status).toBe(404);
    expect(
      (await call(fn(setPasswordPage.loader), get("/set-password/garbage", null), { token: "garbage" })).status,
    ).toBe(404);

    const u = getDb().select().from(users).where(eq(users.email, "expired.user@example.com")).get()!;
    const fresh = await call(fn(peoplePage.action), postForm("/people", recruiter, { intent: "link", userId: u.id }));
    expect(fresh.status).toBe(200);
    const link = (fresh.data as { link: string }).link;
    const newToken = link.split("/").pop()!;
    expect(newToken).not.toBe(token);
    expect(
      (await call(fn(setPasswordPage.loader), get(`/set-password/${newToken}`, null), { token: newToken })).status,
    ).toBe(200);
    expect(auditCount("user.password_link")).toBeGreaterThanOrEqual(1);
  });
});
