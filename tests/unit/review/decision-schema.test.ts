import { describe, expect, it } from "vitest";

import {
  decisionFormSchema,
  decisionSchema,
  RATIONALE_MAX,
  RATIONALE_MIN,
  reopenSchema,
  REOPEN_REASON_MIN,
  reviewIntentSchema,
} from "../../../app/domain/review/decision-schema";

const GOOD = "Above the bar on architecture and platform; the incident gap was probed and is coachable.";

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("decisionSchema", () => {
  it.each(["hire", "no_hire", "hold"])("accepts %s with a rationale, trimmed", (decision) => {
    const r = decisionSchema.safeParse({ decision, rationale: `  ${GOOD}\n` });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ decision, rationale: GOOD });
  });

  it("requires a decision among hire / no hire / hold", () => {
    for (const decision of [undefined, null, "", "maybe", "HIRE", 1]) {
      const r = decisionSchema.safeParse({ decision, rationale: GOOD });
      expect(r.success).toBe(false);
      expect(errorsOf(r).decision).toBe("Choose hire, no hire or hold");
    }
  });

  it("requires a rationale; whitespace does not count", () => {
    expect(errorsOf(decisionSchema.safeParse({ decision: "hire" })).rationale).toBe(
      "Write the rationale for this decision",
    );
    expect(errorsOf(decisionSchema.safeParse({ decision: "hire", rationale: "" })).rationale).toBe(
      "Write the rationale for this decision",
    );
    expect(errorsOf(decisionSchema.safeParse({ decision: "hire", rationale: " \n\t " })).rationale).toBe(
      "Write the rationale for this decision",
    );
  });

  it("has a minimum and a maximum length, at the edges", () => {
    const at = (n: number) => decisionSchema.safeParse({ decision: "hold", rationale: "x".repeat(n) });
    expect(at(RATIONALE_MIN - 1).success).toBe(false);
    expect(errorsOf(at(RATIONALE_MIN - 1)).rationale).toMatch(/at least 20 characters/);
    expect(at(RATIONALE_MIN).success).toBe(true);
    expect(at(RATIONALE_MAX).success).toBe(true);
    expect(errorsOf(at(RATIONALE_MAX + 1)).rationale).toMatch(/under 5000/);
    // padding does not help reach the minimum
    expect(
      decisionSchema.safeParse({ decision: "hold", rationale: `${"x".repeat(RATIONALE_MIN - 1)}        ` }).success,
    ).toBe(false);
  });

  it("ignores unknown fields (csrf, intent) instead of failing", () => {
    const r = decisionSchema.safeParse({ decision: "hire", rationale: GOOD, csrf: "t", intent: "decide" });
    expect(r.success).toBe(true);
    expect(Object.keys(r.data ?? {})).toEqual(["decision", "rationale"]);
  });
});

describe("reopenSchema", () => {
  it("requires a reason of at least 10 characters", () => {
    expect(errorsOf(reopenSchema.safeParse({})).reason).toBe("Say why the decision is being reopened");
    expect(errorsOf(reopenSchema.safeParse({ reason: "   " })).reason).toBe("Say why the decision is being reopened");
    expect(reopenSchema.safeParse({ reason: "x".repeat(REOPEN_REASON_MIN - 1) }).success).toBe(false);
    expect(reopenSchema.safeParse({ reason: "x".repeat(REOPEN_REASON_MIN) }).success).toBe(true);
    expect(reopenSchema.safeParse({ reason: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("reviewIntentSchema", () => {
  it("knows decide and reopen only", () => {
    expect(reviewIntentSchema.safeParse({ intent: "decide" }).success).toBe(true);
    expect(reviewIntentSchema.safeParse({ intent: "reopen" }).success).toBe(true);
    expect(reviewIntentSchema.safeParse({ intent: "delete" }).success).toBe(false);
    expect(reviewIntentSchema.safeParse({}).success).toBe(false);
  });
});

describe("decisionFormSchema (the override rule as the browser checks it)", () => {
  const grounds = { hire: [{ kind: "open_dealbreaker" as const, text: "open dealbreaker “X” raised by Ana" }] };
  const OVERRIDE =
    "The flag came from one hypothetical answer; the references confirmed two incidents the candidate led end to end.";

  it("asks for an override only for a choice with grounds", () => {
    const schema = decisionFormSchema(grounds);
    expect(errorsOf(schema.safeParse({ decision: "hire", rationale: GOOD })).override).toMatch(
      /^This decision goes against open dealbreaker “X” raised by Ana\. Write the override/,
    );
    expect(schema.safeParse({ decision: "hold", rationale: GOOD }).success).toBe(true);
    expect(schema.safeParse({ decision: "hire", rationale: GOOD, override: `  ${OVERRIDE} ` }).data).toEqual({
      decision: "hire",
      rationale: GOOD,
      override: OVERRIDE,
    });
  });

  it("bounds the override's length like the server", () => {
    expect(
      errorsOf(decisionSchema.safeParse({ decision: "hold", rationale: GOOD, override: "x".repeat(5001) })).override,
    ).toMatch(/under 5000/);
  });
});
