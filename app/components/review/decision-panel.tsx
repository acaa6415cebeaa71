import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useMemo, type FormEvent } from "react";
import { useForm } from "react-hook-form";

import type { LoopAggregate, LoopFacts } from "../../domain/review/types";
import { OVERRIDE_MIN, type OverrideGround } from "../../domain/review/override";
import {
  decisionFormSchema,
  RATIONALE_MIN,
  reopenSchema,
  type DecisionInput,
  type DecisionValues,
  type ReopenInput,
  type ReopenValues,
} from "../../domain/review/decision-schema";
import {
  DECISION_LABELS,
  DECISIONS,
  LOOP_STATUS_LABELS,
  type Decision,
  type LoopStatus,
} from "../../domain/vocabulary";
import { CsrfInput, FieldError, LocalTime } from "../ui/primitives";

export interface DecisionActionData {
  intent: "decide" | "reopen" | null;
  errors: Record<string, string[] | undefined>;
  values?: { decision?: string; rationale?: string; override?: string; reason?: string };
  /** the grounds the server found for the decision posted, when it refused it for want of an override */
  grounds?: OverrideGround[];
}

/** Which choices go against the rubric's signals, and on what grounds (app/domain/review/override.ts). */
export type OverrideGroundsByDecision = Partial<Record<Decision, OverrideGround[]>>;

const DECISION_HINTS: Record<Decision, string> = {
  hire: "Move to offer.",
  no_hire: "Close; the recruiter tells the candidate.",
  hold: "Keep warm; revisit later.",
};

/**
 * Hire / no hire / hold with a required rationale, and a written override when the choice goes
 * against the rubric's signals. A plain POST form that react-hook-form enhances: with JS the
 * schema is checked before sending and the override field appears as soon as the choice needs it;
 * without JS the server checks it (same rules) and re-renders the errors with the text intact.
 */
function DecideForm({
  actionData,
  action,
  defaultRationale,
  overrideGrounds,
}: {
  actionData: DecisionActionData | undefined;
  action: string;
  defaultRationale: string;
  overrideGrounds: OverrideGroundsByDecision;
}) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const mine = actionData?.intent === "decide" ? actionData : undefined;
  const values = mine?.values;
  // the server's grounds for the choice it refused are fresher than the page's
  const refusedChoice = mine?.grounds && (DECISIONS as readonly string[]).includes(values?.decision ?? "");
  const grounds: OverrideGroundsByDecision = useMemo(
    () => (refusedChoice ? { ...overrideGrounds, [values?.decision as Decision]: mine?.grounds } : overrideGrounds),
    [refusedChoice, overrideGrounds, values?.decision, mine?.grounds],
  );
  const schema = useMemo(() => decisionFormSchema(grounds), [grounds]);
  const form = useForm<DecisionInput, unknown, DecisionValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: {
      decision: (DECISIONS as readonly string[]).includes(values?.decision ?? "")
        ? (values?.decision as Decision)
        : undefined,
      rationale: values?.rationale ?? defaultRationale,
      override: values?.override ?? "",
    },
  });
  const errors = form.formState.errors;
  const decisionError = errors.decision?.message ?? mine?.errors.decision?.[0];
  const rationaleError = errors.rationale?.message ?? mine?.errors.rationale?.[0];
  const overrideError = errors.override?.message ?? mine?.errors.override?.[0];
  const chosen = form.watch("decision") as Decision | undefined;
  const against = (chosen && grounds[chosen]) || [];
  const formError = mine?.errors._form?.[0];
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "decide";
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const el = event.currentTarget;
    void form.handleSubmit(() => submit(el, { method: "post", action }))(event);
  };
  return (
    <Form
      method="post"
      action={action}
      noValidate
      onSubmit={onSubmit}
      className="decision-form"
      aria-label="Record the hiring decision"
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="decide" />
      {formError ? (
        <div className="form-error" role="alert">
          {formError}
        </div>
      ) : null}
      <fieldset
        aria-invalid={decisionError ? true : undefined}
        aria-describedby={decisionError ? "decision-error" : undefined}
      >
        <legend>Outcome</legend>
        <div className="decision-options">
          {DECISIONS.map((d) => (
            <label key={d} className={`decision-option d-${d}`}>
              {/* defaultChecked / defaultValue: without JavaScript the server re-renders the form after a 400, and
                  react-hook-form's register() alone would leave the fields empty. */}
              <input type="radio" value={d} defaultChecked={values?.decision === d} {...form.register("decision")} />
              <span>
                <strong>{DECISION_LABELS[d]}</strong>
                <span className="xsmall muted">{DECISION_HINTS[d]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="decision-error" message={decisionError} />
      </fieldset>
      <div className="field">
        <label htmlFor="rationale">Rationale</label>
        <textarea
          id="rationale"
          rows={5}
          defaultValue={values?.rationale ?? defaultRationale}
          {...form.register("rationale")}
          aria-invalid={rationaleError ? true : undefined}
          aria-describedby={`rationale-hint${rationaleError ? " rationale-error" : ""}`}
        />
        <div className="field-hint" id="rationale-hint">
          Required, at least {RATIONALE_MIN} characters. Name the evidence that decided it and how the agenda items were
          resolved; it goes into the packet and the audit trail.
        </div>
        <FieldError id="rationale-error" message={rationaleError} />
      </div>
      {against.length > 0 ? (
        <div className="field override-field" data-testid="override-field">
          <label htmlFor="override">Override</label>
          <div className="notice danger small" id="override-grounds">
            <p>
              {DECISION_LABELS[chosen as Decision]} goes against the rubric&apos;s signals. Explain the override in your
              own words; it is stored as an override and printed beside the decision in the packet.
            </p>
            <ul>
              {against.map((g) => (
                <li key={g.text}>Against {g.text}</li>
              ))}
            </ul>
          </div>
          <textarea
            id="override"
            rows={4}
            defaultValue={values?.override ?? ""}
            {...form.register("override")}
            aria-invalid={overrideError ? true : undefined}
            aria-describedby={`override-grounds override-hint${overrideError ? " override-error" : ""}`}
          />
          <div className="field-hint" id="override-hint">
            Required for this choice, at least {OVERRIDE_MIN} characters, not a copy of the rationale: what outweighs
            each point above, and what evidence shows it.
          </div>
          <FieldError id="override-error" message={overrideError} />
        </div>
      ) : overrideError ? (
        // the server found grounds the page did not know of (feedback changed since it loaded)
        <FieldError id="override-error" message={overrideError} />
      ) : null}
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? "Recording…" : "Record decision"}
      </button>
    </Form>
  );
}

function ReopenForm({ actionData, loopId }: { actionData: DecisionActionData | undefined; loopId: string }) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const mine = actionData?.intent === "reopen" ? actionData : undefined;
  const form = useForm<ReopenInput, unknown, ReopenValues>({
    resolver: zodResolver(reopenSchema),
    mode: "onTouched",
    defaultValues: { reason: mine?.values?.reason ?? "" },
  });
  const reasonError = form.formState.errors.reason?.message ?? mine?.errors.reason?.[0];
  const formError = mine?.errors._form?.[0];
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "reopen";
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const el = event.currentTarget;
    void form.handleSubmit(() => submit(el, { method: "post", action: `/loops/${loopId}` }))(event);
  };
  return (
    <details className="reopen" open={mine ? true : undefined}>
      <summary>Reopen this decision</summary>
      <Form method="post" noValidate onSubmit={onSubmit} aria-label="Reopen the decision">
        <CsrfInput />
        <input type="hidden" name="intent" value="reopen" />
        {formError ? (
          <div className="form-error" role="alert">
            {formError}
          </div>
        ) : null}
        <p className="small muted">
          The loop goes back to debrief and the decision is cleared; the old decision and your reason stay in the audit
          trail.
        </p>
        <div className="field">
          <label htmlFor="reopen-reason">Reason for reopening</label>
          <textarea
            id="reopen-reason"
            rows={3}
            defaultValue={mine?.values?.reason ?? ""}
            {...form.register("reason")}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "reopen-reason-error" : undefined}
          />
          <FieldError id="reopen-reason-error" message={reasonError} />
        </div>
        <button type="submit" className="btn danger" disabled={busy}>
          {busy ? "Reopening…" : "Reopen decision"}
        </button>
      </Form>
    </details>
  );
}

export function DecisionPanel({
  facts,
  aggregate,
  canDecide,
  decidable,
  actionData,
  action,
  defaultRationale = "",
  overrideGrounds = {},
}: {
  facts: Pick<LoopFacts, "loopId" | "status" | "decision" | "hiringManager">;
  aggregate: Pick<LoopAggregate, "coverage" | "redFlags">;
  canDecide: boolean;
  decidable: boolean;
  actionData: DecisionActionData | undefined;
  /** where the decision is posted (default: the review page; the debrief posts to itself) */
  action?: string;
  /** the rationale the form starts with (the debrief's conclusions) */
  defaultRationale?: string;
  /** which choices need a written override, and why */
  overrideGrounds?: OverrideGroundsByDecision;
}) {
  const decision = facts.decision;
  const dealbreakers = aggregate.redFlags.filter((f) => f.severity === "dealbreaker");
  return (
    <section className="card decision-card" id="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision</h2>
      {decision ? (
        <div className="decision-record" data-testid="decision-record">
          <p className="decision-verdict">
            <span className={`badge decision d-${decision.decision}`}>{DECISION_LABELS[decision.decision]}</span>
            <span className="small muted">
              by {decision.decidedBy}, <LocalTime at={decision.decidedAt} format="calendar-date-time" />
            </span>
          </p>
          {decision.override ? (
            <div className="notice danger decision-override" data-testid="decision-override">
              <p className="small">
                <strong>Override of:</strong> {decision.override.grounds.map((g) => g.text).join("; ")}
              </p>
              <blockquote className="rationale">{decision.override.text}</blockquote>
            </div>
          ) : null}
          <blockquote className="rationale">{decision.rationale}</blockquote>
          {canDecide ? <ReopenForm actionData={actionData} loopId={facts.loopId} /> : null}
        </div>
      ) : canDecide && decidable ? (
        <>
          {!aggregate.coverage.complete ? (
            <p className="notice warn small">
              {aggregate.coverage.assigned - aggregate.coverage.submitted} of {aggregate.coverage.assigned} scorecards
              are not submitted: deciding now closes the loop on partial feedback.
            </p>
          ) : null}
          {dealbreakers.length ? (
            <p className="notice danger small">
              {dealbreakers.length === 1 ? "A dealbreaker was" : `${dealbreakers.length} dealbreakers were`} raised.
              Resolve {dealbreakers.length === 1 ? "it" : "them"} in the debrief and say how in the rationale.
            </p>
          ) : null}
          <DecideForm
            actionData={actionData}
            action={action ?? `/loops/${facts.loopId}`}
            defaultRationale={defaultRationale}
            overrideGrounds={overrideGrounds}
          />
        </>
      ) : canDecide ? (
        <p className="muted small">
          The loop is {LOOP_STATUS_LABELS[facts.status as LoopStatus].toLowerCase()}. The decision can be recorded once
          the recruiter moves it to debrief.
        </p>
      ) : (
        <p className="muted small">
          No decision yet. {facts.hiringManager} (hiring manager) records it after the debrief.
        </p>
      )}
    </section>
  );
}
