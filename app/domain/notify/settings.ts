/**
 * Notification settings of the organisation (stored in the `settings` table, key → text): the
 * name e-mails carry, the reminder cadence, quiet hours and the daily digest. Edited on the
 * dashboard beside the other organisation settings. Pure; no IO.
 */
import * as z from "zod";

export const NOTIFY_SETTING_KEYS = {
  orgName: "notify_org_name",
  remindersEnabled: "notify_reminders_enabled",
  firstReminderHours: "notify_first_reminder_hours",
  dailyReminders: "notify_daily_reminders",
  quietStart: "notify_quiet_start",
  quietEnd: "notify_quiet_end",
  dailyAt: "notify_daily_at",
  digestEnabled: "notify_digest_enabled",
} as const;

export interface NotifySettings {
  /** shown in every e-mail's subject and signature */
  orgName: string;
  remindersEnabled: boolean;
  /** the first reminder goes this many hours after the interview ended (then the next allowed moment) */
  firstReminderHours: number;
  /** then one reminder per business day, at `dailyAt`, at most this many times */
  dailyReminders: number;
  /** quiet hours, "HH:MM" local time; equal start and end means none */
  quietStart: string;
  quietEnd: string;
  /** local time of the daily reminders and of the digest */
  dailyAt: string;
  /** hiring managers and recruiters get one e-mail per business day listing what is outstanding */
  digestEnabled: boolean;
}

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  orgName: "ArchPanel",
  remindersEnabled: true,
  firstReminderHours: 1,
  dailyReminders: 10,
  quietStart: "19:00",
  quietEnd: "08:00",
  dailyAt: "09:00",
  digestEnabled: true,
};

export const MAX_FIRST_REMINDER_HOURS = 72;
export const MAX_DAILY_REMINDERS = 20;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570 (minutes after midnight); null when malformed. */
export function parseClock(value: string): number | null {
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** true when minute-of-day `m` falls in the quiet hours [start, end) (which may wrap midnight). */
export function inQuietHours(m: number, quietStart: number, quietEnd: number): boolean {
  if (quietStart === quietEnd) return false;
  return quietStart < quietEnd ? m >= quietStart && m < quietEnd : m >= quietStart || m < quietEnd;
}

const clock = (label: string) => z.string().trim().regex(HHMM, `${label}: a time such as 08:00 (24-hour clock)`);

const wholeNumber = (min: number, max: number, unit: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? NaN : v),
    z.coerce
      .number()
      .refine((n) => Number.isFinite(n), "Enter a number")
      .pipe(z.number().int(`Whole ${unit}`).min(min, `At least ${min}`).max(max, `At most ${max}`)),
  );

/** A checkbox: "on"/"true" when ticked, absent when not. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const fields = z.object({
  orgName: z.string().trim().min(1, "Enter the organisation's name").max(100, "At most 100 characters"),
  remindersEnabled: checkbox,
  firstReminderHours: wholeNumber(0, MAX_FIRST_REMINDER_HOURS, "hours"),
  dailyReminders: wholeNumber(0, MAX_DAILY_REMINDERS, "reminders"),
  quietStart: clock("Quiet hours start"),
  quietEnd: clock("Quiet hours end"),
  dailyAt: clock("Daily time"),
  digestEnabled: checkbox,
});

export const notifySettingsSchema = fields.superRefine((s, ctx) => {
  const at = parseClock(s.dailyAt);
  const start = parseClock(s.quietStart);
  const end = parseClock(s.quietEnd);
  if (at !== null && start !== null && end !== null && inQuietHours(at, start, end))
    ctx.addIssue({ code: "custom", path: ["dailyAt"], message: "The daily time falls in the quiet hours" });
});

export type NotifySettingsInput = z.input<typeof notifySettingsSchema>;

/** Reads stored text values, falling back to the defaults for anything missing or malformed. */
export function readNotifySettings(stored: Record<string, string | undefined>): NotifySettings {
  const d = DEFAULT_NOTIFY_SETTINGS;
  const pick = <K extends keyof NotifySettings>(field: K): NotifySettings[K] => {
    const value = stored[NOTIFY_SETTING_KEYS[field]];
    if (value === undefined) return d[field];
    const one = fields.shape[field].safeParse(value);
    return one.success ? (one.data as NotifySettings[K]) : d[field];
  };
  const out: NotifySettings = {
    orgName: pick("orgName"),
    remindersEnabled: pick("remindersEnabled"),
    firstReminderHours: pick("firstReminderHours"),
    dailyReminders: pick("dailyReminders"),
    quietStart: pick("quietStart"),
    quietEnd: pick("quietEnd"),
    dailyAt: pick("dailyAt"),
    digestEnabled: pick("digestEnabled"),
  };
  // a stored combination that is no longer valid as a whole (daily time in quiet hours): defaults
  return notifySettingsSchema.safeParse(toForm(out)).success
    ? out
    : { ...out, quietStart: d.quietStart, quietEnd: d.quietEnd, dailyAt: d.dailyAt };
}

/** The settings as stored text (and as form values: booleans as "true"/""). */
export function toForm(s: NotifySettings): Record<keyof NotifySettings, string> {
  return {
    orgName: s.orgName,
    remindersEnabled: s.remindersEnabled ? "true" : "",
    firstReminderHours: String(s.firstReminderHours),
    dailyReminders: String(s.dailyReminders),
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    dailyAt: s.dailyAt,
    digestEnabled: s.digestEnabled ? "true" : "",
  };
}
