import { describe, expect, it } from "vitest";

import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { assignmentBucket } from "../../../app/domain/scorecard/assignments";
import {
  applyTimerOp,
  changedFields,
  completeness,
  countsTowardsAggregates,
  diffScorecardValues,
  formatClock,
  needsOverrideJustification,
  normalizeValues,
  sameValues,
  saveDecision,
  scorecardContext,
  submitProblems,
  tickedDealbreakers,
  timerView,
} from "../../../app/domain/scorecard/rules";
import type { ScorecardValues } from "../../../app/domain/scorecard/schema";
import { emptyScorecardValues } from "../../../app/domain/scorecard/schema";

const ctx = scorecardContext(LEAD_ML_ARCHITECT_V1, "incident_scenario_drill")!;
const labels = {
  dimensions: { communication: "Communication" },
  redFlags: {},
  signals: {},
  focus: { detection: "Detection" },
};

function values(patch: Partial<ScorecardValues>): ScorecardValues {
  return { ...emptyScorecardValues(), ...patch };
}

describe("scorecardContext", () => {
  it("binds an exercise's assessed dimensions and focus points", () => {
    expect(ctx.assessedKeys).toEqual([
      "observability_reliability",
      "mlops_lifecycle",
      "communication",
      "leadership_enablement",
    ]);
    expect(ctx.focusKeys).toContain("detection");
    expect(scorecardContext(LEAD_ML_ARCHITECT_V1, "nope")).toBeNull();
  });
});

describe("saveDecision (the conflict rule)", () => {
  it("applies only when the browser's version is the stored version of a draft", () => {
    expect(saveDecision({ status: "draft", version: 7 }, 7)).toBe("apply");
  });
  it("is a conflict when the stored version moved on or the client is ahead", () => {
    expect(saveDecision({ status: "draft", version: 8 }, 7)).toBe("conflict");
    expect(saveDecision({ status: "draft", version: 7 }, 8)).toBe("conflict");
  });
  it("is locked once submitted or recused, whatever the version", () => {
    expect(saveDecision({ status: "submitted", version: 7 }, 7)).toBe("locked");
    expect(saveDecision({ status: "recused", version: 2 }, 2)).toBe("locked");
  });
});

describe("override rule", () => {
  it("needs a justification only for a positive recommendation with a ticked dealbreaker", () => {
    const flag = { no_incident_experience: { checked: true, note: "n" } };
    expect(needsOverrideJustification({ recommendation: "hire", redFlags: flag }, ctx)).toBe(true);
    expect(needsOverrideJustification({ recommendation: "strong_hire", redFlags: flag }, ctx)).toBe(true);
    expect(needsOverrideJustification({ recommendation: "no_hire", redFlags: flag }, ctx)).toBe(false);
    expect(needsOverrideJustification({ recommendation: "", redFlags: flag }, ctx)).toBe(false);
    expect(
      needsOverrideJustification(
        { recommendation: "hire", redFlags: { no_incident_experience: { checked: false, note: "" } } },
        ctx,
      ),
    ).toBe(false);
    expect(
      needsOverrideJustification(
        { recommendation: "hire", redFlags: { ignores_cost: { checked: true, note: "n" } } },
        ctx,
      ),
    ).toBe(false);
    expect(tickedDealbreakers({ redFlags: { ...flag, ignores_cost: { checked: true, note: "" } } }, ctx)).toEqual([
      "no_incident_experience",
    ]);
  });
});

describe("submitProblems and completeness", () => {
  it("lists every missing piece with its form path", () => {
    const v = values({
      ratings: { mlops_lifecycle: { score: "3", evidence: "" } },
      redFlags: { ignores_cost: { checked: true, note: "" } },
    });
    expect(submitProblems(v, ctx).map((p) => p.path.join("."))).toEqual([
      "ratings.observability_reliability.score",
      "ratings.communication.score",
      "ratings.leadership_enablement.score",
      "ratings.mlops_lifecycle.evidence",
      "redFlags.ignores_cost.note",
      "recommendation",
    ]);
    expect(completeness(v, ctx)).toEqual({ rated: 1, assessed: 4, problems: 6 });
  });
});

describe("sameValues / normalizeValues", () => {
  it("ignores unticked boxes, empty ratings and key order", () => {
    const a = values({
      focus: { detection: true, triage: false },
      ratings: { communication: { score: "", evidence: "" } },
      signals: { b: true, a: true },
    });
    const b = values({ focus: { detection: true }, signals: { a: true, b: true } });
    expect(sameValues(a, b)).toBe(true);
    expect(normalizeValues(a).focus).toEqual({ detection: true });
  });
  it("sees a changed character", () => {
    expect(sameValues(values({ summary: "a" }), values({ summary: "b" }))).toBe(false);
  });
});

describe("diffScorecardValues (what the conflict panel shows)", () => {
  it("lists the differing fields in words", () => {
    const mine = values({
      ratings: { communication: { score: "3", evidence: "mine" } },
      focus: { detection: true },
      summary: "A",
    });
    const theirs = values({ ratings: { communication: { score: "na", evidence: "mine" } }, summary: "B" });
    expect(diffScorecardValues(mine, theirs, labels)).toEqual([
      {
        path: "ratings.communication.score",
        label: "Rating · Communication",
        mine: "3 · Meets bar",
        theirs: "Not assessed",
      },
      { path: "focus.detection", label: "Covered · Detection", mine: "Ticked", theirs: "Not ticked" },
      { path: "summary", label: "Summary", mine: "A", theirs: "B" },
    ]);
  });
  it("shows quick notes only one side has", () => {
    const n = (id: string, body: string) => ({ id, minute: 2, body, at: 1 });
    const d = diffScorecardValues(
      values({ notes: [n("aaaaaa", "mine")] }),
      values({ notes: [n("bbbbbb", "theirs")] }),
      labels,
    );
    expect(d).toEqual([{ path: "notes", label: "Quick notes", mine: "2′ mine", theirs: "2′ theirs" }]);
  });
  it("is empty for equal copies", () => {
    expect(diffScorecardValues(values({ summary: "x" }), values({ summary: "x" }), labels)).toEqual([]);
  });
  it("changedFields gives before/after for the audit log", () => {
    expect(changedFields(values({ summary: "old" }), values({ summary: "new" }))).toEqual({
      before: { summary: "old" },
      after: { summary: "new" },
    });
  });
});

describe("timer", () => {
  const idle = { startedAt: null, accumulatedMs: 0, running: false };
  it("start, pause, resume accumulate; repeated ops are idempotent", () => {
    const s1 = applyTimerOp(idle, "start", 1_000);
    expect(applyTimerOp(s1, "start", 5_000)).toBe(s1);
    const p1 = applyTimerOp(s1, "pause", 61_000);
    expect(p1).toEqual({ startedAt: null, accumulatedMs: 60_000, running: false });
    expect(applyTimerOp(p1, "pause", 99_000)).toBe(p1);
    const s2 = applyTimerOp(p1, "start", 100_000);
    expect(timerView(s2, 45, 130_000).elapsedMs).toBe(90_000);
    expect(timerView(s2, 45, 130_000).minute).toBe(1);
    expect(applyTimerOp(s2, "reset", 200_000)).toEqual(idle);
  });
  it("warns in the last 10 minutes and shows overtime", () => {
    const running = { startedAt: 0, accumulatedMs: 0, running: true };
    expect(timerView(idle, 45, 0).phase).toBe("not_started");
    expect(timerView(running, 45, 34 * 60_000).phase).toBe("running");
    expect(timerView(running, 45, 36 * 60_000).phase).toBe("warning");
    expect(timerView(running, 45, 46 * 60_000).phase).toBe("overtime");
    expect(timerView({ startedAt: null, accumulatedMs: 20 * 60_000, running: false }, 45, 0).phase).toBe("paused");
  });
  it("never goes negative when the clock goes backwards", () => {
    expect(timerView({ startedAt: 10_000, accumulatedMs: 0, running: true }, 45, 5_000).elapsedMs).toBe(0);
  });
  it("formats the clock", () => {
    expect(formatClock(65_000)).toBe("1:05");
    expect(formatClock(3_725_000)).toBe("1:02:05");
    expect(formatClock(-61_000)).toBe("−1:01");
  });
});

describe("recusal and My interviews", () => {
  it("only submitted scorecards count towards aggregates", () => {
    expect(countsTowardsAggregates("submitted")).toBe(true);
    expect(countsTowardsAggregates("recused")).toBe(false);
    expect(countsTowardsAggregates("draft")).toBe(false);
  });
  it("buckets assignments", () => {
    const clock = { now: 10 * 3_600_000, dayEnd: 24 * 3_600_000 };
    const base = { status: "draft" as const, durationMinutes: 60, started: false, loopStatus: "in_progress" as const };
    expect(assignmentBucket({ ...base, scheduledAt: clock.now - 2 * 3_600_000 }, clock)).toBe("overdue");
    expect(assignmentBucket({ ...base, scheduledAt: clock.now - 30 * 60_000 }, clock)).toBe("in_progress");
    expect(assignmentBucket({ ...base, scheduledAt: clock.now + 3_600_000 }, clock)).toBe("today");
    expect(assignmentBucket({ ...base, scheduledAt: clock.now + 30 * 3_600_000 }, clock)).toBe("upcoming");
    expect(assignmentBucket({ ...base, scheduledAt: null }, clock)).toBe("unscheduled");
    expect(assignmentBucket({ ...base, status: "submitted", scheduledAt: 0 }, clock)).toBe("submitted");
    expect(assignmentBucket({ ...base, loopStatus: "withdrawn", scheduledAt: 0 }, clock)).toBe("closed");
  });
});
