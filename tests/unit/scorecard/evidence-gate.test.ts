import { describe, expect, it } from "vitest";

import {
  acknowledgeFindingSchema,
  evidenceGate,
  postedAcknowledgements,
  protectedFindingIn,
} from "../../../app/domain/scorecard/evidence-gate";
import { emptyScorecardValues } from "../../../app/domain/scorecard/values";

const REASON = "The role requires travel and she raised it herself when asked.";
const values = (evidence: string, summary = "") => ({
  ...emptyScorecardValues(),
  ratings: { communication: { score: "3" as const, evidence } },
  summary,
});

describe("evidence gate (submit rule)", () => {
  it("blocks a protected finding on its field; advice never blocks", () => {
    const g = evidenceGate(values("She is young.", "Great culture fit."), [], [], 1);
    expect(Object.keys(g.errors)).toEqual(["ratings.communication.evidence"]);
    expect(g.findings.map((f) => f.finding.kind).sort()).toEqual(["non_job_related", "protected"]);
  });

  it("passes with a stored or posted acknowledgement; a short posted reason is the field's error", () => {
    expect(evidenceGate(values("She is young."), [{ key: "age:young", reason: REASON }], [], 1).errors).toEqual({});
    const posted = evidenceGate(values("She is young."), [], [{ key: "age:young", reason: REASON }], 5);
    expect(posted.errors).toEqual({});
    expect(posted.added).toEqual([
      {
        key: "age:young",
        category: "age",
        fieldPath: "ratings.communication.evidence",
        sentence: "She is young.",
        reason: REASON,
        acknowledgedAt: 5,
      },
    ]);
    const short = evidenceGate(values("She is young."), [], [{ key: "age:young", reason: "travel" }], 1);
    expect(short.errors["ratings.communication.evidence"]?.[0]).toMatch(/at least 20 characters; 6 so far/);
    expect(short.added).toEqual([]);
  });

  it("drops stored acknowledgements whose finding was revised away, and ignores posted ones for no finding", () => {
    const g = evidenceGate(
      values("Explained the rollback."),
      [{ key: "age:young", reason: REASON }],
      [{ key: "age:old", reason: REASON }],
      1,
    );
    expect(g.stale).toEqual(["age:young"]);
    expect(g.added).toEqual([]);
  });

  it("reads the no-JS form's indexed fields and JSON arrays; empty reasons are left alone", () => {
    expect(
      postedAcknowledgements({
        evidenceAcks: { 0: { key: "age:young", reason: REASON }, 1: { key: "x", reason: "" } },
      }),
    ).toEqual([{ key: "age:young", reason: REASON }]);
    expect(postedAcknowledgements({ evidenceAcks: [{ key: "age:young", reason: REASON }] })).toHaveLength(1);
    expect(postedAcknowledgements({ evidenceAcks: "nonsense" })).toEqual([]);
  });

  it("takes an acknowledgement only for a protected finding the lint reports in the sentence", () => {
    expect(protectedFindingIn("She is young.", "age:young")?.category).toBe("age");
    expect(protectedFindingIn("Explained the rollback.", "age:young")).toBeNull();
    expect(protectedFindingIn("Great culture fit.", "culture_fit:culture fit")).toBeNull();
    const ok = { key: "age:young", fieldPath: "summary", sentence: "She is young.", reason: REASON };
    expect(acknowledgeFindingSchema.safeParse(ok).success).toBe(true);
    expect(acknowledgeFindingSchema.safeParse({ ...ok, fieldPath: "ratings.x.score" }).success).toBe(false);
    expect(acknowledgeFindingSchema.safeParse({ ...ok, reason: "short" }).success).toBe(false);
  });
});
