/**
 * Small fixtures for the aggregation-engine tests: a three-dimension rubric and builders for
 * interviews, scorecards and loops with sensible defaults (submitted, well-evidenced).
 */
import type {
  InterviewInput,
  LoopAggregationInput,
  PanelistRef,
  ScorecardRatingInput,
  SubmittedScorecardInput,
  UncountedScorecardInput,
} from "../app/domain/review/types";
import type { RatingScore } from "../app/domain/vocabulary";
import type { RubricContent } from "../app/domain/rubric/model";

export const TINY_RUBRIC: RubricContent = {
  name: "Tiny",
  roleTitle: "Lead ML Architect",
  summary: "A three-dimension rubric for tests.",
  dimensions: [
    {
      key: "arch",
      name: "ML system architecture",
      description: "Designs end-to-end ML systems.",
      anchors: { belowBar: "b", meetsBar: "m", exceeds: "e" },
      weight: 50,
    },
    {
      key: "data",
      name: "Data & feature platforms",
      description: "Builds data foundations.",
      anchors: { belowBar: "b", meetsBar: "m", exceeds: "e" },
      weight: 30,
    },
    {
      key: "lead",
      name: "Technical leadership",
      description: "Leads through influence.",
      anchors: { belowBar: "b", meetsBar: "m", exceeds: "e" },
      weight: 20,
    },
  ],
  exercises: [
    {
      key: "design",
      title: "System design",
      durationMinutes: 60,
      prompt: "Design a recommender.",
      focusPoints: [
        { key: "serving", label: "Online serving" },
        { key: "drift", label: "Drift monitoring" },
      ],
      probeQuestions: ["q1", "q2", "q3", "q4"],
      dimensionKeys: ["arch", "data"],
    },
    {
      key: "leadership",
      title: "Leadership conversation",
      durationMinutes: 45,
      prompt: "Tell us about a hard call.",
      focusPoints: [{ key: "conflict", label: "Resolving conflict" }],
      probeQuestions: ["q1", "q2", "q3", "q4"],
      dimensionKeys: ["lead", "arch"],
    },
  ],
  redFlags: [
    { key: "blame", label: "Blames others", description: "", severity: "concern" },
    { key: "fabrication", label: "Fabricated results", description: "", severity: "dealbreaker" },
    { key: "ethics", label: "Dismisses ethics", description: "", severity: "dealbreaker" },
    { key: "vague", label: "Vague on details", description: "", severity: "concern" },
  ],
  signals: [
    { key: "depth", label: "Deep systems knowledge", kind: "strong" },
    { key: "buzz", label: "Buzzword heavy", kind: "weak" },
    { key: "mentor", label: "Mentors others", kind: "strong" },
  ],
};

/** Evidence long enough (≥ 80 trimmed chars) not to be "thin". */
export const SOLID_EVIDENCE =
  "Walked through feature store, online/offline parity, canary rollout and rollback criteria in detail.";

export const ADA: PanelistRef = { id: "p-ada", name: "Ada" };
export const BEN: PanelistRef = { id: "p-ben", name: "Ben" };
export const CY: PanelistRef = { id: "p-cy", name: "Cy" };
export const DEE: PanelistRef = { id: "p-dee", name: "Dee" };

export function rating(
  dimensionKey: string,
  score: RatingScore,
  evidence: string = SOLID_EVIDENCE,
): ScorecardRatingInput {
  return { dimensionKey, score, notAssessed: false, evidence };
}

export function notAssessed(dimensionKey: string): ScorecardRatingInput {
  return { dimensionKey, score: null, notAssessed: true, evidence: "" };
}

export function interview(id: string, position: number, exerciseKey = "design"): InterviewInput {
  return { id, exerciseKey, position, scheduledAt: 1_700_000_000_000 + position * 3_600_000, durationMinutes: 60 };
}

export const DESIGN = interview("iv-design", 1, "design");
export const LEADERSHIP = interview("iv-lead", 2, "leadership");

let seq = 0;

/** A submitted scorecard by `panelist` on `interviewId`; override anything. */
export function scorecard(
  panelist: PanelistRef,
  overrides: Partial<SubmittedScorecardInput> = {},
): SubmittedScorecardInput {
  seq += 1;
  return {
    id: `sc-${panelist.id}-${overrides.interviewId ?? DESIGN.id}-${seq}`,
    interviewId: DESIGN.id,
    panelist,
    status: "submitted",
    recommendation: "hire",
    summary: "",
    overrideJustification: "",
    ratings: [],
    redFlags: [],
    signalKeys: [],
    focusKeys: [],
    quickNotes: [],
    submittedAt: 1_700_000_100_000,
    updatedAt: 1_700_000_100_000,
    amendCount: 0,
    lastAmendReason: null,
    ...overrides,
  };
}

/** A draft or recused scorecard, as the review queries give it: state and last save, no content. */
export function uncounted(
  panelist: PanelistRef,
  status: UncountedScorecardInput["status"],
  overrides: Partial<Omit<UncountedScorecardInput, "status">> = {},
): UncountedScorecardInput {
  seq += 1;
  return {
    id: `sc-${panelist.id}-${overrides.interviewId ?? DESIGN.id}-${seq}`,
    interviewId: DESIGN.id,
    panelist,
    status,
    updatedAt: 1_700_000_050_000,
    ...overrides,
  };
}

/** Scores for one dimension from several panelists, one submitted scorecard each. */
export function scoresOn(dimensionKey: string, scores: [PanelistRef, RatingScore][]): SubmittedScorecardInput[] {
  return scores.map(([p, s]) => scorecard(p, { ratings: [rating(dimensionKey, s)] }));
}

export function loop(overrides: Partial<LoopAggregationInput> = {}): LoopAggregationInput {
  return {
    loopId: "loop-1",
    status: "debrief",
    rubric: TINY_RUBRIC,
    weights: null,
    interviews: [DESIGN, LEADERSHIP],
    scorecards: [],
    ...overrides,
  };
}
