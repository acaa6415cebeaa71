/**
 * The loop facts of the review page and the packet (candidate, people, rubric, dates, decision,
 * audit trail), built from plain rows. Pure: erased candidates show no personal data, and every
 * audit entry names its entity so the trail reads on its own.
 */
import { displayCandidateName } from "../candidate/display";
import type { Decision, LoopStatus } from "../vocabulary";
import type { LoopFacts } from "./types";

export interface LoopFactsRow {
  loopId: string;
  status: LoopStatus;
  createdAt: number;
  decision: Decision | null;
  decisionRationale: string | null;
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
}

const ACTION_ENTITY_LABELS: Record<string, string> = {
  loop: "Loop",
  scorecard: "Scorecard",
  interview: "Interview",
  candidate: "Candidate",
};

/**
 * @example buildLoopFacts(row, [{ id: "s1", panelistName: "Ana", exerciseTitle: "System design" }], audit)
 * // an entry on scorecard s1 reads "Scorecard · Ana · System design"
 */
export function buildLoopFacts(
  row: LoopFactsRow,
  scorecardNames: readonly ScorecardName[],
  audit: readonly AuditRow[],
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
          }
        : null,
    audit: audit.map((a) => ({
      at: a.at,
      actorName: a.actorName ?? "System",
      action: a.action,
      entity: cardNames.get(a.entityId) ?? ACTION_ENTITY_LABELS[a.entityType] ?? a.entityType,
      reason: a.reason,
    })),
  };
}
