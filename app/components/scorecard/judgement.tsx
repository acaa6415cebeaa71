import type { RegisterField } from "../../hooks/use-scorecard-form";

import type { Recommendation } from "../../domain/vocabulary";
import type { RubricDimension, RubricRedFlag, RubricSignal } from "../../domain/rubric/model";
import {
  bySeverity,
  LEVEL_SIGNAL_LABELS,
  LEVEL_SIGNALS,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  SIGNAL_KIND_LABELS,
} from "../../domain/vocabulary";
import type { ScorecardValues } from "../../domain/scorecard/schema";
import { LIMITS, OVERRIDE_MIN } from "../../domain/scorecard/values";

import { RedFlagSeverityBadge, FieldError, fieldId, ScrollRegion } from "../ui/primitives";

type ErrorAt = (path: string) => string | undefined;

/**
 * Red flags, dealbreakers first. Ticking one reveals its note (CSS `:has`, so it works before
 * JavaScript has loaded too); a ticked flag cannot be submitted without a note.
 */
export function RedFlagsSection(p: {
  flags: RubricRedFlag[];
  register: RegisterField;
  initial: ScorecardValues;
  errorAt: ErrorAt;
}) {
  const ordered = [...p.flags].sort(bySeverity);
  return (
    <section className="card sc-section" aria-labelledby="flags-h">
      <h2 id="flags-h">Red flags</h2>
      <p className="hint">Tick what you observed and say what happened. Dealbreakers weigh on the decision.</p>
      <ul className="flag-list">
        {ordered.map((f) => {
          const checkedPath = `redFlags.${f.key}.checked` as const;
          const notePath = `redFlags.${f.key}.note` as const;
          const cid = fieldId(checkedPath);
          const nid = fieldId(notePath);
          const noteError = p.errorAt(notePath);
          return (
            <li key={f.key} className={`flag flag-${f.severity}${noteError ? " has-error" : ""}`}>
              <label className="check" htmlFor={cid}>
                <input
                  id={cid}
                  type="checkbox"
                  defaultChecked={p.initial.redFlags[f.key]?.checked ?? false}
                  {...p.register(checkedPath)}
                />
                <span>
                  <RedFlagSeverityBadge severity={f.severity} /> {f.label}
                  {f.description ? <span className="flag-desc">{f.description}</span> : null}
                </span>
              </label>
              <div className={`flag-note${noteError ? " show" : ""}`}>
                <label htmlFor={nid} className="sr-only">
                  What you observed: {f.label}
                </label>
                <textarea
                  id={nid}
                  rows={2}
                  defaultValue={p.initial.redFlags[f.key]?.note ?? ""}
                  placeholder="What you observed (required when ticked)"
                  aria-invalid={noteError ? true : undefined}
                  aria-describedby={noteError ? `${nid}-error` : undefined}
                  {...p.register(notePath)}
                />
                <FieldError id={`${nid}-error`} message={noteError} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SignalsSection(p: { signals: RubricSignal[]; register: RegisterField; initial: ScorecardValues }) {
  const group = (kind: "strong" | "weak") => p.signals.filter((s) => s.kind === kind);
  return (
    <section className="card sc-section" aria-labelledby="signals-h">
      <h2 id="signals-h">Signals</h2>
      <div className="signals">
        {(["strong", "weak"] as const).map((kind) => (
          <fieldset key={kind} className={`signal-group signal-${kind}`}>
            <legend>{`${SIGNAL_KIND_LABELS[kind]} signals`}</legend>
            {group(kind).map((s) => {
              const path = `signals.${s.key}` as const;
              return (
                <label key={s.key} className="check" htmlFor={fieldId(path)}>
                  <input
                    id={fieldId(path)}
                    type="checkbox"
                    defaultChecked={p.initial.signals[s.key] ?? false}
                    {...p.register(path)}
                  />
                  <span>{s.label}</span>
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

/**
 * The overall recommendation (4 levels), the summary, and the override justification, which
 * appears when Hire/Strong hire meets a ticked dealbreaker (CSS `:has` before JS; React after).
 */
export function RecommendationSection(p: {
  register: RegisterField;
  initial: ScorecardValues;
  errorAt: ErrorAt;
  needsOverride: boolean;
  summaryLength: number;
  /** format 2: ask for a level signal, with what separates the levels on these dimensions */
  levels?: RubricDimension[] | null;
}) {
  const recError = p.errorAt("recommendation");
  const sumError = p.errorAt("summary");
  const ovError = p.errorAt("overrideJustification");
  const rid = fieldId("recommendation");
  return (
    <section className="card sc-section" aria-labelledby="rec-h">
      <h2 id="rec-h">Overall recommendation</h2>
      <fieldset className="rec" aria-describedby={recError ? `${rid}-error` : undefined}>
        <legend className="sr-only">Overall recommendation</legend>
        <div className="scale rec-scale" id={rid}>
          {RECOMMENDATIONS.map((r: Recommendation, i) => (
            <label key={r} className={`seg seg-${i + 1} rec-${r}`}>
              <input
                type="radio"
                value={r}
                defaultChecked={p.initial.recommendation === r}
                aria-invalid={recError ? true : undefined}
                {...p.register("recommendation")}
              />
              <span className="seg-l">{RECOMMENDATION_LABELS[r]}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${rid}-error`} message={recError} />
      </fieldset>
      {p.levels ? <LevelSignalField {...p} levels={p.levels} /> : null}
      <div className={`field override${p.needsOverride || ovError ? " show" : ""}`}>
        <label htmlFor={fieldId("overrideJustification")}>Override justification</label>
        <p className="field-hint" id="override-hint">
          You recommend hiring although you ticked a dealbreaker. Explain why (at least {OVERRIDE_MIN} characters); the
          hiring manager sees it marked as an override.
        </p>
        <textarea
          id={fieldId("overrideJustification")}
          rows={3}
          defaultValue={p.initial.overrideJustification}
          aria-invalid={ovError ? true : undefined}
          aria-describedby={`override-hint${ovError ? ` ${fieldId("overrideJustification")}-error` : ""}`}
          {...p.register("overrideJustification")}
        />
        <FieldError id={`${fieldId("overrideJustification")}-error`} message={ovError} />
      </div>
      <div className="field">
        <label htmlFor={fieldId("summary")}>Summary for the hiring manager</label>
        <textarea
          id={fieldId("summary")}
          rows={4}
          defaultValue={p.initial.summary}
          placeholder="Your overall read: the strongest evidence for and against, and what the next interviewer should probe."
          aria-invalid={sumError ? true : undefined}
          aria-describedby={sumError ? `${fieldId("summary")}-error` : undefined}
          {...p.register("summary")}
        />
        {p.summaryLength > LIMITS.summary * 0.8 ? (
          <div className={`counter${p.summaryLength > LIMITS.summary ? " over" : ""}`}>
            {p.summaryLength.toLocaleString("en-US")} / {LIMITS.summary.toLocaleString("en-US")}
          </div>
        ) : null}
        <FieldError id={`${fieldId("summary")}-error`} message={sumError} />
      </div>
    </section>
  );
}

/** Format 2: the level the interview showed (Below Lead / Lead / Staff+), beside the recommendation. */
function LevelSignalField(p: {
  register: RegisterField;
  initial: ScorecardValues;
  errorAt: ErrorAt;
  levels: RubricDimension[];
}) {
  const error = p.errorAt("levelSignal");
  const lid = fieldId("levelSignal");
  const guided = p.levels.filter((d) => d.levels);
  return (
    <fieldset className="rec level-signal" aria-describedby={error ? `${lid}-error` : undefined}>
      <legend>
        Level signal <span className="muted small">(optional)</span>
      </legend>
      <div className="scale rec-scale" id={lid}>
        {LEVEL_SIGNALS.map((l, i) => (
          <label key={l} className={`seg seg-${i + 2} level-${l}`}>
            <input
              type="radio"
              value={l}
              defaultChecked={p.initial.levelSignal === l}
              aria-invalid={error ? true : undefined}
              {...p.register("levelSignal")}
            />
            <span className="seg-l">{LEVEL_SIGNAL_LABELS[l]}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${lid}-error`} message={error} />
      {guided.length ? (
        <details className="level-guide">
          <summary>What separates the levels</summary>
          {/* four columns of prose: on a phone the table scrolls inside its own region, the page does not */}
          <ScrollRegion label="What separates the levels">
            <table className="small">
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  {LEVEL_SIGNALS.map((l) => (
                    <th key={l} scope="col">
                      {LEVEL_SIGNAL_LABELS[l]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {guided.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{d.name}</th>
                    <td>{d.levels?.belowLead}</td>
                    <td>{d.levels?.lead}</td>
                    <td>{d.levels?.staffPlus}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      ) : null}
    </fieldset>
  );
}
