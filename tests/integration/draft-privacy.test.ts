// Independence on every channel (issue 12, parts 1 and 2). A scorecard that is not submitted —
// a draft, or a recusal — keeps its content (ratings, evidence, summary, override justification,
// red-flag notes, signals, focus ticks, quick notes, timer, conflict note, recommendation) for its
// author alone: every loader that returns loop or scorecard content is asked by every other actor,
// in every loop state, and no planted marker may come back. A recused panelist never sees the
// panel's feedback, and a recusal cannot be withdrawn. A trainee's (shadow's) draft is private like
// any other: a second draft, a shadow's, carries markers of its own through the same sweep.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";

import { getDb } from "../../db/client.server";
import { newId } from "../../db/ids.server";
import { writeAudit } from "../../db/queries/audit.server";
import { scheduleReminders } from "../../db/queries/outbox/reminders.server";
import { recordDecision, reopenLoop } from "../../db/queries/review/decision.server";
import { rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import { focusTicks, loops, quickNotes, ratings, redFlagMarks, scorecards, signalMarks } from "../../db/schema";

import { call, createTestUser, freshDatabase, get, postForm, postJson, type TestUser } from "./harness";
import { handler } from "./review-fixtures";
import { allText, buildWorld, RECUSAL_NOTE as WORLD_RECUSAL_NOTE, type World } from "./security-world";

const ROUTES_DIR = path.resolve(import.meta.dirname, "..", "..", "app", "routes");

/** Unique strings planted in every content column of the pending panelist's draft. */
const DRAFT = {
  summary: "DRAFTSUMMARY-Wv8 not sure yet",
  override: "DRAFTOVERRIDE-Wv8 depth may outweigh the flag",
  evidence: "DRAFTEVIDENCE-Wv8 drew the feature store twice",
  flagNote: "DRAFTFLAG-Wv8 vague on access control",
  quickNote: "DRAFTQUICK-Wv8 latency budget first",
  conflict: "DRAFTCONFLICT-Wv8 same meetup group",
} as const;
/** the draft's timer: an unusual number of milliseconds that appears nowhere else */
const DRAFT_TIMER_MS = 7_654_321;
/** the recused panelist's declaration (the note is part of the recusal's content) */
const RECUSAL_NOTE = "RECUSALNOTE-Wv8 my former report";

const DRAFT_MARKS = [...Object.values(DRAFT), String(DRAFT_TIMER_MS)];

type DraftMarks = Record<keyof typeof DRAFT, string>;

/** A shadow's (trainee's) draft on interview A2: the same columns, markers of its own. */
const SHADOW_DRAFT = {
  summary: "SHADOWSUMMARY-Jm4 learning a lot",
  override: "SHADOWOVERRIDE-Jm4 flag looked minor to me",
  evidence: "SHADOWEVIDENCE-Jm4 versioned every model artefact",
  flagNote: "SHADOWFLAG-Jm4 skipped the threat model",
  quickNote: "SHADOWQUICK-Jm4 rollback story",
  conflict: "SHADOWCONFLICT-Jm4 same bootcamp cohort",
} as const satisfies DraftMarks;
const SHADOW_TIMER_MS = 6_543_219;
const SHADOW_MARKS = [...Object.values(SHADOW_DRAFT), String(SHADOW_TIMER_MS)];

let w: World;
let recused: TestUser;
let recusedCard = "";
/** a shadow still drafting on interview A2 (SHADOW_DRAFT), and a shadow who submitted on interview A1 */
let shadow: TestUser;
let shadowCard = "";
let doneShadow: TestUser;
let doneShadowCard = "";
let work = "";

function pdfText(pdf: Buffer): string {
  const file = path.join(work, `${newId()}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** Everything an answer would put on the wire: the loader data (as the page's script and `.data` carry it) or the body. */
async function answerText(r: { data: unknown; response: Response | null }): Promise<string> {
  if (!r.response) return JSON.stringify(r.data) ?? "";
  const type = r.response.headers.get("Content-Type") ?? "";
  if (type.includes("pdf")) return pdfText(Buffer.from(await r.response.clone().arrayBuffer()));
  return await r.response.clone().text();
}

async function route(file: string) {
  return (await import(path.join(ROUTES_DIR, file))) as { loader?: unknown; action?: unknown };
}

interface Probe {
  file: string;
  url: () => string;
  params: () => Record<string, string>;
}

/** Every loader that returns loop, candidate or scorecard content. */
function probes(): Probe[] {
  const loop = (suffix: string, file: string): Probe => ({
    file,
    url: () => `/loops/${w.loopA}${suffix}`,
    params: () => ({ id: w.loopA }),
  });
  const plain = (url: string, file: string): Probe => ({ file, url: () => url, params: () => ({}) });
  return [
    loop("", "loops.$id._index.tsx"),
    loop("/debrief", "loops.$id.debrief.tsx"),
    loop("/packet.json", "loops.$id.packet[.]json.tsx"),
    loop("/packet.pdf", "loops.$id.packet[.]pdf.tsx"),
    loop("/ratings.csv", "loops.$id.ratings[.]csv.tsx"),
    loop(".ics", "loops.$id[.]ics.tsx"),
    loop("/setup", "loops.$id.setup.tsx"),
    plain("/loops", "loops._index.tsx"),
    plain("/dashboard", "dashboard.tsx"),
    plain("/interviews", "interviews._index.tsx"),
    plain("/compare", "compare.tsx"),
    plain("/outbox", "outbox.tsx"),
    plain("/mailbox", "mailbox.tsx"),
    {
      file: "candidates.$id._index.tsx",
      url: () => `/candidates/${w.candidateA}`,
      params: () => ({ id: w.candidateA }),
    },
    {
      file: "scorecards.$id._index.tsx",
      url: () => `/scorecards/${w.pendingCard}`,
      params: () => ({ id: w.pendingCard }),
    },
    { file: "scorecards.$id._index.tsx", url: () => `/scorecards/${recusedCard}`, params: () => ({ id: recusedCard }) },
    { file: "scorecards.$id._index.tsx", url: () => `/scorecards/${shadowCard}`, params: () => ({ id: shadowCard }) },
    // the trainees' pages: the comparison (its author's, once submitted and decided), the search, the shadowing records
    {
      file: "scorecards.$id.compare.tsx",
      url: () => `/scorecards/${doneShadowCard}/compare`,
      params: () => ({ id: doneShadowCard }),
    },
    { file: "searches.$id.tsx", url: () => `/searches/${w.searchA}`, params: () => ({ id: w.searchA }) },
    ...[() => shadow, () => doneShadow].map((trainee): Probe => ({
      file: "people.$id.shadowing.tsx",
      url: () => `/people/${trainee().id}/shadowing?n=5`,
      params: () => ({ id: trainee().id }),
    })),
  ];
}

/** What each asker must never read: the draft's content unless they wrote it, the recusal's note unless they declared it. */
function forbiddenFor(who: TestUser): string[] {
  return [
    ...(who.id === w.users.pending.id ? [] : DRAFT_MARKS),
    ...(who.id === shadow.id ? [] : SHADOW_MARKS),
    ...(who.id === recused.id ? [] : [RECUSAL_NOTE]),
    ...(who.id === w.users.recused.id ? [] : [WORLD_RECUSAL_NOTE]),
  ];
}

async function leaks(): Promise<string[]> {
  const askers = [w.users.outsider, w.users.pending, w.users.submitted, w.users.hmA, w.users.hmB];
  const everyone = [...askers, w.users.recruiter, w.users.admin, w.users.recused, recused, shadow, doneShadow];
  const problems: string[] = [];
  for (const p of probes()) {
    const mod = await route(p.file);
    for (const who of everyone) {
      const r = await call(handler(mod.loader), get(p.url(), who), p.params());
      const text = await answerText(r);
      for (const m of forbiddenFor(who))
        if (text.includes(m)) problems.push(`${p.url()} as ${who.name} (${r.status}) contains ${JSON.stringify(m)}`);
    }
  }
  return problems;
}

/** Content in every column of the draft `card` (whose author is `author`), the timer paused at `timerMs`. */
function plantDraft(card: string, author: TestUser, marks: DraftMarks, timerMs: number, dimensionKey: string): void {
  const db = getDb();
  const rv = rubricVersionIds(db, w.versionId);
  db.update(scorecards)
    .set({
      summary: marks.summary,
      overrideJustification: marks.override,
      conflictNote: marks.conflict,
      recommendation: "strong_no_hire",
      timerAccumulatedMs: timerMs,
    })
    .where(eq(scorecards.id, card))
    .run();
  db.insert(ratings)
    .values({ scorecardId: card, dimensionId: rv.dimensions.get(dimensionKey)!, score: 2, evidence: marks.evidence })
    .onConflictDoNothing()
    .run();
  db.update(ratings).set({ evidence: marks.evidence }).where(eq(ratings.scorecardId, card)).run();
  db.insert(quickNotes)
    .values({ id: newId(), scorecardId: card, elapsedMinute: 9, body: marks.quickNote, createdAt: Date.now() })
    .run();
  db.update(quickNotes).set({ body: marks.quickNote }).where(eq(quickNotes.scorecardId, card)).run();
  db.insert(redFlagMarks)
    .values({ scorecardId: card, redFlagId: [...rv.redFlags.values()][1]!, note: marks.flagNote })
    .run();
  db.insert(signalMarks)
    .values({ scorecardId: card, signalId: [...rv.signals.values()][2]! })
    .run();
  db.insert(focusTicks).values({ scorecardId: card, focusKey: "trade_offs" }).run();
  // the trail of a draft, as the features write it (a quick note, a timer pause)
  for (const action of ["scorecard.note", "scorecard.timer.pause"] as const)
    writeAudit(db, {
      actorId: author.id,
      action,
      entityType: "scorecard",
      entityId: card,
      loopId: w.loopA,
      after: { summary: marks.summary, timerAccumulatedMs: timerMs },
    });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-privacy-"));
  freshDatabase();
  w = buildWorld();
  const db = getDb();
  const rv = rubricVersionIds(db, w.versionId);
  const now = Date.now();

  // the pending panelist's draft: content in every column, the timer paused at an odd value
  plantDraft(w.pendingCard, w.users.pending, DRAFT, DRAFT_TIMER_MS, "ml_system_architecture");

  // a shadow drafts beside the submitted panelist on interview A2, with content of their own
  shadow = createTestUser("member", "Tamsin Shadow-Draft");
  shadowCard = newId();
  db.insert(scorecards)
    .values({ id: shadowCard, interviewId: w.interviewA2, panelistId: shadow.id, panelRole: "shadow", version: 1 })
    .run();
  plantDraft(shadowCard, shadow, SHADOW_DRAFT, SHADOW_TIMER_MS, "mlops_lifecycle");

  // another shadow submitted on interview A1: their comparison and shadowing record are swept too
  doneShadow = createTestUser("member", "Tobias Shadow-Done");
  doneShadowCard = newId();
  db.insert(scorecards)
    .values({
      id: doneShadowCard,
      interviewId: w.interviewA1,
      panelistId: doneShadow.id,
      panelRole: "shadow",
      status: "submitted",
      version: 4,
      recommendation: "hire",
      submittedAt: now,
    })
    .run();
  for (const k of ["mlops_lifecycle", "governance_risk", "communication"])
    db.insert(ratings)
      .values({ scorecardId: doneShadowCard, dimensionId: rv.dimensions.get(k)!, score: 3, evidence: `shadow ${k}` })
      .run();

  // a second panelist on interview A2 declares a conflict through the scorecard page
  recused = createTestUser("member", "Rafa Declares");
  recusedCard = newId();
  db.insert(scorecards)
    .values({ id: recusedCard, interviewId: w.interviewA2, panelistId: recused.id, status: "draft", version: 1 })
    .run();
  const scorecardPage = await route("scorecards.$id._index.tsx");
  const declared = await call(
    handler(scorecardPage.action),
    postForm(`/scorecards/${recusedCard}?index`, recused, {
      intent: "declareConflict",
      kind: "former_colleague",
      note: RECUSAL_NOTE,
    }),
    { id: recusedCard },
  );
  expect(declared.status).toBe(302);
  expect(db.select().from(scorecards).where(eq(scorecards.id, recusedCard)).get()?.status).toBe("recused");
  // reminders and digests are due for the draft (its interview has ended)
  scheduleReminders(db, now);
}, 120_000);

describe("a draft's and a recusal's content reach nobody but their author", () => {
  test("the markers are really there for their authors (the scans below can fail)", async () => {
    const page = await route("scorecards.$id._index.tsx");
    const own = JSON.stringify(
      (await call(handler(page.loader), get(`/scorecards/${w.pendingCard}`, w.users.pending), { id: w.pendingCard }))
        .data,
    );
    for (const m of [DRAFT.summary, DRAFT.override, DRAFT.evidence, DRAFT.flagNote, DRAFT.quickNote]) {
      expect(own).toContain(m);
    }
    const mine = JSON.stringify(
      (await call(handler(page.loader), get(`/scorecards/${recusedCard}`, recused), { id: recusedCard })).data,
    );
    expect(mine).toContain(RECUSAL_NOTE);
    const shadows = JSON.stringify(
      (await call(handler(page.loader), get(`/scorecards/${shadowCard}`, shadow), { id: shadowCard })).data,
    );
    for (const m of Object.values(SHADOW_DRAFT).filter((m) => m !== SHADOW_DRAFT.conflict))
      expect(shadows).toContain(m);
  });

  // one state after the other, on the same world: in progress, debrief, decided, reopened
  test("in progress", async () => {
    getDb().update(loops).set({ status: "in_progress" }).where(eq(loops.id, w.loopA)).run();
    expect(await leaks()).toEqual([]);
  });

  test("debrief", async () => {
    getDb().update(loops).set({ status: "debrief" }).where(eq(loops.id, w.loopA)).run();
    // the feedback is open to the hiring manager here: the scan runs over real content
    const review = await route("loops.$id._index.tsx");
    const r = await call(handler(review.loader), get(`/loops/${w.loopA}`, w.users.hmA), { id: w.loopA });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.data)).toContain(w.submittedCard);
    expect(await leaks()).toEqual([]);
  });

  test("decided", async () => {
    const decided = recordDecision(getDb(), {
      loopId: w.loopA,
      actorId: w.users.hmA.id,
      decision: "hire",
      rationale: "Consistent signals from the submitted scorecards.",
      // the submitted scorecard raised a dealbreaker, so a Hire needs a written override
      override:
        "The dealbreaker rests on one hypothetical answer; the reference call confirmed the candidate owned compliance reviews.",
    });
    expect(decided.ok).toBe(true);
    // the submitted shadow's comparison opens now: the sweep reads a real page, the panel's ratings in it
    const compare = await route("scorecards.$id.compare.tsx");
    const r = await call(handler(compare.loader), get(`/scorecards/${doneShadowCard}/compare`, doneShadow), {
      id: doneShadowCard,
    });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.data)).toContain("mlops_lifecycle");
    expect(await leaks()).toEqual([]);
  });

  test("reopened", async () => {
    const reopened = reopenLoop(getDb(), {
      loopId: w.loopA,
      actorId: w.users.hmA.id,
      reason: "A reference call raised a question.",
    });
    expect(reopened.ok).toBe(true);
    expect(await leaks()).toEqual([]);
  });

  test("outgoing messages (reminders, digests, invitations, webhooks) carry none of it", () => {
    const owned = ["scorecards", "ratings", "red_flag_marks", "quick_notes", "audit_log"];
    const elsewhere = allText(owned).filter((t) =>
      [...DRAFT_MARKS, ...SHADOW_MARKS, RECUSAL_NOTE].some((m) => t.value.includes(m)),
    );
    expect(elsewhere).toEqual([]);
    // the scheduler did write something for this draft: the scan above is not over an empty outbox
    expect(allText(owned).some((t) => t.table === "outbox")).toBe(true);
  });
});

describe("recusal is not a way around independence", () => {
  test("a recused panelist is out of the feedback, whatever else they submitted; the declaration cannot be withdrawn", async () => {
    const db = getDb();
    db.update(loops).set({ status: "debrief" }).where(eq(loops.id, w.loopA)).run();
    const review = await route("loops.$id._index.tsx");
    const json = await route("loops.$id.packet[.]json.tsx");
    const page = await route("scorecards.$id._index.tsx");
    const save = await route("scorecards.$id.save.tsx");
    const askReview = () => call(handler(review.loader), get(`/loops/${w.loopA}`, recused), { id: w.loopA });
    const askJson = () => call(handler(json.loader), get(`/loops/${w.loopA}/packet.json`, recused), { id: w.loopA });

    expect((await askReview()).status).toBe(403);
    expect((await askJson()).status).toBe(403);

    // a submitted scorecard on the other interview does not reopen it
    db.insert(scorecards)
      .values({
        id: newId(),
        interviewId: w.interviewA1,
        panelistId: recused.id,
        status: "submitted",
        version: 3,
        recommendation: "hire",
        submittedAt: Date.now(),
      })
      .run();
    expect((await askReview()).status).toBe(403);
    expect((await askJson()).status).toBe(403);

    // withdrawing: refused, nothing written, still recused and still closed
    const before = db.select().from(scorecards).where(eq(scorecards.id, recusedCard)).get();
    const withdraw = await call(
      handler(page.action),
      postForm(`/scorecards/${recusedCard}?index`, recused, { intent: "withdrawConflict" }),
      { id: recusedCard },
    );
    expect(withdraw.status).toBe(409);
    expect(JSON.stringify(withdraw.data)).toMatch(/final/);
    expect(db.select().from(scorecards).where(eq(scorecards.id, recusedCard)).get()).toEqual(before);
    expect(
      db
        .select()
        .from(scorecards)
        .where(and(eq(scorecards.id, recusedCard), eq(scorecards.status, "draft")))
        .all(),
    ).toEqual([]);
    // and writing on the recused scorecard with what was (not) seen is refused too
    const autosave = await call(
      handler(save.action),
      postJson(`/scorecards/${recusedCard}/save`, recused, {
        intent: "save",
        version: before?.version ?? 0,
        summary: "after the fact",
      }),
      { id: recusedCard },
    );
    expect(autosave.status).toBe(409);
    expect(db.select().from(scorecards).where(eq(scorecards.id, recusedCard)).get()).toEqual(before);
    expect((await askReview()).status).toBe(403);
  });

  test("a panelist still drafting sees no feedback", async () => {
    const review = await route("loops.$id._index.tsx");
    const r = await call(handler(review.loader), get(`/loops/${w.loopA}`, w.users.pending), { id: w.loopA });
    expect(r.status).toBe(403);
  });
});
