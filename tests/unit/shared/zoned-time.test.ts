import { afterEach, describe, expect, it } from "vitest";

import {
  endOfWeek,
  formatDateTime,
  formatSavedAt,
  formatSlot,
  formatWall,
  fromLocalInput,
  isLocalInput,
  isValidTimeZone,
  localWallClock,
  startOfWeek,
  toLocalInput,
  wallClock,
  type WallFormat,
} from "../../../app/domain/shared/zoned-time";

describe("zoned time", () => {
  it("round-trips datetime-local values in several zones", () => {
    for (const tz of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata"]) {
      const ms = fromLocalInput("2026-05-12T09:30", tz)!;
      expect(toLocalInput(ms, tz)).toBe("2026-05-12T09:30");
    }
    expect(fromLocalInput("2026-05-12T09:30", "Europe/Berlin")).toBe(Date.UTC(2026, 4, 12, 7, 30));
    expect(fromLocalInput("2026-01-12T09:30", "Europe/Berlin")).toBe(Date.UTC(2026, 0, 12, 8, 30));
    expect(fromLocalInput("2026-05-12T09:30", "Asia/Kolkata")).toBe(Date.UTC(2026, 4, 12, 4, 0));
  });

  it("handles daylight-saving edges", () => {
    // 02:30 does not exist in Berlin on 29 March 2026: it resolves to a real instant one way or the other
    const gap = fromLocalInput("2026-03-29T02:30", "Europe/Berlin")!;
    expect(["2026-03-29T01:30", "2026-03-29T03:30"]).toContain(toLocalInput(gap, "Europe/Berlin"));
    // just after the change
    expect(toLocalInput(fromLocalInput("2026-03-29T03:30", "Europe/Berlin")!, "Europe/Berlin")).toBe(
      "2026-03-29T03:30",
    );
    expect(toLocalInput(fromLocalInput("2026-10-25T12:00", "Europe/Berlin")!, "Europe/Berlin")).toBe(
      "2026-10-25T12:00",
    );
  });

  it("rejects malformed and impossible values", () => {
    for (const bad of [
      "",
      "2026-02-30T09:00",
      "2026-13-01T09:00",
      "2026-05-12",
      "12/05/2026 09:00",
      "2026-05-12T24:00",
    ]) {
      expect(isLocalInput(bad)).toBe(false);
      expect(fromLocalInput(bad, "UTC")).toBeNull();
    }
    expect(isLocalInput("2028-02-29T00:00")).toBe(true);
  });

  it("validates zone names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("formats in the zone", () => {
    const ms = Date.UTC(2026, 4, 12, 7, 30);
    expect(formatDateTime(ms, "Europe/Berlin")).toBe("Tue 12 May 2026, 09:30");
    expect(formatSlot(ms, 90, "UTC")).toBe("Tue 12 May 2026, 07:30–09:00");
    expect(formatSlot(null, 90, "UTC")).toBe("Not scheduled");
    expect(formatDateTime(null, "UTC")).toBe("—");
  });

  it("finds Monday 00:00 of the week in the zone", () => {
    const wed = Date.UTC(2026, 4, 13, 12, 0);
    expect(startOfWeek(wed, "UTC")).toBe(Date.UTC(2026, 4, 11, 0, 0));
    expect(endOfWeek(wed, "UTC")).toBe(Date.UTC(2026, 4, 18, 0, 0));
    expect(startOfWeek(wed, "Asia/Tokyo")).toBe(Date.UTC(2026, 4, 10, 15, 0));
    // Sunday late evening in New York is still the same week
    const sunNy = fromLocalInput("2026-05-17T23:00", "America/New_York")!;
    expect(toLocalInput(startOfWeek(sunNy, "America/New_York"), "America/New_York")).toBe("2026-05-11T00:00");
    // across the October DST change in Berlin: the week is 7 days + 1 hour long
    const oct = fromLocalInput("2026-10-28T10:00", "Europe/Berlin")!;
    expect(toLocalInput(startOfWeek(oct, "Europe/Berlin"), "Europe/Berlin")).toBe("2026-10-26T00:00");
    expect(
      toLocalInput(endOfWeek(fromLocalInput("2026-10-21T10:00", "Europe/Berlin")!, "Europe/Berlin"), "Europe/Berlin"),
    ).toBe("2026-10-26T00:00");
  });

  it("shows a save time alone when it is today, with the day otherwise", () => {
    const now = Date.UTC(2026, 10, 27, 14, 0, 0); // Fri 27 Nov 2026, 14:00 UTC
    expect(formatSavedAt(Date.UTC(2026, 10, 27, 10, 30, 5), now, "UTC")).toBe("10:30:05");
    expect(formatSavedAt(Date.UTC(2026, 10, 25, 10, 30, 5), now, "UTC")).toBe("Wed 25 Nov, 10:30");
    expect(formatSavedAt(Date.UTC(2025, 11, 25, 10, 30), now, "UTC")).toBe("Thu 25 Dec 2025, 10:30");
    // "today" is the viewer's day: 23:30 UTC on the 26th is already the 27th in Tokyo
    expect(formatSavedAt(Date.UTC(2026, 10, 26, 23, 30), now, "Asia/Tokyo")).toBe("08:30:00");
    expect(formatSavedAt(Date.UTC(2026, 10, 26, 23, 30), now, "UTC")).toBe("Thu 26 Nov, 23:30");
  });
});

describe("wall clocks without Intl formatters", () => {
  const INTL: Record<WallFormat, Intl.DateTimeFormatOptions> = {
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
    },
  };
  // every month and weekday, midnight and the last second of a day, a leap day, the year's last minute
  const INSTANTS = [
    ...Array.from({ length: 12 }, (_, m) => Date.UTC(2026, m, 1 + 2 * m, (5 * m) % 24, 7 * m, 59 - m)),
    Date.UTC(2028, 1, 29, 0, 0, 0),
    Date.UTC(2026, 11, 31, 23, 59, 59),
    Date.UTC(2027, 0, 1, 0, 0, 0),
  ];
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("reads UTC from the Date as Intl does, and writes each format as en-GB does (Sep, not Sept)", () => {
    for (const at of INSTANTS) {
      for (const f of Object.keys(INTL) as WallFormat[]) {
        const intl = new Intl.DateTimeFormat("en-GB", { ...INTL[f], timeZone: "UTC" })
          .format(at)
          .replace("Sept", "Sep");
        expect(formatWall(wallClock(at, "UTC"), f), `${new Date(at).toISOString()} ${f}`).toBe(intl);
      }
    }
  });

  it("reads the runtime's own zone from the Date, across daylight-saving changes", () => {
    for (const tz of ["Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe"]) {
      process.env.TZ = tz;
      const dst = [Date.UTC(2026, 2, 29, 0, 59), Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 9, 25, 1, 30)];
      for (const at of [...INSTANTS, ...dst]) expect(localWallClock(at), `${tz} ${at}`).toEqual(wallClock(at, tz));
    }
  });
});
