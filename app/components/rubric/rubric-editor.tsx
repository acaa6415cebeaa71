import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { get } from "react-hook-form";
import type { FieldValues, UseFormRegister } from "react-hook-form";

import type { RubricDraftFormValues } from "../../domain/rubric/draft-schema";
import { rubricDraftSchema } from "../../domain/rubric/draft-schema";
import { REQUIRED_WEIGHT_TOTAL } from "../../domain/rubric/validate";
import {
  RED_FLAG_SEVERITIES,
  RED_FLAG_SEVERITY_LABELS,
  SIGNAL_KIND_LABELS,
  SIGNAL_KINDS,
} from "../../domain/vocabulary";
import { CsrfInput } from "../ui/primitives";

import { FormError, SelectField, TextAreaField, TextField } from "../ui/fields";
import type { ServerErrors } from "../../hooks/use-remix-form";
import { useRemixForm } from "../../hooks/use-remix-form";

import type { EditorKit } from "./rubric-editor-v2";
import { DimensionV2Fields, ExerciseV2Fields, RubricV2Sections } from "./rubric-editor-v2";

interface Props {
  defaultValues: RubricDraftFormValues;
  serverErrors?: ServerErrors;
  /** publish-check problems, already worded for people */
  problems?: string[] | null;
}

type ErrorFor = (name: string) => string | undefined;

function RowError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="form-error row-problem" role="alert">
      {message}
    </div>
  );
}

function RemoveBox({
  name,
  register,
  label,
  checked,
}: {
  name: string;
  register: UseFormRegister<FieldValues>;
  label: string;
  checked: boolean;
}) {
  return (
    <label className="check remove-box">
      <input type="checkbox" defaultChecked={checked} {...register(name)} /> {label}
    </label>
  );
}

/**
 * The draft editor: every list shows its items plus one spare blank row (fill it in to add an
 * item, without JavaScript); ticking “Remove” drops an item on save. The same zod schema checks
 * the form in the browser and on the server; the publish checks (anchors, weights, coverage)
 * run on the server and come back as `serverErrors`. A format-2 draft (rubric v2) edits its scale
 * anchors, level guidance, calibration, probes, phases, reveals, context cards, decision rule and
 * guidance instead of the format-1 bands, focus points and probe lines (derived on save).
 */
export function RubricEditor({ defaultValues, serverErrors, problems }: Props) {
  const { form, register, onSubmit, errorFor } = useRemixForm(rubricDraftSchema, { defaultValues, serverErrors });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pending = navigation.formData?.get("intent");
  const dims = defaultValues.dimensions;
  const assessable = dims.filter((d) => d.key !== "");
  const watched = form.watch("dimensions") as { weight?: string; remove?: boolean; name?: string }[] | undefined;
  const total = (watched ?? []).reduce((sum, d) => (d && !d.remove && d.name ? sum + (Number(d.weight) || 0) : sum), 0);
  const reg = register;
  const err: ErrorFor = errorFor;
  // rendered into the HTML too, so the form shows its values (and posts them) without JavaScript
  const dv = (name: string): string => {
    const v: unknown = get(defaultValues, name);
    return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
  };
  const format2 = defaultValues.decisionRule !== undefined;
  const kit: EditorKit = { reg, err, dv };
  const dimensionChoices = assessable.map((d) => ({ key: d.key, name: d.name }));
  const problemsRef = useRef<HTMLDivElement>(null);
  const formErrorRef = useRef<HTMLDivElement>(null);
  const hasServerError = Boolean(serverErrors && Object.keys(serverErrors).length > 0);
  // after a refused save or publish, bring the explanation into view (the buttons are at the bottom)
  useEffect(() => {
    const target = problemsRef.current ?? (hasServerError ? formErrorRef.current : null);
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    }
  }, [hasServerError]);

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="rubric-editor" aria-label="Edit draft">
      <CsrfInput />
      {/* with a problem list, the form-level message is that list's heading: one banner, one verdict */}
      <div ref={formErrorRef} tabIndex={-1}>
        <FormError message={problems?.length ? null : serverErrors?._form?.[0]} />
      </div>
      {problems && problems.length > 0 ? (
        <div
          className="notice danger publish-problems"
          role="alert"
          data-testid="publish-problems"
          ref={problemsRef}
          tabIndex={-1}
        >
          <strong>{serverErrors?._form?.[0] ?? "Not published: fix these first."}</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="card" aria-labelledby="summary-h">
        <h2 id="summary-h">Summary</h2>
        <TextAreaField
          name="summary"
          label="What this rubric is for"
          register={reg}
          defaultValue={dv("summary")}
          error={err("summary")}
          rows={6}
        />
      </section>

      <section className="card" aria-labelledby="dims-h">
        <div className="section-head">
          <h2 id="dims-h">Dimensions</h2>
          <span className={`badge ${total === REQUIRED_WEIGHT_TOTAL ? "ok" : "warn"}`} data-testid="weight-total">
            Weights: {total} / {REQUIRED_WEIGHT_TOTAL}
          </span>
        </div>
        <RowError message={err("dimensions")} />
        {dims.map((d, i) => {
          const p = `dimensions.${i}`;
          const isNew = d.key === "";
          return (
            <fieldset key={i} className={`item${isNew ? " spare" : ""}`} data-dimension={d.key || "new"}>
              <legend>{isNew ? "Add a dimension" : d.name || d.key}</legend>
              <input type="hidden" defaultValue={dv(`${p}.key`)} {...reg(`${p}.key`)} />
              <RowError message={err(p)} />
              <div className="grid item-grid">
                <TextField
                  name={`${p}.name`}
                  label="Name"
                  register={reg}
                  defaultValue={dv(`${p}.name`)}
                  error={err(`${p}.name`) ?? err(`${p}.key`)}
                />
                <TextField
                  name={`${p}.weight`}
                  label="Weight (%)"
                  register={reg}
                  defaultValue={dv(`${p}.weight`)}
                  error={err(`${p}.weight`)}
                  inputMode="numeric"
                  className="weight"
                />
              </div>
              <TextAreaField
                name={`${p}.description`}
                label="Description"
                register={reg}
                defaultValue={dv(`${p}.description`)}
                error={err(`${p}.description`)}
                rows={2}
              />
              {format2 ? (
                <DimensionV2Fields p={p} d={d} kit={kit} exercises={defaultValues.exercises} />
              ) : (
                <div className="grid grid-3 tight anchors">
                  <TextAreaField
                    name={`${p}.anchors.belowBar`}
                    label="Below the bar"
                    register={reg}
                    defaultValue={dv(`${p}.anchors.belowBar`)}
                    error={err(`${p}.anchors.belowBar`)}
                    rows={4}
                  />
                  <TextAreaField
                    name={`${p}.anchors.meetsBar`}
                    label="Meets the bar"
                    register={reg}
                    defaultValue={dv(`${p}.anchors.meetsBar`)}
                    error={err(`${p}.anchors.meetsBar`)}
                    rows={4}
                  />
                  <TextAreaField
                    name={`${p}.anchors.exceeds`}
                    label="Exceeds the bar"
                    register={reg}
                    defaultValue={dv(`${p}.anchors.exceeds`)}
                    error={err(`${p}.anchors.exceeds`)}
                    rows={4}
                  />
                </div>
              )}
              {!isNew ? (
                <RemoveBox name={`${p}.remove`} register={reg} label="Remove this dimension" checked={d.remove} />
              ) : null}
            </fieldset>
          );
        })}
      </section>

      <section className="card" aria-labelledby="ex-h">
        <h2 id="ex-h">Exercises</h2>
        <RowError message={err("exercises")} />
        {defaultValues.exercises.map((e, i) => {
          const p = `exercises.${i}`;
          const isNew = e.key === "";
          const dimError = err(`${p}.dimensionKeys`);
          return (
            <fieldset key={i} className={`item${isNew ? " spare" : ""}`} data-exercise={e.key || "new"}>
              <legend>{isNew ? "Add an exercise" : e.title || e.key}</legend>
              <input type="hidden" defaultValue={dv(`${p}.key`)} {...reg(`${p}.key`)} />
              <RowError message={err(p)} />
              <div className="grid item-grid">
                <TextField
                  name={`${p}.title`}
                  label="Title"
                  register={reg}
                  defaultValue={dv(`${p}.title`)}
                  error={err(`${p}.title`) ?? err(`${p}.key`)}
                />
                <TextField
                  name={`${p}.durationMinutes`}
                  label="Minutes"
                  register={reg}
                  defaultValue={dv(`${p}.durationMinutes`)}
                  error={err(`${p}.durationMinutes`)}
                  inputMode="numeric"
                  className="weight"
                />
              </div>
              <TextAreaField
                name={`${p}.prompt`}
                label="Prompt"
                register={reg}
                defaultValue={dv(`${p}.prompt`)}
                error={err(`${p}.prompt`)}
                rows={3}
              />
              {format2 ? null : (
                <div className="grid grid-2 tight">
                  <TextAreaField
                    name={`${p}.focusPoints`}
                    label="Focus points"
                    hint="One per line."
                    register={reg}
                    defaultValue={dv(`${p}.focusPoints`)}
                    error={err(`${p}.focusPoints`)}
                    rows={5}
                  />
                  <TextAreaField
                    name={`${p}.probeQuestions`}
                    label="Probe questions"
                    hint="One per line."
                    register={reg}
                    defaultValue={dv(`${p}.probeQuestions`)}
                    error={err(`${p}.probeQuestions`)}
                    rows={5}
                  />
                </div>
              )}
              <fieldset className="dims-assessed" aria-describedby={dimError ? `${p}-dims-error` : undefined}>
                <legend>Dimensions assessed</legend>
                {assessable.length === 0 ? (
                  <p className="muted small">Save the draft with at least one dimension first.</p>
                ) : (
                  <div className="check-grid">
                    {assessable.map((d) => (
                      <label key={d.key} className="check">
                        <input
                          type="checkbox"
                          value={d.key}
                          defaultChecked={e.dimensionKeys.includes(d.key)}
                          {...reg(`${p}.dimensionKeys`)}
                        />{" "}
                        {d.name || d.key}
                      </label>
                    ))}
                  </div>
                )}
                {dimError ? (
                  <div className="field-error" id={`${p}-dims-error`}>
                    {dimError}
                  </div>
                ) : null}
              </fieldset>
              {format2 ? <ExerciseV2Fields p={p} e={e} kit={kit} dimensions={dimensionChoices} /> : null}
              {!isNew ? (
                <RemoveBox name={`${p}.remove`} register={reg} label="Remove this exercise" checked={e.remove} />
              ) : null}
            </fieldset>
          );
        })}
        <p className="muted small">A new dimension can be ticked here once the draft is saved.</p>
      </section>

      <section className="card" aria-labelledby="flags-h">
        <h2 id="flags-h">Red flags</h2>
        {defaultValues.redFlags.map((f, i) => {
          const p = `redFlags.${i}`;
          const isNew = f.key === "";
          return (
            <div key={i} className={`flat-row${isNew ? " spare" : ""}`} data-flag={f.key || "new"}>
              <input type="hidden" defaultValue={dv(`${p}.key`)} {...reg(`${p}.key`)} />
              <TextField
                name={`${p}.label`}
                label={isNew ? "New red flag" : "Red flag"}
                register={reg}
                defaultValue={dv(`${p}.label`)}
                error={err(`${p}.label`) ?? err(`${p}.key`)}
                className="grow"
              />
              <SelectField
                name={`${p}.severity`}
                label="Severity"
                register={reg}
                defaultValue={dv(`${p}.severity`)}
                error={err(`${p}.severity`)}
              >
                {RED_FLAG_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {RED_FLAG_SEVERITY_LABELS[s]}
                  </option>
                ))}
              </SelectField>
              <TextField
                name={`${p}.description`}
                label="What it looks like"
                register={reg}
                defaultValue={dv(`${p}.description`)}
                error={err(`${p}.description`)}
                className="grow"
              />
              {!isNew ? (
                <RemoveBox name={`${p}.remove`} register={reg} label="Remove" checked={f.remove} />
              ) : (
                <span className="remove-box" />
              )}
            </div>
          );
        })}
      </section>

      <section className="card" aria-labelledby="signals-h">
        <h2 id="signals-h">Signals</h2>
        {defaultValues.signals.map((s, i) => {
          const p = `signals.${i}`;
          const isNew = s.key === "";
          return (
            <div key={i} className={`flat-row${isNew ? " spare" : ""}`} data-signal={s.key || "new"}>
              <input type="hidden" defaultValue={dv(`${p}.key`)} {...reg(`${p}.key`)} />
              <TextField
                name={`${p}.label`}
                label={isNew ? "New signal" : "Signal"}
                register={reg}
                defaultValue={dv(`${p}.label`)}
                error={err(`${p}.label`) ?? err(`${p}.key`)}
                className="grow"
              />
              <SelectField
                name={`${p}.kind`}
                label="Kind"
                register={reg}
                defaultValue={dv(`${p}.kind`)}
                error={err(`${p}.kind`)}
              >
                {SIGNAL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {`${SIGNAL_KIND_LABELS[k]} signal`}
                  </option>
                ))}
              </SelectField>
              {!isNew ? (
                <RemoveBox name={`${p}.remove`} register={reg} label="Remove" checked={s.remove} />
              ) : (
                <span className="remove-box" />
              )}
            </div>
          );
        })}
      </section>

      {format2 ? (
        <RubricV2Sections
          kit={kit}
          dimensions={dimensionChoices}
          mustHave={defaultValues.decisionRule?.mustHaveDimensionKeys ?? []}
        />
      ) : null}

      <div className="save-bar">
        <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
          {busy && pending === "save" ? "Saving…" : "Save draft"}
        </button>
        <button type="submit" name="intent" value="publish" className="btn primary" disabled={busy}>
          {busy && pending === "publish" ? "Publishing…" : "Save and publish"}
        </button>
        <span className="muted small">
          {format2
            ? `Publishing checks every scale point's anchor, weights (sum ${REQUIRED_WEIGHT_TOTAL}), probe tags, that two exercises reach each dimension through core probes, phases, the decision rule and the guidance.`
            : `Publishing checks anchors, weights (sum ${REQUIRED_WEIGHT_TOTAL}) and that every dimension is assessed by at least two exercises.`}{" "}
          A published version can no longer change.
        </span>
      </div>
    </Form>
  );
}
