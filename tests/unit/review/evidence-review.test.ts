import { describe, expect, it } from "vitest";

import { keptFindingsReview, quotablePart, scorecardEvidenceReview } from "../../../app/domain/review/evidence-review";
import type { SubmittedScorecardOut } from "../../../app/domain/review/types";

const REASON = "The team works in German; business German is a listed requirement.";

function card(evidence: string, summary = "", scorecardId = "sc1"): SubmittedScorecardOut {
  return {
    scorecardId,
    interviewId: "iv1",
    exerciseKey: "architecture_case_study",
    exerciseTitle: "Architecture case study",
    panelistId: "p1",
    panelistName: "Mateo García",
    status: "submitted",
    recommendation: "hire",
    levelSignal: null,
    summary,
    overrideJustification: "",
    submittedAt: 1,
    amended: false,
    amendCount: 0,
    lastAmendReason: null,
    ratings: [
      { dimensionKey: "communication", dimensionName: "Communication", score: 4, notAssessed: false, evidence },
    ],
    redFlags: [],
    signals: [],
  };
}

describe("evidence review (hiring manager view)", () => {
  it("lists overridden findings with category, field, sentence and reason, and counts the advice left", () => {
    const row = scorecardEvidenceReview(
      card("German is her first language. Explained the trade-offs.", "Great culture fit."),
      [
        {
          key: "accent_language:first language",
          category: "accent_language",
          fieldPath: "ratings.communication.evidence",
          sentence: "German is her first language.",
          reason: REASON,
          acknowledgedAt: 1,
        },
      ],
    );
    expect(row.overridden).toEqual([
      {
        categoryLabel: "Accent or first language",
        fieldLabel: "Evidence · Communication",
        sentence: "German is her first language.",
        reason: REASON,
      },
    ]);
    expect(row.advisory).toBe(1);
  });
});

describe("kept findings (the packet's appendix)", () => {
  it("are the overridden findings of the scorecards with an acknowledgement, the same as the full review gives", () => {
    const ack = {
      key: "accent_language:first language",
      category: "accent_language" as const,
      fieldPath: "ratings.communication.evidence",
      sentence: "German is her first language.",
      reason: REASON,
      acknowledgedAt: 1,
    };
    const kept = card("German is her first language. Explained the trade-offs.", "", "sc1");
    // the same remark, never acknowledged: a finding, but nothing kept
    const flagged = card("German is her first language.", "Great culture fit.", "sc2");
    const clean = card("Sized the GPUs.", "", "sc3");
    const rows = keptFindingsReview(
      { scorecards: [flagged, kept, clean] },
      { evidenceAcknowledgements: { sc1: [ack], sc3: [] } },
    );
    expect(rows.map((r) => r.scorecardId)).toEqual(["sc1"]);
    expect(rows[0]?.overridden).toEqual(scorecardEvidenceReview(kept, [ack]).overridden);
    expect(scorecardEvidenceReview(flagged, []).overridden).toEqual([]);
  });
});

describe("headline quotes", () => {
  it("quote the first run of sentences without any finding", () => {
    expect(quotablePart("Great culture fit. Designed the feature store. Sized the GPUs.")).toBe(
      "Designed the feature store. Sized the GPUs.",
    );
    expect(quotablePart("Designed the feature store. She is young. Sized the GPUs.")).toBe(
      "Designed the feature store.",
    );
    expect(quotablePart("She is young.")).toBe("");
  });
});
