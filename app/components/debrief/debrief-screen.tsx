import { Link } from "@remix-run/react";

import type { DebriefView } from "../../domain/debrief/view";
import type { LoopAggregate, LoopFacts } from "../../domain/review/types";
import { usePolling } from "../../hooks/use-polling";
import { DecisionPanel, type DecisionActionData, type OverrideGroundsByDecision } from "../review/decision-panel";
import { LocalTime } from "../ui/primitives";

import { CurrentItem } from "./current-item";
import { DebriefForm, useBusy, type DebriefActionData } from "./debrief-form";

export interface DebriefScreenProps {
  view: DebriefView;
  loopId: string;
  candidateName: string;
  roleTitle: string;
  hiringManager: string;
  large: boolean;
  decision: {
    facts: Pick<LoopFacts, "loopId" | "status" | "decision" | "hiringManager">;
    aggregate: Pick<LoopAggregate, "coverage" | "redFlags">;
    canDecide: boolean;
    decidable: boolean;
    overrideGrounds: OverrideGroundsByDecision;
  } | null;
  actionData: DebriefActionData | undefined;
}

export function DebriefScreen(props: DebriefScreenProps) {
  const { view, loopId, candidateName, roleTitle, large, actionData } = props;
  // Panelists' pages follow the facilitator: poll while the meeting may change under them.
  usePolling(view.phase === "running" || (view.phase === "not_started" && !view.viewer.canStart));
  const formError = actionData && actionData.intent !== "decide" ? actionData.errors._form?.[0] : undefined;
  const base = `/loops/${loopId}`;
  return (
    <main id="main" className={`debrief${large ? " debrief-large" : ""}`} data-testid="debrief">
      <nav className="crumbs small" aria-label="Breadcrumb">
        <Link to="/loops">Loops</Link> <span aria-hidden="true">›</span> <Link to={base}>{candidateName}</Link>{" "}
        <span aria-hidden="true">›</span> <span>Debrief</span>
      </nav>
      <header className="page-head debrief-head">
        <div>
          <h1>
            Debrief: {candidateName}{" "}
            <span className={`badge debrief-phase p-${view.phase}`} data-testid="debrief-phase">
              {PHASE_LABELS[view.phase]}
            </span>
          </h1>
          <p className="small muted head-meta">
            {roleTitle}
            {view.facilitatorName ? <> · Facilitator {view.facilitatorName}</> : null}
            {view.startedAt !== null ? (
              <>
                {" "}
                · Started <LocalTime at={view.startedAt} format="day-time" />
              </>
            ) : null}
          </p>
        </div>
        <div className="row head-actions">
          <Link className="btn" to={large ? `${base}/debrief` : `${base}/debrief?large=1`} preventScrollReset>
            {large ? "Normal type" : "Large type"}
          </Link>
          <Link className="btn" to={base}>
            Review page
          </Link>
        </div>
      </header>

      {formError ? (
        <p className="notice danger" role="alert">
          {formError}
        </p>
      ) : null}

      {view.phase === "not_started" ? <NotStarted {...props} /> : null}
      {view.phase === "running" && !view.viewer.joined ? <JoinCard {...props} /> : null}
      {view.phase === "running" && view.viewer.joined ? <Meeting {...props} /> : null}
      {view.phase === "halted" ? (
        <>
          <p className="notice warn">
            The loop left debrief while this meeting was running, so it stopped here. Its notes so far are below and in
            the packet.
          </p>
          <Record view={view} />
        </>
      ) : null}
      {view.phase === "concluded" ? (
        <>
          {view.viewer.canStart ? (
            <div className="card row debrief-resume">
              <p>The decision was reopened. Resume the debrief to revisit the items; the notes are kept.</p>
              <DebriefForm intent="start" large={large} label="Resume the debrief">
                <button type="submit" className="btn primary">
                  Resume the debrief
                </button>
              </DebriefForm>
            </div>
          ) : null}
          <Record view={view} />
        </>
      ) : null}
    </main>
  );
}

const PHASE_LABELS: Record<DebriefView["phase"], string> = {
  not_started: "Not started",
  running: "In session",
  halted: "Stopped",
  concluded: "Concluded",
};

function NotStarted({ view, large, hiringManager }: DebriefScreenProps) {
  const busy = useBusy("start");
  return (
    <section className="card debrief-intro" aria-labelledby="debrief-intro-title">
      <h2 id="debrief-intro-title">How the debrief runs</h2>
      <ol className="debrief-rules">
        <li>Panelists who submitted their scorecards join from their own device; who joined is recorded.</li>
        <li>The facilitator steps through the red flags and the dimensions, must-haves first.</li>
        <li>On each item the most junior panelist in the room is asked first, before anyone sees a rating.</li>
        <li>Then every rating on the item is revealed at once, with the evidence behind it.</li>
        <li>The facilitator notes what the panel concluded; each item has a 5-minute clock.</li>
        <li>At the end the decision is recorded with those notes; notes and attendance go into the packet.</li>
      </ol>
      {view.viewer.canStart ? (
        <DebriefForm intent="start" large={large} label="Start the debrief">
          <button type="submit" className="btn primary big" disabled={busy}>
            {busy ? "Starting…" : "Start the debrief"}
          </button>
        </DebriefForm>
      ) : (
        <p className="muted" role="status">
          Waiting for {hiringManager} (hiring manager) or a recruiter to start the debrief. This page updates by itself.
        </p>
      )}
    </section>
  );
}

function JoinCard({ view, large }: DebriefScreenProps) {
  const busy = useBusy("join");
  return (
    <section className="card debrief-join" aria-labelledby="join-title">
      <h2 id="join-title">The debrief is in session</h2>
      <p>
        {view.facilitatorName} is facilitating.{" "}
        {view.attendees.length === 1 ? "1 person has joined." : `${view.attendees.length} people have joined.`}
      </p>
      {view.viewer.canJoin ? (
        <DebriefForm intent="join" large={large} label="Join the debrief">
          <button type="submit" className="btn primary big" disabled={busy}>
            {busy ? "Joining…" : "Join the debrief"}
          </button>
        </DebriefForm>
      ) : (
        <p className="notice warn">{view.viewer.joinBlocked ?? "You cannot join this debrief."}</p>
      )}
    </section>
  );
}

function Meeting(props: DebriefScreenProps) {
  const { view, large, loopId, decision, actionData } = props;
  const decisionData =
    actionData?.intent === "decide"
      ? ({
          intent: "decide",
          errors: actionData.errors,
          values: actionData.values,
          grounds: actionData.grounds,
        } satisfies DecisionActionData)
      : undefined;
  return (
    <div className="debrief-grid">
      <Steps view={view} />
      <section className="debrief-stage" aria-live="polite">
        {view.current ? (
          <CurrentItem
            item={view.current}
            view={view}
            large={large}
            actionData={actionData}
            key={view.current.position}
          />
        ) : null}
        {view.atDecision ? (
          <div className="debrief-decision">
            <p className="eyebrow">Decision</p>
            <h2>What the panel concluded</h2>
            <Unrevealed view={view} />
            <Conclusions view={view} />
            {view.viewer.canControl ? (
              <DebriefForm intent="move" large={large} label="Back to the last item" className="row">
                <input type="hidden" name="at" value={view.position} />
                <button type="submit" name="to" value="previous" className="btn">
                  ← Back to the last item
                </button>
              </DebriefForm>
            ) : null}
            {decision ? (
              <DecisionPanel
                facts={decision.facts}
                aggregate={decision.aggregate}
                canDecide={decision.canDecide}
                decidable={decision.decidable}
                actionData={decisionData}
                action={`/loops/${loopId}/debrief`}
                defaultRationale={view.rationaleDraft}
                overrideGrounds={decision.overrideGrounds}
              />
            ) : null}
          </div>
        ) : null}
      </section>
      <Attendees view={view} />
    </div>
  );
}

function Steps({ view }: { view: DebriefView }) {
  return (
    <nav className="debrief-steps card" aria-label="Debrief items">
      <h2 className="small-head">
        Items <span className="muted">({view.itemCount})</span>
      </h2>
      <ol>
        {view.items.map((it) => (
          <li
            key={it.position}
            className={`${it.current ? "current" : ""}${it.position < view.position ? " done" : ""}`}
            aria-current={it.current ? "step" : undefined}
          >
            <span className="step-title">{it.title}</span>
            <span className="step-meta xsmall muted">
              {it.revealed ? "revealed" : "hidden"}
              {it.noted ? " · noted" : ""} · {it.elapsedLabel}
            </span>
          </li>
        ))}
        <li className={view.atDecision ? "current" : ""} aria-current={view.atDecision ? "step" : undefined}>
          <span className="step-title">Decision</span>
        </li>
      </ol>
    </nav>
  );
}

function Attendees({ view }: { view: DebriefView }) {
  return (
    <aside className="debrief-room card" aria-labelledby="room-title">
      <h2 id="room-title" className="small-head">
        In the room <span className="muted">({view.attendees.length})</span>
      </h2>
      <ul data-testid="attendees">
        {view.attendees.map((a) => (
          <li key={`${a.name}-${a.joinedAt}`}>
            <span>{a.name}</span>{" "}
            <span className="xsmall muted">
              {a.roleLabel} · <LocalTime at={a.joinedAt} format="time" />
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function Conclusions({ view }: { view: DebriefView }) {
  return (
    <dl className="debrief-conclusions" data-testid="debrief-conclusions">
      {view.items.map((it) => (
        <div key={it.position}>
          <dt>
            {it.title} <span className="xsmall muted">{it.elapsedLabel}</span>
          </dt>
          <dd className={it.noted ? "" : "muted"}>{it.noted ? it.conclusion : "No conclusion noted."}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Items skipped without a reveal: the panel decides without having seen those ratings together. */
function Unrevealed({ view }: { view: DebriefView }) {
  const skipped = view.items.filter((it) => !it.revealed);
  if (skipped.length === 0) return null;
  return (
    <p className="notice warn" data-testid="unrevealed">
      Not revealed in this debrief: {skipped.map((it) => it.title).join(", ")}. Go back to discuss{" "}
      {skipped.length === 1 ? "it" : "them"}, or say in the rationale why not.
    </p>
  );
}

function Record({ view }: { view: DebriefView }) {
  return (
    <section className="card" aria-labelledby="record-title">
      <h2 id="record-title">
        Debrief record
        {view.concludedAt !== null ? (
          <span className="small muted">
            {" "}
            · concluded <LocalTime at={view.concludedAt} format="calendar-date-time" />
          </span>
        ) : null}
      </h2>
      <p className="small">
        <strong>Attended:</strong>{" "}
        {view.attendees.length ? view.attendees.map((a) => `${a.name} (${a.roleLabel.toLowerCase()})`).join(", ") : "—"}
      </p>
      <Conclusions view={view} />
    </section>
  );
}
