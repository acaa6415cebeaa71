import type { RegisterField } from "../../hooks/use-scorecard-form";

import type { ContextCard, RubricProbe, ScriptedReveal } from "../../domain/rubric/model";
import { CONTEXT_CARD_FIELDS, CONTEXT_CARD_LABELS, orderedProbes } from "../../domain/rubric/model";
import type { ScorecardValues } from "../../domain/scorecard/schema";
import type { PhaseWindow } from "../../domain/scorecard/script";
import { clockPhaseIndex, phaseCue, revealsDue } from "../../domain/scorecard/script";

import { fieldId } from "../ui/primitives";

// What a format-2 exercise (rubric v2) brings into the room: the phase timeline in the timer, the
// context card, the probes to tick, and the scripted reveals. Format-1 exercises show none of it.

function wholeMinutes(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return `${m} min`;
}

/**
 * The exercise's phases as a bar under the timer: each phase as wide as its timebox, the one the
 * interviewer is in highlighted, a marker where the clock is, and a gentle cue once the current
 * phase has used its time. The interviewer moves on with "Next phase" (or picks a phase).
 */
export function PhaseTimeline(p: {
  windows: PhaseWindow[];
  elapsedMs: number;
  current: number;
  /** null before JavaScript has loaded and on a locked scorecard */
  onMove: ((index: number) => void) | null;
  live: boolean;
}) {
  const { windows, current } = p;
  const here = windows[current];
  if (!here) return null;
  const cue = p.live ? phaseCue(windows, current, p.elapsedMs) : null;
  const clock = clockPhaseIndex(windows, p.elapsedMs);
  const next = windows[current + 1] ?? null;
  // the clock mark sits inside the phase the clock is in, so it stays true however wide that phase is drawn
  const clockWindow = windows[clock];
  const clockAt = clockWindow
    ? Math.min(100, ((p.elapsedMs / 60_000 - clockWindow.startMinute) / Math.max(1, clockWindow.minutes)) * 100)
    : 0;
  return (
    <div className={`phases${cue ? " over" : ""}`} data-testid="phase-timeline">
      <div className="phase-track">
        <ol className="phase-bar" aria-label="Phases of the exercise">
          {windows.map((w, i) => {
            const state = i === current ? "current" : i < current ? "done" : "upcoming";
            const text = `${w.label}, ${w.minutes} min (${w.startMinute}–${w.endMinute}′)`;
            return (
              <li
                key={w.key}
                className={`phase ${state}${w.candidateQuestions ? " questions" : ""}${i === clock ? " clock" : ""}`}
                style={{ flexGrow: w.minutes }}
                aria-current={i === current ? "step" : undefined}
                data-phase={w.key}
              >
                {p.onMove ? (
                  <button type="button" className="phase-btn" onClick={() => p.onMove?.(i)} title={text}>
                    <span className="sr-only">Move to </span>
                    <span className="phase-label">{w.label}</span>
                    <span className="phase-min">{w.minutes}′</span>
                  </button>
                ) : (
                  <span className="phase-btn" title={text}>
                    <span className="phase-label">{w.label}</span>
                    <span className="phase-min">{w.minutes}′</span>
                  </span>
                )}
                {i === clock && p.elapsedMs > 0 ? (
                  <div className="phase-clock" style={{ left: `${clockAt}%` }} aria-hidden="true" />
                ) : null}
              </li>
            );
          })}
        </ol>
      </div>
      <div className="phase-now">
        <span data-testid="current-phase">
          Now: <strong>{here.label}</strong>{" "}
          <span className="muted">
            · {here.minutes} min, until {here.endMinute}′
          </span>
        </span>
        {cue ? (
          <span className="phase-cue" data-testid="phase-cue">
            {wholeMinutes(cue.overByMs)} over
            {cue.next ? <span className="phase-cue-next"> — next: {cue.next.label}</span> : null}
          </span>
        ) : null}
        {p.onMove && next ? (
          <button type="button" className="btn small" onClick={() => p.onMove?.(current + 1)}>
            Next phase<span className="sr-only">: {next.label}</span>
          </button>
        ) : null}
        <span className="sr-only" role="status" aria-live="polite">
          {cue ? `${here.label} is over its time${cue.next ? `; next: ${cue.next.label}` : ""}.` : ""}
        </span>
      </div>
    </div>
  );
}

/** The facts the candidate gets on a card (scale, label delay, team, stack, budget). */
export function ContextCardView({ context }: { context: ContextCard }) {
  const rows = CONTEXT_CARD_FIELDS.filter((f) => (context[f] ?? "").trim() !== "");
  if (rows.length === 0) return null;
  return (
    <details className="card context-card" open data-testid="context-card">
      <summary>Context card</summary>
      <p className="muted small">The candidate has these facts; answer other factual questions from here, no hints.</p>
      <dl>
        {rows.map((f) => (
          <div key={f}>
            <dt>{CONTEXT_CARD_LABELS[f]}</dt>
            <dd>{context[f]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * The exercise's probes, core ones first, each ticked once asked; what to listen for opens on
 * demand. Part of the scorecard form (`probes.<key>`), so the ticks autosave with the rest.
 */
export function ProbeChecklist(p: {
  probes: RubricProbe[];
  dimensionNames: Record<string, string>;
  register: RegisterField;
  initial: ScorecardValues;
  asked: Record<string, boolean>;
  formId: string;
  disabled: boolean;
}) {
  const ordered = orderedProbes(p.probes);
  const core = ordered.filter((x) => x.core);
  const askedCore = core.filter((x) => p.asked[x.key]).length;
  const group = (list: RubricProbe[], title: string) =>
    list.length === 0 ? null : (
      <>
        <h3 className="probe-group">{title}</h3>
        <ol className="probe-list">
          {list.map((probe) => {
            const path = `probes.${probe.key}` as const;
            const id = fieldId(path);
            return (
              <li key={probe.key} className={`probe${probe.core ? " core" : ""}`} data-probe={probe.key}>
                <label className="check" htmlFor={id}>
                  <input
                    id={id}
                    type="checkbox"
                    form={p.formId}
                    defaultChecked={p.initial.probes[probe.key] ?? false}
                    {...p.register(path)}
                  />
                  <span>
                    {probe.question}
                    <span className="sr-only"> (tick when asked)</span>
                  </span>
                </label>
                <div className="probe-meta">
                  <span className="probe-dims">
                    {probe.dimensionKeys.map((k) => p.dimensionNames[k] ?? k).join(" · ")}
                  </span>
                  <details className="look-for">
                    <summary>
                      Listen for<span className="sr-only">: {probe.question}</span>
                    </summary>
                    <p>{probe.lookFor}</p>
                  </details>
                </div>
              </li>
            );
          })}
        </ol>
      </>
    );
  return (
    <fieldset className="card focus probes-card" disabled={p.disabled} data-testid="probe-checklist">
      <legend>
        Probes{" "}
        <span className="muted small" data-testid="probe-count">
          {askedCore} of {core.length} core asked
        </span>
      </legend>
      {group(core, "Core: ask in every interview")}
      {group(
        ordered.filter((x) => !x.core),
        "If time allows",
      )}
    </fieldset>
  );
}

/**
 * The scripted reveals (the incident drill): each appears at its minute on the timer, for the
 * interviewer to show or say; later ones stay hidden until then. This page is the interviewer's
 * own, never shared with the candidate.
 */
export function RevealScript(p: { reveals: ScriptedReveal[]; minute: number; started: boolean }) {
  const { due, next } = revealsDue(p.reveals, p.started ? p.minute : -1);
  const latest = due[due.length - 1];
  return (
    <section className="card script" aria-labelledby="script-h" data-testid="reveal-script">
      <h2 id="script-h">
        Script <span className="muted small">for you only</span>
      </h2>
      <div aria-live="polite">
        {due.length === 0 ? (
          <p className="muted small">
            {p.started
              ? "Nothing to reveal yet."
              : "Reveals appear here at their minute once you start the timer. Do not hint at them before."}
          </p>
        ) : (
          <ol className="reveal-list">
            {due.map((r) => (
              <li key={r.key} className={r === latest ? "latest" : ""} data-reveal={r.key}>
                <span className="minute">{r.atMinute}′</span>
                <div>
                  <p className="reveal-show">
                    {r === latest ? <strong className="reveal-now">Reveal now: </strong> : null}
                    {r.show}
                  </p>
                  <details className="look-for">
                    <summary>Listen for</summary>
                    <p>{r.listenFor}</p>
                  </details>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
      <p className="muted small" data-testid="next-reveal">
        {next ? `Next reveal at ${next.atMinute}′.` : "Every reveal is out."}
      </p>
    </section>
  );
}
