/**
 * When reminders and digests go out, in the organisation's time zone: the first reminder N hours
 * after the interview ended, then one per business day (Monday–Friday) at the daily time, at most
 * M of those; never in quiet hours and never on a weekend (a moment that falls there moves to the
 * next allowed one). Pure: the clock is a parameter, so tests can walk across weekends and
 * daylight-saving changes.
 */
import { fromLocalInput, wallClock } from "../shared/zoned-time";

import { inQuietHours, parseClock, type NotifySettings } from "./settings";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Cadence {
  timeZone: string;
  remindersEnabled: boolean;
  firstReminderHours: number;
  dailyReminders: number;
  /** minutes after local midnight */
  quietStart: number;
  quietEnd: number;
  dailyAt: number;
  digestEnabled: boolean;
}

/** The cadence of the organisation's settings in its time zone. */
export function cadenceOf(settings: NotifySettings, timeZone: string): Cadence {
  return {
    timeZone,
    remindersEnabled: settings.remindersEnabled,
    firstReminderHours: settings.firstReminderHours,
    dailyReminders: settings.dailyReminders,
    quietStart: parseClock(settings.quietStart) ?? 0,
    quietEnd: parseClock(settings.quietEnd) ?? 0,
    dailyAt: parseClock(settings.dailyAt) ?? 9 * 60,
    digestEnabled: settings.digestEnabled,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The instant of local time `minute` (after midnight) on the calendar day `dayOffset` days after y-m-d. */
function localAt(y: number, m: number, d: number, dayOffset: number, minute: number, timeZone: string): number {
  const date = new Date(Date.UTC(y, m - 1, d + dayOffset));
  const text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
  return fromLocalInput(text, timeZone)!;
}

/** true when a cadenced message may go out at `ms`: a business day, outside quiet hours. */
export function isSendableAt(ms: number, c: Cadence): boolean {
  const w = wallClock(ms, c.timeZone);
  return w.weekday < 5 && !inQuietHours(w.hour * 60 + w.minute, c.quietStart, c.quietEnd);
}

/**
 * `ms` itself when a cadenced message may go out then, else the next moment it may: the end of
 * the quiet hours or the start of the next business day, whichever comes first and is allowed.
 *
 * @example nextSendable(saturdayNoon, berlin) // Monday 08:00 in Berlin (quiet 19:00–08:00)
 */
export function nextSendable(ms: number, c: Cadence): number {
  if (isSendableAt(ms, c)) return ms;
  const w = wallClock(ms, c.timeZone);
  for (let day = 0; day <= 14; day++) {
    const candidates = [localAt(w.year, w.month, w.day, day, 0, c.timeZone)];
    if (c.quietStart !== c.quietEnd) candidates.push(localAt(w.year, w.month, w.day, day, c.quietEnd, c.timeZone));
    const ok = candidates.filter((t) => t > ms && isSendableAt(t, c)).sort((a, b) => a - b)[0];
    if (ok !== undefined) return ok;
  }
  return ms + DAY; // unreachable with Monday–Friday business days
}

/**
 * The reminder instants for a scorecard whose interview ended at `interviewEnd`: the first one
 * `firstReminderHours` later (moved to the next allowed moment), then at the daily time on each of
 * the next `dailyReminders` business days. Empty when reminders are off.
 */
export function reminderSchedule(interviewEnd: number, c: Cadence): number[] {
  if (!c.remindersEnabled) return [];
  const first = nextSendable(interviewEnd + c.firstReminderHours * HOUR, c);
  const out = [first];
  const w = wallClock(first, c.timeZone);
  for (let day = 1; out.length <= c.dailyReminders && day <= c.dailyReminders * 2 + 7; day++) {
    const at = localAt(w.year, w.month, w.day, day, c.dailyAt, c.timeZone);
    if (isSendableAt(at, c)) out.push(at);
  }
  return out;
}

/** "2026-03-27": the calendar day of `ms` in `timeZone` (the digest's dedupe key). */
export function localDay(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * Which reminder of `schedule` is due at `now`: the index of the latest one that has come while
 * the next has not (the last stays due for one day), and only when a message may go out now.
 * Missed reminders (the server was down) are not sent late in a burst: only the current one is.
 * null when none is due.
 */
export function dueReminder(schedule: readonly number[], now: number, c: Cadence): number | null {
  if (!isSendableAt(now, c)) return null;
  for (let i = schedule.length - 1; i >= 0; i--) {
    const at = schedule[i]!;
    if (at > now) continue;
    const until = schedule[i + 1] ?? at + DAY;
    return now < until ? i : null;
  }
  return null;
}

/**
 * The local day whose digest is due at `now` ("2026-03-27"), or null: digests go out on business
 * days from the daily time until the quiet hours begin.
 */
export function dueDigestDay(now: number, c: Cadence): string | null {
  if (!c.digestEnabled || !isSendableAt(now, c)) return null;
  const w = wallClock(now, c.timeZone);
  if (w.hour * 60 + w.minute < c.dailyAt) return null;
  return localDay(now, c.timeZone);
}
