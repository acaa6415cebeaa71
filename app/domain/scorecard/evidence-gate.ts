/**
 * The evidence lint at the scorecard's door: which protected findings stand between a panelist and
 * submit (or amend), the acknowledgements a form post carries, and the rows to keep. The lint
 * itself is ./evidence-lint.ts; this module only joins it to the scorecard's fields.
 *
 * Pure: no IO. Server-side (submit, amend, the acknowledge intent); the page loads ./evidence-lint.ts only.
 */
import * as z from "zod/mini";

import type { Acknowledgements, EvidenceFinding, FindingCategory, ScorecardFinding } from "./evidence-lint";
import {
  ACKNOWLEDGED_SENTENCE_MAX,
  ACKNOWLEDGEMENT_REASON_MAX,
  ACKNOWLEDGEMENT_REASON_MIN,
  acknowledgementProblem,
  FINDING_CATEGORIES,
  isAcknowledged,
  lintEvidence,
  lintScorecard,
  sentenceOf,
  textAt,
} from "./evidence-lint";
import type { ScorecardValues } from "./schema";

const KEY = new RegExp(`^(?:${FINDING_CATEGORIES.join("|")}):[^\\n]{1,200}$`);

/** The stored shape, for the form post and the database column. */
export const acknowledgementsSchema = z
  .record(
    z.string().check(z.regex(KEY, "Unknown finding")),
    z
      .string()
      .check(
        z.trim(),
        z.minLength(
          ACKNOWLEDGEMENT_REASON_MIN,
          `Say why this is job-related (at least ${ACKNOWLEDGEMENT_REASON_MIN} characters).`,
        ),
        z.maxLength(ACKNOWLEDGEMENT_REASON_MAX),
      ),
  )
  .check(z.refine((r) => Object.keys(r).length <= 100, "Too many acknowledgements"));

/** An acknowledgement as stored with the scorecard (evidence_acknowledgements). */
export interface StoredAcknowledgement {
  key: string;
  category: FindingCategory;
  fieldPath: string;
  sentence: string;
  reason: string;
  acknowledgedAt: number;
}

const FIELD_PATH =
  /^(?:ratings\.[a-z0-9_]{1,64}\.evidence|redFlags\.[a-z0-9_]{1,64}\.note|summary|overrideJustification|notes\.[A-Za-z0-9_-]{6,40})$/;

/** The acknowledge intent (with JavaScript): the finding, the sentence it sits in, the field, the reason. */
export const acknowledgeFindingSchema = z.object({
  key: z.string("Expected a finding.").check(z.regex(KEY, "Unknown finding.")),
  fieldPath: z.string("Expected a field.").check(z.regex(FIELD_PATH, "Unknown field.")),
  sentence: z
    .string("Expected the sentence.")
    .check(z.trim(), z.minLength(1, "Expected the sentence."), z.maxLength(ACKNOWLEDGED_SENTENCE_MAX)),
  reason: z.string("Expected text.").check(
    z.refine((r) => acknowledgementProblem(r) === null, {
      error: (issue) => acknowledgementProblem(typeof issue.input === "string" ? issue.input : "") ?? "",
    }),
  ),
});
export type AcknowledgeFinding = z.output<typeof acknowledgeFindingSchema>;

/**
 * The protected finding `key` as it occurs in `sentence`, or null: an acknowledgement is only taken
 * for a finding the lint itself reports, so a forged key cannot be stored.
 */
export function protectedFindingIn(sentence: string, key: string): EvidenceFinding | null {
  return lintEvidence(sentence).find((f) => f.key === key && f.kind === "protected") ?? null;
}

/** Where a finding's error is shown: the field itself; quick notes share one place. */
export function errorPathOf(fieldPath: string): string {
  return fieldPath.startsWith("notes.") ? "notes" : fieldPath;
}

const postedAck = z.object({
  key: z.catch(z.string(), ""),
  reason: z.catch(z.string().check(z.maxLength(ACKNOWLEDGEMENT_REASON_MAX * 4)), ""),
});

/**
 * Acknowledgements a submit or amend post carries (`evidenceAcks.<i>.key` / `.reason` from the
 * no-JavaScript form, or an array in JSON). Entries with an empty reason were left alone.
 */
export function postedAcknowledgements(body: unknown): { key: string; reason: string }[] {
  const raw = (body as { evidenceAcks?: unknown } | null)?.evidenceAcks;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? Object.values(raw) : [];
  return list.slice(0, 100).flatMap((entry) => {
    const r = postedAck.safeParse(entry);
    return r.success && r.data.key !== "" && r.data.reason.trim() !== "" ? [r.data] : [];
  });
}

export interface EvidenceGate {
  findings: ScorecardFinding[];
  /** field path -> messages: every protected finding neither revised nor acknowledged, and short reasons */
  errors: Record<string, string[]>;
  /** acknowledgements the post adds (valid, for a live protected finding), to store with the scorecard */
  added: (StoredAcknowledgement & { fieldPath: string })[];
  /** stored keys whose finding is gone (revised away): dropped when the scorecard is written */
  stale: string[];
}

/**
 * The submit rule of the evidence lint: protected findings block until revised away or
 * acknowledged with a reason (stored earlier, or carried by this post); advice never blocks.
 */
export function evidenceGate(
  values: ScorecardValues,
  stored: readonly Pick<StoredAcknowledgement, "key" | "reason">[],
  posted: readonly { key: string; reason: string }[],
  now: number,
): EvidenceGate {
  const findings = lintScorecard(values);
  const acks: Record<string, string> = Object.fromEntries(stored.map((a) => [a.key, a.reason]));
  const errors: Record<string, string[]> = {};
  const added: EvidenceGate["added"] = [];
  const problems = new Map<string, string>();
  for (const p of posted) {
    if (Object.hasOwn(acks, p.key) && acknowledgementProblem(acks[p.key] ?? "") === null) continue;
    const problem = acknowledgementProblem(p.reason);
    if (problem) problems.set(p.key, problem);
    else {
      const hit = findings.find((f) => f.finding.key === p.key && f.finding.kind === "protected");
      if (!hit) continue;
      acks[p.key] = p.reason.trim();
      added.push({
        key: p.key,
        category: hit.finding.category,
        fieldPath: hit.path,
        sentence: sentenceOf(textAt(values, hit.path), hit.finding),
        reason: p.reason.trim(),
        acknowledgedAt: now,
      });
    }
  }
  const frozen: Acknowledgements = acks;
  for (const { path, finding } of findings) {
    if (finding.kind !== "protected" || isAcknowledged(finding, frozen)) continue;
    const at = errorPathOf(path);
    const message =
      problems.get(finding.key) ??
      `“${finding.match}”: ${finding.why} ${finding.suggestion} Or, if it is job-related, say why (kept with the scorecard).`;
    const list = (errors[at] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  const live = new Set(findings.map((f) => f.finding.key));
  return { findings, errors, added, stale: stored.map((a) => a.key).filter((k) => !live.has(k)) };
}

export function categoryOfKey(key: string): FindingCategory | null {
  const c = key.slice(0, key.indexOf(":"));
  return (FINDING_CATEGORIES as readonly string[]).includes(c) ? (c as FindingCategory) : null;
}
