import { describe, expect, it } from "vitest";

import { buildDebriefAgenda } from "../../../app/domain/review/agenda";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { ADA, BEN, CY, DEE, LEADERSHIP, loop, notAssessed, rating, scorecard, uncounted } from "../../factories";

const EVERYTHING = () =>
  loop({
    scorecards: [
      // arch: 1,4,4 → spread 3 (Ada outlier); data: 2,4 → spread 2; lead: 2,2 → below bar (mean 2)
      scorecard(ADA, {
        recommendation: "strong_no_hire",
        ratings: [rating("arch", 1), rating("data", 2), rating("lead", 2, "Too short.")],
        redFlags: [
          { key: "fabrication", note: "Claimed a 40% lift, later 4%" },
          { key: "vague", note: "" },
        ],
      }),
      scorecard(BEN, {
        recommendation: "hire",
        overrideJustification: "The numbers mix-up was a slip, corrected unprompted.",
        ratings: [rating("arch", 4), rating("data", 4), rating("lead", 2)],
        redFlags: [{ key: "fabrication", note: "" }],
      }),
      scorecard(CY, {
        interviewId: LEADERSHIP.id,
        recommendation: "hire",
        ratings: [rating("arch", 4), notAssessed("data")],
        redFlags: [{ key: "blame", note: "" }],
      }),
      uncounted(DEE, "draft", { interviewId: LEADERSHIP.id }),
      uncounted({ id: "p-eve", name: "Eve" }, "recused"),
    ],
  });

describe("buildDebriefAgenda", () => {
  it("orders dealbreakers, overrides, disagreements, below bar, thin evidence, missing, recusals", () => {
    const agg = aggregateLoop(EVERYTHING());
    expect(agg.agenda.map((a) => [a.kind, a.title])).toEqual([
      ["dealbreaker", "Dealbreaker: Fabricated results"],
      ["override", "Hire despite dealbreaker: Ben (System design)"],
      ["disagreement", "ML system architecture: ratings 1–4 (spread 3)"],
      ["disagreement", "Data & feature platforms: ratings 2–4 (spread 2)"],
      ["below_bar", "Technical leadership: below bar (mean 2.00)"],
      ["thin_evidence", "Thin evidence: Ada on Technical leadership"],
      ["missing_scorecard", "Missing scorecard: Dee (Leadership conversation)"],
      ["recusal", "Recused: Eve"],
    ]);
  });

  it("details name the panelists, scores, notes and justification", () => {
    const agenda = aggregateLoop(EVERYTHING()).agenda;
    const byKind = (k: string) => agenda.filter((a) => a.kind === k);
    expect(byKind("dealbreaker")[0]?.detail).toBe("Raised by Ada: “Claimed a 40% lift, later 4%”; Ben.");
    expect(byKind("override")[0]?.detail).toBe(
      "Ben recommended hire while raising Fabricated results. Justification: “The numbers mix-up was a slip, corrected unprompted.”",
    );
    expect(byKind("disagreement")[0]).toMatchObject({
      dimensionKey: "arch",
      detail: "Ada 1 (outlier), Ben 4, Cy 4; median 4.00.",
    });
    expect(byKind("below_bar")[0]).toMatchObject({
      dimensionKey: "lead",
      detail: "Ada 2, Ben 2. The bar is 3 (Meets bar).",
    });
    expect(byKind("thin_evidence")[0]?.detail).toBe(
      "Ada rated 2 with 10 characters of evidence (at least 80 expected).",
    );
    expect(byKind("missing_scorecard")[0]?.detail).toBe(
      "Not submitted yet; its ratings and recommendation are not counted.",
    );
    // the declaration's note is its author's alone: the agenda says only that there is one
    expect(byKind("recusal")[0]?.detail).toBe("Declared a conflict of interest. Excluded from all scores.");
  });

  it("does not add a second full stop after a quoted note that already ends a sentence", () => {
    const agenda = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { redFlags: [{ key: "fabrication", note: "Could not say what she did during the outage." }] }),
        ],
      }),
    ).agenda;
    expect(agenda.find((a) => a.kind === "dealbreaker")?.detail).toBe(
      "Raised by Ada: “Could not say what she did during the outage.”",
    );
  });

  it("below-bar items: lowest mean first; disagreements: largest spread first", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [rating("arch", 2), rating("data", 1), rating("lead", 1)] }),
          scorecard(BEN, { ratings: [rating("arch", 2), rating("data", 2), rating("lead", 4)] }),
        ],
      }),
    );
    expect(agg.agenda.map((a) => [a.kind, a.dimensionKey])).toEqual([
      ["disagreement", "lead"],
      ["below_bar", "data"],
      ["below_bar", "arch"],
      ["below_bar", "lead"],
    ]);
  });

  it("no override item without a positive recommendation, for concerns only, or without a dealbreaker", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { recommendation: "no_hire", redFlags: [{ key: "ethics", note: "" }] }),
          scorecard(BEN, { recommendation: "strong_hire", redFlags: [{ key: "blame", note: "" }] }),
          scorecard(CY, { recommendation: "hire" }),
        ],
      }),
    );
    expect(agg.agenda.map((a) => a.kind)).toEqual(["dealbreaker"]);
  });

  it("an override without justification says so", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [scorecard(ADA, { recommendation: "strong_hire", redFlags: [{ key: "ethics", note: "" }] })],
      }),
    );
    expect(agg.agenda.find((a) => a.kind === "override")).toMatchObject({
      title: "Strong hire despite dealbreaker: Ada (System design)",
      detail: "Ada recommended strong hire while raising Dismisses ethics. No justification given.",
      scorecardId: agg.scorecards[0]?.scorecardId,
    });
  });

  it("a clean loop has an empty agenda", () => {
    const agg = aggregateLoop(
      loop({
        scorecards: [
          scorecard(ADA, { ratings: [rating("arch", 3)] }),
          scorecard(BEN, { ratings: [rating("arch", 4)] }),
        ],
      }),
    );
    expect(agg.agenda).toEqual([]);
    expect(
      buildDebriefAgenda({
        dimensions: [],
        redFlags: [],
        scorecards: [],
        coverage: { missingScorecards: [], recused: [] },
      }),
    ).toEqual([]);
  });
});
