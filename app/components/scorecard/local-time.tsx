import { useEffect, useState } from "react";

import { formatSavedAt } from "../../domain/shared/zoned-time";

/** "saved": the time with seconds when `at` is today, else the day and the time (see formatSavedAt). */
export type TimeFormat = "time" | "seconds" | "day-time" | "date" | "saved";

function format(at: number, f: TimeFormat, timeZone?: string): string {
  if (f === "saved")
    return formatSavedAt(at, Date.now(), timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone);
  const d = new Date(at);
  const opts: Intl.DateTimeFormatOptions =
    f === "time"
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : f === "seconds"
        ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }
        : f === "date"
          ? { weekday: "short", day: "numeric", month: "short" }
          : { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat("en-GB", { ...opts, timeZone }).format(d);
}

/**
 * A time in the viewer's own time zone. The server renders UTC (it cannot know the zone); the
 * browser re-renders in local time right after hydration.
 */
export function LocalTime({ at, format: f = "day-time" }: { at: number; format?: TimeFormat }) {
  const [text, setText] = useState(() => `${format(at, f, "UTC")}${f === "date" ? "" : " UTC"}`);
  useEffect(() => {
    setText(format(at, f));
  }, [at, f]);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}

/** The same formatting for places that need a string (e.g. aria labels), local time. */
export function localTimeText(at: number, f: TimeFormat = "seconds"): string {
  return format(at, f);
}
