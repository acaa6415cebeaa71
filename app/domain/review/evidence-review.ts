/**
 * The evidence lint on submitted scorecards, for the hiring manager (review page) and the packet:
 * per scorecard, the protected findings its panelist kept as job-related (category, sentence,
 * reason) and how many advisory findings remain. Drafts are never linted here: their text reaches
 * nobody but their author. Pure.
 */
import type { StoredAcknowledgement } from "../scorecard/evidence-gate";
import type { EvidenceFinding } from "../scorecard/evidence-lint";
import { lintEvidence, overriddenFindings, quotableSentences, sentenceOf } from "../scorecard/evidence-lint";
import { ENGLISH_LEXICON } from "../scorecard/evidence-lint-en";
import type { LoopAggregate, LoopFacts, SubmittedScorecardOut } from "./types";

export interface OverriddenFindingRow {
  categoryLabel: string;
  /** "Evidence · Communication", "Summary", … */
  fieldLabel: string;
  sentence: string;
  reason: string;
}

export interface EvidenceReviewRow {
  scorecardId: string;
  panelistName: string;
  exerciseTitle: string;
  overridden: OverriddenFindingRow[];
  /** non-job-related and vague findings still in the text (advice; they never block) */
  advisory: number;
}

interface FieldText {
  label: string;
  text: string;
}

function textsOf(sc: SubmittedScorecardOut): FieldText[] {
  return [
    ...sc.ratings.map((r) => ({ label: `Evidence · ${r.dimensionName}`, text: r.evidence })),
    ...sc.redFlags.map((f) => ({ label: `Red flag note · ${f.label}`, text: f.note })),
    { label: "Summary", text: sc.summary },
    { label: "Override justification", text: sc.overrideJustification },
  ].filter((t) => t.text.trim() !== "");
}

/** One submitted scorecard: its overridden findings (in field order) and the advice left. */
export function scorecardEvidenceReview(
  sc: SubmittedScorecardOut,
  acks: readonly StoredAcknowledgement[],
): EvidenceReviewRow {
  const reasons = Object.fromEntries(acks.map((a) => [a.key, a.reason]));
  const overridden: OverriddenFindingRow[] = [];
  let advisory = 0;
  for (const { label, text } of textsOf(sc)) {
    const findings: EvidenceFinding[] = lintEvidence(text);
    advisory += findings.filter((f) => f.kind !== "protected").length;
    const seen = new Set<string>();
    for (const { finding, reason } of overriddenFindings(findings, reasons)) {
      const sentence = sentenceOf(text, finding);
      // two terms of one sentence kept for the same reason read as one line
      const id = `${finding.category}\u0000${sentence}`;
      if (seen.has(id)) continue;
      seen.add(id);
      overridden.push({
        categoryLabel: ENGLISH_LEXICON.text.categoryLabels[finding.category],
        fieldLabel: label,
        sentence,
        reason,
      });
    }
  }
  return {
    scorecardId: sc.scorecardId,
    panelistName: sc.panelistName,
    exerciseTitle: sc.exerciseTitle,
    overridden,
    advisory,
  };
}

/** Every submitted scorecard of the loop, in the aggregate's order. */
export function evidenceReview(aggregate: LoopAggregate, facts: LoopFacts): EvidenceReviewRow[] {
  return aggregate.scorecards.flatMap((sc) =>
    sc.status === "submitted"
      ? [scorecardEvidenceReview(sc, facts.evidenceAcknowledgements?.[sc.scorecardId] ?? [])]
      : [],
  );
}

/**
 * The scorecards whose panelist kept a flagged remark (an acknowledgement is stored), as in
 * {@link evidenceReview}: only those can have overridden findings, so the packet, which lists those
 * and not the advice count, lints no other scorecard.
 */
export function keptFindingsReview(
  aggregate: Pick<LoopAggregate, "scorecards">,
  facts: Pick<LoopFacts, "evidenceAcknowledgements">,
): EvidenceReviewRow[] {
  return aggregate.scorecards.flatMap((sc) => {
    const acks = facts.evidenceAcknowledgements?.[sc.scorecardId] ?? [];
    return sc.status === "submitted" && acks.length > 0 ? [scorecardEvidenceReview(sc, acks)] : [];
  });
}

/**
 * The part of `text` a headline may quote: its first run of consecutive sentences without any
 * finding (acknowledged or not), or "" when every sentence is flagged.
 */
export function quotablePart(text: string): string {
  const [first, ...rest] = quotableSentences(text);
  if (!first) return "";
  let end = first.end;
  for (const s of rest) {
    // a flagged sentence between two clean ones ends the run
    if (text.slice(end, s.start).trim() !== "") break;
    end = s.end;
  }
  return text.slice(first.start, end);
}
