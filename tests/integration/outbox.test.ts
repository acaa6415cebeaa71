// The outbox end to end, in process, against a REAL SMTP server (smtp-server on localhost,
// parsed with mailparser) and a REAL HTTP receiver for webhooks: who gets what, the links, the
// .ics invitation, update and cancellation, the reminder cadence walked with a controlled clock
// (stopping on submit and recusal), the daily digest, retries and permanent refusals, the
// webhook signature, the in-app mailbox, and that no confidential text ever enters a message.
import crypto from "node:crypto";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { getDb } from "../../db/client.server";
import { newId } from "../../db/ids.server";
import { eraseCandidate } from "../../db/queries/candidate/erasure.server";
import { createLoop } from "../../db/queries/loop/create.server";
import { updateInterview } from "../../db/queries/loop/interviews.server";
import { addPanelist, removePanelist } from "../../db/queries/loop/panel.server";
import { getLoopSetup } from "../../db/queries/loop/setup.server";
import { transitionLoop } from "../../db/queries/loop/status.server";
import { updateOrgSettings } from "../../db/queries/org/settings.server";
import { retryNow } from "../../db/queries/outbox/delivery.server";
import { enqueueMail } from "../../db/queries/outbox/enqueue.server";
import { onLoopChanged } from "../../db/queries/outbox/events.server";
import { scheduleReminders } from "../../db/queries/outbox/reminders.server";
import { updateNotifySettings } from "../../db/queries/outbox/settings.server";
import { createWebhook } from "../../db/queries/outbox/webhooks.server";
import { inviteUser } from "../../db/queries/people/people.server";
import { findOwnScorecard } from "../../db/queries/scorecard/own-scorecard.server";
import { declareConflict } from "../../db/queries/scorecard/recusal.server";
import { calendarInvites, candidates, outbox, passwordTokens } from "../../db/schema";
import { DEFAULT_NOTIFY_SETTINGS } from "../../app/domain/notify/settings";
import { startOfWeek } from "../../app/domain/shared/zoned-time";
import { loader as mailboxLoader } from "../../app/routes/mailbox";
import { action as saveAction } from "../../app/routes/scorecards.$id.save";
import { createOutboxWorker, createTransports, type OutboxWorker } from "../../app/server/outbox-worker.server";

import { call, createTestUser, freshDatabase, get, postJson, seedRubricV1, type TestUser } from "./harness";
import { startHookSink, startSmtpSink, type HookSink, type SmtpSink } from "./outbox-smtp-helpers";

const TZ = "Europe/Berlin";
const HOUR = 3_600_000;
const PUBLIC_URL = "https://archpanel.example.org";
const CANDIDATE = "Keiko Outboxtest";
const EVIDENCE = "EVIDENCE-MARKER Walked through detection, rollback and the stakeholder update.";
const SUMMARY = "SUMMARY-MARKER calm and structured.";
const ASSESSED = ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"];

let smtp: SmtpSink;
let hooks: HookSink;
let worker: OutboxWorker;
let clock = 0;
let admin: TestUser, recruiter: TestUser, hm: TestUser, alice: TestUser, bob: TestUser;
let loopId = "";
let drillId = "";
let aliceDrillCard = "";
let bobDrillCard = "";
let monday = 0;
let hookSecret = "";

const db = () => getDb();
const rows = () => db().select().from(outbox).all();
const mailsTo = (u: { email: string }) => smtp.mails.filter((m) => m.to.includes(u.email));
const ics = (m: { parsed: { attachments: { filename?: string; content: Buffer }[] } }) =>
  m.parsed.attachments.find((a) => a.filename === "invite.ics")?.content.toString("utf8") ?? "";

async function drain(): Promise<void> {
  for (let i = 0; i < 50 && (await worker.runOnce()) > 0; i++);
  await smtp.settled();
}

beforeAll(async () => {
  process.env.PUBLIC_URL = PUBLIC_URL;
  process.env.MAIL_FROM = "Acme Hiring <hiring@acme.example>";
  freshDatabase();
  const { versionId } = seedRubricV1();
  admin = createTestUser("admin", "Ada Admin");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  hm = createTestUser("member", "Hugo Manager");
  alice = createTestUser("member", "Alice Panel");
  bob = createTestUser("member", "Bob Panel");
  updateOrgSettings(db(), admin.id, { overdueHours: 24, timeZone: TZ });
  updateNotifySettings(db(), admin.id, { ...DEFAULT_NOTIFY_SETTINGS, orgName: "Acme Hiring", dailyReminders: 2 });
  smtp = await startSmtpSink({
    reject: (address) =>
      address.startsWith("bounce")
        ? { code: 550, message: "5.1.1 mailbox unavailable" }
        : address.startsWith("greylist")
          ? { code: 451, message: "4.7.1 greylisted, try again later" }
          : null,
  });
  hooks = await startHookSink();
  // a Monday two weeks ahead of the real clock: submissions through the routes (real time) happen
  // before the controlled clock, which then walks the week of the interviews
  monday = startOfWeek(Date.now() + 14 * 24 * HOUR, TZ);
  clock = monday;
  worker = createOutboxWorker({
    db: db(),
    transports: createTransports(smtp.url),
    now: () => clock,
    random: () => 0,
    scheduleEveryMs: null,
  });
  const candidateId = newId();
  db().insert(candidates).values({ id: candidateId, name: CANDIDATE, email: "keiko@example.org" }).run();
  const created = createLoop(
    db(),
    { id: recruiter.id },
    { candidateId, rubricVersionId: versionId, hiringManagerId: hm.id, template: "full", startAt: monday + 34 * HOUR },
    clock,
  );
  if (!created.ok) throw new Error(created.message);
  loopId = created.value;
});

afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await hooks?.close();
});

describe("set-password links", () => {
  test("a new user's invitation e-mails the link to the exact page; the token in it is the one stored", async () => {
    const r = inviteUser(
      db(),
      { id: admin.id, role: "admin" },
      { name: "Nora Newcomer", email: "nora.new@example.org", role: "member" },
      clock,
    );
    if (!r.ok) throw new Error(r.message);
    await drain();
    const [mail, ...more] = mailsTo({ email: "nora.new@example.org" });
    expect(more).toEqual([]);
    const link = `${PUBLIC_URL}/set-password/${r.value.token}`;
    expect(mail!.parsed.subject).toBe("[Acme Hiring] You are invited to ArchPanel");
    expect(mail!.parsed.text).toContain(link);
    expect(mail!.parsed.html).toContain(`href="${link}"`);
    expect(mail!.parsed.from?.value[0]).toMatchObject({ address: "hiring@acme.example", name: "Acme Hiring" });
    const tokenId = crypto.createHash("sha256").update(r.value.token).digest("hex");
    expect(db().select().from(passwordTokens).where(eq(passwordTokens.id, tokenId)).get()).toBeTruthy();
    const row = rows().find((m) => m.recipient === "nora.new@example.org")!;
    expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
    expect(row.lastResponse).toMatch(/^250/);
    expect(mail!.messageId).toBe(row.messageId);
  });
});

describe("interview invitations (.ics REQUEST, update, CANCEL)", () => {
  test("scheduling the loop invites each panelist with the .ics attached", async () => {
    const setup = getLoopSetup(db(), loopId)!;
    for (const iv of setup.interviews) {
      const r = addPanelist(db(), { id: recruiter.id }, loopId, iv.id, alice.id, clock);
      if (!r.ok) throw new Error(r.message);
      if (iv.exerciseKey === "incident_scenario_drill") {
        drillId = iv.id;
        aliceDrillCard = r.value;
      }
    }
    const b = addPanelist(db(), { id: recruiter.id }, loopId, drillId, bob.id, clock);
    if (!b.ok) throw new Error(b.message);
    bobDrillCard = b.value;
    await drain();
    expect(mailsTo(bob), "nothing before the loop is scheduled").toEqual([]);
    const t = transitionLoop(db(), { id: recruiter.id }, loopId, "scheduled", "", clock);
    if (!t.ok) throw new Error(t.message);
    await drain();
    expect(mailsTo(alice)).toHaveLength(setup.interviews.length);
    const [invite] = mailsTo(bob);
    expect(invite!.parsed.subject).toMatch(/^\[Acme Hiring\] Interview invitation: .+ — Keiko Outboxtest, /);
    expect(invite!.parsed.text).toContain(`${PUBLIC_URL}/scorecards/${bobDrillCard}`);
    const cal = ics(invite!);
    expect(cal).toContain("METHOD:REQUEST");
    expect(cal).toContain(`UID:${drillId}@archpanel`);
    expect(cal).toContain(`mailto:${bob.email}`);
    expect(cal).toContain(`ORGANIZER;CN="Rita Recruiter":mailto:${recruiter.email}`);
    // idempotent: reconciling again sends nothing
    db().transaction((tx) => onLoopChanged(tx, loopId, clock));
    expect(rows().filter((m) => m.kind.startsWith("interview_"))).toHaveLength(setup.interviews.length + 1);
  });

  test("moving the interview sends an update (same UID, higher SEQUENCE); removing a panelist a CANCEL", async () => {
    const seq = (text: string) => Number(/SEQUENCE:(\d+)/.exec(text)?.[1]);
    const first = seq(ics(mailsTo(bob)[0]!));
    clock += 5 * 60_000;
    const iv = getLoopSetup(db(), loopId)!.interviews.find((i) => i.id === drillId)!;
    const moved = updateInterview(
      db(),
      { id: recruiter.id },
      loopId,
      drillId,
      { exerciseKey: iv.exerciseKey, scheduledAt: iv.scheduledAt! + HOUR, durationMinutes: iv.durationMinutes },
      clock,
    );
    if (!moved.ok) throw new Error(moved.message);
    await drain();
    const update = mailsTo(bob)[1]!;
    expect(update.parsed.subject).toMatch(/Updated interview/);
    expect(ics(update)).toContain("METHOD:REQUEST");
    expect(ics(update)).toContain(`UID:${drillId}@archpanel`);
    expect(seq(ics(update))).toBeGreaterThan(first);
    clock += 60_000;
    const removed = removePanelist(db(), { id: recruiter.id }, loopId, bobDrillCard, clock);
    if (!removed.ok) throw new Error(removed.message);
    await drain();
    const cancel = mailsTo(bob)[2]!;
    expect(cancel.parsed.subject).toMatch(/Cancelled interview/);
    expect(ics(cancel)).toContain("METHOD:CANCEL");
    expect(ics(cancel)).toContain("STATUS:CANCELLED");
    expect(ics(cancel)).toContain(`UID:${drillId}@archpanel`);
    expect(seq(ics(cancel))).toBeGreaterThan(seq(ics(update)));
    expect(mailsTo(bob)).toHaveLength(3);
    const state = db()
      .select()
      .from(calendarInvites)
      .where(and(eq(calendarInvites.interviewId, drillId), eq(calendarInvites.panelistId, bob.id)))
      .get();
    expect(state?.cancelled).toBe(true);
  });
});

describe("reminders on a cadence (controlled clock), the digest, webhooks", () => {
  test("reminders follow the cadence, are queued once per slot, and stop the moment the scorecard is submitted", async () => {
    const created = createWebhook(db(), admin.id, {
      url: hooks.url,
      description: "test receiver",
      events: ["scorecard.submitted", "loop.ready_for_debrief", "decision.recorded"],
    });
    hookSecret = created.secret;
    const iv = getLoopSetup(db(), loopId)!.interviews.find((i) => i.id === drillId)!;
    const end = iv.scheduledAt! + iv.durationMinutes * 60_000;
    const reminders = (card: string) => rows().filter((m) => m.kind === "reminder" && m.scorecardId === card);
    // walk the clock in 15-minute steps from the end of the drill to one hour after the first reminder
    for (clock = end; clock <= end + 2 * HOUR; clock += 15 * 60_000) {
      scheduleReminders(db(), clock);
      scheduleReminders(db(), clock); // a second scheduler run changes nothing
    }
    const [first] = reminders(aliceDrillCard);
    expect(reminders(aliceDrillCard)).toHaveLength(1);
    expect(first!.createdAt).toBe(end + HOUR);
    expect(first!.subject).toBe(`[Acme Hiring] Scorecard due: Incident scenario drill — ${CANDIDATE}`);
    expect(first!.bodyText).toContain(`${PUBLIC_URL}/scorecards/${aliceDrillCard}`);
    // submitted through the real route: the queued reminder is cancelled in the same transaction
    const submitted = await call(
      saveAction as Parameters<typeof call>[0],
      postJson(`/scorecards/${aliceDrillCard}/save`, alice, {
        intent: "submit",
        version: 0,
        ratings: Object.fromEntries(ASSESSED.map((k) => [k, { score: "3", evidence: EVIDENCE }])),
        redFlags: {},
        signals: {},
        focus: {},
        recommendation: "hire",
        summary: SUMMARY,
        overrideJustification: "",
      }),
      { id: aliceDrillCard },
    );
    expect(submitted.status).toBe(200);
    expect(reminders(aliceDrillCard).map((m) => m.status)).toEqual(["cancelled"]);
    for (; clock <= end + 5 * 24 * HOUR; clock += 15 * 60_000) scheduleReminders(db(), clock);
    expect(reminders(aliceDrillCard)).toHaveLength(1);
    // the other interviews' open scorecards went on: 1 + 2 daily reminders each, on business days
    const others = rows().filter((m) => m.kind === "reminder" && m.scorecardId !== aliceDrillCard);
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) {
      const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: TZ }).format(m.createdAt);
      const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", timeZone: TZ }).format(m.createdAt));
      expect(["Sat", "Sun"]).not.toContain(day);
      expect(hour >= 8 && hour < 19, `${day} ${hour}h`).toBe(true);
    }
    const perCard = new Map<string, number>();
    for (const m of others) perCard.set(m.scorecardId!, (perCard.get(m.scorecardId!) ?? 0) + 1);
    for (const n of perCard.values()) expect(n).toBe(3);
  });

  test("a recused panelist's reminders stop and their invitation is cancelled", async () => {
    const card = rows().find((m) => m.kind === "reminder" && m.scorecardId !== aliceDrillCard)!.scorecardId!;
    db()
      .update(outbox)
      .set({ status: "queued" })
      .where(eq(outbox.dedupeKey, `reminder:${card}:2`))
      .run();
    const target = findOwnScorecard(db(), { scorecardId: card, panelistId: alice.id })!;
    expect(declareConflict(db(), target, "I worked with the candidate", clock)).toBe(true);
    expect(rows().find((m) => m.dedupeKey === `reminder:${card}:2`)!.status).toBe("cancelled");
    expect(rows().some((m) => m.kind === "interview_cancel" && m.scorecardId === card)).toBe(true);
  });

  test("hiring manager and recruiter get one digest per business day, none at the weekend", () => {
    const digests = rows().filter((m) => m.kind === "digest");
    const to = (u: TestUser) => digests.filter((m) => m.recipient === u.email);
    expect(to(hm).length).toBeGreaterThan(0);
    expect(to(hm).length).toBe(new Set(to(hm).map((m) => m.dedupeKey)).size);
    expect(to(recruiter).length).toBe(to(hm).length);
    expect(to(alice)).toEqual([]);
    for (const m of digests) {
      const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: TZ }).format(m.createdAt);
      expect(["Sat", "Sun"]).not.toContain(day);
      expect(m.bodyText).toContain(`${PUBLIC_URL}/loops/${loopId}`);
    }
  });

  test("webhooks: signed, retried after a 503 with the same delivery id, ids and states only", async () => {
    hooks.answers.push(503);
    await drain();
    const delivery = rows().find((m) => m.channel === "webhook" && m.subject === "scorecard.submitted")!;
    expect(delivery).toMatchObject({ status: "queued", attempts: 1 });
    expect(delivery.lastResponse).toMatch(/^HTTP 503/);
    clock += 2 * HOUR;
    await drain();
    const got = hooks.hooks.filter((h) => h.headers["archpanel-event"] === "scorecard.submitted");
    expect(got).toHaveLength(2);
    expect(got[0]!.headers["archpanel-delivery"]).toBe(got[1]!.headers["archpanel-delivery"]);
    for (const h of got) {
      // the verification snippet from the README
      const header = String(h.headers["archpanel-signature"]);
      const t = /t=(\d+)/.exec(header)![1]!;
      const v1 = /v1=([0-9a-f]{64})/.exec(header)![1]!;
      const expected = crypto.createHmac("sha256", hookSecret).update(`${t}.${h.body}`).digest("hex");
      expect(crypto.timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"))).toBe(true);
      const wrong = crypto.createHmac("sha256", "another secret").update(`${t}.${h.body}`).digest("hex");
      expect(wrong).not.toBe(v1);
    }
    const body = JSON.parse(got[1]!.body) as { event: string; data: Record<string, unknown> };
    expect(body.event).toBe("scorecard.submitted");
    expect(body.data).toMatchObject({ scorecardId: aliceDrillCard, loopId, status: "submitted" });
    expect(got[1]!.body).not.toContain(CANDIDATE);
    expect(rows().find((m) => m.id === delivery.id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("retries and refusals", () => {
  test("a 550 fails at once with the server's answer; a 451 is retried with backoff; retry now sends it", async () => {
    const put = (email: string) =>
      db().transaction((tx) =>
        enqueueMail(tx, {
          dedupeKey: `test:${email}`,
          kind: "reminder",
          to: { id: null, email },
          mail: { subject: "s", text: "t", html: "<p>t</p>" },
          now: clock,
        }),
      );
    clock = monday + 7 * 24 * HOUR + 10 * HOUR; // a Monday, 10:00
    put("bounce@example.org");
    put("greylist@example.org");
    await drain();
    const byRecipient = (r: string) => rows().find((m) => m.recipient === r)!;
    expect(byRecipient("bounce@example.org")).toMatchObject({ status: "failed", attempts: 1 });
    expect(byRecipient("bounce@example.org").lastResponse).toMatch(/^550/);
    const grey = byRecipient("greylist@example.org");
    expect(grey).toMatchObject({ status: "queued", attempts: 1 });
    expect(grey.lastResponse).toMatch(/^451/);
    expect(grey.availableAt).toBe(clock + 15_000); // 30 s with the lowest jitter
    await drain();
    expect(byRecipient("greylist@example.org").attempts).toBe(1);
    db().update(outbox).set({ recipient: "cleared@example.org" }).where(eq(outbox.id, grey.id)).run();
    expect(retryNow(db(), admin.id, byRecipient("bounce@example.org").id, clock)).toEqual({ ok: true });
    clock += 30_000;
    await drain();
    expect(rows().find((m) => m.id === grey.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(byRecipient("bounce@example.org")).toMatchObject({ status: "failed", attempts: 1 });
  });

  test("without SMTP the message lands in the in-app mailbox, which admins can read", async () => {
    const local = createOutboxWorker({
      db: db(),
      transports: createTransports(null),
      now: () => clock,
      scheduleEveryMs: null,
    });
    db().transaction((tx) =>
      enqueueMail(tx, {
        dedupeKey: "test:mailbox",
        kind: "debrief_ready",
        to: { id: hm.id, email: hm.email },
        mail: { subject: "[Acme Hiring] Ready for debrief", text: "All scorecards are in.", html: "<p>x</p>" },
        now: clock,
      }),
    );
    const before = smtp.mails.length;
    await local.runOnce();
    const row = rows().find((m) => m.dedupeKey === "test:mailbox")!;
    expect(row).toMatchObject({ status: "sent", transport: "mailbox" });
    expect(smtp.mails.length).toBe(before);
    const list = await call(mailboxLoader as Parameters<typeof call>[0], get("/mailbox", admin));
    expect(JSON.stringify(list.data)).toContain("Ready for debrief");
    const open = await call(mailboxLoader as Parameters<typeof call>[0], get(`/mailbox?id=${row.id}`, admin));
    expect((open.data as { open: { text: string } }).open.text).toBe("All scorecards are in.");
    const refused = await call(mailboxLoader as Parameters<typeof call>[0], get("/mailbox", alice));
    expect(refused.status).toBe(403);
  });
});

describe("nothing confidential leaves the building", () => {
  test("no message holds evidence, a summary or a rating; erasure removes the candidate from every message", () => {
    const text = (m: ReturnType<typeof rows>[number]) =>
      [m.subject, m.bodyText, m.bodyHtml, ...m.attachments.map((a) => a.content)].join("\n");
    for (const m of rows()) {
      expect(text(m)).not.toContain("EVIDENCE-MARKER");
      expect(text(m)).not.toContain("SUMMARY-MARKER");
    }
    for (const mail of smtp.mails) expect(mail.raw).not.toContain("EVIDENCE-MARKER");
    expect(rows().some((m) => text(m).includes(CANDIDATE))).toBe(true);
    const candidateId = db().select({ id: candidates.id }).from(candidates).where(eq(candidates.name, CANDIDATE)).get()!
      .id;
    const erased = eraseCandidate(db(), { candidateId, actorId: admin.id, keepRatings: false });
    expect(erased.ok).toBe(true);
    expect(rows().filter((m) => text(m).includes("Keiko"))).toEqual([]);
    expect(rows().filter((m) => m.status === "queued" && m.channel === "email" && m.loopId === loopId)).toEqual([]);
  });
});
