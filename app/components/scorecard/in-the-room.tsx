import type { FormEvent } from "react";
import { useEffect, useState } from "react";
import type { RegisterField } from "../../hooks/use-scorecard-form";

import type { FocusPoint } from "../../domain/rubric/model";
import type { QuickNote, ScorecardValues } from "../../domain/scorecard/schema";
import { LIMITS } from "../../domain/scorecard/values";
import { readEarlyText } from "../../hooks/early-edits";

import { CsrfInput, FieldError, fieldId } from "../ui/primitives";

/** The exercise brief: prompt and probe questions (format 1; format 2 ticks its probes), collapsible. */
export function ExerciseBrief(p: { title: string; prompt: string; probeQuestions: string[]; durationMinutes: number }) {
  return (
    <details className="card brief" open>
      <summary>
        <span>Exercise brief</span>
        <span className="muted small">
          {p.title} · {p.durationMinutes} min
        </span>
      </summary>
      <p className="prompt">{p.prompt}</p>
      {p.probeQuestions.length ? (
        <details className="probes">
          <summary>Probe questions ({p.probeQuestions.length})</summary>
          <ol>
            {p.probeQuestions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </details>
  );
}

/** Evaluation-focus coverage: ticked as the candidate covers each point. Part of the scorecard form. */
export function FocusChecklist(p: {
  points: FocusPoint[];
  register: RegisterField;
  initial: ScorecardValues;
  covered: number;
  formId: string;
  disabled: boolean;
}) {
  return (
    <fieldset className="card focus" disabled={p.disabled}>
      <legend>
        Coverage{" "}
        <span className="muted small" data-testid="focus-count">
          {p.covered} of {p.points.length}
        </span>
      </legend>
      {p.points.map((f) => {
        const path = `focus.${f.key}` as const;
        return (
          <label key={f.key} className="check" htmlFor={fieldId(path)}>
            <input
              id={fieldId(path)}
              type="checkbox"
              form={p.formId}
              defaultChecked={p.initial.focus[f.key] ?? false}
              {...p.register(path)}
            />
            <span>{f.label}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * Quick notes: one input, Enter adds a note stamped with the timer's minute. Without JavaScript
 * the input posts its own small form (the server stamps the minute).
 */
export function QuickNotes(p: {
  notes: QuickNote[];
  minute: number;
  disabled: boolean;
  formId: string;
  action: string;
  /** resolves to a problem to show, or null once the note is added */
  onAdd: ((body: string) => Promise<string | null>) | null;
  onDelete: ((id: string) => void) | null;
  serverError?: string;
  initialBody?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(p.initialBody ?? "");
  const id = "quick-note";
  // A note typed while the page was loading is still in the input: take it into the state.
  useEffect(() => {
    const early = readEarlyText(id);
    if (early !== null) setDraft(early);
  }, []);
  const shown = [...p.notes].sort((a, b) => b.at - a.at);
  const message = error ?? p.serverError;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (!p.onAdd) return;
    e.preventDefault();
    const sent = draft;
    void p.onAdd(sent).then((problem) => {
      setError(problem);
      // keep whatever was typed after Enter
      if (!problem) setDraft((now) => (now === sent ? "" : now));
    });
  };

  return (
    <section className="card notes" aria-labelledby="notes-h">
      <h2 id="notes-h">
        Quick notes <span className="muted small">{p.notes.length ? `(${p.notes.length})` : ""}</span>
      </h2>
      {p.disabled ? null : (
        <form id={p.formId} method="post" action={p.action} onSubmit={onSubmit} className="note-form">
          <CsrfInput />
          <label htmlFor={id} className="sr-only">
            Quick note (Enter adds it, stamped at minute {p.minute})
          </label>
          <span className="minute-chip" aria-hidden="true">
            {p.minute}′
          </span>
          <input
            id={id}
            name="body"
            type="text"
            autoComplete="off"
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              if (error && e.target.value.length <= LIMITS.note) setError(null);
            }}
            placeholder="Type a note, Enter to add"
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${fieldId("notes")}-error` : undefined}
          />
          <input type="hidden" name="intent" value="addNote" />
          <button type="submit" className="btn small">
            Add
          </button>
        </form>
      )}
      <FieldError id={`${fieldId("notes")}-error`} message={message ?? undefined} />
      {shown.length ? (
        <ol className="note-list" data-testid="note-list">
          {shown.map((n) => (
            <li key={n.id}>
              <span className="minute">{n.minute}′</span>
              <span className="body">{n.body}</span>
              {p.onDelete && !p.disabled ? (
                <button
                  type="button"
                  className="link-btn"
                  onClick={() => p.onDelete?.(n.id)}
                  aria-label={`Delete note: ${n.body.slice(0, 40)}`}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">
          {p.disabled
            ? "No quick notes were taken."
            : "Notes you take here are stamped with the interview minute and kept with your scorecard."}
        </p>
      )}
    </section>
  );
}
