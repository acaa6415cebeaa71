import type { FormEvent, ReactNode } from "react";
import { Link } from "@remix-run/react";

import type { LoopStatus, PanelRole, ScorecardStatus } from "../../domain/vocabulary";
import { LOOP_STATUS_LABELS, PANEL_ROLE_BADGES, SCORECARD_STATUS_LABELS } from "../../domain/vocabulary";
import type { TimerState, TimerView } from "../../domain/scorecard/rules";
import { formatClock } from "../../domain/scorecard/rules";
import type { TimerOp } from "../../domain/scorecard/schema";
import { CsrfInput, LocalTime } from "../ui/primitives";

export function StatusBadge({ status, amendCount }: { status: ScorecardStatus; amendCount: number }) {
  return (
    <>
      <span
        className={`badge ${status === "submitted" ? "ok" : status === "recused" ? "warn" : "info"}`}
        data-testid="scorecard-status"
      >
        {SCORECARD_STATUS_LABELS[status]}
      </span>
      {amendCount > 0 ? <span className="badge">Amended{amendCount > 1 ? ` ×${amendCount}` : ""}</span> : null}
    </>
  );
}

/**
 * The exercise timer. Server-stored; without JavaScript the buttons post a small form and the
 * display shows the time at page load.
 */
export function TimerControl(p: {
  timer: TimerState;
  view: TimerView;
  durationMinutes: number;
  enabled: boolean;
  onOp: ((op: TimerOp) => void) | null;
  unsynced: boolean;
  action: string;
}) {
  const { view } = p;
  const remaining = view.remainingMs;
  // A locked scorecard's timer is a record of time used, not a countdown: no warning colours.
  const phase = p.enabled ? view.phase : "stopped";
  const label = !p.enabled
    ? view.elapsedMs > 0
      ? `used of ${p.durationMinutes} min`
      : `${p.durationMinutes} min`
    : view.phase === "overtime"
      ? remaining > -1000
        ? "Time's up"
        : `Over by ${formatClock(-remaining)}`
      : view.phase === "not_started"
        ? `${p.durationMinutes} min`
        : `${formatClock(remaining)} left`;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (!p.onOp) return;
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const op = submitter?.value as TimerOp | undefined;
    if (op === "reset" && !window.confirm("Reset the timer to 0:00?")) return;
    if (op) p.onOp(op);
  };
  return (
    <form
      method="post"
      action={p.action}
      className={`timer phase-${phase}`}
      onSubmit={onSubmit}
      aria-label="Interview timer"
      data-testid="timer"
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="timer" />
      <div className="clock">
        <span className="elapsed" data-testid="timer-elapsed" aria-label={`Elapsed ${formatClock(view.elapsedMs)}`}>
          {formatClock(view.elapsedMs)}
        </span>
        <span className="remaining">{label}</span>
      </div>
      {p.enabled ? (
        <div className="timer-buttons">
          {p.timer.running ? (
            <button type="submit" name="op" value="pause" className="btn small">
              Pause
            </button>
          ) : (
            <button type="submit" name="op" value="start" className="btn small primary">
              {view.elapsedMs > 0 ? "Resume" : "Start timer"}
            </button>
          )}
          {view.elapsedMs > 0 && !p.timer.running ? (
            <button type="submit" name="op" value="reset" className="link-btn small">
              Reset
            </button>
          ) : null}
        </div>
      ) : null}
      {p.unsynced ? <span className="xsmall warn-text">timer change not sent yet</span> : null}
      <span className="sr-only" role="status" aria-live="polite">
        {phase === "warning" ? "Ten minutes or less left." : phase === "overtime" ? "The interview is over time." : ""}
      </span>
    </form>
  );
}

export function ScorecardHeader(p: {
  candidateName: string;
  candidateTitle: string;
  exerciseTitle: string;
  scheduledAt: number | null;
  durationMinutes: number;
  loopStatus: LoopStatus;
  loopId: string;
  /** a trainee's seat: their ratings never count; after the decision they compare with the panel */
  panelRole: PanelRole;
  scorecardId: string;
  status: ScorecardStatus;
  amendCount: number;
  timer: ReactNode;
  saveStatus: ReactNode;
  progress: ReactNode;
  /** format 2: the phase timeline under the timer */
  phases?: ReactNode;
}) {
  return (
    <header className={`sc-header${p.phases ? " with-phases" : ""}`} data-loop-id={p.loopId}>
      <div className="sc-title">
        <h1>
          {p.candidateName} <span className="sep">·</span> <span className="exercise">{p.exerciseTitle}</span>
        </h1>
        <div className="sc-meta">
          {p.candidateTitle ? <span>{p.candidateTitle}</span> : null}
          <span>
            {p.scheduledAt ? <LocalTime at={p.scheduledAt} /> : "Not scheduled"} · {p.durationMinutes} min
          </span>
          <span className="badge" title="Loop status">
            Loop: {LOOP_STATUS_LABELS[p.loopStatus]}
          </span>
          <StatusBadge status={p.status} amendCount={p.amendCount} />
          {p.panelRole !== "panelist" ? (
            <span className="badge info" title="Your ratings are practice: they never count toward the panel's view">
              {PANEL_ROLE_BADGES[p.panelRole]} · not counted
            </span>
          ) : null}
          {p.panelRole !== "panelist" && p.loopStatus === "decided" && p.status === "submitted" ? (
            <Link to={`/scorecards/${p.scorecardId}/compare`}>Compare with the panel</Link>
          ) : null}
        </div>
      </div>
      {p.timer}
      <div className="sc-state">
        {p.saveStatus}
        {p.progress}
      </div>
      {p.phases}
    </header>
  );
}
