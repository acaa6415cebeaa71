import { describe, expect, it } from "vitest";

import { buildLoopFacts, type AuditRow, type LoopFactsRow } from "../../../app/domain/review/facts";

const ROW: LoopFactsRow = {
  loopId: "loop-1",
  status: "decided",
  createdAt: 1,
  decision: "hire",
  decisionRationale: null,
  decidedAt: 10,
  deciderName: null,
  candidateName: "Grace Hopper",
  candidateEmail: "grace@example.test",
  candidateTitle: "Staff engineer",
  candidateErasedAt: null,
  hmName: "Hana Manager",
  recruiterName: null,
  rubricName: "Tiny",
  roleTitle: "Lead ML Architect",
  rubricVersion: 2,
  firstInterviewAt: 3,
  lastInterviewAt: 4,
};

function entry(entityType: string, entityId: string, actorName: string | null = "Ines"): AuditRow {
  return { at: 5, action: "scorecard.submit", entityType, entityId, reason: null, actorName };
}

describe("buildLoopFacts", () => {
  it("names scorecards by panelist and exercise, other entities by their kind", () => {
    const facts = buildLoopFacts(
      ROW,
      [{ id: "sc-1", panelistName: "Ada", exerciseTitle: "System design" }],
      [entry("scorecard", "sc-1"), entry("loop", "loop-1", null), entry("rubric_version", "rv-1")],
    );
    expect(facts.audit.map((a) => [a.entity, a.actorName])).toEqual([
      ["Scorecard · Ada · System design", "Ines"],
      ["Loop", "System"],
      ["rubric_version", "Ines"],
    ]);
  });

  it("says what a decision entry decided, and nothing for other entries or unreadable ones", () => {
    const decide = (after: unknown): AuditRow => ({ ...entry("loop", "loop-1"), action: "loop.decide", after });
    const facts = buildLoopFacts(
      ROW,
      [],
      [decide({ status: "decided", decision: "no_hire" }), decide(null), entry("loop", "loop-1")],
    );
    expect(facts.audit.map((a) => a.verdict)).toEqual(["No hire", null, null]);
  });

  it("fills a decision's missing rationale and decider, and has no decision without a date", () => {
    expect(buildLoopFacts(ROW, [], []).decision).toEqual({
      decision: "hire",
      rationale: "",
      decidedBy: "Unknown",
      decidedAt: 10,
      override: null,
    });
    expect(buildLoopFacts({ ...ROW, decidedAt: null }, [], []).decision).toBeNull();
  });

  it("carries a recorded override with its well-formed grounds only", () => {
    const grounds = [
      { kind: "open_dealbreaker", text: "open dealbreaker “X” raised by Ana" },
      { kind: "made_up", text: "?" },
      "junk",
    ];
    const row = { ...ROW, decisionOverride: "Because the references verified it.", decisionOverrideGrounds: grounds };
    expect(buildLoopFacts(row, [], []).decision?.override).toEqual({
      text: "Because the references verified it.",
      grounds: [{ kind: "open_dealbreaker", text: "open dealbreaker “X” raised by Ana" }],
    });
    // text without grounds (or grounds without text) is no override
    expect(buildLoopFacts({ ...row, decisionOverrideGrounds: [] }, [], []).decision?.override).toBeNull();
    expect(buildLoopFacts({ ...row, decisionOverride: null }, [], []).decision?.override).toBeNull();
  });

  it("shows an erased candidate without personal data", () => {
    expect(buildLoopFacts({ ...ROW, candidateErasedAt: 9 }, [], []).candidate).toEqual({
      name: "Erased candidate",
      email: "",
      currentTitle: "",
    });
  });
});
