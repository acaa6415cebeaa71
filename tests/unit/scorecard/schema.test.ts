import { describe, expect, it } from "vitest";

import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { scorecardContext } from "../../../app/domain/scorecard/rules";
import {
  amendReasonSchema,
  declareConflictSchema,
  emptyScorecardValues,
  lenientScorecardValues,
  LIMITS,
  quickNoteSchema,
  scorecardDraftSchema,
  scorecardDraftSchemaFor,
  scorecardSaveSchema,
  scorecardSaveSchemaFor,
  scorecardSubmitSchema,
} from "../../../app/domain/scorecard/schema";

const ctx = scorecardContext(LEAD_ML_ARCHITECT_V1, "incident_scenario_drill")!;
const EVIDENCE = "Walked through the rollback with timings, owners and alert thresholds.";

function pathsOf(r: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): Record<string, string> {
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]));
}

/** A scorecard that passes every submit rule for the incident drill. */
function complete() {
  return {
    ratings: Object.fromEntries(ctx.assessedKeys.map((k) => [k, { score: "3", evidence: EVIDENCE }])),
    redFlags: {},
    signals: { knows_ml_failure_modes: true },
    focus: { detection: true, triage: true },
    recommendation: "hire",
    summary: "Solid incident handling.",
    overrideJustification: "",
    notes: [{ id: "note-abc123", minute: 4, body: "Asked for the dashboards first", at: 1_700_000_000_000 }],
  };
}

describe("scorecardDraftSchema (autosave and form)", () => {
  it("accepts an empty draft and fills in the missing sections", () => {
    const r = scorecardDraftSchema.safeParse({});
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ ...emptyScorecardValues(), notes: undefined });
  });

  it("parses a plain form post (strings, 'on' checkboxes) into the same shape as the JSON autosave", () => {
    const form = {
      ratings: { mlops_lifecycle: { score: "4", evidence: EVIDENCE } },
      redFlags: { no_incident_experience: { checked: "on", note: "Could not name one incident." } },
      signals: { knows_ml_failure_modes: "on" },
      focus: { detection: "on" },
      recommendation: "no_hire",
      summary: "s",
    };
    const json = {
      ratings: { mlops_lifecycle: { score: 4, evidence: EVIDENCE } },
      redFlags: { no_incident_experience: { checked: true, note: "Could not name one incident." } },
      signals: { knows_ml_failure_modes: true },
      focus: { detection: true },
      recommendation: "no_hire",
      summary: "s",
    };
    const a = scorecardDraftSchema.parse(form);
    const b = scorecardDraftSchema.parse(json);
    expect(a).toEqual(b);
    expect(a.ratings.mlops_lifecycle).toEqual({ score: "4", evidence: EVIDENCE });
    expect(a.redFlags.no_incident_experience?.checked).toBe(true);
  });

  it("accepts 'na' (not assessed) and '' (not rated yet), refuses other scores", () => {
    expect(scorecardDraftSchema.safeParse({ ratings: { communication: { score: "na" } } }).success).toBe(true);
    expect(scorecardDraftSchema.safeParse({ ratings: { communication: { score: "" } } }).success).toBe(true);
    for (const score of ["0", "5", 5, "3.5", "high"]) {
      const r = scorecardDraftSchema.safeParse({ ratings: { communication: { score } } });
      expect(r.success).toBe(false);
      expect(pathsOf(r)["ratings.communication.score"]).toBe("Choose 1–4 or Not assessed.");
    }
  });

  it("refuses an unknown recommendation", () => {
    const r = scorecardDraftSchema.safeParse({ recommendation: "maybe" });
    expect(r.success).toBe(false);
    expect(pathsOf(r).recommendation).toBe("Choose one of the four recommendations.");
  });

  it("refuses keys outside the rubric-key alphabet (no prototype tricks, no odd names)", () => {
    expect(scorecardDraftSchema.safeParse({ ratings: { "Bad Key": { score: "3" } } }).success).toBe(false);
    expect(scorecardDraftSchema.safeParse({ focus: { ["x".repeat(65)]: true } }).success).toBe(false);
  });

  it("enforces the text limits with a message that says the text stays", () => {
    const ok = scorecardDraftSchema.safeParse({
      ratings: { communication: { score: "3", evidence: "e".repeat(LIMITS.evidence) } },
    });
    expect(ok.success).toBe(true);
    const r = scorecardDraftSchema.safeParse({
      ratings: { communication: { score: "3", evidence: "e".repeat(LIMITS.evidence + 1) } },
    });
    expect(r.success).toBe(false);
    expect(pathsOf(r)["ratings.communication.evidence"]).toBe(
      "Evidence is limited to 10,000 characters; this has 10,001. Shorten it to save — your text stays here.",
    );
    expect(pathsOf(scorecardDraftSchema.safeParse({ summary: "s".repeat(LIMITS.summary + 1) })).summary).toMatch(
      /^The summary is limited to 10,000/,
    );
    expect(
      pathsOf(scorecardDraftSchema.safeParse({ overrideJustification: "o".repeat(LIMITS.override + 1) }))
        .overrideJustification,
    ).toMatch(/limited to 5,000/);
    expect(
      pathsOf(
        scorecardDraftSchema.safeParse({
          redFlags: { ignores_cost: { checked: true, note: "n".repeat(LIMITS.flagNote + 1) } },
        }),
      )["redFlags.ignores_cost.note"],
    ).toMatch(/limited to 2,000/);
  });

  it("limits the number of quick notes and entries", () => {
    const note = (i: number) => ({ id: `note-${String(i).padStart(6, "0")}`, minute: 1, body: "n", at: 1 });
    expect(
      scorecardDraftSchema.safeParse({ notes: Array.from({ length: LIMITS.notes }, (_, i) => note(i)) }).success,
    ).toBe(true);
    const r = scorecardDraftSchema.safeParse({ notes: Array.from({ length: LIMITS.notes + 1 }, (_, i) => note(i)) });
    expect(r.success).toBe(false);
    expect(pathsOf(r).notes).toBe(`At most ${LIMITS.notes} quick notes per scorecard.`);
    const many = Object.fromEntries(Array.from({ length: LIMITS.entries + 1 }, (_, i) => [`k${i}`, true]));
    expect(scorecardDraftSchema.safeParse({ focus: many }).success).toBe(false);
  });

  it("quick notes: a non-empty trimmed body, a sane id and minute", () => {
    expect(quickNoteSchema.safeParse({ id: "abcdef", minute: 0, body: " ok ", at: 1 }).data?.body).toBe("ok");
    expect(pathsOf(quickNoteSchema.safeParse({ id: "abcdef", minute: 0, body: "   ", at: 1 })).body).toBe(
      "Write the note first.",
    );
    expect(quickNoteSchema.safeParse({ id: "a b", minute: 0, body: "x", at: 1 }).success).toBe(false);
    expect(quickNoteSchema.safeParse({ id: "abcdef", minute: -1, body: "x", at: 1 }).success).toBe(false);
    expect(
      quickNoteSchema.safeParse({ id: "abcdef", minute: 0, body: "x".repeat(LIMITS.note + 1), at: 1 }).success,
    ).toBe(false);
  });

  it("leaves notes undefined when absent (a no-JS post does not wipe them)", () => {
    expect(scorecardDraftSchema.parse({ summary: "x" }).notes).toBeUndefined();
  });
});

describe("the schema bound to a rubric", () => {
  it("refuses dimensions, flags, signals and focus points the rubric does not know", () => {
    const r = scorecardDraftSchemaFor(ctx).safeParse({
      ratings: { astrology: { score: "3" } },
      redFlags: { made_up: { checked: true, note: "" } },
      signals: { nope: true },
      focus: { trade_offs: true },
    });
    expect(r.success).toBe(false);
    expect(pathsOf(r)).toEqual({
      "ratings.astrology": "This dimension is not part of the rubric.",
      "redFlags.made_up": "This red flag is not part of the rubric.",
      "signals.nope": "This signal is not part of the rubric.",
      // trade_offs is a focus point of the architecture case study, not of the incident drill
      "focus.trade_offs": "This focus point is not part of the exercise.",
    });
  });

  it("allows optional dimensions the exercise does not assess", () => {
    expect(
      scorecardDraftSchemaFor(ctx).safeParse({ ratings: { cloud_platform: { score: "2", evidence: "" } } }).success,
    ).toBe(true);
  });

  it("a save needs a non-negative integer version", () => {
    expect(scorecardSaveSchema.safeParse({ version: "3" }).data?.version).toBe(3);
    for (const version of [undefined, -1, 1.5, "x"])
      expect(scorecardSaveSchema.safeParse({ version }).success).toBe(false);
    expect(scorecardSaveSchemaFor(ctx).safeParse({ version: 0, ratings: { astrology: { score: "1" } } }).success).toBe(
      false,
    );
  });

  it("a refused version says what is wrong with it, once", () => {
    const messages = (version: unknown) =>
      scorecardSaveSchema.safeParse({ version }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages(-1)).toEqual(["version: The version cannot be negative: reload the page."]);
    expect(messages("-1")).toEqual(["version: The version cannot be negative: reload the page."]);
    expect(messages(1e308)).toEqual(["version: The version is too large (at most 1,000,000,000): reload the page."]);
    expect(messages("Infinity")).toEqual([
      "version: The version is too large (at most 1,000,000,000): reload the page.",
    ]);
    expect(messages(2.5)).toEqual(["version: The version must be a whole number: reload the page."]);
    expect(messages("abc")).toEqual(["version: The version is not a number: reload the page."]);
    expect(messages(true)).toEqual(["version: The version is not a number: reload the page."]);
    expect(messages(undefined)).toEqual(["version: Missing version: reload the page."]);
    expect(messages(0)).toBeUndefined();
    expect(messages("1000000000")).toBeUndefined();
  });
});

describe("scorecardSubmitSchema (submit requirements)", () => {
  const submit = scorecardSubmitSchema(ctx);

  it("accepts a complete scorecard", () => {
    expect(submit.safeParse(complete()).success).toBe(true);
  });

  it("requires a rating or 'not assessed' for each assessed dimension, and a recommendation", () => {
    const r = submit.safeParse({ ratings: { mlops_lifecycle: { score: "na", evidence: "" } } });
    expect(r.success).toBe(false);
    const p = pathsOf(r);
    expect(p["ratings.mlops_lifecycle.score"]).toBeUndefined(); // "na" is an explicit answer and needs no evidence
    expect(p["ratings.observability_reliability.score"]).toBe("Rate this dimension 1–4, or mark it Not assessed.");
    expect(p["ratings.communication.score"]).toBeDefined();
    expect(p["ratings.leadership_enablement.score"]).toBeDefined();
    expect(p.recommendation).toBe("Choose an overall recommendation.");
  });

  it("requires evidence of at least 20 characters for every rating, optional dimensions included", () => {
    const v = complete();
    v.ratings.communication = { score: "4", evidence: "   too short        " };
    (v.ratings as Record<string, { score: string; evidence: string }>).cloud_platform = { score: "2", evidence: "" };
    const p = pathsOf(submit.safeParse(v));
    expect(Object.keys(p).sort()).toEqual(["ratings.cloud_platform.evidence", "ratings.communication.evidence"]);
    expect(p["ratings.communication.evidence"]).toMatch(/at least 20 characters/);
  });

  it("requires a note on every ticked red flag (unticked flags need none)", () => {
    const v = {
      ...complete(),
      redFlags: { ignores_cost: { checked: true, note: "short" }, relies_on_heroics: { checked: false, note: "" } },
    };
    const p = pathsOf(submit.safeParse(v));
    expect(Object.keys(p)).toEqual(["redFlags.ignores_cost.note"]);
  });
});

describe("the dealbreaker override rule on submit", () => {
  const submit = scorecardSubmitSchema(ctx);
  const withFlag = (flag: string, recommendation: string, overrideJustification = "") => ({
    ...complete(),
    recommendation,
    overrideJustification,
    redFlags: { [flag]: { checked: true, note: "Observed clearly during the drill." } },
  });

  it.each(["hire", "strong_hire"])("%s with a ticked dealbreaker needs a written justification", (rec) => {
    const r = submit.safeParse(withFlag("no_incident_experience", rec));
    expect(r.success).toBe(false);
    expect(pathsOf(r).overrideJustification).toMatch(/justify the override \(at least 20 characters\)/);
    expect(submit.safeParse(withFlag("no_incident_experience", rec, "   short   ")).success).toBe(false);
    expect(
      submit.safeParse(
        withFlag("no_incident_experience", rec, "Coachable gap; everything else was well above the bar."),
      ).success,
    ).toBe(true);
  });

  it.each(["no_hire", "strong_no_hire"])("%s with a dealbreaker needs no justification", (rec) => {
    expect(submit.safeParse(withFlag("no_incident_experience", rec)).success).toBe(true);
  });

  it("a Hire with only a concern (not a dealbreaker) needs no justification", () => {
    expect(submit.safeParse(withFlag("ignores_cost", "hire")).success).toBe(true);
  });
});

describe("other forms", () => {
  it("amend needs a reason of 10+ characters", () => {
    expect(amendReasonSchema.safeParse({ reason: "  typo   " }).success).toBe(false);
    expect(amendReasonSchema.safeParse({ reason: "Added the numbers she gave at the end." }).success).toBe(true);
  });

  it("declaring a conflict needs a kind and a note", () => {
    const r = declareConflictSchema.safeParse({ kind: "", note: "" });
    expect(Object.keys(pathsOf(r)).sort()).toEqual(["kind", "note"]);
    expect(declareConflictSchema.safeParse({ kind: "referred", note: "I referred him last spring." }).success).toBe(
      true,
    );
  });

  it("lenientScorecardValues keeps over-long text and drops unknown shapes", () => {
    const long = "x".repeat(LIMITS.evidence + 50);
    const v = lenientScorecardValues({
      ratings: { communication: { score: "9", evidence: long }, "Bad Key": { score: "3" } },
      summary: ["a", "b"],
      recommendation: "maybe",
    });
    expect(v.ratings.communication).toEqual({ score: "", evidence: long });
    expect(v.ratings["Bad Key"]).toBeUndefined();
    expect(v.summary).toBe("a");
    expect(v.recommendation).toBe("");
  });
});
