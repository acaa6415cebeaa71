import { useEffect, useState } from "react";

import { formatSavedAt } from "../../domain/shared/zoned-time";

/**
 * "time" 15:00 · "seconds" 15:00:42 · "day-time" Sat 21 Nov, 15:00 · "date" Sat 21 Nov ·
 * "calendar-date" 21 Nov 2026 · "calendar-date-time" 21 Nov 2026, 15:00 CET ·
 * "saved": the time with seconds when `at` is today, else the day and the time (see formatSavedAt).
 */
export type TimeFormat = "time" | "seconds" | "day-time" | "date" | "calendar-date" | "calendar-date-time" | "saved";

const OPTIONS: Record<Exclude<TimeFormat, "saved">, Intl.DateTimeFormatOptions> = {
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  seconds: { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  "day-time": {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  },
  date: { weekday: "short", day: "numeric", month: "short" },
  "calendar-date": { day: "numeric", month: "short", year: "numeric" },
  "calendar-date-time": {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  },
};

/** Formats that name the zone themselves need no " UTC" added on the server. */
function showsBareTime(f: TimeFormat): boolean {
  return f !== "date" && f !== "calendar-date" && f !== "calendar-date-time";
}

// A formatter costs far more to build than to use, and a review page shows dozens of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(f: Exclude<TimeFormat, "saved">, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${f} ${timeZone ?? ""}`;
  let formatter = formatters.get(key);
  // en-GB everywhere: the same "21 Nov 2026, 15:00" shape whatever the browser's own locale.
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat("en-GB", { ...OPTIONS[f], timeZone })));
  return formatter;
}

function format(at: number, f: TimeFormat, timeZone?: string): string {
  if (f === "saved")
    return formatSavedAt(at, Date.now(), timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone);
  return formatterOf(f, timeZone).format(at);
}

/**
 * A time in the viewer's own time zone. The server renders UTC (it cannot know the zone, and the
 * HTML stays deterministic so hydration matches); the browser re-renders in local time right after.
 */
export function LocalTime({ at, format: f = "day-time" }: { at: number; format?: TimeFormat }) {
  const [text, setText] = useState(() => `${format(at, f, "UTC")}${showsBareTime(f) ? " UTC" : ""}`);
  useEffect(() => {
    setText(format(at, f));
  }, [at, f]);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}

/** The same formatting for places that need a string (e.g. aria labels), local time. */
export function localTimeText(at: number, f: TimeFormat = "seconds"): string {
  return format(at, f);
}
