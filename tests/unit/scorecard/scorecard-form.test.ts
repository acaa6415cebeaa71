import { describe, expect, it } from "vitest";

import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { shownFindings } from "../../../app/domain/scorecard/evidence-lint";
import { scorecardContext } from "../../../app/domain/scorecard/rules";
import { emptyScorecardValues, scorecardSubmitSchema } from "../../../app/domain/scorecard/schema";
import { countErrors, issuesToErrors, valueAt } from "../../../app/hooks/use-scorecard-form";

const ctx = scorecardContext(LEAD_ML_ARCHITECT_V1, "incident_scenario_drill")!;

describe("the scorecard form's field errors (app/hooks/use-scorecard-form.ts)", () => {
  it("keys the submit schema's issues by field path, as the fields and the server's 400 name them", () => {
    const r = scorecardSubmitSchema(ctx).safeParse({ ratings: { mlops_lifecycle: { score: "na", evidence: "" } } });
    expect(r.success).toBe(false);
    const errors = issuesToErrors(r.error?.issues ?? []);
    expect(errors["ratings.observability_reliability.score"]).toBe("Rate this dimension 1–4, or mark it Not assessed.");
    expect(errors.recommendation).toBe("Choose an overall recommendation.");
    expect(errors["ratings.mlops_lifecycle.score"]).toBeUndefined();
    expect(countErrors(errors)).toBe(Object.keys(errors).length);
  });

  it("keeps the first issue of a path, leaves out a parent after its child and counts a child under a parent once", () => {
    const errors = issuesToErrors([
      { path: ["summary"], message: "first" },
      { path: ["summary"], message: "second" },
      { path: ["ratings", "a", "score"], message: "child" },
      { path: ["ratings", "a"], message: "parent after child" },
      { path: ["redFlags", "b"], message: "parent" },
      { path: ["redFlags", "b", "note"], message: "child after parent" },
    ]);
    expect(errors).toEqual({
      summary: "first",
      "ratings.a.score": "child",
      "redFlags.b": "parent",
      "redFlags.b.note": "child after parent",
    });
    expect(countErrors(errors)).toBe(3);
  });

  it("reads a value by its field path", () => {
    const v = emptyScorecardValues();
    v.ratings.communication = { score: "3", evidence: "Explained the rollback." };
    expect(valueAt(v, "ratings.communication.score")).toBe("3");
    expect(valueAt(v, "ratings.missing.score")).toBeUndefined();
    expect(valueAt(v, "summary")).toBe("");
  });
});

describe("shownFindings (the findings the scorecard page renders before its engine loads)", () => {
  it("are the scorecard's findings with their category's label", () => {
    const v = emptyScorecardValues();
    v.ratings.communication = { score: "2", evidence: "Her accent was strong." };
    const shown = shownFindings(v);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ path: "ratings.communication.evidence", finding: { match: "accent" } });
    expect(shown[0]?.categoryLabel).toMatch(/accent|language/i);
  });
});
