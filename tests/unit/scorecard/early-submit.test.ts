import { describe, expect, it } from "vitest";

import { EARLY_SUBMIT_MARGIN_MS, earlySubmitWarning } from "../../../app/domain/scorecard/early-submit";
import { confirmField, confirmedIn } from "../../../app/domain/shared/form-values";

const now = Date.UTC(2026, 11, 3, 9, 0);
const DAY = 86_400_000;

describe("submitting before the interview", () => {
  it("asks when the interview is 6 to 11 days away, naming when it is", () => {
    expect(earlySubmitWarning(now + 6 * DAY, now, "UTC")).toBe(
      "This interview is scheduled for Wed 9 Dec 2026, 09:00 (in 6 days). A scorecard records an interview that took " +
        "place: submit it only if the interview already happened at another time.",
    );
    expect(earlySubmitWarning(now + 11 * DAY, now, "UTC")).toMatch(/\(in 11 days\)/);
  });

  it("does not ask once the interview is near, past or unscheduled", () => {
    expect(earlySubmitWarning(now + EARLY_SUBMIT_MARGIN_MS, now, "UTC")).toBeNull();
    expect(earlySubmitWarning(now - DAY, now, "UTC")).toBeNull();
    expect(earlySubmitWarning(null, now, "UTC")).toBeNull();
    expect(earlySubmitWarning(now + EARLY_SUBMIT_MARGIN_MS + 60_000, now, "UTC")).not.toBeNull();
  });
});

describe("the confirm answer", () => {
  it("is yes only for 1 / true", () => {
    expect(confirmField.parse("1")).toBe(true);
    expect(confirmField.parse(true)).toBe(true);
    expect(confirmField.parse(undefined)).toBe(false);
    expect(confirmField.parse("yes")).toBe(false);
    expect(confirmedIn({ confirm: "1", ratings: {} })).toBe(true);
    expect(confirmedIn({ ratings: {} })).toBe(false);
    expect(confirmedIn(null)).toBe(false);
  });
});
