import { describe, expect, it } from "vitest";

import { loopCalendar, type LoopCalendarFacts } from "../../../app/domain/loop/calendar";

const T0 = Date.UTC(2026, 4, 12, 9, 0);

function loop(status: LoopCalendarFacts["loop"]["status"] = "scheduled"): LoopCalendarFacts {
  return {
    loop: {
      status,
      createdAt: T0 - 10_000,
      updatedAt: T0,
      hiringManager: { name: "Hanna Manager" },
      recruiter: { name: "Rita Recruiter", email: "rita@x.test" },
    },
    candidate: { name: "Ada Candidate" },
    rubricVersion: { version: 2, rubricName: "Lead ML Architect" },
    interviews: [
      {
        id: "i1",
        exerciseTitle: "Architecture case study",
        scheduledAt: T0,
        durationMinutes: 60,
        panelists: [
          { name: "Ana", email: "ana@x.test", active: true, status: "draft" },
          { name: "Rec Used", email: "r@x.test", active: true, status: "recused" },
          { name: "Gone", email: "g@x.test", active: false, status: "draft" },
        ],
      },
      { id: "i2", exerciseTitle: "Not yet timed", scheduledAt: null, durationMinutes: 45, panelists: [] },
      {
        id: "i3",
        exerciseTitle: "Tooling evaluation",
        scheduledAt: T0 + 7_200_000,
        durationMinutes: 45,
        panelists: [],
      },
    ],
  };
}

describe("loopCalendar", () => {
  it("has one event per scheduled interview, numbered in order, with the panel as attendees", () => {
    const cal = loopCalendar(loop(), "https://archpanel.test");
    expect(cal.name).toBe("Interview loop — Ada Candidate");
    expect(cal.stamp).toBe(T0);
    expect(cal.events.map((e) => e.uid)).toEqual(["i1@archpanel", "i3@archpanel"]);
    const [first, second] = cal.events;
    expect(first!.summary).toBe("Interview 1: Architecture case study — Ada Candidate");
    expect(second!.summary).toBe("Interview 2: Tooling evaluation — Ada Candidate");
    // recused and deactivated panelists are not invited; the deactivated one is still named on the panel
    expect(first!.attendees).toEqual([{ name: "Ana", email: "ana@x.test" }]);
    expect(first!.description).toContain("Panel: Ana, Gone");
    expect(second!.description).toContain("Panel: not assigned yet");
    expect(first!.description).toContain("Lead ML Architect v2 · Architecture case study (60 min)");
    expect(first!.url).toBe("https://archpanel.test/interviews");
    expect(first!.organizer).toEqual({ name: "Rita Recruiter", email: "rita@x.test" });
    expect(first!.sequence).toBe(10);
    expect(first!.cancelled).toBe(false);
  });

  it("cancels every event of a withdrawn loop", () => {
    expect(loopCalendar(loop("withdrawn"), "https://archpanel.test").events.every((e) => e.cancelled)).toBe(true);
  });
});
