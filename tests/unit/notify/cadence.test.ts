import { describe, expect, test } from "vitest";

import {
  cadenceOf,
  dueDigestDay,
  dueReminder,
  isSendableAt,
  localDay,
  nextSendable,
  reminderSchedule,
} from "../../../app/domain/notify/cadence";
import { DEFAULT_NOTIFY_SETTINGS } from "../../../app/domain/notify/settings";
import { fromLocalInput, wallClock } from "../../../app/domain/shared/zoned-time";

const BERLIN = "Europe/Berlin";
const at = (local: string, tz = BERLIN) => fromLocalInput(local, tz)!;
const show = (ms: number, tz = BERLIN) => {
  const w = wallClock(ms, tz);
  const day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w.weekday];
  return `${day} ${localDay(ms, tz)} ${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
};
const cadence = (over: Partial<typeof DEFAULT_NOTIFY_SETTINGS> = {}, tz = BERLIN) =>
  cadenceOf({ ...DEFAULT_NOTIFY_SETTINGS, ...over }, tz);

describe("reminder schedule (first N hours after the end, then daily on business days, up to M)", () => {
  test("an interview ending Friday afternoon: first reminder Friday, then Monday, Tuesday… (no weekend)", () => {
    const c = cadence({ firstReminderHours: 1, dailyReminders: 3 });
    const schedule = reminderSchedule(at("2026-03-20T15:00"), c).map((t) => show(t));
    expect(schedule).toEqual([
      "Fri 2026-03-20 16:00",
      "Mon 2026-03-23 09:00",
      "Tue 2026-03-24 09:00",
      "Wed 2026-03-25 09:00",
    ]);
  });

  test("a first reminder that falls in quiet hours waits for their end; on a weekend, for Monday", () => {
    const c = cadence({ firstReminderHours: 4, dailyReminders: 1 });
    // Thursday 17:00 + 4 h = 21:00, quiet (19:00–08:00) -> Friday 08:00
    expect(reminderSchedule(at("2026-03-19T17:00"), c).map((t) => show(t))).toEqual([
      "Fri 2026-03-20 08:00",
      "Mon 2026-03-23 09:00",
    ]);
    // Friday 17:00 + 4 h -> Saturday is no business day -> Monday 08:00, daily from Tuesday
    expect(reminderSchedule(at("2026-03-20T17:00"), c).map((t) => show(t))).toEqual([
      "Mon 2026-03-23 08:00",
      "Tue 2026-03-24 09:00",
    ]);
  });

  test("across the spring daylight-saving change (Berlin, 29 March 2026) daily reminders stay at 09:00 local", () => {
    const c = cadence({ firstReminderHours: 1, dailyReminders: 2 });
    const schedule = reminderSchedule(at("2026-03-27T14:00"), c);
    expect(schedule.map((t) => show(t))).toEqual([
      "Fri 2026-03-27 15:00",
      "Mon 2026-03-30 09:00",
      "Tue 2026-03-31 09:00",
    ]);
    // 09:00 CEST is 07:00 UTC (before the change 09:00 CET was 08:00 UTC)
    expect(new Date(schedule[1]!).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  test("across the autumn change (New York, 1 November 2026) too", () => {
    const ny = "America/New_York";
    const c = cadence({ firstReminderHours: 2, dailyReminders: 2 }, ny);
    const schedule = reminderSchedule(at("2026-10-30T10:00", ny), c);
    expect(schedule.map((t) => show(t, ny))).toEqual([
      "Fri 2026-10-30 12:00",
      "Mon 2026-11-02 09:00",
      "Tue 2026-11-03 09:00",
    ]);
    expect(new Date(schedule[1]!).toISOString()).toBe("2026-11-02T14:00:00.000Z");
  });

  test("reminders off: no schedule; M = 0: only the first one", () => {
    expect(reminderSchedule(at("2026-03-20T15:00"), cadence({ remindersEnabled: false }))).toEqual([]);
    expect(reminderSchedule(at("2026-03-20T15:00"), cadence({ dailyReminders: 0 }))).toHaveLength(1);
  });

  test("ten daily reminders span two weeks of business days", () => {
    const schedule = reminderSchedule(at("2026-03-16T10:00"), cadence({ dailyReminders: 10 }));
    expect(schedule).toHaveLength(11);
    for (const t of schedule) expect(isSendableAt(t, cadence())).toBe(true);
    expect(show(schedule[10]!)).toBe("Mon 2026-03-30 09:00");
  });
});

describe("which reminder is due (a controlled clock walking through the week)", () => {
  const c = cadence({ firstReminderHours: 1, dailyReminders: 2 });
  const schedule = reminderSchedule(at("2026-03-20T15:00"), c); // Fri 16:00, Mon 09:00, Tue 09:00

  test("walking the clock in 15-minute steps sends each reminder exactly once, never at night or on the weekend", () => {
    const sent: string[] = [];
    const queued = new Set<number>();
    for (let t = at("2026-03-20T15:00"); t < at("2026-03-26T12:00"); t += 15 * 60_000) {
      const n = dueReminder(schedule, t, c);
      if (n === null) continue;
      expect(isSendableAt(t, c), show(t)).toBe(true);
      if (!queued.has(n)) sent.push(`${n}@${show(t)}`);
      queued.add(n); // the dedupe key reminder:<id>:<n> makes the later ticks no-ops
    }
    expect(sent).toEqual(["0@Fri 2026-03-20 16:00", "1@Mon 2026-03-23 09:00", "2@Tue 2026-03-24 09:00"]);
  });

  test("after downtime only the current reminder is due, not the missed ones; the last one lapses after a day", () => {
    expect(dueReminder(schedule, at("2026-03-24T10:00"), c)).toBe(2);
    expect(dueReminder(schedule, at("2026-03-25T10:00"), c)).toBeNull();
    // Friday 20:00: reminder 0 is current but quiet hours hold it back
    expect(dueReminder(schedule, at("2026-03-20T20:00"), c)).toBeNull();
  });
});

describe("quiet hours and the digest", () => {
  test("nextSendable moves out of quiet hours and weekends (wrapping and non-wrapping quiet hours)", () => {
    const c = cadence();
    expect(show(nextSendable(at("2026-03-21T12:00"), c))).toBe("Mon 2026-03-23 08:00");
    expect(show(nextSendable(at("2026-03-23T06:30"), c))).toBe("Mon 2026-03-23 08:00");
    expect(show(nextSendable(at("2026-03-23T10:00"), c))).toBe("Mon 2026-03-23 10:00");
    const lunch = cadence({ quietStart: "12:00", quietEnd: "13:00" });
    expect(show(nextSendable(at("2026-03-23T12:10"), lunch))).toBe("Mon 2026-03-23 13:00");
  });

  test("the digest is due on business days from the daily time until the quiet hours", () => {
    const c = cadence();
    expect(dueDigestDay(at("2026-03-23T08:59"), c)).toBeNull();
    expect(dueDigestDay(at("2026-03-23T09:00"), c)).toBe("2026-03-23");
    expect(dueDigestDay(at("2026-03-23T18:59"), c)).toBe("2026-03-23");
    expect(dueDigestDay(at("2026-03-23T19:00"), c)).toBeNull();
    expect(dueDigestDay(at("2026-03-21T10:00"), c)).toBeNull();
    expect(dueDigestDay(at("2026-03-23T10:00"), cadence({ digestEnabled: false }))).toBeNull();
  });
});
