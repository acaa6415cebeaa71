/**
 * The loop facts of the review page and the packet (candidate, people, rubric, dates, decision,
 * audit trail), built from plain rows. Pure: erased candidates show no personal data, and every
 * audit entry names its entity so the trail reads on its own.
 */
import { displayCandidateName } from "../candidate/display";
import { auditChangeOf } from "./audit-sentences";
import type { Decision, LoopStatus } from "../vocabulary";
import { DECISION_LABELS, DECISIONS } from "../vocabulary";
import { OVERRIDE_GROUND_KINDS, type OverrideGround } from "./override";
import type { DebriefRecord, DecisionOverride, LoopFacts } from "./types";

export interface LoopFactsRow {
  loopId: string;
  status: LoopStatus;
  createdAt: number;
  decision: Decision | null;
  decisionRationale: string | null;
  /** the written override, when the decision went against the rubric's signals */
  decisionOverride?: string | null;
  decisionOverrideGrounds?: unknown;
  decidedAt: number | null;
  deciderName: string | null;
  candidateName: string;
  candidateEmail: string;
  candidateTitle: string;
  candidateErasedAt: number | null;
  hmName: string;
  recruiterName: string | null;
  rubricName: string;
  roleTitle: string;
  rubricVersion: number;
  firstInterviewAt: number | null;
  lastInterviewAt: number | null;
}

/** A scorecard of the loop, to name it in the trail. */
export interface ScorecardName {
  id: string;
  panelistName: string;
  exerciseTitle: string;
}

export interface AuditRow {
  at: number;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  /** null: a system entry, or the actor's account is gone */
  actorName: string | null;
  /** the stored JSON before/after values; only what a sentence needs is kept (auditChangeOf) */
  before?: unknown;
  after?: unknown;
}

/** The verdict a `loop.decide` entry recorded, in words; null for other entries. */
function verdictOf(a: AuditRow): string | null {
  if (a.action !== "loop.decide" || typeof a.after !== "object" || a.after === null) return null;
  const decision = (a.after as { decision?: unknown }).decision;
  return (DECISIONS as readonly unknown[]).includes(decision) ? DECISION_LABELS[decision as Decision] : null;
}

/** The stored grounds, as far as they are well formed (the column is JSON written by recordDecision). */
export function groundsOf(v: unknown): OverrideGround[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((g: unknown) => {
    if (typeof g !== "object" || g === null) return [];
    const { kind, text } = g as { kind?: unknown; text?: unknown };
    return (OVERRIDE_GROUND_KINDS as readonly unknown[]).includes(kind) && typeof text === "string"
      ? [{ kind: kind as OverrideGround["kind"], text }]
      : [];
  });
}

function overrideOf(text: string | null | undefined, grounds: unknown): DecisionOverride | null {
  const g = groundsOf(grounds);
  return typeof text === "string" && g.length > 0 ? { text, grounds: g } : null;
}

const ACTION_ENTITY_LABELS: Record<string, string> = {
  loop: "Loop",
  scorecard: "Scorecard",
  interview: "Interview",
  candidate: "Candidate",
  debrief: "Debrief",
};

/**
 * @example buildLoopFacts(row, [{ id: "s1", panelistName: "Ana", exerciseTitle: "System design" }], audit)
 * // an entry on scorecard s1 reads "Scorecard · Ana · System design"
 */
export function buildLoopFacts(
  row: LoopFactsRow,
  scorecardNames: readonly ScorecardName[],
  audit: readonly AuditRow[],
  debrief: DebriefRecord | null = null,
): LoopFacts {
  const cardNames = new Map(scorecardNames.map((s) => [s.id, `Scorecard · ${s.panelistName} · ${s.exerciseTitle}`]));
  const erased = row.candidateErasedAt !== null;
  return {
    loopId: row.loopId,
    candidate: {
      name: displayCandidateName({ name: row.candidateName, erasedAt: row.candidateErasedAt }),
      email: erased ? "" : row.candidateEmail,
      currentTitle: erased ? "" : row.candidateTitle,
    },
    roleTitle: row.roleTitle,
    rubricName: row.rubricName,
    rubricVersion: row.rubricVersion,
    hiringManager: row.hmName,
    recruiter: row.recruiterName ?? null,
    status: row.status,
    createdAt: row.createdAt,
    firstInterviewAt: row.firstInterviewAt,
    lastInterviewAt: row.lastInterviewAt,
    decision:
      row.decision && row.decidedAt !== null
        ? {
            decision: row.decision,
            rationale: row.decisionRationale ?? "",
            decidedBy: row.deciderName ?? "Unknown",
            decidedAt: row.decidedAt,
            override: overrideOf(row.decisionOverride, row.decisionOverrideGrounds),
          }
        : null,
    debrief,
    audit: audit.map((a) => ({
      at: a.at,
      actorName: a.actorName ?? "System",
      action: a.action,
      entity: cardNames.get(a.entityId) ?? ACTION_ENTITY_LABELS[a.entityType] ?? a.entityType,
      reason: a.reason,
      change: auditChangeOf(a.action, a.before, a.after),
      verdict: verdictOf(a),
    })),
  };
}
