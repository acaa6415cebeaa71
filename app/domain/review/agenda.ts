/**
 * The debrief agenda: what the panel must talk about, most important first. Built from the
 * already-aggregated loop, so it never recomputes a score. Pure; no IO.
 */
import type {
  AgendaItem,
  DimensionAggregate,
  DimensionRatingOut,
  LoopAggregate,
  RaisedRedFlag,
  ScorecardSummaryOut,
} from "./types";
import { BAR_SCORE, RATING_LABELS, RECOMMENDATION_LABELS, isPositiveRecommendation } from "../vocabulary";
import { formatList, formatRange, formatScore } from "../shared/format";
import { describeLevels, type DecisionRuleOutcome } from "./decision-rule";

/** Evidence shorter than this (after trimming) is "thin": the score is not backed by what was observed. */
export const THIN_EVIDENCE_CHARS = 80;

/**
 * true when a scored rating's evidence, trimmed, is shorter than {@link THIN_EVIDENCE_CHARS}.
 * A "not assessed" rating needs no evidence, so it is never thin.
 *
 * @example
 * isThinEvidence(3, "Good.")        // true
 * isThinEvidence(null, "")          // false
 */
export function isThinEvidence(score: number | null, evidence: string): boolean {
  return score !== null && evidence.trim().length < THIN_EVIDENCE_CHARS;
}

export interface AgendaInput {
  dimensions: DimensionAggregate[];
  redFlags: RaisedRedFlag[];
  scorecards: ScorecardSummaryOut[];
  coverage: Pick<LoopAggregate["coverage"], "missingScorecards" | "recused">;
  /** format 2: the rubric's decision rule applied (null or absent for format 1) */
  decisionRule?: DecisionRuleOutcome | null;
}

/**
 * Build the debrief agenda, in this order (each section keeps the order given below):
 *  1. dealbreaker red flags (as ordered in `redFlags`: most raisers first, then rubric order);
 *  2. overrides: a submitted hire / strong-hire recommendation on a scorecard that itself ticked a
 *     dealbreaker, with the panelist's justification;
 *  3. disagreements, largest spread first (ties: rubric order);
 *  4. dimensions below the bar, lowest mean first (ties: rubric order);
 *  5. thin-evidence ratings (rubric order, then rating order);
 *  6. missing scorecards; 7. recusals.
 *
 * With a decision rule (format 2), its must-have dimensions below the bar (lowest mean first) and a
 * split of level signals more than one step apart come right after the dealbreakers, and a
 * must-have dimension is not listed again under "below bar".
 *
 * @example
 * buildDebriefAgenda(parts)[0]
 * // { kind: "dealbreaker", title: "Dealbreaker: Fabricated results", detail: "Raised by Ada: “…”." }
 */
export function buildDebriefAgenda(input: AgendaInput): AgendaItem[] {
  const rule = input.decisionRule ?? null;
  const mustHave = new Set(rule?.mustHaveBelowBar.map((d) => d.key) ?? []);
  return [
    ...dealbreakerItems(input.redFlags),
    ...(rule ? mustHaveItems(rule, input.dimensions) : []),
    ...(rule?.levelSplit ? [levelSplitItem(rule.levelSplit)] : []),
    ...overrideItems(input.scorecards),
    ...disagreementItems(input.dimensions),
    ...belowBarItems(input.dimensions.filter((d) => !mustHave.has(d.key))),
    ...thinEvidenceItems(input.dimensions),
    ...missingScorecardItems(input.coverage.missingScorecards),
    ...recusalItems(input.coverage.recused),
  ];
}

function quoted(note: string): string {
  const t = note.trim();
  return t ? `: “${t}”` : "";
}

/** Ends a sentence with a full stop unless a quoted note already closed it (no “…outage.”.). */
function endSentence(text: string): string {
  return /[.!?…]["”’)]?$/.test(text) ? text : `${text}.`;
}

function dealbreakerItems(flags: readonly RaisedRedFlag[]): AgendaItem[] {
  return flags
    .filter((f) => f.severity === "dealbreaker")
    .map((f) => ({
      kind: "dealbreaker" as const,
      title: `Dealbreaker: ${f.label}`,
      detail: endSentence(`Raised by ${f.raisedBy.map((r) => `${r.panelistName}${quoted(r.note)}`).join("; ")}`),
    }));
}

function mustHaveItems(rule: DecisionRuleOutcome, dimensions: readonly DimensionAggregate[]): AgendaItem[] {
  const byKey = new Map(dimensions.map((d) => [d.key, d]));
  return [...rule.mustHaveBelowBar]
    .sort((a, b) => a.mean - b.mean) // stable: ties keep rubric order
    .map((d) => ({
      kind: "must_have_below_bar" as const,
      title: `${d.name}: must-have, below bar (mean ${formatScore(d.mean)})`,
      detail: `${describeRatings(byKey.get(d.key)?.ratings ?? [])}. A must-have dimension below the bar (${BAR_SCORE}) is discussed before the composite score.`,
      dimensionKey: d.key,
    }));
}

function levelSplitItem(levels: NonNullable<DecisionRuleOutcome["levelSplit"]>): AgendaItem {
  return {
    kind: "level_split",
    title: "Level signals more than one step apart",
    detail: `${describeLevels(levels)}. Agree which level the evidence supports.`,
  };
}

function overrideItems(scorecards: readonly ScorecardSummaryOut[]): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const sc of scorecards) {
    if (sc.status !== "submitted" || !sc.recommendation || !isPositiveRecommendation(sc.recommendation)) continue;
    const dealbreakers = sc.redFlags.filter((f) => f.severity === "dealbreaker");
    if (dealbreakers.length === 0) continue;
    const justification = sc.overrideJustification.trim();
    items.push({
      kind: "override",
      title: `${RECOMMENDATION_LABELS[sc.recommendation]} despite dealbreaker: ${sc.panelistName} (${sc.exerciseTitle})`,
      detail:
        `${sc.panelistName} recommended ${RECOMMENDATION_LABELS[sc.recommendation].toLowerCase()} while raising ` +
        `${formatList(dealbreakers.map((f) => f.label))}. ` +
        (justification ? `Justification: “${justification}”` : "No justification given."),
      scorecardId: sc.scorecardId,
    });
  }
  return items;
}

/** "Ada 1 (outlier), Ben 4" — scored ratings only, in the dimension's rating order. */
function describeRatings(ratings: readonly DimensionRatingOut[]): string {
  return ratings
    .filter((r) => r.score !== null)
    .map((r) => `${r.panelistName} ${r.score}${r.outlier ? " (outlier)" : ""}`)
    .join(", ");
}

function disagreementItems(dimensions: readonly DimensionAggregate[]): AgendaItem[] {
  return dimensions
    .filter((d) => d.disagreement && d.min !== null && d.max !== null)
    .sort((a, b) => (b.spread ?? 0) - (a.spread ?? 0)) // stable: ties keep rubric order
    .map((d) => ({
      kind: "disagreement" as const,
      title: `${d.name}: ratings ${formatRange(d.min ?? 0, d.max ?? 0)} (spread ${d.spread})`,
      detail: `${describeRatings(d.ratings)}; median ${formatScore(d.median)}.`,
      dimensionKey: d.key,
    }));
}

function belowBarItems(dimensions: readonly DimensionAggregate[]): AgendaItem[] {
  return dimensions
    .filter((d) => d.belowBar && d.mean !== null)
    .sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0)) // stable: ties keep rubric order
    .map((d) => ({
      kind: "below_bar" as const,
      title: `${d.name}: below bar (mean ${formatScore(d.mean)})`,
      detail: `${describeRatings(d.ratings)}. The bar is ${BAR_SCORE} (${RATING_LABELS[BAR_SCORE]}).`,
      dimensionKey: d.key,
    }));
}

function thinEvidenceItems(dimensions: readonly DimensionAggregate[]): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const d of dimensions) {
    for (const r of d.ratings) {
      if (!r.thinEvidence) continue;
      const chars = r.evidence.trim().length;
      items.push({
        kind: "thin_evidence",
        title: `Thin evidence: ${r.panelistName} on ${d.name}`,
        detail:
          `${r.panelistName} rated ${r.score} with ` +
          (chars === 0 ? "no evidence" : `${chars} characters of evidence`) +
          ` (at least ${THIN_EVIDENCE_CHARS} expected).`,
        dimensionKey: d.key,
        scorecardId: r.scorecardId,
      });
    }
  }
  return items;
}

function missingScorecardItems(missing: AgendaInput["coverage"]["missingScorecards"]): AgendaItem[] {
  return missing.map((m) => ({
    kind: "missing_scorecard" as const,
    title: `Missing scorecard: ${m.panelistName} (${m.exerciseTitle})`,
    // A draft row exists from the moment a panelist is assigned, so "still a draft" was wrong for
    // interviews that have not happened yet; "not submitted yet" is true in both cases.
    detail: `${m.status === "draft" ? "Not submitted yet" : `Still ${m.status}`}; its ratings and recommendation are not counted.`,
    scorecardId: m.scorecardId,
  }));
}

function recusalItems(recused: AgendaInput["coverage"]["recused"]): AgendaItem[] {
  return recused.map((r) => ({
    kind: "recusal" as const,
    title: `Recused: ${r.panelistName}`,
    // the declaration's note is the panelist's own: it is not on the agenda
    detail: "Declared a conflict of interest. Excluded from all scores.",
    scorecardId: r.scorecardId,
  }));
}
