import {
  DECISION_LABELS,
  LOOP_STATUS_LABELS,
  RED_FLAG_SEVERITY_LABELS,
  SCORECARD_STATUS_LABELS,
} from "../../domain/vocabulary";
import type { Decision, LoopStatus, RedFlagSeverity, ScorecardStatus } from "../../domain/vocabulary";

const STATUS_TONE: Record<LoopStatus, string> = {
  planning: "",
  scheduled: "info",
  in_progress: "info",
  debrief: "warn",
  decided: "ok",
  withdrawn: "",
};

export function LoopStatusBadge({ status }: { status: LoopStatus }) {
  return (
    <span className={`badge status-${status} ${STATUS_TONE[status]}`} data-testid="loop-status">
      {LOOP_STATUS_LABELS[status]}
    </span>
  );
}

export function DecisionBadge({ decision }: { decision: Decision | null }) {
  if (!decision) return <span className="muted">—</span>;
  const tone = decision === "hire" ? "ok" : decision === "no_hire" ? "danger" : "warn";
  return <span className={`badge ${tone}`}>{DECISION_LABELS[decision]}</span>;
}

export function ScorecardStatusBadge({ status, started }: { status: ScorecardStatus; started?: boolean }) {
  if (status === "submitted") return <span className="badge ok">{SCORECARD_STATUS_LABELS.submitted}</span>;
  if (status === "recused") return <span className="badge danger">{SCORECARD_STATUS_LABELS.recused}</span>;
  return <span className="badge">{started ? "In progress" : "Not started"}</span>;
}

const SEVERITY_TONE: Record<RedFlagSeverity, string> = { dealbreaker: "danger", concern: "warn" };

export function RedFlagSeverityBadge({ severity }: { severity: RedFlagSeverity }) {
  return <span className={`badge ${SEVERITY_TONE[severity]}`}>{RED_FLAG_SEVERITY_LABELS[severity]}</span>;
}

/** "3 / 5" with a small bar; nothing expected shows a dash. */
export function Completeness({ submitted, expected }: { submitted: number; expected: number }) {
  if (expected === 0) return <span className="muted">—</span>;
  const pct = Math.round((submitted / expected) * 100);
  return (
    <span className="completeness" title={`${submitted} of ${expected} scorecards submitted`}>
      <span className="completeness-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span className="completeness-text">
        {submitted} / {expected}
      </span>
    </span>
  );
}
