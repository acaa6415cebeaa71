import type { KeyboardEvent } from "react";
import { useRef } from "react";
import type { RegisterField } from "../../hooks/use-scorecard-form";

import type { RubricDimension, ScaleAnchors } from "../../domain/rubric/model";
import { CALIBRATION_POINTS } from "../../domain/rubric/model";
import { RATING_LABELS, RATING_SCORES } from "../../domain/vocabulary";
import type { ScoreValue } from "../../domain/scorecard/schema";
import { EVIDENCE_MIN, LIMITS } from "../../domain/scorecard/values";

import { FieldError, fieldId } from "../ui/primitives";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !["radio", "checkbox", "button", "submit"].includes(target.type);
  return target.isContentEditable;
}

export interface RatingFieldProps {
  dimension: RubricDimension;
  /** assessed by this exercise (required) or optional */
  assessed: boolean;
  register: RegisterField;
  initial: { score: ScoreValue; evidence: string };
  /** current values (live, for the counter and the highlighted anchor) */
  score: ScoreValue;
  evidence: string;
  scoreError?: string;
  evidenceError?: string;
  disabled: boolean;
  onClear?: () => void;
  /** format 2: the probe and exercise the dimension's calibration answers respond to */
  calibrationPrompt?: { exerciseTitle: string; question: string } | null;
}

/**
 * One dimension as a compact card: a labelled radio group on the 4-point scale plus "Not assessed",
 * the evidence beside it (below it on a phone), and the description and anchors on demand (a
 * `<details>`, so it opens without JavaScript too). Keys 1–4 rate the focused dimension (0 = not
 * assessed) when focus is anywhere in it except a text field; arrows move within the group as usual.
 */
export function RatingField(p: RatingFieldProps) {
  const key = p.dimension.key;
  const scorePath = `ratings.${key}.score` as const;
  const evidencePath = `ratings.${key}.evidence` as const;
  const sid = fieldId(scorePath);
  const eid = fieldId(evidencePath);
  const ref = useRef<HTMLFieldSetElement>(null);
  const scoreReg = p.register(scorePath);
  const evidenceReg = p.register(evidencePath);

  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    if (p.disabled || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    const value = e.key === "0" ? "na" : ["1", "2", "3", "4"].includes(e.key) ? e.key : null;
    if (!value) return;
    const input = ref.current?.querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`);
    if (!input) return;
    e.preventDefault();
    input.click();
    input.focus();
  };

  const length = p.evidence.length;
  const nearLimit = length > LIMITS.evidence * 0.8;
  const scale = p.dimension.scale;
  // format 2: each radio is described by its own point's anchor; format 1 by the three bands
  const describedBy = (point: string) =>
    [scale && point !== "na" ? `${sid}-pt-${point}` : `${sid}-anchors`, p.scoreError ? `${sid}-error` : null]
      .filter(Boolean)
      .join(" ");
  const rated = p.score !== "" && p.score !== "na";

  return (
    <fieldset
      ref={ref}
      className={`dim${p.score ? ` has-score score-is-${p.score}` : ""}${p.scoreError || p.evidenceError ? " has-error" : ""}`}
      onKeyDown={onKeyDown}
      data-dimension={key}
    >
      <legend className="dim-name">
        {p.dimension.name}
        {p.assessed ? null : <span className="badge">optional</span>}
        {/* before the radios in the tab order, so Tab goes from the rating straight to the evidence */}
        {p.onClear && p.score && !p.disabled ? (
          <button type="button" className="link-btn clear" onClick={p.onClear}>
            Clear rating<span className="sr-only"> for {p.dimension.name}</span>
          </button>
        ) : null}
      </legend>
      <div className="dim-rate">
        <div className="scale" id={sid}>
          {RATING_SCORES.map((n) => (
            <label key={n} className={`seg seg-${n}`}>
              <input
                type="radio"
                value={String(n)}
                defaultChecked={p.initial.score === String(n)}
                aria-describedby={describedBy(String(n))}
                aria-invalid={p.scoreError ? true : undefined}
                {...scoreReg}
              />
              <span className="seg-n">{n}</span>
              <span className="seg-l">{RATING_LABELS[n]}</span>
            </label>
          ))}
          <label className="seg seg-na">
            <input
              type="radio"
              value="na"
              defaultChecked={p.initial.score === "na"}
              aria-describedby={describedBy("na")}
              aria-invalid={p.scoreError ? true : undefined}
              {...scoreReg}
            />
            <span className="seg-n">N/A</span>
            <span className="seg-l">Not assessed</span>
          </label>
        </div>
        <FieldError id={`${sid}-error`} message={p.scoreError} />
      </div>
      <div className="field evidence">
        <label htmlFor={eid}>
          Evidence<span className="sr-only"> for {p.dimension.name}</span>
          {rated ? <span className="req"> · required, {EVIDENCE_MIN}+ characters</span> : null}
        </label>
        <textarea
          id={eid}
          rows={3}
          defaultValue={p.initial.evidence}
          placeholder="What did the candidate say or do? Quotes, examples, numbers."
          aria-invalid={p.evidenceError ? true : undefined}
          aria-describedby={
            [p.evidenceError ? `${eid}-error` : null, nearLimit ? `${eid}-count` : null].filter(Boolean).join(" ") ||
            undefined
          }
          {...evidenceReg}
        />
        {nearLimit ? (
          <div className={`counter${length > LIMITS.evidence ? " over" : ""}`} id={`${eid}-count`}>
            {length.toLocaleString("en-US")} / {LIMITS.evidence.toLocaleString("en-US")}
          </div>
        ) : null}
        <FieldError id={`${eid}-error`} message={p.evidenceError} />
      </div>
      {/* after the evidence in the tab order (rating, Tab, evidence); beside the scale on a laptop */}
      <div className="dim-more">
        {scale ? (
          <PointAnchors
            sid={sid}
            scale={scale}
            dimension={p.dimension}
            calibrationPrompt={p.calibrationPrompt ?? null}
          />
        ) : (
          <details className="dim-guide" data-testid="dimension-guide">
            <summary>
              What it covers and the anchors<span className="sr-only"> for {p.dimension.name}</span>
            </summary>
            <p className="dim-desc">{p.dimension.description}</p>
            {/* radios name this as their description, so it stays in the page while the disclosure is closed */}
            <div className="anchors" id={`${sid}-anchors`}>
              <div className="anchor anchor-below">
                <span className="anchor-h">Below bar · 1–2</span>
                {p.dimension.anchors.belowBar}
              </div>
              <div className="anchor anchor-meets">
                <span className="anchor-h">Meets bar · 3</span>
                {p.dimension.anchors.meetsBar}
              </div>
              <div className="anchor anchor-exceeds">
                <span className="anchor-h">Exceeds · 4</span>
                {p.dimension.anchors.exceeds}
              </div>
            </div>
          </details>
        )}
      </div>
    </fieldset>
  );
}

/**
 * Format 2: one anchor per scale point, on demand: the anchor of the point you hover, focus or
 * choose shows (CSS `:has`, so it works before JavaScript too); "All anchors" opens the four at
 * once. The calibration answers (a 2, a 3 and a 4 to one probe) are one click away.
 */
function PointAnchors(p: {
  sid: string;
  scale: ScaleAnchors;
  dimension: RubricDimension;
  calibrationPrompt: { exerciseTitle: string; question: string } | null;
}) {
  const calibration = p.dimension.calibration;
  return (
    <div className="pt-anchors">
      <div className="pt-tools">
        <label className="check all-anchors">
          <input type="checkbox" aria-controls={`${p.sid}-pts`} /> All anchors
          <span className="sr-only"> for {p.dimension.name}</span>
        </label>
        <details className="dim-guide">
          <summary>
            What it covers<span className="sr-only"> ({p.dimension.name})</span>
          </summary>
          <p className="dim-desc">{p.dimension.description}</p>
        </details>
      </div>
      <div className="pts" id={`${p.sid}-pts`} data-testid="point-anchors">
        <p className="pts-hint muted">Hover, focus or choose a score to see its anchor.</p>
        {RATING_SCORES.map((n) => (
          <p key={n} className={`pt pt-${n}`} id={`${p.sid}-pt-${n}`} data-point={n}>
            <span className="anchor-h">
              {n} · {RATING_LABELS[n]}
            </span>{" "}
            {p.scale[n]}
          </p>
        ))}
      </div>
      {calibration ? (
        <details className="calibration" data-testid="calibration">
          <summary>
            What a 2, 3 and 4 sound like<span className="sr-only"> for {p.dimension.name}</span>
          </summary>
          {p.calibrationPrompt ? (
            <p className="muted">
              Answers to “{p.calibrationPrompt.question}” ({p.calibrationPrompt.exerciseTitle})
            </p>
          ) : null}
          <dl>
            {CALIBRATION_POINTS.map((n) => (
              <div key={n} className={`cal cal-${n}`}>
                <dt>
                  {n} · {RATING_LABELS[n]}
                </dt>
                <dd>{calibration.answers[n]}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
