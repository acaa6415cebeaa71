import { describe, expect, it } from "vitest";

import { coverageReport } from "../../../app/domain/loop/coverage";
import { MAX_PANELISTS_PER_INTERVIEW, panelIsFull, seatedCount } from "../../../app/domain/loop/panel";
import { loopSetupView, type LoopSetupFacts } from "../../../app/domain/loop/setup-view";
import { isForwardMove, transitionFacts } from "../../../app/domain/loop/status";
import { DEFAULT_BREAK_MINUTES, nextInterviewStart } from "../../../app/domain/loop/template";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import type { LoopStatus, ScorecardStatus } from "../../../app/domain/vocabulary";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 4, 12, 9, 0);
const content = LEAD_ML_ARCHITECT_V1;
const [ex1, ex2] = content.exercises;

type Panelist = LoopSetupFacts["interviews"][number]["panelists"][number];
type Interview = LoopSetupFacts["interviews"][number];

function panelist(userId: string, status: ScorecardStatus = "draft", extra: Partial<Panelist> = {}): Panelist {
  return {
    scorecardId: `sc-${userId}`,
    userId,
    name: userId.toUpperCase(),
    email: `${userId}@example.test`,
    active: true,
    status,
    panelRole: "panelist",
    started: status !== "draft",
    ...extra,
  };
}

function interview(id: string, scheduledAt: number | null, panelists: Panelist[], exercise = ex1!): Interview {
  return {
    id,
    position: 0,
    exerciseKey: exercise.key,
    exerciseTitle: exercise.title,
    scheduledAt,
    durationMinutes: 60,
    locked: panelists.some((p) => p.started),
    panelists,
  };
}

function facts(interviews: Interview[], status: LoopStatus = "planning", anyStarted = false): LoopSetupFacts {
  return {
    loop: {
      id: "loop1",
      status,
      decision: null,
      weights: null,
      updatedAt: T0,
      hiringManager: { id: "hm", name: "Hanna Manager" },
      recruiter: { name: "Rita Recruiter" },
    },
    candidate: {
      id: "c1",
      name: "Ada Candidate",
      erased: false,
      currentTitle: "Staff ML Engineer",
      email: "ada@x.test",
    },
    rubricVersion: { id: "v1", version: 1, rubricName: "Lead ML Architect" },
    content,
    interviews,
    anyStarted,
  };
}

const PEOPLE = [
  { id: "hm", name: "Hanna Manager", role: "member" as const },
  { id: "rec", name: "Rita Recruiter", role: "recruiter" as const },
  { id: "a", name: "A", role: "member" as const },
  { id: "b", name: "B", role: "member" as const },
];

function view(setup: LoopSetupFacts) {
  const coverage = coverageReport({
    dimensions: content.dimensions.map((d) => ({ key: d.key, name: d.name })),
    interviews: setup.interviews.map((iv) => ({
      id: iv.id,
      label: iv.exerciseTitle,
      dimensionKeys: content.exercises.find((e) => e.key === iv.exerciseKey)!.dimensionKeys,
      scheduledAt: iv.scheduledAt,
      durationMinutes: iv.durationMinutes,
      panelists: iv.panelists.map((p) => ({ id: p.userId, name: p.name, status: p.status, active: p.active })),
    })),
    hiringManager: { id: "hm", name: "Hanna Manager" },
  });
  return loopSetupView({
    setup,
    coverage,
    people: PEOPLE,
    versions: [{ id: "v1", version: 1, rubricName: "Lead ML Architect" }],
    timeZone: "UTC",
  });
}

describe("panel cap", () => {
  it("counts everyone but recused panelists towards the cap", () => {
    const three = [panelist("a"), panelist("b", "submitted"), panelist("c")];
    expect(MAX_PANELISTS_PER_INTERVIEW).toBe(3);
    expect(seatedCount(three)).toBe(3);
    expect(panelIsFull(three)).toBe(true);
    expect(panelIsFull([panelist("a"), panelist("b"), panelist("c", "recused")])).toBe(false);
  });
});

describe("lifecycle helpers", () => {
  it("collects the transition facts from the interviews and the coverage", () => {
    const interviews = [
      { scheduledAt: T0, panelists: [{ status: "submitted" as const }, { status: "draft" as const }] },
      { scheduledAt: null, panelists: [{ status: "recused" as const }, { status: "draft" as const }] },
    ];
    expect(transitionFacts(interviews, ["Communication"])).toEqual({
      interviewCount: 2,
      unscheduledInterviewCount: 1,
      uncoveredDimensions: ["Communication"],
      scorecardCount: 3,
      outstandingScorecardCount: 2,
    });
  });

  it("calls steps along the lifecycle and reopening forward, everything else not", () => {
    expect(isForwardMove("planning", "scheduled")).toBe(true);
    expect(isForwardMove("debrief", "decided")).toBe(true);
    expect(isForwardMove("withdrawn", "planning")).toBe(true);
    expect(isForwardMove("scheduled", "planning")).toBe(false);
    expect(isForwardMove("debrief", "in_progress")).toBe(false);
    expect(isForwardMove("planning", "withdrawn")).toBe(false);
  });

  it("starts the next interview after the last one plus the default break", () => {
    expect(nextInterviewStart({ scheduledAt: T0, durationMinutes: 60 })).toBe(
      T0 + (60 + DEFAULT_BREAK_MINUTES) * MINUTE,
    );
    expect(nextInterviewStart({ scheduledAt: T0, durationMinutes: 45 }, 0)).toBe(T0 + 45 * MINUTE);
    expect(nextInterviewStart({ scheduledAt: null, durationMinutes: 60 })).toBeNull();
    expect(nextInterviewStart(undefined)).toBeNull();
  });
});

describe("loopSetupView", () => {
  it("offers the moves of the setup page with the blockers the move itself would hit", () => {
    const v = view(facts([interview("i1", null, [panelist("a")])]));
    expect(v.transitions.map((t) => [t.to, t.forward])).toEqual([
      ["scheduled", true],
      ["withdrawn", false],
    ]);
    const schedule = v.transitions[0]!;
    expect(schedule.label).toBe("Mark as scheduled");
    expect(schedule.blockers).toContain("One interview has no date and time yet.");
    expect(schedule.blockers.some((b) => b.startsWith("Nobody on the panel assesses"))).toBe(true);
    expect(v.transitions[1]!.blockers).toEqual([]);
    // the page lists each blocker once: uncovered dimensions are under Coverage, the status card counts them
    expect(schedule.ownBlockers).toEqual(["One interview has no date and time yet."]);
    expect(schedule.uncoveredCount).toBe(schedule.blockers.length - 1);
    expect(schedule.uncoveredCount).toBeGreaterThan(0);
  });

  it("marks a full panel and lists only people not on it, naming the hiring manager", () => {
    const full = interview("i1", T0, [panelist("a"), panelist("b"), panelist("hm")]);
    const withRecusal = interview("i2", T0 + 2 * 60 * MINUTE, [panelist("a"), panelist("b", "recused")], ex2);
    const v = view(facts([full, withRecusal]));
    expect(v.interviews.map((iv) => iv.full)).toEqual([true, false]);
    expect(v.interviews[0]!.panelists.map((p) => p.isHiringManager)).toEqual([false, false, true]);
    expect(v.interviews[1]!.candidates).toEqual([
      { id: "hm", label: "Hanna Manager (hiring manager)" },
      { id: "rec", label: "Rita Recruiter" },
    ]);
    expect(v.conflicts).toEqual([{ scorecardId: "sc-b", name: "B", interview: "2. " + ex2!.title, interviewId: "i2" }]);
  });

  it("proposes the next start after the last interview and the default break", () => {
    const v = view(facts([interview("i1", T0, [])]));
    expect(v.addDefaults).toEqual({ exerciseKey: "", scheduledAt: "2026-05-12T10:15", durationMinutes: "60" });
    expect(view(facts([])).addDefaults.scheduledAt).toBe("");
  });

  it("flags interviews listed in an order their times contradict", () => {
    expect(view(facts([interview("i1", T0, []), interview("i2", T0 + 3 * 60 * MINUTE, [])])).outOfOrder).toBe(false);
    expect(view(facts([interview("i1", T0 + 3 * 60 * MINUTE, []), interview("i2", T0, [])])).outOfOrder).toBe(true);
  });

  it("keeps recruiters out of the hiring manager list, and a deactivated hiring manager in it", () => {
    expect(view(facts([])).hmOptions.map((o) => o.id)).toEqual(["hm", "a", "b"]);
    const gone = facts([]);
    gone.loop.hiringManager = { id: "old", name: "Olga Old" };
    expect(view(gone).hmOptions[0]).toEqual({ id: "old", label: "Olga Old (deactivated)" });
  });

  it("fixes the rubric version outside planning or once a scorecard started, and freezes weights from the debrief", () => {
    expect(view(facts([])).versionLocked).toBeNull();
    expect(view(facts([], "planning", true)).versionLocked).toBe("Fixed: a panelist has started a scorecard.");
    expect(view(facts([], "scheduled")).versionLocked).toBe(
      "Fixed: the version can only change while the loop is in planning.",
    );
    expect(view(facts([], "in_progress")).weights.editable).toBe(true);
    expect(view(facts([], "debrief")).weights.editable).toBe(false);
    expect(view(facts([], "withdrawn")).configurable).toBe(false);
  });
});
