// GDPR erasure and retention: PII gone from every text column of every table (and from the
// database file itself), ratings kept or deleted per the option, audit entries redacted and the
// erasure audited without the erased data, the other candidate untouched, admin-only routes,
// typed confirmation, and the retention list.
import fs from "node:fs";

import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";

import {
  confirmationMatches,
  daysOverdue,
  DEFAULT_RETENTION_DAYS,
  isDueForErasure,
  parseRetentionDays,
  retentionState,
} from "../../app/domain/candidate/erasure";
import { lintEvidence, rememberedLintTexts } from "../../app/domain/scorecard/evidence-lint";
import { ERASED_CANDIDATE_NAME } from "../../app/domain/vocabulary";
import { action as eraseAction, loader as eraseLoader } from "../../app/routes/candidates.$id.erase";
import { action as retentionAction, loader as retentionLoader } from "../../app/routes/retention";
import { getDb } from "../../db/client.server";
import { getLoopReview, rememberedReviews } from "../../db/queries/review/loop-review.server";
import { eraseCandidate, getRetentionDays, listRetention } from "../../db/queries/candidate/erasure.server";
import {
  auditLog,
  candidates,
  loops,
  quickNotes,
  ratings,
  redFlagMarks,
  scorecards,
  signalMarks,
} from "../../db/schema";

import { call, databaseFileBytes, freshDatabase, get, postForm } from "./harness";
import type { World } from "./security-world";
import { allText, buildWorld, databaseChecksum, MARK } from "./security-world";

type RouteFn = Parameters<typeof call>[0];
const asFn = (fn: unknown) => fn as RouteFn;

let w: World;
let dbFile = "";

beforeEach(() => {
  dbFile = freshDatabase();
  w = buildWorld();
});

const PII = Object.values(MARK);

function survivors(): string[] {
  const found: string[] = [];
  for (const { table, column, value } of allText()) {
    for (const m of PII) if (value.includes(m)) found.push(`${table}.${column}: ${m}`);
  }
  return found;
}

describe("erasure", () => {
  test("the world really has the PII everywhere before (the scan can find it)", () => {
    const found = survivors();
    for (const where of [
      "candidates.name",
      "candidates.email",
      "ratings.evidence",
      "quick_notes.body",
      "audit_log.after",
      "audit_log.reason",
      "red_flag_marks.note",
      "scorecards.summary",
      "loops.decision_rationale",
    ]) {
      expect(
        found.some((f) => f.startsWith(where)),
        where,
      ).toBe(true);
    }
  });

  test("removes the candidate's PII and free text from every text column of every table, and from the file", () => {
    const r = eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: false });
    expect(r.ok).toBe(true);
    expect(survivors()).toEqual([]);
    const c = getDb().select().from(candidates).where(eq(candidates.id, w.candidateA)).get()!;
    expect(c).toMatchObject({
      name: ERASED_CANDIDATE_NAME,
      email: "",
      currentTitle: "",
      source: "",
      links: [],
      notes: "",
    });
    expect(c.erasedAt).toBeTypeOf("number");
    // not even in freed pages or the WAL: secure_delete + checkpoint
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    const bytes = databaseFileBytes(dbFile);
    for (const m of PII) expect(bytes.indexOf(Buffer.from(m, "utf8")), m).toBe(-1);
  });

  test("earlier autosaved versions of the text do not survive in free space of the file either", () => {
    const db = getDb();
    // an interviewer rewrote their evidence many times (each autosave frees the old cell)
    for (let i = 0; i < 40; i++) {
      // long evidence (up to the 10k limit) lives in overflow pages, freed whole on each rewrite
      db.update(ratings)
        .set({ evidence: `${"long evidence ".repeat(i * 25)} ${MARK.evidence2} draft ${i}` })
        .where(eq(ratings.scorecardId, w.pendingCard))
        .run();
      db.update(scorecards)
        .set({ summary: `${MARK.summary} v${i}` })
        .where(eq(scorecards.id, w.pendingCard))
        .run();
    }
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(fs.readFileSync(dbFile).indexOf(Buffer.from(MARK.evidence2))).toBeGreaterThan(-1);
    eraseCandidate(db, { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: true });
    const bytes = databaseFileBytes(dbFile);
    for (const m of PII) expect(bytes.indexOf(Buffer.from(m, "utf8")), m).toBe(-1);
  });

  test("without the option, numeric ratings, marks and recommendations are deleted too", () => {
    eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: false });
    const db = getDb();
    for (const card of [w.pendingCard, w.submittedCard]) {
      expect(db.select().from(ratings).where(eq(ratings.scorecardId, card)).all()).toEqual([]);
      expect(db.select().from(redFlagMarks).where(eq(redFlagMarks.scorecardId, card)).all()).toEqual([]);
      expect(db.select().from(signalMarks).where(eq(signalMarks.scorecardId, card)).all()).toEqual([]);
      expect(db.select().from(quickNotes).where(eq(quickNotes.scorecardId, card)).all()).toEqual([]);
    }
    expect(db.select().from(scorecards).where(eq(scorecards.id, w.submittedCard)).get()?.recommendation).toBeNull();
  });

  test("with the option, scores stay (anonymised: no evidence, no notes) for calibration", () => {
    const before = getDb()
      .select({ dimensionId: ratings.dimensionId, score: ratings.score })
      .from(ratings)
      .where(eq(ratings.scorecardId, w.submittedCard))
      .all();
    const r = eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: true });
    expect(r.ok && r.summary.ratingsKept).toBe(6);
    const after = getDb().select().from(ratings).where(eq(ratings.scorecardId, w.submittedCard)).all();
    expect(after.map((a) => ({ dimensionId: a.dimensionId, score: a.score }))).toEqual(before);
    expect(after.every((a) => a.evidence === "")).toBe(true);
    const flags = getDb().select().from(redFlagMarks).where(eq(redFlagMarks.scorecardId, w.submittedCard)).all();
    expect(flags).toHaveLength(1);
    expect(flags[0]!.note).toBe("");
    expect(getDb().select().from(scorecards).where(eq(scorecards.id, w.submittedCard)).get()?.recommendation).toBe(
      "hire",
    );
    expect(getDb().select().from(quickNotes).where(eq(quickNotes.scorecardId, w.submittedCard)).all()).toEqual([]);
    expect(survivors()).toEqual([]);
  });

  test("audit entries of the candidate's loops are redacted (not deleted), and the erasure is audited with counts only", () => {
    const db = getDb();
    const countBefore = db.select().from(auditLog).all().length;
    eraseCandidate(db, { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: true });
    const all = db.select().from(auditLog).all();
    expect(all.length).toBe(countBefore + 1);
    const ofA = all.filter((a) => a.loopId === w.loopA || a.entityId === w.candidateA);
    for (const a of ofA.filter((x) => x.action !== "candidate.erase")) {
      if (a.before !== null) expect(a.before).toEqual({ erased: true });
      if (a.after !== null) expect(a.after).toEqual({ erased: true });
      if (a.reason !== null) expect(a.reason).toBe("[erased]");
    }
    const erase = all.find((a) => a.action === "candidate.erase")!;
    expect(erase).toMatchObject({ actorId: w.users.admin.id, entityType: "candidate", entityId: w.candidateA });
    expect(erase.after).toMatchObject({
      keepRatings: true,
      loops: 1,
      scorecards: 3,
      quickNotesDeleted: 2,
      auditEntriesRedacted: 4,
    });
    expect(JSON.stringify(erase)).not.toMatch(/Qx7|Zephyrine/);
    // ids are monotonic; the log is still append-only for everything else
    const ids = all.map((a) => a.id);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(() => db.$client.prepare("update audit_log set action = 'x' where id = ?").run(erase.id)).toThrow(
      /append-only/,
    );
    expect(() => db.$client.prepare("delete from audit_log where id = ?").run(erase.id)).toThrow(/append-only/);
    expect(() =>
      db.$client.prepare(`update audit_log set after = '{"erased":false}' where id = ?`).run(erase.id),
    ).toThrow(/append-only/);
  });

  test("the other candidate, loop B and its audit entries are untouched", () => {
    const snapshotB = () => {
      const db = getDb();
      return JSON.stringify([
        db.select().from(candidates).where(eq(candidates.id, w.candidateB)).get(),
        db.select().from(loops).where(eq(loops.id, w.loopB)).get(),
        db.select().from(scorecards).where(eq(scorecards.id, w.cardB)).get(),
        db.select().from(ratings).where(eq(ratings.scorecardId, w.cardB)).all(),
        db.select().from(auditLog).where(eq(auditLog.loopId, w.loopB)).all(),
      ]);
    };
    const before = snapshotB();
    eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: false });
    expect(snapshotB()).toBe(before);
  });

  test("an active loop is withdrawn; erasing twice is refused and changes nothing", () => {
    const r = eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: false });
    expect(r.ok && r.summary.loopsWithdrawn).toBe(1);
    expect(getDb().select().from(loops).where(eq(loops.id, w.loopA)).get()?.status).toBe("withdrawn");
    const sum = databaseChecksum();
    expect(
      eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: true }),
    ).toEqual({ ok: false, reason: "already_erased" });
    expect(
      eraseCandidate(getDb(), { candidateId: "no-such-candidate-id", actorId: w.users.admin.id, keepRatings: true }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(databaseChecksum()).toBe(sum);
  });

  test("future exports of the loop show no PII (packet.json)", async () => {
    const mod = (await import("../../app/routes/loops.$id.packet[.]json")) as { loader: unknown };
    const before = await call(asFn(mod.loader), get(`/loops/${w.loopA}/packet.json`, w.users.admin), { id: w.loopA });
    expect(before.status).toBe(200);
    expect(await before.response!.text()).toContain(MARK.name);
    eraseCandidate(getDb(), { candidateId: w.candidateA, actorId: w.users.admin.id, keepRatings: true });
    const after = await call(asFn(mod.loader), get(`/loops/${w.loopA}/packet.json`, w.users.admin), { id: w.loopA });
    expect(after.status).toBe(200);
    const text = await after.response!.text();
    expect(text).toContain(ERASED_CANDIDATE_NAME);
    for (const m of PII) expect(text).not.toContain(m);
  });
});

describe("erasure route", () => {
  test("only admins may open or post it (anonymous -> login, others 403, deactivated -> login); unknown ids 404", async () => {
    const path = `/candidates/${w.candidateA}/erase`;
    const params = { id: w.candidateA };
    const anon = await call(asFn(eraseLoader), get(path, null), params);
    expect(anon.status).toBe(302);
    expect(anon.response?.headers.get("Location")).toMatch(/^\/login/);
    for (const who of [w.users.recruiter, w.users.hmA, w.users.submitted, w.users.outsider]) {
      expect((await call(asFn(eraseLoader), get(path, who), params)).status).toBe(403);
      expect((await call(asFn(eraseAction), postForm(path, who, { confirmName: MARK.name }), params)).status).toBe(403);
    }
    expect((await call(asFn(eraseLoader), get(path, w.users.deactivated), params)).status).toBe(302);
    expect((await call(asFn(eraseLoader), get(path, w.users.admin), params)).status).toBe(200);
    expect(
      (await call(asFn(eraseLoader), get("/candidates/nope/erase", w.users.admin), { id: "AAAAAAAAAAAAAAAAAAAAAA" }))
        .status,
    ).toBe(404);
    expect(getDb().select().from(candidates).where(eq(candidates.id, w.candidateA)).get()?.name).toBe(MARK.name);
  });

  test("a wrong or missing confirmation is a 400 with a field error, keeps the input, and erases nothing", async () => {
    const path = `/candidates/${w.candidateA}/erase`;
    const sum = databaseChecksum();
    for (const fields of [
      { confirmName: "Zephyrine" },
      { confirmName: "" },
      {},
      { confirmName: ["a", "b"] },
      { confirmName: "x".repeat(5000) },
    ]) {
      const r = await call(asFn(eraseAction), postForm(path, w.users.admin, fields as Record<string, string>), {
        id: w.candidateA,
      });
      expect(r.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
      expect((r.data as { errors: Record<string, string[]> }).errors.confirmName?.length).toBeGreaterThan(0);
    }
    expect(databaseChecksum()).toBe(sum);
    const noCsrf = await call(
      asFn(eraseAction),
      postForm(path, w.users.admin, { confirmName: MARK.name }, { csrf: null }),
      { id: w.candidateA },
    );
    expect(noCsrf.status).toBe(403);
    expect(databaseChecksum()).toBe(sum);
  });

  test("the right name (any case, extra spaces) erases, redirects to the confirmation, which shows no PII", async () => {
    const path = `/candidates/${w.candidateA}/erase`;
    // the evidence lint remembers the texts it read (the review page lints submitted evidence)
    lintEvidence(`${MARK.evidence} She is young.`);
    expect(rememberedLintTexts()).toBeGreaterThan(0);
    // and the review of the candidate's loop is remembered between changes (db/queries/review/loop-review.server.ts)
    getLoopReview(getDb(), w.loopA);
    expect(rememberedReviews(getDb())).toBeGreaterThan(0);
    const r = await call(
      asFn(eraseAction),
      postForm(path, w.users.admin, { confirmName: `  ${MARK.name.toUpperCase()} `, keepRatings: "on" }),
      { id: w.candidateA },
    );
    expect(r.status).toBe(302);
    expect(r.response?.headers.get("Location")).toBe(path);
    // ...and forgets them with the erasure, as the packet cache drops its rendered copies
    expect(rememberedLintTexts()).toBe(0);
    expect(rememberedReviews(getDb())).toBe(0);
    const page = await call(asFn(eraseLoader), get(path, w.users.admin), { id: w.candidateA });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ erased: true, by: "Ada Admin", summary: { keepRatings: true } });
    expect(JSON.stringify(page.data)).not.toMatch(/Qx7|Zephyrine/);
    // posting again does nothing more
    const sum = databaseChecksum();
    const again = await call(asFn(eraseAction), postForm(path, w.users.admin, { confirmName: MARK.name }), {
      id: w.candidateA,
    });
    expect(again.status).toBe(302);
    expect(databaseChecksum()).toBe(sum);
  });
});

describe("retention", () => {
  const DAY = 86_400_000;

  test("pure rules: due only without an active loop and after the period", () => {
    const now = Date.UTC(2026, 0, 1);
    const old = now - 400 * DAY;
    expect(retentionState({ erasedAt: null, loopStatuses: ["decided"], lastActivityAt: old }, now, 365)).toBe("due");
    expect(
      retentionState({ erasedAt: null, loopStatuses: ["withdrawn", "debrief"], lastActivityAt: old }, now, 365),
    ).toBe("active");
    expect(retentionState({ erasedAt: null, loopStatuses: [], lastActivityAt: now - 364 * DAY }, now, 365)).toBe(
      "retained",
    );
    expect(isDueForErasure({ erasedAt: null, loopStatuses: [], lastActivityAt: now - 365 * DAY }, now, 365)).toBe(true);
    expect(retentionState({ erasedAt: now, loopStatuses: [], lastActivityAt: old }, now, 365)).toBe("erased");
    expect(daysOverdue(old, now, 365)).toBe(35);
    expect(parseRetentionDays(null)).toBe(DEFAULT_RETENTION_DAYS);
    expect(parseRetentionDays("90")).toBe(90);
    expect(parseRetentionDays("5")).toBe(DEFAULT_RETENTION_DAYS);
    expect(parseRetentionDays("1e3")).toBe(DEFAULT_RETENTION_DAYS);
    expect(confirmationMatches("zephyrine  quillfeather-ødegård", MARK.name)).toBe(true);
    expect(confirmationMatches("Zephyrine Quillfeather-Odegard", MARK.name)).toBe(false);
    expect(confirmationMatches("", "")).toBe(false);
  });

  test("the list shows a candidate due once their loops are over and the period has passed", () => {
    const db = getDb();
    const now = Date.now();
    // loop B is in debrief: active. Age candidate A's world and close its loop.
    const longAgo = now - 500 * DAY;
    db.update(loops)
      .set({ status: "decided", decision: "no_hire", decidedAt: longAgo, updatedAt: longAgo, createdAt: longAgo })
      .where(eq(loops.id, w.loopA))
      .run();
    db.update(candidates).set({ createdAt: longAgo, updatedAt: longAgo }).where(eq(candidates.id, w.candidateA)).run();
    db.$client
      .prepare(
        "update scorecards set updated_at = ?, submitted_at = case when submitted_at is null then null else ? end where interview_id in (select id from interviews where loop_id = ?)",
      )
      .run(longAgo, longAgo, w.loopA);
    db.$client.prepare("update interviews set scheduled_at = ? where loop_id = ?").run(longAgo, w.loopA);
    const rows = listRetention(db, now, 365);
    expect(rows.find((r) => r.id === w.candidateA)?.state).toBe("due");
    expect(rows.find((r) => r.id === w.candidateB)?.state).toBe("active");
    // a longer period keeps A
    expect(listRetention(db, now, 600).find((r) => r.id === w.candidateA)?.state).toBe("retained");
  });

  test("the page is admin-only; the setting is validated and its change audited", async () => {
    for (const who of [w.users.recruiter, w.users.hmA, w.users.outsider]) {
      expect((await call(asFn(retentionLoader), get("/retention", who))).status).toBe(403);
      expect((await call(asFn(retentionAction), postForm("/retention", who, { retentionDays: "90" }))).status).toBe(
        403,
      );
    }
    expect((await call(asFn(retentionLoader), get("/retention", null))).status).toBe(302);
    const page = await call(asFn(retentionLoader), get("/retention", w.users.admin));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ retentionDays: 365 });
    const sum = databaseChecksum();
    for (const bad of ["0", "29", "3651", "abc", "", "90.5"]) {
      const r = await call(asFn(retentionAction), postForm("/retention", w.users.admin, { retentionDays: bad }));
      expect(r.status, bad).toBe(400);
    }
    expect(databaseChecksum()).toBe(sum);
    const ok = await call(asFn(retentionAction), postForm("/retention", w.users.admin, { retentionDays: "180" }));
    expect(ok.status).toBe(302);
    expect(getRetentionDays(getDb())).toBe(180);
    const entry = getDb().select().from(auditLog).where(eq(auditLog.action, "settings.retention")).get();
    expect(entry).toMatchObject({
      actorId: w.users.admin.id,
      before: { retentionDays: 365 },
      after: { retentionDays: 180 },
    });
  });
});
