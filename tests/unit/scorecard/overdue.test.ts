import { describe, expect, it } from "vitest";

import { groupOverdue, isOverdue, type OpenScorecard } from "../../../app/domain/scorecard/overdue";

const H = 3_600_000;
const NOW = Date.UTC(2026, 4, 14, 12, 0);

function open(id: string, panelist: string, endedHoursAgo: number, duration = 60): OpenScorecard {
  return {
    scorecardId: id,
    panelist: {
      id: panelist,
      name: `${panelist[0]!.toUpperCase()}${panelist.slice(1)} Example`,
      email: `${panelist}@example.test`,
    },
    candidateName: "Rafael Domínguez",
    exerciseTitle: "Incident drill",
    scheduledAt: NOW - endedHoursAgo * H - duration * 60_000,
    durationMinutes: duration,
  };
}

const opts = {
  thresholdHours: 24,
  now: NOW,
  timeZone: "UTC",
  link: "https://archpanel.test/interviews",
  sender: "Zoë",
};

describe("overdue scorecards", () => {
  it("is overdue exactly when the threshold has passed since the interview ended", () => {
    expect(isOverdue(0, 60, 24, 25 * H - 1)).toBe(false);
    expect(isOverdue(0, 60, 24, 25 * H)).toBe(true);
    expect(isOverdue(0, 60, 1, 2 * H)).toBe(true);
  });

  it("groups per panelist, oldest first, with a reminder naming each interview", () => {
    const groups = groupOverdue(
      [open("a", "mateo", 30), open("b", "mateo", 50), open("c", "jonas", 2), open("d", "sofia", 25)],
      opts,
    );
    expect(groups.map((g) => g.panelist.id)).toEqual(["mateo", "sofia"]);
    expect(groups[0]!.items.map((i) => i.scorecardId)).toEqual(["b", "a"]);
    expect(groups[0]!.items[0]!.hoursSinceEnd).toBe(50);
    expect(groups[0]!.reminder).toMatch(/^Hi Mateo,/);
    expect(groups[0]!.reminder).toContain("2 of your scorecards are still open");
    expect(groups[0]!.reminder).toContain("(ended 2 days ago)");
    expect(groups[1]!.reminder).toContain("your scorecard for Rafael Domínguez (Incident drill, ");
    expect(groups[1]!.reminder).toContain("ended 25 hours ago");
    expect(groups[1]!.reminder).toContain(opts.link);
    expect(groups[1]!.reminder.endsWith("Zoë")).toBe(true);
  });

  it("respects the threshold setting", () => {
    expect(groupOverdue([open("c", "jonas", 2)], { ...opts, thresholdHours: 1 })).toHaveLength(1);
    expect(groupOverdue([open("c", "jonas", 2)], { ...opts, thresholdHours: 3 })).toHaveLength(0);
  });
});
