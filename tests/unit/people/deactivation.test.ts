import { describe, expect, it } from "vitest";

import { deactivationWarning, solePanelSeats, type PanelSeat } from "../../../app/domain/people/deactivation";

const now = Date.UTC(2026, 11, 3, 9, 0);
const DAY = 86_400_000;
const seat = (over: Partial<PanelSeat> = {}): PanelSeat => ({
  candidateName: "Rafael Domínguez",
  exerciseTitle: "Incident drill",
  scheduledAt: now + 2 * DAY,
  otherPanelists: 0,
  status: "draft",
  ...over,
});

describe("deactivating a panelist", () => {
  it("warns about an upcoming interview they alone would score, with when it is", () => {
    expect(deactivationWarning("Mateo", [seat()], now, "UTC")).toBe(
      "Mateo is the only panelist of an upcoming interview: Rafael Domínguez · Incident drill, " +
        "Sat 5 Dec 2026, 09:00 (in 2 days). Once deactivated nobody can score it: add another panelist first, or deactivate anyway.",
    );
  });

  it("counts unscheduled interviews and lists the soonest first", () => {
    const w = deactivationWarning(
      "Mateo",
      [seat({ scheduledAt: null, exerciseTitle: "Later" }), seat({ scheduledAt: now + 5 * 3_600_000 })],
      now,
      "UTC",
    );
    expect(w).toMatch(
      /^Mateo is the only panelist of 2 upcoming interviews: .*Incident drill.*\(in 5 hours\); .*Later, not scheduled yet\./,
    );
    expect(w).toMatch(/nobody can score them/);
  });

  it("says nothing when someone else is on the panel, the interview is past, or their card is in", () => {
    expect(solePanelSeats([seat({ otherPanelists: 1 })], now)).toEqual([]);
    expect(solePanelSeats([seat({ scheduledAt: now - DAY })], now)).toEqual([]);
    expect(solePanelSeats([seat({ status: "submitted" })], now)).toEqual([]);
    expect(solePanelSeats([seat({ status: "recused" })], now)).toEqual([]);
    expect(deactivationWarning("Mateo", [], now, "UTC")).toBeNull();
  });
});
