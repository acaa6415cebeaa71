/**
 * An iCalendar (RFC 5545) file for a loop's schedule: one VEVENT per scheduled interview, the
 * panelists as ATTENDEEs. CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * character), TEXT values escaped, UTC times. Deterministic: DTSTAMP comes from the data, not the
 * clock, so the same loop always gives the same bytes. Pure; no IO.
 */

import { fileSlug } from "../shared/format";

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  /** globally unique and stable across downloads (calendar apps update events by UID) */
  uid: string;
  start: number;
  durationMinutes: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: IcsPerson | null;
  attendees: readonly IcsPerson[];
  cancelled?: boolean;
  /** increases whenever the event changes */
  sequence?: number;
}

export interface IcsCalendar {
  name: string;
  /** DTSTAMP of every event: when the data last changed (epoch ms) */
  stamp: number;
  events: readonly IcsEvent[];
  /** PUBLISH (a download, the default); REQUEST and CANCEL for e-mailed invitations (RFC 5546) */
  method?: "PUBLISH" | "REQUEST" | "CANCEL";
}

const CRLF = "\r\n";

/** Removes C0 control characters and DEL (line breaks too, unless escaped before). */
function dropControls(value: string): string {
  let out = "";
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c !== 0x7f) out += ch;
  }
  return out;
}
const MAX_OCTETS = 75;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * UTC date-time in basic format.
 * @example icsDateTime(Date.UTC(2026, 4, 12, 9, 30)) // "20260512T093000Z"
 */
export function icsDateTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * Escapes a TEXT value: backslash, semicolon, comma and line breaks.
 * @example escapeText("a,b;c\\d\ne") // "a\\,b\\;c\\\\d\\ne"
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .split(/\r\n|\r|\n/)
    .map(dropControls)
    .join("\\n");
}

/** A parameter value (e.g. CN): always quoted; DQUOTE and control characters cannot appear at all. */
export function paramValue(value: string): string {
  const cleaned = dropControls(value).replace(/"/g, "").trim();
  return `"${cleaned}"`;
}

/** A mailto: URI for an address (characters that would break the line are dropped). */
function mailto(email: string): string {
  return `mailto:${dropControls(email).replace(/[\s"<>]/g, "")}`;
}

const encoder = new TextEncoder();

/**
 * Folds one content line into physical lines of at most 75 octets: continuation lines start with
 * one space, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function person(prop: "ORGANIZER" | "ATTENDEE", p: IcsPerson, extra = ""): string {
  return `${prop};CN=${paramValue(p.name)}${extra}:${mailto(p.email)}`;
}

/** Builds the calendar text (CRLF line ends, ends with CRLF). */
export function buildIcs(cal: IcsCalendar): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//ArchPanel//Interview loop schedule//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${cal.method ?? "PUBLISH"}`,
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  const stamp = icsDateTime(cal.stamp);
  for (const ev of cal.events) {
    lines.push("BEGIN:VEVENT");
    lines.push(`UID:${escapeText(ev.uid)}`);
    lines.push(`DTSTAMP:${stamp}`);
    lines.push(`DTSTART:${icsDateTime(ev.start)}`);
    lines.push(`DTEND:${icsDateTime(ev.start + ev.durationMinutes * 60_000)}`);
    lines.push(`SEQUENCE:${ev.sequence ?? 0}`);
    lines.push(`SUMMARY:${escapeText(ev.summary)}`);
    if (ev.description) lines.push(`DESCRIPTION:${escapeText(ev.description)}`);
    if (ev.location) lines.push(`LOCATION:${escapeText(ev.location)}`);
    if (ev.url) lines.push(`URL:${dropControls(ev.url).replace(/[\s"<>]/g, "")}`);
    lines.push(`STATUS:${ev.cancelled ? "CANCELLED" : "CONFIRMED"}`);
    if (ev.organizer) lines.push(person("ORGANIZER", ev.organizer));
    for (const a of ev.attendees)
      lines.push(person("ATTENDEE", a, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE"));
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A safe download file name: "loop-keiko-tanaka.ics". */
export function icsFileName(label: string): string {
  return `loop-${fileSlug(label, "schedule")}.ics`;
}
