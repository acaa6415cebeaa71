import crypto from "node:crypto";

import { describe, expect, test } from "vitest";

import { isPermanentSmtpFailure, MAX_ATTEMPTS, retryDelayMs } from "../../../app/domain/notify/backoff";
import {
  digestMail,
  escapeHtml,
  invitationMail,
  passwordLinkMail,
  reminderMail,
  webhookBody,
} from "../../../app/domain/notify/messages";
import { notifySettingsSchema, readNotifySettings, DEFAULT_NOTIFY_SETTINGS } from "../../../app/domain/notify/settings";
import { parseSignatureHeader, signatureHeader, signedPayload } from "../../../app/domain/notify/signature";
import { quantile, timeToFeedback } from "../../../app/domain/scorecard/time-to-feedback";

const ctx = { orgName: "Acme <Labs>", baseUrl: "https://archpanel.example.org", timeZone: "Europe/Berlin" };

describe("backoff", () => {
  test("doubles from 30 s, capped at an hour, with jitter in [50 %, 100 %)", () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 0.999_999)).toBeLessThan(30_000);
    expect(retryDelayMs(2, 0)).toBe(30_000);
    expect(retryDelayMs(4, 0)).toBe(120_000);
    expect(retryDelayMs(20, 0.999_999)).toBeLessThanOrEqual(3_600_000);
    expect(retryDelayMs(20, 0)).toBe(1_800_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(3);
  });
  test("5xx SMTP answers are permanent, 4xx and network errors are not", () => {
    expect(isPermanentSmtpFailure(550)).toBe(true);
    expect(isPermanentSmtpFailure(451)).toBe(false);
    expect(isPermanentSmtpFailure(undefined)).toBe(false);
  });
});

describe("webhook signature format", () => {
  test("t=…,v1=… over `timestamp.body`, verifiable with node:crypto", () => {
    const secret = "whsec_test";
    const body = '{"id":"d1","event":"scorecard.submitted"}';
    const mac = crypto.createHmac("sha256", secret).update(signedPayload(1_700_000_000, body)).digest("hex");
    const header = signatureHeader(1_700_000_000, mac);
    expect(header).toBe(`t=1700000000,v1=${mac}`);
    expect(parseSignatureHeader(header)).toEqual({ timestamp: 1_700_000_000, signatures: [mac] });
    expect(parseSignatureHeader("t=abc,v1=zz")).toBeNull();
  });
  test("bodies carry ids and states only", () => {
    const body = JSON.parse(
      webhookBody({
        deliveryId: "d1",
        event: "decision.recorded",
        occurredAt: 0,
        data: { loopId: "L", decision: "hire" },
      }),
    ) as Record<string, unknown>;
    expect(body).toEqual({
      id: "d1",
      event: "decision.recorded",
      occurredAt: "1970-01-01T00:00:00.000Z",
      data: { loopId: "L", decision: "hire" },
    });
  });
});

describe("e-mails", () => {
  test("the set-password e-mail links to the exact page, names the organisation, escapes HTML", () => {
    const m = passwordLinkMail(ctx, {
      name: "Ada Lovelace",
      token: "tok123",
      expiresAt: Date.UTC(2026, 11, 10),
      reset: false,
    });
    expect(m.subject).toBe("[Acme <Labs>] You are invited to ArchPanel");
    expect(m.text).toContain("https://archpanel.example.org/set-password/tok123");
    expect(m.text).toContain("Hello Ada,");
    expect(m.html).toContain("Acme &lt;Labs&gt;");
    expect(m.html).not.toContain("<Labs>");
  });

  test("an invitation carries an .ics REQUEST; a cancellation the same UID with METHOD:CANCEL", () => {
    const facts = {
      uid: "iv1@archpanel",
      sequence: 3,
      change: "invite" as const,
      panelist: { name: "Mateo Ruiz", email: "mateo@example.org" },
      organizer: { name: "Rita Recruiter", email: "rita@example.org" },
      candidateName: "Keiko Tanaka",
      exerciseTitle: "System design",
      start: Date.UTC(2026, 4, 12, 7, 30),
      durationMinutes: 90,
      scorecardId: "sc1",
      stamp: Date.UTC(2026, 4, 1),
    };
    const invite = invitationMail(ctx, facts);
    expect(invite.method).toBe("REQUEST");
    expect(invite.attachment.content).toContain("METHOD:REQUEST");
    expect(invite.attachment.content).toContain("UID:iv1@archpanel");
    expect(invite.attachment.content).toContain("SEQUENCE:3");
    expect(invite.attachment.content).toContain('ORGANIZER;CN="Rita Recruiter":mailto:rita@example.org');
    expect(invite.text).toContain("https://archpanel.example.org/scorecards/sc1");
    expect(invite.subject).toContain("Tue 12 May 2026, 09:30–11:00");
    const cancel = invitationMail(ctx, { ...facts, change: "cancel", sequence: 4 });
    expect(cancel.attachment.content).toContain("METHOD:CANCEL");
    expect(cancel.attachment.content).toContain("STATUS:CANCELLED");
    expect(cancel.attachment.content).toContain("UID:iv1@archpanel");
    expect(cancel.attachment.content).toContain("SEQUENCE:4");
  });

  test("a reminder and a digest link to the scorecard and the loop, with no header injection", () => {
    const r = reminderMail(ctx, {
      panelistName: "Mateo",
      candidateName: "Evil\r\nBcc: x@example.org",
      exerciseTitle: "Design",
      start: 0,
      endedAt: 0,
      scorecardId: "sc9",
      now: 30 * 3_600_000,
    });
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.text).toContain("/scorecards/sc9");
    expect(r.text).toContain("30 hours ago");
    const d = digestMail(ctx, {
      name: "Lukasz",
      items: [{ loopId: "L1", candidateName: "K", exerciseTitle: "E", panelistName: "P", endedAt: 0 }],
      now: 50 * 3_600_000,
      day: "2026-03-23",
    });
    expect(d.subject).toBe("[Acme <Labs>] 1 scorecard outstanding (2026-03-23)");
    expect(d.text).toContain("https://archpanel.example.org/loops/L1");
    expect(d.text).toContain("2 days ago");
    expect(escapeHtml(`<a href="x">'`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;");
  });
});

describe("notification settings", () => {
  test("validated: times, ranges, and the daily time outside quiet hours", () => {
    const ok = notifySettingsSchema.safeParse({
      orgName: "Acme",
      remindersEnabled: "on",
      firstReminderHours: "2",
      dailyReminders: "10",
      quietStart: "20:00",
      quietEnd: "07:00",
      dailyAt: "09:00",
    });
    expect(ok.success && ok.data).toMatchObject({
      remindersEnabled: true,
      digestEnabled: false,
      firstReminderHours: 2,
    });
    const bad = notifySettingsSchema.safeParse({
      ...DEFAULT_NOTIFY_SETTINGS,
      dailyAt: "21:00",
      firstReminderHours: "-1",
    });
    expect(bad.success).toBe(false);
    const paths = bad.success ? [] : bad.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["firstReminderHours"]));
    const quiet = notifySettingsSchema.safeParse({ ...DEFAULT_NOTIFY_SETTINGS, dailyAt: "21:00" });
    expect(quiet.success ? [] : quiet.error.issues.map((i) => i.path.join("."))).toEqual(["dailyAt"]);
  });
  test("stored values are read back, malformed ones fall back to defaults", () => {
    expect(readNotifySettings({})).toEqual(DEFAULT_NOTIFY_SETTINGS);
    expect(
      readNotifySettings({ notify_quiet_start: "22:00", notify_quiet_end: "06:00", notify_daily_at: "20:00" }),
    ).toMatchObject({ quietStart: "22:00", quietEnd: "06:00", dailyAt: "20:00" });
    expect(readNotifySettings({ notify_daily_reminders: "lots", notify_reminders_enabled: "" })).toMatchObject({
      dailyReminders: 10,
      remindersEnabled: false,
    });
  });
});

describe("time to feedback", () => {
  const H = 3_600_000;
  test("quantiles by linear interpolation", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.9)).toBe(10);
    expect(quantile([0, 10], 0.9)).toBe(9);
  });
  test("median and p90 per interviewer and overall, within the period, slowest first", () => {
    const card = (p: string, hours: number, submittedAt = 100 * H) => ({
      panelistId: p,
      panelistName: p.toUpperCase(),
      endedAt: submittedAt - hours * H,
      submittedAt,
    });
    const r = timeToFeedback(
      [card("a", 2), card("a", 4), card("b", 30), card("b", 50), card("b", 10), card("a", 999, 1 * H), card("c", -1)],
      50 * H,
      200 * H,
    );
    expect(r.overall).toEqual({ count: 6, median: 7, p90: 40 });
    expect(r.interviewers.map((i) => [i.panelistId, i.count, i.median, i.p90])).toEqual([
      ["b", 3, 30, 46],
      ["a", 2, 3, 3.8],
      ["c", 1, 0, 0],
    ]);
    expect(timeToFeedback([], 0, 1).overall).toBeNull();
  });
});
