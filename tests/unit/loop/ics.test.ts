import { describe, expect, it } from "vitest";

import { buildIcs, escapeText, foldLine, icsDateTime, icsFileName } from "../../../app/domain/loop/ics";

/** A minimal RFC 5545 reader for the tests: unfold, split properties, unescape TEXT. */
function parseIcs(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  // every line break is CRLF
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  const physical = text.split("\r\n").slice(0, -1);
  for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const unfolded = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const events: Record<string, string[]>[] = [];
  let current: Record<string, string[]> | null = null;
  const calendar: Record<string, string[]> = {};
  for (const line of unfolded) {
    if (line === "BEGIN:VEVENT") {
      current = {};
      continue;
    }
    if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
      continue;
    }
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const target = current ?? calendar;
    (target[head.split(";")[0]!] ??= []).push(
      head.includes(";") ? `${head.slice(head.indexOf(";") + 1)}|${value}` : value,
    );
  }
  return { calendar, events, unfolded };
}

function unescape(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

const T = Date.UTC(2026, 4, 12, 9, 0);

describe("ics", () => {
  it("formats UTC date-times", () => {
    expect(icsDateTime(T)).toBe("20260512T090000Z");
  });

  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
  });

  it("folds long lines at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"Łukasz 陈伟 ".repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, p] of parts.entries()) {
      expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(" ")).toBe(true);
      // a split character would have produced a replacement character when decoded
      expect(p).not.toContain("\uFFFD");
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("builds one event per interview with attendees, and parses back to the same data", () => {
    const text = buildIcs({
      name: "Loop: Siobhán O'Connor",
      stamp: Date.UTC(2026, 4, 1, 8, 30, 15),
      events: [
        {
          uid: "iv1@archpanel",
          start: T,
          durationMinutes: 90,
          summary: "Architecture case study, Siobhán O'Connor; round 1",
          description: "Panel: Mateo García, Chen Wei (陈伟)\nHiring manager: Priya Raman",
          organizer: { name: "Zoë Lefèvre", email: "recruiter@archpanel.demo" },
          attendees: [
            { name: "Mateo García", email: "mateo@archpanel.demo" },
            { name: 'Chen "CW" Wei (陈伟)', email: "chen@archpanel.demo" },
          ],
        },
        {
          uid: "iv2@archpanel",
          start: T + 3 * 3_600_000,
          durationMinutes: 45,
          summary: "Incident drill",
          attendees: [],
          cancelled: true,
        },
      ],
    });
    const { calendar, events } = parseIcs(text);
    expect(calendar.VERSION).toEqual(["2.0"]);
    expect(calendar.PRODID).toHaveLength(1);
    expect(unescape(calendar["X-WR-CALNAME"]![0]!)).toBe("Loop: Siobhán O'Connor");
    expect(events).toHaveLength(2);
    const [a, b] = events as [Record<string, string[]>, Record<string, string[]>];
    expect(a.UID).toEqual(["iv1@archpanel"]);
    expect(a.DTSTAMP).toEqual(["20260501T083015Z"]);
    expect(a.DTSTART).toEqual(["20260512T090000Z"]);
    expect(a.DTEND).toEqual(["20260512T103000Z"]);
    expect(unescape(a.SUMMARY![0]!)).toBe("Architecture case study, Siobhán O'Connor; round 1");
    expect(unescape(a.DESCRIPTION![0]!)).toBe("Panel: Mateo García, Chen Wei (陈伟)\nHiring manager: Priya Raman");
    expect(a.ATTENDEE).toHaveLength(2);
    expect(a.ATTENDEE![0]).toBe(
      'CN="Mateo García";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE|mailto:mateo@archpanel.demo',
    );
    // a double quote cannot appear inside a quoted parameter: it is dropped
    expect(a.ATTENDEE![1]).toContain('CN="Chen CW Wei (陈伟)"');
    expect(a.ORGANIZER![0]).toBe('CN="Zoë Lefèvre"|mailto:recruiter@archpanel.demo');
    expect(a.STATUS).toEqual(["CONFIRMED"]);
    expect(b.STATUS).toEqual(["CANCELLED"]);
    expect(b.ATTENDEE).toBeUndefined();
  });

  it("is deterministic: the same data gives the same bytes", () => {
    const cal = {
      name: "x",
      stamp: T,
      events: [{ uid: "u", start: T, durationMinutes: 60, summary: "s", attendees: [] }],
    };
    expect(buildIcs(cal)).toBe(buildIcs(cal));
  });

  it("an empty schedule is still a valid calendar", () => {
    const { calendar, events } = parseIcs(buildIcs({ name: "Empty", stamp: T, events: [] }));
    expect(events).toEqual([]);
    expect(calendar.VERSION).toEqual(["2.0"]);
  });

  it("makes safe file names", () => {
    expect(icsFileName("Siobhán O'Connor")).toBe("loop-siobhan-o-connor.ics");
    expect(icsFileName("陈伟")).toBe("loop-schedule.ics");
    expect(icsFileName("Ann\u202Efdp.exe")).toBe("loop-ann-fdp-exe.ics");
    // the same folding as the CSV and the packet: ø is an o, not a dash
    expect(icsFileName("Ingrid Sørensen")).toBe("loop-ingrid-sorensen.ics");
    expect(icsFileName("Æsa Weiß-Łaska")).toBe("loop-aesa-weiss-laska.ics");
  });
});
