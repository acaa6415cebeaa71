import { describe, expect, it } from "vitest";

import { calendarDaysBetween, formatUntil } from "../../../app/domain/shared/format";

describe("formatUntil", () => {
  const now = Date.UTC(2026, 11, 3, 9, 0);
  it("says how far ahead in the largest unit that reads naturally", () => {
    expect(formatUntil(now + 1 * 60_000, now, "UTC")).toBe("in 1 minute");
    expect(formatUntil(now + 45 * 60_000, now, "UTC")).toBe("in 45 minutes");
    expect(formatUntil(now + 5 * 3_600_000, now, "UTC")).toBe("in 5 hours");
    expect(formatUntil(now + 2 * 86_400_000, now, "UTC")).toBe("in 2 days");
    expect(formatUntil(now + 11 * 86_400_000, now, "UTC")).toBe("in 11 days");
    expect(formatUntil(now - 60_000, now, "UTC")).toBe("in 0 minutes");
  });

  it("counts calendar days, so next Thursday 09:00 is in 7 days all of this Thursday", () => {
    const nextThursdayNine = Date.UTC(2026, 11, 10, 9, 0);
    expect(formatUntil(nextThursdayNine, Date.UTC(2026, 11, 3, 0, 5), "UTC")).toBe("in 7 days");
    // 6.5 days ahead: rounding elapsed time would say 6
    expect(formatUntil(nextThursdayNine, Date.UTC(2026, 11, 3, 21, 30), "UTC")).toBe("in 7 days");
  });

  it("counts the days of the organisation's time zone, not the server's", () => {
    // 23:30 UTC on 3 Dec is already 4 Dec in Berlin; 10 Dec 09:00 Berlin is 6 Berlin days ahead
    const at = Date.UTC(2026, 11, 10, 8, 0);
    const now = Date.UTC(2026, 11, 3, 23, 30);
    expect(formatUntil(at, now, "Europe/Berlin")).toBe("in 6 days");
    expect(formatUntil(at, now, "UTC")).toBe("in 7 days");
  });
});

describe("calendarDaysBetween", () => {
  it("is zero within a day and crosses a DST change by whole days", () => {
    expect(calendarDaysBetween(Date.UTC(2026, 2, 28, 0, 0), Date.UTC(2026, 2, 28, 23, 59), "UTC")).toBe(0);
    // Europe/Berlin springs forward on 29 Mar 2026: still 2 days from the 28th to the 30th
    expect(calendarDaysBetween(Date.UTC(2026, 2, 28, 11), Date.UTC(2026, 2, 30, 11), "Europe/Berlin")).toBe(2);
  });
});
