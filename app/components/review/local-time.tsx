import { useEffect, useState } from "react";

const utc = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const utcDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/**
 * A timestamp: rendered in UTC on the server (so the HTML is deterministic and hydration matches),
 * then re-rendered in the reader's own time zone once the page is interactive.
 */
export function LocalTime({ at, dateOnly = false }: { at: number; dateOnly?: boolean }) {
  const [text, setText] = useState(() => `${(dateOnly ? utcDate : utc).format(at)}${dateOnly ? "" : " UTC"}`);
  useEffect(() => {
    // The reader's time zone, but the same "21 Nov 2026, 15:00" shape as the rest of the app
    // (the browser's own locale gave "Nov 21, 2026, 3:00 PM" here and "Sat 21 Nov 2026" elsewhere).
    const local = new Intl.DateTimeFormat(
      "en-GB",
      dateOnly
        ? { day: "numeric", month: "short", year: "numeric" }
        : {
            day: "numeric",
            month: "short",
            year: "numeric",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
            timeZoneName: "short",
          },
    );
    setText(local.format(at));
  }, [at, dateOnly]);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}
