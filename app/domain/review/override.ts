/**
 * Overrides that show: when a hiring decision goes against what the rubric and the panel signal,
 * the decider writes an override of real length beside the rationale, and the grounds it answers
 * are stored with it, in words. Pure; no IO.
 *
 * The grounds (each named in words, frozen when the decision is recorded):
 *  - **open dealbreaker** — Hire while a red flag of dealbreaker severity stands raised on a
 *    counted scorecard. A flag is open until the panelist who raised it amends it away; the debrief
 *    notes do not clear it.
 *  - **must-have below the bar** — Hire while a must-have dimension of the rubric's decision rule
 *    (format 2) has a panel mean below the bar. Format-1 rubrics have no must-have dimensions, so
 *    this ground never applies to them.
 *  - **against the panel's majority** — Hire when most counted recommendations are No hire / Strong
 *    no hire, or No hire when most are Hire / Strong hire (the symmetric case).
 *
 * Hold never needs an override: it decides nothing against anyone.
 */
import type { LoopAggregate, RecommendationDistribution } from "./types";
import { formatList, formatScore } from "../shared/format";
import { BAR_SCORE, DECISIONS, type Decision } from "../vocabulary";

/** The override's minimum length (after trimming and collapsing runs of whitespace). */
export const OVERRIDE_MIN = 80;
export const OVERRIDE_MAX = 5000;
/** A real sentence of 80 characters has a dozen words; filler ("ok ok ok…", "xxxx…") has one or two. */
export const OVERRIDE_MIN_DISTINCT_WORDS = 8;

export const OVERRIDE_GROUND_KINDS = ["open_dealbreaker", "must_have_below_bar", "against_majority"] as const;
export type OverrideGroundKind = (typeof OVERRIDE_GROUND_KINDS)[number];

/** One reason a decision goes against the rubric's signals, in words ("open dealbreaker “…” raised by Ana"). */
export interface OverrideGround {
  kind: OverrideGroundKind;
  text: string;
}

/** What the rule reads of a loop's counted feedback. */
export interface OverrideSignals {
  /** dealbreaker red flags raised on counted (submitted) scorecards */
  dealbreakers: readonly { label: string; raisedBy: readonly string[] }[];
  /** must-have dimensions (format 2) whose panel mean is below the bar */
  mustHaveBelowBar: readonly { name: string; mean: number }[];
  /** recommendations of the counted scorecards */
  recommendations: RecommendationDistribution;
}

/** The signals of an aggregate: only submitted scorecards are in it (drafts and recusals count nowhere). */
export function overrideSignalsOf(
  aggregate: Pick<LoopAggregate, "redFlags" | "decisionRule" | "recommendations">,
): OverrideSignals {
  return {
    dealbreakers: aggregate.redFlags
      .filter((f) => f.severity === "dealbreaker" && f.raisedBy.length > 0)
      .map((f) => ({ label: f.label, raisedBy: [...new Set(f.raisedBy.map((r) => r.panelistName))] })),
    mustHaveBelowBar: (aggregate.decisionRule?.mustHaveBelowBar ?? []).map((d) => ({ name: d.name, mean: d.mean })),
    recommendations: aggregate.recommendations.distribution,
  };
}

export type PanelMajority =
  | { side: "hire" | "no_hire"; count: number; total: number }
  | { side: "tie"; count: number; total: number }
  | { side: "none"; count: 0; total: 0 };

/**
 * The panel's majority over the counted recommendations (submitted scorecards; drafts and recusals
 * are not in the distribution): Hire + Strong hire against No hire + Strong no hire. A side has
 * the majority when it holds more than half of them; equal sides are a tie (no majority); no
 * recommendation at all is no majority. One recommendation is a majority of one.
 *
 * @example panelMajority({ strong_no_hire: 1, no_hire: 1, hire: 1, strong_hire: 0 }) // { side: "no_hire", count: 2, total: 3 }
 * @example panelMajority({ strong_no_hire: 0, no_hire: 1, hire: 1, strong_hire: 0 }) // { side: "tie", count: 1, total: 2 }
 */
export function panelMajority(d: RecommendationDistribution): PanelMajority {
  const positive = d.hire + d.strong_hire;
  const negative = d.no_hire + d.strong_no_hire;
  const total = positive + negative;
  if (total === 0) return { side: "none", count: 0, total: 0 };
  if (positive > negative) return { side: "hire", count: positive, total };
  if (negative > positive) return { side: "no_hire", count: negative, total };
  return { side: "tie", count: positive, total };
}

const quote = (s: string) => `“${s}”`;

/**
 * The grounds on which `decision` goes against the signals, in a fixed order (dealbreakers, then
 * must-haves, then the majority); empty when it does not.
 *
 * @example overrideGrounds({ dealbreakers: [{ label: "Blames others", raisedBy: ["Ana"] }], mustHaveBelowBar: [], recommendations }, "hire")
 * // [{ kind: "open_dealbreaker", text: "open dealbreaker “Blames others” raised by Ana" }]
 */
export function overrideGrounds(signals: OverrideSignals, decision: Decision): OverrideGround[] {
  const grounds: OverrideGround[] = [];
  const majority = panelMajority(signals.recommendations);
  if (decision === "hire") {
    for (const f of signals.dealbreakers)
      grounds.push({
        kind: "open_dealbreaker",
        text: `open dealbreaker ${quote(f.label)}${f.raisedBy.length ? ` raised by ${formatList([...f.raisedBy])}` : ""}`,
      });
    for (const d of signals.mustHaveBelowBar)
      grounds.push({
        kind: "must_have_below_bar",
        text: `must-have dimension ${quote(d.name)} below the bar (mean ${formatScore(d.mean)}, bar ${BAR_SCORE})`,
      });
    if (majority.side === "no_hire")
      grounds.push({
        kind: "against_majority",
        text: `the panel's majority: ${majority.count} of ${majority.total} recommendations are No hire or Strong no hire`,
      });
  }
  if (decision === "no_hire" && majority.side === "hire")
    grounds.push({
      kind: "against_majority",
      text: `the panel's majority: ${majority.count} of ${majority.total} recommendations are Hire or Strong hire`,
    });
  return grounds;
}

/** The grounds of every decision, for a form that asks for the override only when the choice needs it. */
export function overrideGroundsByDecision(signals: OverrideSignals): Record<Decision, OverrideGround[]> {
  return Object.fromEntries(DECISIONS.map((d) => [d, overrideGrounds(signals, d)])) as Record<
    Decision,
    OverrideGround[]
  >;
}

/** "open dealbreaker “X” raised by Ana; the panel's majority: …" — how the review page and packet name them. */
export function describeGrounds(grounds: readonly OverrideGround[]): string {
  return grounds.map((g) => g.text).join("; ");
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();
const words = (s: string) => s.toLowerCase().match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];

/**
 * Why an override text does not count, or null when it does: at least {@link OVERRIDE_MIN}
 * characters once whitespace runs are collapsed, at most {@link OVERRIDE_MAX}, at least
 * {@link OVERRIDE_MIN_DISTINCT_WORDS} different words with no single character making up a third
 * of it (repeated characters, one word over and over), and not a copy of the rationale.
 *
 * @example overrideTextProblem("x".repeat(90), "Strong design evidence.") // "Write the override in sentences: …"
 */
export function overrideTextProblem(text: string, rationale: string): string | null {
  const t = normalise(text);
  if (t.length === 0) return `Write the override: at least ${OVERRIDE_MIN} characters on why you decide against it.`;
  if (t.length < OVERRIDE_MIN)
    return `Write at least ${OVERRIDE_MIN} characters (${t.length} so far): what outweighs it, and what evidence shows that?`;
  if (t.length > OVERRIDE_MAX) return `Keep the override under ${OVERRIDE_MAX} characters`;
  const letters = t.replace(/\s/g, "");
  const counts = new Map<string, number>();
  for (const ch of letters.toLowerCase()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const commonest = Math.max(...counts.values());
  const distinct = new Set(words(t)).size;
  if (commonest * 3 > letters.length || distinct < OVERRIDE_MIN_DISTINCT_WORDS)
    return "Write the override in sentences: repeated characters or words do not explain a decision against the panel.";
  const r = normalise(rationale).toLowerCase();
  if (r.length > 0 && (r.includes(t.toLowerCase()) || t.toLowerCase() === r))
    return "Write the override in its own words: it repeats the rationale. Say what outweighs the grounds above.";
  return null;
}

/**
 * The refusal for a decision that needs an override and lacks a valid one, naming the grounds;
 * null when the decision may be recorded as posted.
 *
 * @example overrideProblem([{ kind: "open_dealbreaker", text: "open dealbreaker “X”" }], "", "…")
 * // "This decision goes against open dealbreaker “X”. Write the override: …"
 */
export function overrideProblem(grounds: readonly OverrideGround[], text: string, rationale: string): string | null {
  if (grounds.length === 0) return null;
  const problem = overrideTextProblem(text, rationale);
  return problem ? `This decision goes against ${describeGrounds(grounds)}. ${problem}` : null;
}
