/**
 * A format-2 rubric's decision rule applied to a loop's submitted feedback: a raised dealbreaker
 * outweighs any composite; must-have dimensions whose panel mean is below the bar go to the debrief
 * before the composite; level signals more than one step apart are a split to talk through. Pure;
 * no IO. Format-1 rubrics have no decision rule (null).
 */
import type { DecisionRule } from "../rubric/model";
import { formatList, formatScore } from "../shared/format";
import { BAR_SCORE, LEVEL_SIGNAL_LABELS, LEVEL_SIGNALS, type LevelSignal } from "../vocabulary";

export type DecisionRuleVerdict = "dealbreaker" | "must_have_below_bar" | "composite";

export interface DecisionRuleOutcome {
  /** the rule in the rubric's own words */
  statement: string;
  verdict: DecisionRuleVerdict;
  /** the verdict in one sentence, for the agenda and the packet */
  verdictText: string;
  dealbreakers: { label: string; raisedBy: string[] }[];
  mustHaveBelowBar: { key: string; name: string; mean: number }[];
  /** must-have dimensions without a submitted rating yet */
  mustHaveUnrated: { key: string; name: string }[];
  /** the level signals, when two are more than one step apart */
  levelSplit: { panelistName: string; level: LevelSignal }[] | null;
}

export interface DecisionRuleInput {
  rule: DecisionRule | undefined;
  /** panel means of submitted ratings, in rubric order */
  dimensions: readonly { key: string; name: string; mean: number | null }[];
  /** red flags raised on submitted scorecards */
  redFlags: readonly { label: string; severity: string; raisedBy: readonly { panelistName: string }[] }[];
  /** level signals on submitted scorecards (null where none was given) */
  levels: readonly { panelistName: string; level: LevelSignal | null }[];
}

/**
 * Applies the decision rule; null when the rubric has none (format 1).
 *
 * @example
 * evaluateDecisionRule({ rule, dimensions: [{ key: "arch", name: "Architecture", mean: 2.5 }], redFlags: [], levels: [] })
 * // { verdict: "must_have_below_bar", verdictText: "Must-have dimension below the bar: Architecture (mean 2.50). …", … }
 */
export function evaluateDecisionRule(input: DecisionRuleInput): DecisionRuleOutcome | null {
  const rule = input.rule;
  if (!rule) return null;
  const byKey = new Map(input.dimensions.map((d) => [d.key, d]));
  const mustHave = rule.mustHaveDimensionKeys.flatMap((k) => {
    const d = byKey.get(k);
    return d ? [d] : [];
  });
  const mustHaveBelowBar = mustHave
    .filter((d): d is typeof d & { mean: number } => d.mean !== null && d.mean < BAR_SCORE)
    .map((d) => ({ key: d.key, name: d.name, mean: d.mean }));
  const mustHaveUnrated = mustHave.filter((d) => d.mean === null).map((d) => ({ key: d.key, name: d.name }));
  const dealbreakers = input.redFlags
    .filter((f) => f.severity === "dealbreaker" && f.raisedBy.length > 0)
    .map((f) => ({ label: f.label, raisedBy: f.raisedBy.map((r) => r.panelistName) }));

  const given = input.levels.filter((l): l is { panelistName: string; level: LevelSignal } => l.level !== null);
  // steps between the lowest and the highest signal (Below Lead → Lead → Staff+)
  const steps = given.length
    ? Math.max(...given.map((l) => LEVEL_SIGNALS.indexOf(l.level))) -
      Math.min(...given.map((l) => LEVEL_SIGNALS.indexOf(l.level)))
    : 0;
  const levelSplit = steps > 1 ? given : null;

  const verdict: DecisionRuleVerdict =
    dealbreakers.length > 0 ? "dealbreaker" : mustHaveBelowBar.length > 0 ? "must_have_below_bar" : "composite";
  return {
    statement: rule.statement,
    verdict,
    verdictText: verdictText(verdict, dealbreakers, mustHaveBelowBar, mustHaveUnrated),
    dealbreakers,
    mustHaveBelowBar,
    mustHaveUnrated,
    levelSplit,
  };
}

function verdictText(
  verdict: DecisionRuleVerdict,
  dealbreakers: DecisionRuleOutcome["dealbreakers"],
  belowBar: DecisionRuleOutcome["mustHaveBelowBar"],
  unrated: DecisionRuleOutcome["mustHaveUnrated"],
): string {
  const below = belowBar.map((d) => `${d.name} (mean ${formatScore(d.mean)})`);
  const notYet = unrated.length ? ` Not rated yet: ${formatList(unrated.map((d) => d.name))}.` : "";
  if (verdict === "dealbreaker") {
    return (
      `Dealbreaker raised: ${formatList(dealbreakers.map((d) => d.label))}. It outweighs any composite score.` +
      (below.length ? ` Must-have below the bar as well: ${formatList(below)}.` : "") +
      notYet
    );
  }
  if (verdict === "must_have_below_bar") {
    return (
      `Must-have dimension${below.length > 1 ? "s" : ""} below the bar: ${formatList(below)}. ` +
      `Discuss ${below.length > 1 ? "them" : "it"} before the composite score.${notYet}`
    );
  }
  return `No dealbreaker raised and every rated must-have dimension meets the bar: the composite score stands.${notYet}`;
}

/** "Ada: Staff+, Ben: Below Lead" for a level split. */
export function describeLevels(levels: readonly { panelistName: string; level: LevelSignal }[]): string {
  return levels.map((l) => `${l.panelistName}: ${LEVEL_SIGNAL_LABELS[l.level]}`).join(", ");
}
