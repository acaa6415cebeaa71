/**
 * Organisation settings stored in the `settings` table (key → text) and the form that edits them.
 * Pure; no IO.
 */
import * as z from "zod";

import { DEFAULT_TIME_ZONE, isValidTimeZone } from "../shared/zoned-time";

export const SETTING_KEYS = { overdueHours: "overdue_hours", timeZone: "time_zone" } as const;

export const DEFAULT_OVERDUE_HOURS = 24;

export interface OrgSettings {
  /** a scorecard is overdue this many hours after its interview ended */
  overdueHours: number;
  /** IANA zone in which dates are entered and shown */
  timeZone: string;
}

export const settingsSchema = z.object({
  overdueHours: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? NaN : v),
    z.coerce
      .number()
      .refine((n) => Number.isFinite(n), "Enter a number of hours")
      .pipe(z.number().int("Whole hours").min(1, "At least 1 hour").max(720, "At most 720 hours (30 days)")),
  ),
  timeZone: z
    .string()
    .trim()
    .min(1, "Enter a time zone such as Europe/Berlin")
    .max(64)
    .refine(isValidTimeZone, "Unknown time zone: use a name such as Europe/Berlin, America/New_York or UTC"),
});

/** Reads stored text values, falling back to defaults for anything missing or malformed. */
export function readSettings(stored: Record<string, string | undefined>): OrgSettings {
  const hours = Number(stored[SETTING_KEYS.overdueHours]);
  const tz = stored[SETTING_KEYS.timeZone];
  return {
    overdueHours: Number.isInteger(hours) && hours >= 1 && hours <= 720 ? hours : DEFAULT_OVERDUE_HOURS,
    timeZone: tz && isValidTimeZone(tz) ? tz : DEFAULT_TIME_ZONE,
  };
}
