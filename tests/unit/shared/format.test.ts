import { describe, expect, it } from "vitest";

import { formatUntil } from "../../../app/domain/shared/format";

describe("formatUntil", () => {
  const now = Date.UTC(2026, 11, 3, 9, 0);
  it("says how far ahead in the largest unit that reads naturally", () => {
    expect(formatUntil(now + 1 * 60_000, now)).toBe("in 1 minute");
    expect(formatUntil(now + 45 * 60_000, now)).toBe("in 45 minutes");
    expect(formatUntil(now + 5 * 3_600_000, now)).toBe("in 5 hours");
    expect(formatUntil(now + 2 * 86_400_000, now)).toBe("in 2 days");
    expect(formatUntil(now + 11 * 86_400_000, now)).toBe("in 11 days");
    expect(formatUntil(now - 60_000, now)).toBe("in 0 minutes");
  });
});
