/**
 * Input and output types of the aggregation engine (app/domain/review/aggregate.ts).
 * The output is plain, JSON-serialisable data: the review page, packet.json and the PDF packet
 * all render it; none of them recomputes anything.
 */
import type { AuditChange } from "./audit-sentences";
import type {
  AgendaItemKind,
  Consensus,
  DebriefRole,
  DebriefStatus,
  Decision,
  LevelSignal,
  LoopStatus,
  RatingScore,
  Recommendation,
  RedFlagSeverity,
  ScorecardStatus,
} from "../vocabulary";
import type { RubricContent } from "../rubric/model";
import type { DecisionRuleOutcome } from "./decision-rule";
import type { OverrideGround } from "./override";
import type { StoredAcknowledgement } from "../scorecard/evidence-gate";

// ------------------------------------------------------------------ input

export interface PanelistRef {
  id: string;
  name: string;
}

export interface ScorecardRatingInput {
  dimensionKey: string;
  /** null when not yet rated or not assessed */
  score: RatingScore | null;
  notAssessed: boolean;
  evidence: string;
}

/**
 * A submitted scorecard with its content: the only kind whose content is part of the panel's
 * feedback. Everything the aggregate counts, quotes or lists comes from these.
 */
export interface SubmittedScorecardInput {
  id: string;
  interviewId: string;
  panelist: PanelistRef;
  status: "submitted";
  recommendation: Recommendation | null;
  summary: string;
  overrideJustification: string;
  ratings: ScorecardRatingInput[];
  redFlags: { key: string; note: string }[];
  signalKeys: string[];
  focusKeys: string[];
  /** format 2: probes ticked as asked */
  probeKeys?: string[];
  /** format 2: the level read from the interview */
  levelSignal?: LevelSignal | null;
  quickNotes: { elapsedMinute: number; body: string; createdAt: number }[];
  submittedAt: number | null;
  updatedAt: number;
  amendCount: number;
  lastAmendReason: string | null;
}

/**
 * A scorecard that is not submitted (a draft, or recused): that it exists, where, its state and
 * when it was last saved, never its content. Its content reaches nobody but its author, so the
 * review queries do not even select it (db/queries/review/inputs.server.ts).
 */
export interface UncountedScorecardInput {
  id: string;
  interviewId: string;
  panelist: PanelistRef;
  status: Exclude<ScorecardStatus, "submitted">;
  /** last save (or the recusal) */
  updatedAt: number;
}

export type ScorecardInput = SubmittedScorecardInput | UncountedScorecardInput;

export interface InterviewInput {
  id: string;
  exerciseKey: string;
  position: number;
  scheduledAt: number | null;
  durationMinutes: number;
}

/** One loop, as the aggregation engine needs it. */
export interface LoopAggregationInput {
  loopId: string;
  status: LoopStatus;
  rubric: RubricContent;
  /** dimension key -> percent (sum 100). null = the rubric's default weights. */
  weights: Record<string, number> | null;
  interviews: InterviewInput[];
  scorecards: ScorecardInput[];
}

/**
 * A submitted rating from the calibration population (all loops): who rated which
 * dimension of which loop, and the score. Used to estimate each interviewer's leniency.
 */
export interface CalibrationRating {
  loopId: string;
  dimensionKey: string;
  panelistId: string;
  panelistName: string;
  score: RatingScore;
}

// ------------------------------------------------------------------ output

export interface DimensionRatingOut {
  panelistId: string;
  panelistName: string;
  scorecardId: string;
  interviewId: string;
  exerciseKey: string;
  score: RatingScore | null;
  notAssessed: boolean;
  evidence: string;
  /** true when this rating is >= 2 points from the dimension's median */
  outlier: boolean;
  /** evidence shorter than the thin-evidence threshold */
  thinEvidence: boolean;
}

export interface DimensionAggregate {
  key: string;
  name: string;
  weight: number;
  ratings: DimensionRatingOut[];
  count: number;
  notAssessedCount: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  /** mean after removing each rater's calibration offset, clamped to [1,4] */
  calibratedMean: number | null;
  disagreement: boolean;
  belowBar: boolean;
}

export interface RecommendationDistribution {
  strong_no_hire: number;
  no_hire: number;
  hire: number;
  strong_hire: number;
}

export interface RaisedRedFlag {
  key: string;
  label: string;
  severity: RedFlagSeverity;
  raisedBy: { panelistId: string; panelistName: string; scorecardId: string; note: string }[];
}

export interface SignalTally {
  key: string;
  label: string;
  kind: "strong" | "weak";
  count: number;
  panelistNames: string[];
}

export interface ExerciseCoverage {
  interviewId: string;
  exerciseKey: string;
  exerciseTitle: string;
  scheduledAt: number | null;
  panelists: { panelistId: string; panelistName: string; scorecardId: string; status: ScorecardStatus }[];
  focusPoints: { key: string; label: string; coveredBy: string[] }[];
  /** format 2: the exercise's probes (core first) with who asked each (submitted scorecards) */
  probes: { key: string; question: string; core: boolean; askedBy: string[] }[];
  quickNotes: { panelistName: string; elapsedMinute: number; body: string; createdAt: number }[];
}

export interface InterviewerCalibration {
  panelistId: string;
  panelistName: string;
  /** comparable ratings: (loop, dimension) pairs where others also rated */
  sampleSize: number;
  /** raw mean of (own score - mean of the others' scores) */
  rawOffset: number;
  /** offset shrunk toward 0: rawOffset * n / (n + k) */
  offset: number;
  tendency: "lenient" | "severe" | "neutral";
}

export interface AgendaItem {
  kind: AgendaItemKind;
  title: string;
  detail: string;
  dimensionKey?: string;
  scorecardId?: string;
}

/** A submitted scorecard in full. */
export interface SubmittedScorecardOut {
  scorecardId: string;
  interviewId: string;
  exerciseKey: string;
  exerciseTitle: string;
  panelistId: string;
  panelistName: string;
  status: "submitted";
  recommendation: Recommendation | null;
  levelSignal: LevelSignal | null;
  summary: string;
  overrideJustification: string;
  submittedAt: number | null;
  amended: boolean;
  amendCount: number;
  lastAmendReason: string | null;
  ratings: {
    dimensionKey: string;
    dimensionName: string;
    score: RatingScore | null;
    notAssessed: boolean;
    evidence: string;
  }[];
  redFlags: { key: string; label: string; severity: RedFlagSeverity; note: string }[];
  signals: { key: string; label: string; kind: "strong" | "weak" }[];
}

/** A draft or recused scorecard: who, where, its state and last save; no content. */
export interface UncountedScorecardOut {
  scorecardId: string;
  interviewId: string;
  exerciseKey: string;
  exerciseTitle: string;
  panelistId: string;
  panelistName: string;
  status: Exclude<ScorecardStatus, "submitted">;
  lastSavedAt: number;
}

export type ScorecardSummaryOut = SubmittedScorecardOut | UncountedScorecardOut;

export interface LoopAggregate {
  loopId: string;
  status: LoopStatus;
  dimensions: DimensionAggregate[];
  coverage: {
    /** dimensions with fewer than two submitted ratings */
    thinDimensions: string[];
    missingScorecards: {
      scorecardId: string;
      panelistName: string;
      interviewId: string;
      exerciseTitle: string;
      status: ScorecardStatus;
    }[];
    recused: { scorecardId: string; panelistName: string }[];
    submitted: number;
    assigned: number;
    /** submitted / assigned (recused excluded); 0 when nothing is assigned */
    completeness: number;
    complete: boolean;
  };
  composite: {
    raw: number | null;
    calibrated: number | null;
    /** dimension keys excluded from the composite because nobody rated them (or weight 0) */
    excluded: string[];
  };
  recommendations: {
    distribution: RecommendationDistribution;
    consensus: Consensus;
    total: number;
  };
  redFlags: RaisedRedFlag[];
  signals: SignalTally[];
  exercises: ExerciseCoverage[];
  calibration: InterviewerCalibration[];
  /** format 2: the rubric's decision rule applied to the submitted feedback; null for format 1 */
  decisionRule: DecisionRuleOutcome | null;
  agenda: AgendaItem[];
  scorecards: ScorecardSummaryOut[];
}

/** Loop facts the packet and the review page show next to the aggregate. */
export interface LoopFacts {
  loopId: string;
  candidate: { name: string; email: string; currentTitle: string };
  roleTitle: string;
  rubricName: string;
  rubricVersion: number;
  hiringManager: string;
  recruiter: string | null;
  status: LoopStatus;
  createdAt: number;
  firstInterviewAt: number | null;
  lastInterviewAt: number | null;
  decision: {
    decision: Decision;
    rationale: string;
    decidedBy: string;
    decidedAt: number;
    /** a decision against the rubric's signals: the written override and the grounds it answered */
    override?: DecisionOverride | null;
  } | null;
  /** the debrief meeting, when one was held (app/domain/debrief) */
  debrief?: DebriefRecord | null;
  /** evidence-lint findings kept as job-related, by SUBMITTED scorecard id (drafts never appear) */
  evidenceAcknowledgements?: Record<string, StoredAcknowledgement[]>;
  /** `change`: what the entry changed, reduced to what its sentence needs (./audit-sentences.ts) */
  audit: {
    at: number;
    actorName: string;
    action: string;
    entity: string;
    reason: string | null;
    change?: AuditChange | null;
    /** what a decision entry decided ("Hire"), in words */
    verdict?: string | null;
  }[];
}

/** The override of a decision against the rubric's signals, as recorded (app/domain/review/override.ts). */
export interface DecisionOverride {
  text: string;
  grounds: OverrideGround[];
}

/** The debrief meeting as the loop's record keeps it: who ran it, who attended, what was concluded per item. */
export interface DebriefRecord {
  status: DebriefStatus;
  facilitator: string;
  startedAt: number;
  concludedAt: number | null;
  attendees: { name: string; role: DebriefRole; joinedAt: number }[];
  items: { title: string; conclusion: string; revealed: boolean; elapsedMs: number; notedBy: string | null }[];
}
