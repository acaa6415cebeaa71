/**
 * Wall-clock time in a named IANA time zone, without a date library: `<input type="datetime-local">`
 * sends a zone-less "2026-05-12T09:30", and the organisation's time zone (a setting) says what
 * instant that means. Pure, no IO: a named zone's offsets come from `Intl` (in Node and every
 * browser); UTC and the browser's own zone are read from `Date` alone, and times are formatted by
 * hand (`formatWall`), because building `Intl.DateTimeFormat`s cost the scorecard's hydration 152 ms
 * at 4× CPU.
 */

export const DEFAULT_TIME_ZONE = "UTC";

const MINUTE = 60_000;

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** true when `timeZone` is an IANA name this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The wall-clock reading of instant `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  // UTC needs no time-zone data: reading the Date's UTC fields skips building an Intl formatter,
  // which is costly in a browser on a page's first render (see LocalTime).
  if (timeZone === "UTC") return clockOf(new Date(ms), true);
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: Math.max(0, WEEKDAYS.indexOf(out.weekday ?? "Mon")),
  };
}

/**
 * The wall clock of this runtime's own time zone (the viewer's, in a browser), read from the Date
 * itself rather than through an Intl formatter.
 */
export function localWallClock(ms: number): WallClock {
  return clockOf(new Date(ms), false);
}

function clockOf(d: Date, utc: boolean): WallClock {
  return {
    year: utc ? d.getUTCFullYear() : d.getFullYear(),
    month: (utc ? d.getUTCMonth() : d.getMonth()) + 1,
    day: utc ? d.getUTCDate() : d.getDate(),
    hour: utc ? d.getUTCHours() : d.getHours(),
    minute: utc ? d.getUTCMinutes() : d.getMinutes(),
    second: utc ? d.getUTCSeconds() : d.getSeconds(),
    // getDay: 0 = Sunday
    weekday: ((utc ? d.getUTCDay() : d.getDay()) + 6) % 7,
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function timeZoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const truncated = Math.floor(ms / 1000) * 1000;
  return asUtc - truncated;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * The value for a datetime-local input showing instant `ms` in `timeZone`.
 * @example toLocalInput(Date.UTC(2026, 4, 12, 7, 30), "Europe/Berlin") // "2026-05-12T09:30"
 */
export function toLocalInput(ms: number | null | undefined, timeZone: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "";
  const w = wallClock(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** true when `value` looks like a datetime-local value with a real calendar date and time. */
export function isLocalInput(value: string): boolean {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth && y >= 1970 && y <= 9999;
}

/**
 * The instant meant by a datetime-local value read in `timeZone`, or null when it is not a valid
 * date-time. A wall-clock time skipped by a daylight-saving jump resolves to the later offset.
 *
 * @example fromLocalInput("2026-05-12T09:30", "Europe/Berlin") // Date.UTC(2026, 4, 12, 7, 30)
 */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m || !isLocalInput(value.trim())) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? "0"));
  // Two passes: the offset at the guessed instant can differ from the offset at the naive one
  // around a daylight-saving change.
  const first = naive - timeZoneOffsetMs(naive, timeZone);
  const second = naive - timeZoneOffsetMs(first, timeZone);
  return second;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Tue 12 May 2026" */
export function formatDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
}

/** "09:30" */
export function formatTime(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "Tue 12 May 2026, 09:30" or an em dash when there is no time. */
export function formatDateTime(ms: number | null | undefined, timeZone: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  return `${formatDate(ms, timeZone)}, ${formatTime(ms, timeZone)}`;
}

/**
 * When something was last saved, as short as still unambiguous: the time with seconds when `ms`
 * falls on the same day as `nowMs` (in `timeZone`), otherwise the day too.
 *
 * @example
 * formatSavedAt(today1030, now, "UTC")        // "10:30:00"
 * formatSavedAt(twoDaysAgo1030, now, "UTC")   // "Wed 25 Nov, 10:30"
 * formatSavedAt(lastYear, now, "UTC")         // "Thu 25 Dec 2025, 10:30"
 */
export function formatSavedAt(ms: number, nowMs: number, timeZone: string): string {
  return savedText(wallClock(ms, timeZone), wallClock(nowMs, timeZone));
}

/** {@link formatSavedAt} from the two wall-clock readings (saved, now). */
export function savedText(w: WallClock, n: WallClock): string {
  if (w.year === n.year && w.month === n.month && w.day === n.day)
    return `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const year = w.year === n.year ? "" : ` ${w.year}`;
  return `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]}${year}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A wall-clock reading in the app's fixed English shapes (as en-GB writes them, months as "Sep"):
 * "time" 15:00 · "seconds" 15:00:42 · "day-time" Sat 21 Nov, 15:00 · "date" Sat 21 Nov ·
 * "calendar-date" 21 Nov 2026 · "calendar-date-time" 21 Nov 2026, 15:00 (the caller adds the zone).
 */
export type WallFormat = "time" | "seconds" | "day-time" | "date" | "calendar-date" | "calendar-date-time";

export function formatWall(w: WallClock, f: WallFormat): string {
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  const day = `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]}`;
  const calendar = `${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
  switch (f) {
    case "time":
      return time;
    case "seconds":
      return `${time}:${pad(w.second)}`;
    case "day-time":
      return `${day}, ${time}`;
    case "date":
      return day;
    case "calendar-date":
      return calendar;
    case "calendar-date-time":
      return `${calendar}, ${time}`;
  }
}

/** "Tue 12 May 2026, 09:30–11:00" */
export function formatSlot(startMs: number | null, durationMinutes: number, timeZone: string): string {
  if (startMs === null) return "Not scheduled";
  return `${formatDateTime(startMs, timeZone)}–${formatTime(startMs + durationMinutes * MINUTE, timeZone)}`;
}

/** The instant of Monday 00:00 (in `timeZone`) of the week containing `ms`. */
export function startOfWeek(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const mondayNaive = Date.UTC(w.year, w.month - 1, w.day - w.weekday, 0, 0, 0);
  const first = mondayNaive - timeZoneOffsetMs(mondayNaive, timeZone);
  return mondayNaive - timeZoneOffsetMs(first, timeZone);
}

/** The instant of the Monday 00:00 after the week containing `ms`. */
export function endOfWeek(ms: number, timeZone: string): number {
  const start = startOfWeek(ms, timeZone);
  // 7 days plus slack for a DST change, then snap back to that Monday's midnight.
  return startOfWeek(start + 7 * 24 * 60 * MINUTE + 3 * 60 * MINUTE, timeZone);
}
