/**
 * The PDF packet's view model: aggregate + loop facts + rubric in, plain pre-formatted strings and
 * rows out, one part per packet section. Pure (no IO, no clock, no locale): the same input always
 * gives the same model. The one outside fact is the time of the request (`generatedAt`, passed
 * in): it is printed as "Generated" and is not part of the content fingerprint, so the same data
 * gives the same fingerprint and the same pages whenever it is rendered. The renderer
 * (app/pdf/packet.server.ts) only lays this out; it never computes or formats a score.
 */
import { clockLabel } from "../debrief/rules";
import type {
  DebriefRecord,
  DimensionAggregate,
  DimensionRatingOut,
  LoopAggregate,
  LoopFacts,
  SubmittedScorecardOut,
  UncountedScorecardOut,
} from "../review/types";
import { compareText } from "../review/calibrate";
import { type HeatmapColumn, type HeatmapRow, buildHeatmapGrid } from "../review/heatmap";
import {
  foldToAscii,
  formatList,
  formatPercent,
  formatRange,
  formatScore,
  formatSigned,
  NO_SCORE,
  stripInvisible,
} from "../shared/format";
import {
  AGENDA_ITEM_KIND_LABELS,
  BAR_SCORE,
  CONSENSUS_LABELS,
  DEBRIEF_ROLE_LABELS,
  DECISION_LABELS,
  LOOP_STATUS_LABELS,
  RATING_LABELS,
  RATING_SCORES,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  RED_FLAG_SEVERITY_LABELS,
  SCORECARD_STATUS_COUNTING_LABELS,
  SIGNAL_KIND_LABELS,
  type AgendaItemKind,
  type Consensus,
  type RatingScore,
  type Recommendation,
  type RedFlagSeverity,
  type ScorecardStatus,
} from "../vocabulary";
import { type RubricContent } from "../rubric/model";
import {
  type ArtifactFigureModel,
  type ArtifactListEntry,
  type PacketArtifactInput,
  packetArtifactFigures,
} from "./artifacts";
import { auditSentence } from "../review/audit-sentences";
import { keptFindingsReview, quotablePart } from "../review/evidence-review";

// ------------------------------------------------------------------ model types

export interface LabelValue {
  label: string;
  value: string;
}

export interface CoverModel {
  eyebrow: string;
  candidateName: string;
  /** current title and e-mail, joined; may be empty */
  candidateLine: string;
  roleTitle: string;
  facts: LabelValue[];
  /** null when every assigned scorecard is submitted */
  draft: { title: string; lines: string[] } | null;
  /** a plain first-page statement when no or few scorecards are in; empty otherwise */
  statusNote: string;
  confidentiality: string;
}

export interface Highlight {
  dimensionName: string;
  mean: number | null;
  meanLabel: string;
  quote: string;
  /** "Name, Exercise"; empty when there is no quote */
  quoteBy: string;
  /** how many submitted scorecards the mean rests on: "from 1 scorecard" */
  basis: string;
}

/** A decision against the rubric's signals, as the packet prints it beside the decision. */
export interface OverrideModel {
  /** "Override of: open dealbreaker “…” raised by …; …" */
  title: string;
  grounds: string[];
  text: string;
}

export interface SummaryModel {
  composite: { label: string; value: string; note: string }[];
  recommendations: { key: Recommendation; label: string; count: number }[];
  recommendationTotal: number;
  consensus: Consensus;
  consensusLabel: string;
  coverageLabel: string;
  dealbreakers: { label: string; raisedBy: string }[];
  /** format 2: the rubric's decision rule and what it says for this loop; null for format 1 */
  decisionRule: { statement: string; outcome: string; alert: boolean } | null;
  strongest: Highlight[];
  weakest: Highlight[];
  /** said under "Strongest/Weakest dimensions" when there is nothing to rank */
  noHighlights: string;
  /** how many scorecards the rankings rest on, said above them */
  rankingNote: string;
  /** the decision and its rationale (and override), on the summary page */
  decision: { headline: string; byLine: string; rationale: string; decided: boolean; override: OverrideModel | null };
}

export interface ChartsModel {
  scale: { score: RatingScore; label: string }[];
  /**
   * The review page's heatmap grid (app/domain/review/heatmap.ts) with every scorecard: drafts and
   * recused scorecards are rows too, greyed, with no counted ratings. `sublabel` is the row's
   * second line: the exercise, or why the row does not count.
   */
  heatmap: { columns: HeatmapColumn[]; rows: (HeatmapRow & { sublabel: string })[] };
  /** the heatmap's data in words (the figure's alternative text) */
  heatmapAlt: string;
  bars: {
    label: string;
    mean: number | null;
    calibratedMean: number | null;
    min: number | null;
    max: number | null;
    meanLabel: string;
    detail: string;
    belowBar: boolean;
    disagreement: boolean;
  }[];
  barScore: number;
  /** the bar chart's data in words (the figure's alternative text) */
  barsAlt: string;
}

export interface AgendaModel {
  items: { number: string; kind: AgendaItemKind; kindLabel: string; title: string; detail: string }[];
  empty: string;
}

export interface DimensionRatingModel {
  panelistName: string;
  exerciseTitle: string;
  score: RatingScore | null;
  scoreLabel: string;
  evidence: string;
  marks: string[];
  outlier: boolean;
}

export interface DimensionModel {
  key: string;
  name: string;
  description: string;
  weightLabel: string;
  statsLine: string;
  mean: number | null;
  disagreement: boolean;
  belowBar: boolean;
  /** "Disagreement: ratings 2–4" etc.; empty when none */
  callouts: string[];
  anchors: LabelValue[];
  ratings: DimensionRatingModel[];
  empty: string;
}

export interface FlagsModel {
  redFlags: {
    label: string;
    severity: RedFlagSeverity;
    severityLabel: string;
    raisedBy: { name: string; note: string }[];
  }[];
  noRedFlags: string;
  strongSignals: { label: string; count: number; names: string }[];
  weakSignals: { label: string; count: number; names: string }[];
}

export interface ExerciseModel {
  title: string;
  meta: string;
  panelists: LabelValue[];
  focusPoints: { label: string; covered: boolean; coveredBy: string }[];
  focusSummary: string;
  /** format 2: the probes (core first) and who asked each; empty for format 1 */
  probes: { question: string; asked: boolean; askedBy: string }[];
  probeSummary: string;
  notes: { time: string; panelistName: string; body: string }[];
  noNotes: string;
}

/** A submitted scorecard, in full. */
export interface ScorecardModel {
  panelistName: string;
  exerciseTitle: string;
  statusLabel: string;
  recommendationLabel: string;
  amended: { label: string; reason: string } | null;
  summary: string;
  overrideJustification: string;
  ratings: { dimensionName: string; score: RatingScore | null; scoreLabel: string; evidence: string }[];
  redFlags: { label: string; severity: RedFlagSeverity; severityLabel: string; note: string }[];
  signals: { label: string; kindLabel: string }[];
  /** pictures the panelist attached (./artifacts.ts) */
  artifacts: ArtifactFigureModel[];
}

/**
 * A draft or recused scorecard: one line with its state and the day of its last save; its content is
 * its author's alone. The day, not the minute: a draft autosaving during the interview would otherwise
 * change the packet (and render it again) every minute, and when a draft was last touched matters to
 * a packet's reader by the day ("nothing since Monday"), not by the minute.
 */
export interface UncountedScorecardModel {
  panelistName: string;
  exerciseTitle: string;
  status: Exclude<ScorecardStatus, "submitted">;
  /** "Draft — not submitted, not counted · last saved 14 Mar 2025" */
  stateLine: string;
}

export interface DecisionModel {
  decided: boolean;
  headline: string;
  lines: LabelValue[];
  rationale: string;
  /** the decision went against the rubric's signals: the written override and the grounds it answered */
  override: OverrideModel | null;
  /** the debrief meeting behind the decision: who ran and attended it, what was concluded per item */
  debrief: { lines: LabelValue[]; notes: { title: string; conclusion: string; time: string }[] } | null;
  calibration: { panelistName: string; sampleSize: string; rawOffset: string; offset: string; tendency: string }[];
  calibrationNote: string;
  noCalibration: string;
}

export interface AppendixModel {
  rubricTitle: string;
  rubricSummary: string;
  dimensions: { name: string; weightLabel: string; description: string; anchors: LabelValue[] }[];
  exercises: { title: string; meta: string; dimensions: string; focusPoints: string; prompt: string }[];
  redFlags: { label: string; severity: RedFlagSeverity; severityLabel: string; description: string }[];
  signals: { label: string; kindLabel: string }[];
  auditSummary: string;
  /** each entry as a sentence ("Aisha Bello amended Leadership 3 → 4: reason: …") */
  audit: { at: string; sentence: string; entity: string }[];
  /** every attached picture, by figure number */
  artifacts: ArtifactListEntry[];
  /** evidence-lint findings on protected characteristics that panelists kept as job-related, with their reason */
  overriddenFindings: {
    panelistName: string;
    exerciseTitle: string;
    field: string;
    sentence: string;
    category: string;
    reason: string;
  }[];
  overriddenFindingsNote: string;
}

export interface PacketModel {
  meta: {
    title: string;
    author: string;
    subject: string;
    keywords: string;
    /** the time of the request (epoch ms): CreationDate and "Generated"; not in the fingerprint */
    generatedAt: number;
    generatedAtLabel: string;
    /** the latest change the packet includes (epoch ms): "Data as of" */
    dataAsOf: number;
    dataAsOfLabel: string;
  };
  header: { candidateName: string; confidential: string };
  /** outline (bookmark) titles, in section order */
  sectionTitles: {
    cover: string;
    summary: string;
    charts: string;
    agenda: string;
    dimensions: string;
    flags: string;
    exercises: string;
    scorecards: string;
    decision: string;
    appendix: string;
  };
  cover: CoverModel;
  summary: SummaryModel;
  charts: ChartsModel;
  agenda: AgendaModel;
  dimensions: DimensionModel[];
  flags: FlagsModel;
  exercises: ExerciseModel[];
  /** submitted scorecards */
  scorecards: ScorecardModel[];
  /** drafts and recused scorecards, after the submitted ones */
  uncountedScorecards: UncountedScorecardModel[];
  uncountedTitle: string;
  decision: DecisionModel;
  appendix: AppendixModel;
}

// ------------------------------------------------------------------ formatting helpers

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A calendar date in UTC (never the server's time zone, so the packet is the same everywhere).
 * The packet's dates are all UTC and say so; the organisation-time formatters, which take a
 * zone, are in app/domain/shared/zoned-time.ts.
 * @example formatUtcDate(Date.UTC(2025, 2, 14)) // "14 Mar 2025"
 */
export function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()}`;
}

/** @example formatUtcDateTime(Date.UTC(2025, 2, 14, 9, 5)) // "14 Mar 2025, 09:05 UTC" */
export function formatUtcDateTime(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${formatUtcDate(ms)}, ${hh}:${mm} UTC`;
}

/**
 * A date range in UTC; one date when both ends fall on the same UTC day.
 * @example formatUtcDateRange(a, b) // "12 Mar 2025 – 14 Mar 2025"
 */
export function formatUtcDateRange(from: number | null, to: number | null): string {
  if (from === null && to === null) return "Not scheduled";
  const a = formatUtcDate(from ?? to ?? 0);
  const b = formatUtcDate(to ?? from ?? 0);
  return a === b ? a : `${a} – ${b}`;
}

/**
 * Free text as it should be printed: line endings unified, trailing spaces removed, at most one
 * blank line in a row, trimmed. Hostile input (500 line breaks) cannot produce pages of nothing.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A short quote from evidence: the first paragraph, cut at a sentence end or a word boundary
 * within `max` characters, with an ellipsis when cut.
 * @example excerpt("Designed the feature store. Then more.", 30) // "Designed the feature store."
 */
export function excerpt(text: string, max = 260): string {
  const first = (cleanText(text).split("\n")[0] ?? "").trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const sentence = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

function scoreLabel(score: RatingScore | null, notAssessed: boolean): string {
  if (notAssessed) return "Not assessed";
  if (score === null) return "Not rated";
  return `${score} · ${RATING_LABELS[score]}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const TENDENCY_LABELS = { lenient: "Lenient", severe: "Severe", neutral: "Neutral" } as const;

export const CONFIDENTIALITY_NOTICE =
  "Confidential. This packet holds the hiring panel's assessments of one candidate and is for the " +
  "panel, the hiring manager and the recruiter only. Do not forward it, share it outside the hiring " +
  "process or keep copies after the decision. Ratings judge the evidence observed in the interviews " +
  "against the rubric, not the person.";

// ------------------------------------------------------------------ the builder

/**
 * Build the packet's view model.
 *
 * @example
 * const model = buildPacketModel(aggregateLoop(input, calibration), facts, rubric);
 * model.cover.draft // null when every assigned scorecard is submitted
 */
export interface PacketOptions {
  /** the time of the request (epoch ms); tests and reproducible renders pass a fixed clock */
  generatedAt: number;
  /**
   * The viewer may not see interviewer calibration (a panelist's copy): the aggregate's
   * calibration table is empty on purpose, and the packet says so instead of "no data".
   */
  calibrationWithheld?: boolean;
  /** pictures attached to submitted scorecards (with their bytes, for the PDF) */
  artifacts?: readonly PacketArtifactInput[];
}

export function buildPacketModel(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions,
): PacketModel {
  const generatedAt = options.generatedAt;
  const dataAsOf = packetDataAsOf(aggregate, facts);
  const candidateName = facts.candidate.name.trim() || "Unnamed candidate";
  const rubricLabel = `${facts.rubricName} v${facts.rubricVersion}`;
  const submitted = aggregate.scorecards.flatMap((sc) => (sc.status === "submitted" ? [sc] : []));
  const dimensionNames = new Map(rubric.dimensions.map((d) => [d.key, d.name]));
  const figures = packetArtifactFigures(submitted, options.artifacts ?? [], (k) => dimensionNames.get(k));

  return {
    meta: {
      title: `Hiring packet: ${candidateName} — ${facts.roleTitle}`,
      author: "ArchPanel",
      subject: `Structured interview packet (${rubricLabel}) for ${candidateName}, ${facts.roleTitle}`,
      keywords: "hiring packet, structured interview, scorecards, confidential",
      generatedAt,
      generatedAtLabel: formatUtcDateTime(generatedAt),
      dataAsOf,
      dataAsOfLabel: formatUtcDateTime(dataAsOf),
    },
    // An incomplete loop says so on every page, not only on the cover.
    header: {
      candidateName,
      confidential: aggregate.coverage.complete ? "Confidential" : "DRAFT — incomplete · Confidential",
    },
    sectionTitles: {
      cover: "Cover",
      summary: "Executive summary",
      charts: "Scores at a glance",
      agenda: "Debrief agenda",
      dimensions: "Dimensions in detail",
      flags: "Red flags and signals",
      exercises: "Exercises",
      scorecards: "Scorecards",
      decision: "Decision and calibration",
      appendix: "Appendix: rubric and audit",
    },
    cover: buildCover(aggregate, facts, candidateName, rubricLabel, generatedAt, dataAsOf),
    summary: buildSummary(aggregate, facts),
    charts: buildCharts(aggregate),
    agenda: buildAgenda(aggregate),
    dimensions: aggregate.dimensions.map((d) => buildDimension(d, rubric)),
    flags: buildFlags(aggregate),
    exercises: aggregate.exercises.map((e) => buildExercise(e, rubric)),
    scorecards: submitted.map((sc) => ({
      ...buildScorecard(sc),
      artifacts: figures.byScorecard.get(sc.scorecardId) ?? [],
    })),
    uncountedScorecards: aggregate.scorecards.flatMap((sc) => (sc.status === "submitted" ? [] : [buildUncounted(sc)])),
    uncountedTitle: "Not submitted or recused (not counted)",
    decision: buildDecision(aggregate, facts, options.calibrationWithheld === true),
    appendix: { ...buildAppendix(aggregate, facts, rubric, rubricLabel), artifacts: figures.list },
  };
}

/**
 * "Data as of": the latest change the packet includes — the decision, audit events, submissions,
 * quick notes and the loop's creation. A scorecard not submitted counts only through its audit
 * events (a recusal): its saves change nothing the packet prints but its line's day.
 * Never a scheduled date (an interview still to come is not a change) and never the clock.
 */
export function packetDataAsOf(aggregate: LoopAggregate, facts: LoopFacts): number {
  let t = facts.createdAt;
  const see = (v: number | null | undefined): void => {
    if (typeof v === "number" && Number.isFinite(v) && v > t) t = v;
  };
  see(facts.decision?.decidedAt);
  for (const a of facts.audit) see(a.at);
  for (const sc of aggregate.scorecards) if (sc.status === "submitted") see(sc.submittedAt);
  for (const e of aggregate.exercises) for (const n of e.quickNotes) see(n.createdAt);
  return t;
}

function buildCover(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  candidateName: string,
  rubricLabel: string,
  generatedAt: number,
  dataAsOf: number,
): CoverModel {
  const cov = aggregate.coverage;
  const decision = facts.decision;
  // The role is the cover's subtitle; the list holds the other facts.
  const factsList: LabelValue[] = [
    { label: "Loop dates", value: formatUtcDateRange(facts.firstInterviewAt, facts.lastInterviewAt) },
    { label: "Rubric", value: rubricLabel },
    { label: "Hiring manager", value: facts.hiringManager },
  ];
  if (facts.recruiter) factsList.push({ label: "Recruiter", value: facts.recruiter });
  factsList.push(
    { label: "Status", value: LOOP_STATUS_LABELS[facts.status] },
    {
      label: "Decision",
      value: decision
        ? `${DECISION_LABELS[decision.decision]} (${decision.decidedBy}, ${formatUtcDate(decision.decidedAt)})`
        : "Pending",
    },
    {
      label: "Scorecards",
      value: `${cov.submitted} of ${cov.assigned} submitted (${formatPercent(cov.completeness)})${cov.recused.length ? `, ${cov.recused.length} recused` : ""}`,
    },
    { label: "Data as of", value: `${formatUtcDateTime(dataAsOf)} (the latest change included)` },
    { label: "Generated", value: formatUtcDateTime(generatedAt) },
  );

  let draft: CoverModel["draft"] = null;
  if (!cov.complete) {
    const lines: string[] = [];
    if (cov.missingScorecards.length > 0) {
      lines.push(
        `Missing: ${cov.missingScorecards
          .map((m) => `${m.panelistName} (${m.exerciseTitle}, ${m.status === "draft" ? "draft" : m.status})`)
          .join("; ")}.`,
      );
    } else if (cov.assigned === 0) {
      lines.push("No scorecards are assigned yet.");
    }
    const thin = aggregate.dimensions.filter((d) => cov.thinDimensions.includes(d.key)).map((d) => d.name);
    if (thin.length > 0) lines.push(`Fewer than two ratings: ${formatList(thin)}.`);
    lines.push("Scores and recommendations below count submitted scorecards only and may change.");
    draft = { title: "DRAFT — incomplete", lines };
  }

  const candidateLine = [facts.candidate.currentTitle.trim(), facts.candidate.email.trim()].filter(Boolean).join(" · ");
  return {
    eyebrow: "Hiring packet",
    candidateName,
    candidateLine,
    roleTitle: facts.roleTitle,
    facts: factsList,
    draft,
    statusNote: coverStatusNote(cov.submitted, cov.assigned),
    confidentiality: CONFIDENTIALITY_NOTICE,
  };
}

/**
 * What a packet with no or few submitted scorecards says first, in plain words.
 * @example coverStatusNote(0, 5) // "No scorecards are in yet (0 of 5 submitted): …"
 */
export function coverStatusNote(submitted: number, assigned: number): string {
  if (assigned === 0)
    return "No interviews have panelists yet, so there are no scorecards: this packet holds the loop's set-up only.";
  if (submitted === 0)
    return (
      `No scorecards are in yet (0 of ${assigned} submitted): this packet has no ratings, recommendations or ` +
      "evidence, only who is assigned and the rubric."
    );
  if (submitted * 2 < assigned)
    return (
      `Only ${submitted} of ${assigned} scorecards are in: every score and recommendation below rests on ` +
      `${submitted === 1 ? "one panelist" : `${submitted} panelists`} and may change.`
    );
  return "";
}

/** The rating a headline quotes, with the part it may quote. */
function bestRating(d: DimensionAggregate, pick: "high" | "low"): { rating: DimensionRatingOut; quote: string } | null {
  const ranked = d.ratings
    .filter((r) => r.score !== null)
    .sort((a, b) => {
      const s = pick === "high" ? (b.score ?? 0) - (a.score ?? 0) : (a.score ?? 0) - (b.score ?? 0);
      return s || b.evidence.trim().length - a.evidence.trim().length || compareText(a.panelistName, b.panelistName);
    });
  // A headline never quotes a sentence the evidence lint flags (acknowledged or not). Linting in
  // rank order and stopping at the first quotable rating gives the same pick as linting them all
  // (the sort is stable), at a fraction of the cost: the lint is most of the model's time.
  for (const rating of ranked) {
    const quote = quotablePart(rating.evidence);
    if (quote.trim().length > 0) return { rating, quote };
  }
  return null;
}

function highlight(
  d: DimensionAggregate,
  pick: "high" | "low",
  exerciseTitles: Map<string, string>,
): Omit<Highlight, "basis"> {
  const best = bestRating(d, pick);
  const r = best?.rating;
  return {
    dimensionName: d.name,
    mean: d.mean,
    meanLabel: formatScore(d.mean),
    quote: best ? excerpt(best.quote) : "",
    quoteBy: r ? `${r.panelistName}, ${exerciseTitles.get(r.interviewId) ?? r.exerciseKey}` : "",
  };
}

function buildSummary(aggregate: LoopAggregate, facts: LoopFacts): SummaryModel {
  const exerciseTitles = new Map(aggregate.exercises.map((e) => [e.interviewId, e.exerciseTitle]));
  const rated = aggregate.dimensions
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.mean !== null)
    .sort((a, b) => (b.d.mean ?? 0) - (a.d.mean ?? 0) || a.i - b.i);
  const strongest = rated.slice(0, 3);
  const rest = rated.filter((x) => !strongest.includes(x));
  const weakest = [...rest].sort((a, b) => (a.d.mean ?? 0) - (b.d.mean ?? 0) || a.i - b.i).slice(0, 3);

  const excluded = aggregate.composite.excluded;
  const excludedNames = aggregate.dimensions.filter((d) => excluded.includes(d.key)).map((d) => d.name);
  const rec = aggregate.recommendations;
  const cov = aggregate.coverage;
  return {
    composite: [
      {
        label: "Composite (raw)",
        value: formatScore(aggregate.composite.raw),
        note: `Weighted mean of dimension means, scale 1–4, bar ${BAR_SCORE}.${compositeExclusions(excludedNames, aggregate.dimensions.length)}`,
      },
      {
        label: "Composite (calibrated)",
        value: formatScore(aggregate.composite.calibrated),
        note: "Each rating adjusted for its interviewer's measured leniency or severity.",
      },
    ],
    recommendations: RECOMMENDATIONS.map((key) => ({
      key,
      label: RECOMMENDATION_LABELS[key],
      count: rec.distribution[key],
    })).reverse(),
    recommendationTotal: rec.total,
    consensus: rec.consensus,
    consensusLabel: CONSENSUS_LABELS[rec.consensus],
    coverageLabel: `${cov.submitted} of ${cov.assigned} scorecards submitted (${formatPercent(cov.completeness)})`,
    dealbreakers: aggregate.redFlags
      .filter((f) => f.severity === "dealbreaker")
      .map((f) => ({ label: f.label, raisedBy: formatList(f.raisedBy.map((r) => r.panelistName)) })),
    decisionRule: aggregate.decisionRule
      ? {
          statement: cleanText(aggregate.decisionRule.statement),
          outcome: cleanText(aggregate.decisionRule.verdictText),
          alert: aggregate.decisionRule.verdict !== "composite",
        }
      : null,
    strongest: strongest.map(({ d }) => ({ ...highlight(d, "high", exerciseTitles), basis: rankingBasis(d) })),
    weakest: weakest.map(({ d }) => ({ ...highlight(d, "low", exerciseTitles), basis: rankingBasis(d) })),
    noHighlights:
      rated.length === 0
        ? "No dimension has a submitted rating yet."
        : "Every rated dimension is listed under strongest dimensions.",
    rankingNote: rankingNote(rated.map(({ d }) => scorecardsBehind(d))),
    decision: summaryDecision(facts),
  };
}

/** The submitted scorecards a dimension's mean rests on (each scores a dimension once). */
function scorecardsBehind(d: DimensionAggregate): number {
  return new Set(d.ratings.filter((r) => r.score !== null).map((r) => r.scorecardId)).size;
}

/** @example rankingBasis(dimensionRatedOnce) // "from 1 scorecard" */
function rankingBasis(d: DimensionAggregate): string {
  return `from ${plural(scorecardsBehind(d), "scorecard")}`;
}

/**
 * What the strongest/weakest rankings rest on, said before them: a ranking of one scorecard's
 * ratings is one panelist's view, not the panel's.
 * @example rankingNote([1, 1]) // "Ranked by the mean of each dimension, every one from a single scorecard: …"
 */
export function rankingNote(scorecards: readonly number[]): string {
  if (scorecards.length === 0) return "";
  const least = Math.min(...scorecards);
  const most = Math.max(...scorecards);
  if (most <= 1)
    return "Ranked by the mean of each dimension, every one from a single scorecard: one panelist's view, not the panel's.";
  return least === most
    ? `Ranked by the mean of each dimension, each from ${plural(most, "scorecard")}.`
    : `Ranked by the mean of each dimension, from ${least} to ${plural(most, "scorecard")} each (said per dimension).`;
}

/** The override as the packet prints it; null when the decision followed the signals. */
export function overrideModel(decision: LoopFacts["decision"]): OverrideModel | null {
  const o = decision?.override;
  if (!o || o.grounds.length === 0) return null;
  const grounds = o.grounds.map((g) => cleanText(g.text));
  return { title: `Override of: ${grounds.join("; ")}`, grounds, text: cleanText(o.text) };
}

/** What the composite leaves out; with nothing rated yet, that plainly, not a list of every dimension. */
function compositeExclusions(excludedNames: readonly string[], dimensionCount: number): string {
  if (excludedNames.length === 0) return "";
  if (excludedNames.length === dimensionCount) return " No submitted ratings yet.";
  return ` Excludes ${formatList(excludedNames)} (no ratings).`;
}

function summaryDecision(facts: LoopFacts): SummaryModel["decision"] {
  const d = facts.decision;
  if (!d)
    return {
      decided: false,
      headline: "Pending",
      byLine: `Loop status: ${LOOP_STATUS_LABELS[facts.status]}`,
      rationale: "No decision has been recorded yet.",
      override: null,
    };
  const override = overrideModel(d);
  return {
    decided: true,
    headline: override ? `${DECISION_LABELS[d.decision]} (override)` : DECISION_LABELS[d.decision],
    byLine: `Recorded by ${d.decidedBy}, ${formatUtcDateTime(d.decidedAt)}`,
    rationale: cleanText(d.rationale) || "No rationale recorded.",
    override,
  };
}

function buildCharts(aggregate: LoopAggregate): ChartsModel {
  const dims = aggregate.dimensions;
  const grid = buildHeatmapGrid(aggregate, { uncounted: true });
  // The row's second line: the exercise, or why the row has no counted ratings (short: it must fit).
  const rows = grid.rows.map((row) => ({
    ...row,
    sublabel: row.counted
      ? row.exerciseTitle
      : row.status === "draft"
        ? "Not submitted (not counted)"
        : "Recused (not counted)",
  }));
  const bars = dims.map((d) => ({
    label: d.name,
    mean: d.mean,
    calibratedMean: d.calibratedMean,
    min: d.min,
    max: d.max,
    meanLabel: formatScore(d.mean),
    detail:
      d.count === 0
        ? "no ratings"
        : `${plural(d.count, "rating")}, range ${formatRange(d.min ?? 0, d.max ?? 0)}, calibrated ${formatScore(d.calibratedMean)}`,
    belowBar: d.belowBar,
    disagreement: d.disagreement,
  }));
  return {
    scale: RATING_SCORES.map((score) => ({ score, label: RATING_LABELS[score] })),
    heatmap: { columns: grid.columns, rows },
    heatmapAlt: heatmapAlt(grid.columns, rows),
    bars,
    barScore: BAR_SCORE,
    barsAlt:
      `Bar chart of each dimension's mean rating with the range from lowest to highest rating, on the scale 1 to 4; ` +
      `the bar is ${BAR_SCORE} (${RATING_LABELS[BAR_SCORE]}). ` +
      bars
        .map(
          (b) =>
            `${b.label}: ${b.mean === null ? "no ratings" : `mean ${b.meanLabel}, ${b.detail}`}` +
            `${b.belowBar ? ", below the bar" : ""}${b.disagreement ? ", the panel disagrees" : ""}.`,
        )
        .join(" "),
  };
}

/** The heatmap in words, row by row: what a reader who cannot see the colours needs. */
function heatmapAlt(columns: readonly HeatmapColumn[], rows: readonly (HeatmapRow & { sublabel: string })[]): string {
  if (rows.length === 0) return "Heatmap of ratings: no scorecards yet.";
  const scale = RATING_SCORES.map((s) => `${s} ${RATING_LABELS[s]}`).join(", ");
  const parts = [`Heatmap of ratings, one row per scorecard and one column per dimension, on the scale ${scale}.`];
  for (const row of rows) {
    if (!row.counted) {
      parts.push(`${row.panelistName}, ${row.sublabel}: no counted ratings.`);
      continue;
    }
    const cells = row.cells.map((c, i) => {
      const name = columns[i]?.name ?? c.dimensionKey;
      if (c.state === "scored" && c.score !== null) return `${name} ${c.score}${c.outlier ? " (outlier)" : ""}`;
      return `${name} ${c.state === "not_assessed" ? "not assessed" : "not rated"}`;
    });
    parts.push(`${row.panelistName}, ${row.sublabel}: ${cells.join(", ")}.`);
  }
  const disagreed = columns.filter((c) => c.disagreement).map((c) => c.name);
  if (disagreed.length > 0) parts.push(`The panel disagrees on ${formatList(disagreed)}.`);
  return parts.join(" ");
}

function buildAgenda(aggregate: LoopAggregate): AgendaModel {
  return {
    items: aggregate.agenda.map((a, i) => ({
      number: String(i + 1),
      kind: a.kind,
      kindLabel: AGENDA_ITEM_KIND_LABELS[a.kind],
      title: cleanText(a.title),
      detail: cleanText(a.detail),
    })),
    empty:
      "Nothing needs discussion: no dealbreakers, disagreements, below-bar dimensions, thin evidence or missing scorecards.",
  };
}

function buildDimension(d: DimensionAggregate, rubric: RubricContent): DimensionModel {
  const rd = rubric.dimensions.find((x) => x.key === d.key);
  const callouts: string[] = [];
  if (d.disagreement)
    callouts.push(
      `Disagreement: ratings span ${formatRange(d.min ?? 0, d.max ?? 0)} (spread ${d.spread ?? NO_SCORE}). Discuss before deciding.`,
    );
  if (d.belowBar)
    callouts.push(`Below bar: mean ${formatScore(d.mean)} is under ${BAR_SCORE} (${RATING_LABELS[BAR_SCORE]}).`);
  if (d.count < 2) callouts.push(`Thin coverage: ${plural(d.count, "submitted rating")}.`);
  const stats =
    d.count === 0
      ? `No ratings yet · weight ${d.weight}%`
      : [
          `Mean ${formatScore(d.mean)}`,
          `median ${formatScore(d.median)}`,
          `range ${formatRange(d.min ?? 0, d.max ?? 0)}`,
          `calibrated ${formatScore(d.calibratedMean)}`,
          plural(d.count, "rating") + (d.notAssessedCount ? `, ${d.notAssessedCount} not assessed` : ""),
          `weight ${d.weight}%`,
        ].join(" · ");
  return {
    key: d.key,
    name: d.name,
    description: rd?.description ?? "",
    weightLabel: `${d.weight}%`,
    statsLine: stats,
    mean: d.mean,
    disagreement: d.disagreement,
    belowBar: d.belowBar,
    callouts,
    anchors: rd
      ? [
          { label: "Below bar (1–2)", value: rd.anchors.belowBar },
          { label: "Meets bar (3)", value: rd.anchors.meetsBar },
          { label: "Exceeds (4)", value: rd.anchors.exceeds },
        ]
      : [],
    ratings: d.ratings.map((r) => {
      const marks: string[] = [];
      if (r.outlier) marks.push("Outlier: 2+ points from the median");
      if (r.thinEvidence) marks.push("Thin evidence");
      return {
        panelistName: r.panelistName,
        exerciseTitle: rubric.exercises.find((e) => e.key === r.exerciseKey)?.title ?? r.exerciseKey,
        score: r.notAssessed ? null : r.score,
        scoreLabel: scoreLabel(r.score, r.notAssessed),
        evidence: cleanText(r.evidence) || "No evidence written.",
        marks,
        outlier: r.outlier,
      };
    }),
    empty: "No submitted ratings for this dimension.",
  };
}

function buildFlags(aggregate: LoopAggregate): FlagsModel {
  const signals = aggregate.signals.filter((s) => s.count > 0);
  const toRow = (s: (typeof signals)[number]) => ({
    label: s.label,
    count: s.count,
    names: formatList(s.panelistNames),
  });
  return {
    redFlags: aggregate.redFlags.map((f) => ({
      label: f.label,
      severity: f.severity,
      severityLabel: RED_FLAG_SEVERITY_LABELS[f.severity],
      raisedBy: f.raisedBy.map((r) => ({ name: r.panelistName, note: cleanText(r.note) })),
    })),
    noRedFlags: "No red flags were raised on submitted scorecards.",
    strongSignals: signals.filter((s) => s.kind === "strong").map(toRow),
    weakSignals: signals.filter((s) => s.kind === "weak").map(toRow),
  };
}

function buildExercise(e: LoopAggregate["exercises"][number], rubric: RubricContent): ExerciseModel {
  const rx = rubric.exercises.find((x) => x.key === e.exerciseKey);
  const covered = e.focusPoints.filter((f) => f.coveredBy.length > 0).length;
  const meta = [
    e.scheduledAt !== null ? formatUtcDateTime(e.scheduledAt) : "Not scheduled",
    rx ? `${rx.durationMinutes} min` : "",
    plural(e.panelists.length, "panelist"),
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    title: e.exerciseTitle,
    meta,
    panelists: e.panelists.map((p) => ({ label: p.panelistName, value: SCORECARD_STATUS_COUNTING_LABELS[p.status] })),
    focusPoints: e.focusPoints.map((f) => ({
      label: f.label,
      covered: f.coveredBy.length > 0,
      coveredBy: f.coveredBy.length > 0 ? formatList(f.coveredBy) : "Not covered",
    })),
    focusSummary: `${covered} of ${e.focusPoints.length} focus points covered`,
    probes: e.probes.map((q) => ({
      question: `${q.core ? "" : "(optional) "}${cleanText(q.question)}`,
      asked: q.askedBy.length > 0,
      askedBy: q.askedBy.length > 0 ? formatList(q.askedBy) : "Not asked",
    })),
    probeSummary: `${e.probes.filter((q) => q.core && q.askedBy.length > 0).length} of ${e.probes.filter((q) => q.core).length} core probes asked`,
    notes: e.quickNotes.map((n) => ({
      time: `+${n.elapsedMinute} min`,
      panelistName: n.panelistName,
      body: cleanText(n.body),
    })),
    noNotes: "No quick notes.",
  };
}

function buildScorecard(sc: SubmittedScorecardOut): Omit<ScorecardModel, "artifacts"> {
  const statusLabel =
    sc.submittedAt !== null
      ? `Submitted ${formatUtcDateTime(sc.submittedAt)}`
      : SCORECARD_STATUS_COUNTING_LABELS[sc.status];
  return {
    panelistName: sc.panelistName,
    exerciseTitle: sc.exerciseTitle,
    statusLabel,
    recommendationLabel: sc.recommendation ? RECOMMENDATION_LABELS[sc.recommendation] : "No recommendation",
    amended: sc.amended
      ? {
          label: sc.amendCount > 1 ? `Amended (${sc.amendCount} times)` : "Amended",
          reason: cleanText(sc.lastAmendReason ?? "") || "No reason recorded.",
        }
      : null,
    summary: cleanText(sc.summary),
    overrideJustification: cleanText(sc.overrideJustification),
    ratings: sc.ratings.map((r) => ({
      dimensionName: r.dimensionName,
      score: r.notAssessed ? null : r.score,
      scoreLabel: scoreLabel(r.score, r.notAssessed),
      evidence: cleanText(r.evidence) || "No evidence written.",
    })),
    redFlags: sc.redFlags.map((f) => ({
      label: f.label,
      severity: f.severity,
      severityLabel: RED_FLAG_SEVERITY_LABELS[f.severity],
      note: cleanText(f.note),
    })),
    signals: sc.signals.map((s) => ({
      label: s.label,
      kindLabel: `${SIGNAL_KIND_LABELS[s.kind]} signal`,
    })),
  };
}

function buildUncounted(sc: UncountedScorecardOut): UncountedScorecardModel {
  return {
    panelistName: sc.panelistName,
    exerciseTitle: sc.exerciseTitle,
    status: sc.status,
    stateLine: `${SCORECARD_STATUS_COUNTING_LABELS[sc.status]} · last saved ${formatUtcDate(sc.lastSavedAt)}`,
  };
}

function buildDecision(aggregate: LoopAggregate, facts: LoopFacts, calibrationWithheld: boolean): DecisionModel {
  const d = facts.decision;
  const override = overrideModel(d);
  return {
    decided: d !== null,
    headline: d ? `${DECISION_LABELS[d.decision]}${override ? " (override)" : ""}` : "Pending",
    lines: d
      ? [
          { label: "Decided by", value: d.decidedBy },
          { label: "Decided at", value: formatUtcDateTime(d.decidedAt) },
          { label: "Loop status", value: LOOP_STATUS_LABELS[facts.status] },
        ]
      : [{ label: "Loop status", value: LOOP_STATUS_LABELS[facts.status] }],
    rationale: d ? cleanText(d.rationale) || "No rationale recorded." : "No decision has been recorded yet.",
    override,
    debrief: buildDebrief(facts.debrief ?? null),
    calibration: aggregate.calibration.map((c) => ({
      panelistName: c.panelistName,
      sampleSize: String(c.sampleSize),
      rawOffset: formatSigned(c.rawOffset),
      offset: formatSigned(c.offset),
      tendency: TENDENCY_LABELS[c.tendency],
    })),
    calibrationNote:
      "Offsets compare each interviewer's ratings with colleagues who rated the same dimension of the same " +
      "loop, across all loops. The raw offset is shrunk toward 0 when there are few comparable ratings; " +
      "calibrated means subtract it. Use it as context in the debrief, not as a correction of anyone's judgement.",
    noCalibration: calibrationWithheld
      ? "Interviewer calibration is shown to the hiring manager, recruiters and admins only."
      : "No calibration data for this panel yet.",
  };
}

function buildDebrief(debrief: DebriefRecord | null): DecisionModel["debrief"] {
  if (!debrief) return null;
  const held = `${formatUtcDateTime(debrief.startedAt)} – ${
    debrief.concludedAt === null ? "not concluded" : formatUtcDateTime(debrief.concludedAt)
  }`;
  return {
    lines: [
      { label: "Facilitator", value: debrief.facilitator },
      { label: "Held", value: held },
      {
        label: "Attended",
        value:
          debrief.attendees.map((a) => `${a.name} (${DEBRIEF_ROLE_LABELS[a.role].toLowerCase()})`).join(", ") || "—",
      },
    ],
    notes: debrief.items.map((i) => ({
      title: i.title,
      conclusion: cleanText(i.conclusion) || (i.revealed ? "No conclusion noted." : "Not discussed."),
      time: clockLabel(i.elapsedMs),
    })),
  };
}

function buildAppendix(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  rubricLabel: string,
): Omit<AppendixModel, "artifacts"> {
  const dimName = new Map(rubric.dimensions.map((d) => [d.key, d.name]));
  const flagName = new Map(rubric.redFlags.map((f) => [f.key, f.label]));
  const signalName = new Map(rubric.signals.map((x) => [x.key, x.label]));
  const names = {
    dimension: (k: string) => dimName.get(k) ?? k,
    redFlag: (k: string) => flagName.get(k) ?? k,
    signal: (k: string) => signalName.get(k) ?? k,
  };
  const audit = [...facts.audit].sort((a, b) => a.at - b.at);
  const actors = new Map<string, number>();
  for (const a of audit) actors.set(a.actorName, (actors.get(a.actorName) ?? 0) + 1);
  const actorList = [...actors.entries()]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([name, n]) => `${name} (${n})`);
  const first = audit[0];
  const last = audit[audit.length - 1];
  const auditSummary =
    audit.length === 0
      ? "No audit events recorded."
      : `${plural(audit.length, "event")} from ${formatUtcDateTime(first?.at ?? 0)} to ${formatUtcDateTime(last?.at ?? 0)}. ` +
        `By: ${actorList.join(", ")}. Amendments: ${audit.filter((a) => /amend/i.test(a.action)).length}.`;
  return {
    rubricTitle: `${rubricLabel}: ${rubric.roleTitle}`,
    rubricSummary: cleanText(rubric.summary),
    dimensions: rubric.dimensions.map((d) => ({
      name: d.name,
      weightLabel: `${d.weight}%`,
      description: d.description,
      anchors: [
        { label: "Below bar", value: d.anchors.belowBar },
        { label: "Meets bar", value: d.anchors.meetsBar },
        { label: "Exceeds", value: d.anchors.exceeds },
      ],
    })),
    exercises: rubric.exercises.map((e) => ({
      title: e.title,
      meta: `${e.durationMinutes} min`,
      dimensions: formatList(e.dimensionKeys.map((k) => dimName.get(k) ?? k)),
      focusPoints: e.focusPoints.map((f) => f.label).join(" · "),
      prompt: cleanText(e.prompt),
    })),
    redFlags: rubric.redFlags.map((f) => ({
      label: f.label,
      severity: f.severity,
      severityLabel: RED_FLAG_SEVERITY_LABELS[f.severity],
      description: f.description,
    })),
    signals: rubric.signals.map((s) => ({ label: s.label, kindLabel: SIGNAL_KIND_LABELS[s.kind] })),
    auditSummary,
    audit: audit.map((a) => ({
      at: formatUtcDateTime(a.at),
      sentence: auditSentence({ ...a, reason: cleanText(a.reason ?? "") }, names),
      entity: a.entity,
    })),
    ...overriddenFindingsOf(aggregate, facts),
  };
}

function overriddenFindingsOf(
  aggregate: LoopAggregate,
  facts: LoopFacts,
): Pick<AppendixModel, "overriddenFindings" | "overriddenFindingsNote"> {
  const overriddenFindings = keptFindingsReview(aggregate, facts).flatMap((row) =>
    row.overridden.map((o) => ({
      panelistName: row.panelistName,
      exerciseTitle: row.exerciseTitle,
      field: o.fieldLabel,
      sentence: cleanText(o.sentence),
      category: o.categoryLabel,
      reason: cleanText(o.reason),
    })),
  );
  return {
    overriddenFindings,
    overriddenFindingsNote:
      overriddenFindings.length === 0
        ? "No panelist kept a remark the evidence check flags as touching a protected characteristic."
        : `${plural(overriddenFindings.length, "remark")} touching a protected characteristic kept by the panelist as job-related, with the reason given. These sentences are never quoted as headlines.`,
  };
}

// ------------------------------------------------------------------ download file name

/**
 * The packet's download file name: `<candidate>-packet.pdf`, in an ASCII-safe form for the plain
 * `filename=` parameter (diacritics folded, anything else replaced by "-") and the exact UTF-8 name.
 *
 * @example packetFileNames("Renée Łaska-Okafor") // { ascii: "Renee-Laska-Okafor-packet.pdf", utf8: "Renée Łaska-Okafor-packet.pdf" }
 * @example packetFileNames("王芳").ascii // "candidate-packet.pdf"
 */
export function packetFileNames(candidateName: string): { ascii: string; utf8: string } {
  const name = stripInvisible(candidateName).normalize("NFC").trim();
  const ascii = foldToAscii(name)
    .replace(/[^A-Za-z0-9._]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
  // The UTF-8 name keeps the visible text (controls and bidi overrides are gone) but never a path
  // separator or a quote.
  // (cut by code points: half an emoji would make the header unencodable)
  const utf8 =
    Array.from(name.replace(/[/\\"]+/g, "-"))
      .slice(0, 120)
      .join("") || "candidate";
  return { ascii: `${ascii || "candidate"}-packet.pdf`, utf8: `${utf8}-packet.pdf` };
}

/**
 * `Content-Disposition` for the packet download (RFC 6266 + RFC 8187): an ASCII fallback and the
 * exact name as `filename*=UTF-8''…`.
 *
 * @example packetContentDisposition("Zoë Ång") // `attachment; filename="Zoe-Ang-packet.pdf"; filename*=UTF-8''Zo%C3%AB%20%C3%85ng-packet.pdf`
 */
export function packetContentDisposition(candidateName: string): string {
  const { ascii, utf8 } = packetFileNames(candidateName);
  const encoded = encodeURIComponent(utf8).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
