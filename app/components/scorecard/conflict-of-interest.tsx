import { Form } from "@remix-run/react";

import { CONFLICT_KIND_LABELS, CONFLICT_KINDS } from "../../domain/vocabulary";
import { CsrfInput, FieldError } from "../ui/primitives";

/**
 * Declaring a conflict of interest (knows the candidate, referred them, former report…). The
 * scorecard is then recused for good: excluded from every aggregate, its panelist out of the
 * loop's feedback; the recruiter sees that it is recused (not the note) and can reassign the
 * interview.
 */
export function DeclareConflict(p: {
  action: string;
  errors?: Record<string, string[]>;
  kind?: string;
  note?: string;
  open?: boolean;
}) {
  const kindError = p.errors?.kind?.[0];
  const noteError = p.errors?.note?.[0];
  return (
    <details className="card coi" open={p.open || !!kindError || !!noteError}>
      <summary>Declare a conflict of interest</summary>
      <p className="small">
        If you know the candidate, referred them, or worked with them closely, say so before you score. Your scorecard
        is then recused, and that is final: it does not count towards the panel&apos;s scores, you do not see the
        panel&apos;s feedback on this candidate, and the recruiter sees that you recused (not your note) so they can
        reassign the interview.
      </p>
      <Form method="post" action={p.action} className="coi-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="declareConflict" />
        <div className="field">
          <label htmlFor="coi-kind">What is the conflict?</label>
          <select
            id="coi-kind"
            name="kind"
            defaultValue={p.kind ?? ""}
            aria-invalid={kindError ? true : undefined}
            aria-describedby={kindError ? "coi-kind-error" : undefined}
          >
            <option value="" disabled>
              Choose…
            </option>
            {CONFLICT_KINDS.map((k) => (
              <option key={k} value={k}>
                {CONFLICT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <FieldError id="coi-kind-error" message={kindError} />
        </div>
        <div className="field">
          <label htmlFor="coi-note">Note (only you will see it)</label>
          <textarea
            id="coi-note"
            name="note"
            rows={2}
            defaultValue={p.note ?? ""}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? "coi-note-error" : undefined}
          />
          <FieldError id="coi-note-error" message={noteError} />
        </div>
        <button type="submit" className="btn danger">
          Declare conflict and recuse
        </button>
      </Form>
    </details>
  );
}
