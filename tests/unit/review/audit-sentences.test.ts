// The audit trail in words (app/domain/review/audit-sentences.ts): every typed action reads as a
// sentence, amendments say what changed, and no free text from before/after leaks into the change.
import { describe, expect, it } from "vitest";

import { auditChangeOf, auditSentence, type AuditNames } from "../../../app/domain/review/audit-sentences";
import { AUDIT_ACTIONS } from "../../../app/domain/vocabulary";

const names: AuditNames = {
  dimension: (k) => ({ leadership_enablement: "Leadership", communication: "Communication" })[k] ?? k,
  redFlag: (k) => (k === "over_engineering" ? "Over-engineering" : k),
};

describe("auditSentence", () => {
  it("says who amended which rating from what to what, with the reason", () => {
    const change = auditChangeOf(
      "scorecard.amend",
      { version: 3, "ratings.leadership_enablement.score": "3", "ratings.communication.evidence": "old words" },
      { version: 4, "ratings.leadership_enablement.score": "4", "ratings.communication.evidence": "new words" },
    );
    expect(change).toEqual({
      scores: [{ dimensionKey: "leadership_enablement", from: "3", to: "4" }],
      fields: [{ kind: "evidence", key: "communication" }],
    });
    expect(JSON.stringify(change)).not.toMatch(/words/);
    expect(
      auditSentence({ actorName: "Aisha Bello", action: "scorecard.amend", reason: "Misread my notes", change }, names),
    ).toBe("Aisha Bello amended Leadership 3 → 4 and the evidence for Communication: reason: Misread my notes");
  });

  it("reads the older amendment shape ({ dimension: score }) too", () => {
    const change = auditChangeOf("scorecard.amend", { leadership_enablement: 3 }, { leadership_enablement: 4 });
    expect(auditSentence({ actorName: "Aisha Bello", action: "scorecard.amend", reason: null, change }, names)).toBe(
      "Aisha Bello amended Leadership 3 → 4",
    );
  });

  it("names the verdict of a decision, and its recorded override with the grounds it answered", () => {
    const change = auditChangeOf(
      "loop.decide",
      { status: "debrief", decision: null },
      { status: "decided", decision: "hire" },
    );
    const entry = { actorName: "Łukasz Wiśniewski", action: "loop.decide", reason: "Strong evidence", change };
    expect(auditSentence(entry, names)).toBe(
      "Łukasz Wiśniewski recorded the decision: Hire. Rationale: Strong evidence",
    );
    // a recorded override: its grounds and its text, in words
    const override = {
      text: "The dealbreaker came from one question; two incidents he ran were verified in the references.",
      grounds: [{ kind: "open_dealbreaker", text: "open dealbreaker “Blames others” raised by Ana" }],
    };
    const overridden = auditChangeOf(
      "loop.decide",
      { status: "debrief", decision: null },
      { status: "decided", decision: "hire", override },
    );
    expect(overridden).toEqual({
      decision: "hire",
      override: { grounds: ["open dealbreaker “Blames others” raised by Ana"], text: override.text },
    });
    expect(auditSentence({ ...entry, change: overridden }, names)).toBe(
      "Łukasz Wiśniewski recorded the decision: Hire, overriding open dealbreaker “Blames others” raised by Ana. " +
        `Override: ${override.text} Rationale: Strong evidence`,
    );
    // a malformed override (no grounds) is not called one
    expect(
      auditChangeOf("loop.decide", {}, { decision: "hire", override: { text: "x", grounds: [{ kind: "?" }] } }),
    ).toEqual({ decision: "hire" });
    const reopen = auditChangeOf("loop.reopen", { status: "decided", decision: "no_hire" }, { status: "debrief" });
    expect(
      auditSentence({ actorName: "Ana", action: "loop.reopen", reason: "New reference", change: reopen }, names),
    ).toBe("Ana reopened the decision (No hire withdrawn): reason: New reference");
  });

  it("gives the recommendation of a submission and the statuses of a move", () => {
    const submit = auditChangeOf(
      "scorecard.submit",
      { status: "draft" },
      { status: "submitted", recommendation: "no_hire" },
    );
    expect(auditSentence({ actorName: "Ana", action: "scorecard.submit", reason: null, change: submit }, names)).toBe(
      "Ana submitted the scorecard: No hire",
    );
    const status = auditChangeOf("loop.status", { status: "scheduled" }, { status: "in_progress" });
    expect(auditSentence({ actorName: "Ines", action: "loop.status", reason: null, change: status }, names)).toBe(
      "Ines moved the loop from Scheduled to In progress",
    );
  });

  it("has a sentence for every typed action, and says what was stored for an unknown one", () => {
    for (const action of AUDIT_ACTIONS) {
      const s = auditSentence({ actorName: "Ana", action, reason: null, change: null }, names);
      expect(s, action).toMatch(/^Ana [a-z]/);
      expect(s, action).not.toContain(action);
    }
    expect(auditSentence({ actorName: "", action: "loop.schedule", reason: null }, names)).toBe(
      "System: loop.schedule",
    );
  });

  it("ignores values that are not what the action stores", () => {
    expect(auditChangeOf("loop.decide", null, { decision: "<script>" })).toBeNull();
    expect(auditChangeOf("scorecard.submit", "x", [1, 2])).toBeNull();
    expect(auditChangeOf("scorecard.amend", { version: 1 }, { version: 2 })).toBeNull();
  });
});
