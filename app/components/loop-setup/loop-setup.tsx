// Forms of the loop setup page (/loops/:id/setup). Each form posts an `intent` and works as plain
// HTML; with JavaScript the same zod schema as the server validates it first.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";

import {
  addInterviewSchema,
  addPanelistSchema,
  interviewSchema,
  loopSettingsSchema,
  statusSchema,
  weightsSchema,
} from "../../domain/loop/schema";
import type { InterviewView, Option, TransitionView } from "../../domain/loop/setup-view";
import {
  PANEL_ROLE_BADGES,
  PANEL_ROLE_LABELS,
  PANEL_ROLES,
  type PanelRole,
  WEIGHT_MODE_LABELS,
  WEIGHT_MODES,
  type WeightMode,
} from "../../domain/vocabulary";
import { formatWeight, weightTotal } from "../../domain/loop/weights";
import { CsrfInput, ScorecardStatusBadge } from "../ui/primitives";

import { ChoiceField, FormError, SelectField, TextField } from "../ui/fields";
import type { ServerErrors } from "../../hooks/use-remix-form";
import { useRemixForm } from "../../hooks/use-remix-form";

export interface SetupActionData {
  intent: string;
  /** the interview / scorecard the post was about, so the error shows next to the right form */
  target: string | null;
  errors: Record<string, string[] | undefined>;
  values?: Record<string, unknown>;
  /** a warning to confirm before the change goes ahead (e.g. a debrief with scorecards outstanding) */
  confirm?: string;
}

/** Errors and typed values of a post, when it belongs to this form. */
export function forForm(actionData: SetupActionData | undefined, intent: string, target: string | null = null) {
  if (!actionData || actionData.intent !== intent || actionData.target !== target)
    return { errors: undefined, values: undefined };
  return { errors: actionData.errors as ServerErrors, values: actionData.values };
}

function str(values: Record<string, unknown> | undefined, key: string, fallback: string): string {
  const v = values?.[key];
  return typeof v === "string" ? v : fallback;
}

function useBusy(intent: string, target: string | null = null): boolean {
  const nav = useNavigation();
  if (nav.state !== "submitting" || !nav.formData) return false;
  return nav.formData.get("intent") === intent && (target === null || nav.formData.get("target") === target);
}

function Hidden({ intent, target }: { intent: string; target?: string | null }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {target ? <input type="hidden" name="target" value={target} /> : null}
    </>
  );
}

/** A one-button form (move, remove) with no fields to validate. */
export function ButtonForm({
  intent,
  target,
  fields,
  children,
  className = "btn small",
  label,
  disabled,
  confirm,
}: {
  intent: string;
  target: string;
  fields: Record<string, string>;
  children: ReactNode;
  className?: string;
  label?: string;
  disabled?: boolean;
  /** asked before submitting (with JavaScript; without it the post goes straight through) */
  confirm?: string;
}) {
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={
        confirm
          ? (event) => {
              if (!window.confirm(confirm)) event.preventDefault();
            }
          : undefined
      }
    >
      <Hidden intent={intent} target={target} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={className} aria-label={label} title={label} disabled={disabled}>
        {children}
      </button>
    </Form>
  );
}

export function SettingsForm({
  defaults,
  versions,
  people,
  versionLocked,
  actionData,
  disabled,
}: {
  defaults: { rubricVersionId: string; hiringManagerId: string };
  versions: Option[];
  people: Option[];
  versionLocked: string | null;
  actionData: SetupActionData | undefined;
  disabled: boolean;
}) {
  const { errors, values } = forForm(actionData, "settings");
  const initial = {
    rubricVersionId: str(values, "rubricVersionId", defaults.rubricVersionId),
    hiringManagerId: str(values, "hiringManagerId", defaults.hiringManagerId),
  };
  const { register, onSubmit, errorFor } = useRemixForm(loopSettingsSchema, {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("settings");
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-label="Loop settings">
      <Hidden intent="settings" />
      <fieldset className="bare" disabled={disabled}>
        <FormError message={errors?._form?.[0]} />
        <ChoiceField
          name="rubricVersionId"
          label="Rubric version"
          register={register}
          error={errorFor("rubricVersionId")}
          defaultValue={initial.rubricVersionId}
          hint={versionLocked ?? "Published versions only. Interviews move to the same exercises of the new version."}
          options={versions}
          labelOf={(v) => v.label}
        />
        <ChoiceField
          name="hiringManagerId"
          label="Hiring manager"
          register={register}
          error={errorFor("hiringManagerId")}
          defaultValue={initial.hiringManagerId}
          options={people}
          labelOf={(p) => p.label}
        />
        {!disabled ? (
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        ) : null}
      </fieldset>
    </Form>
  );
}

export function StatusForm({
  transitions,
  actionData,
  note,
}: {
  transitions: TransitionView[];
  actionData: SetupActionData | undefined;
  note: string | null;
}) {
  const { errors, values } = forForm(actionData, "status");
  const initial = { to: "", reason: str(values, "reason", "") };
  // `to` is the clicked button's value, not a registered field: the browser checks the reason only
  const { register, onSubmit, errorFor } = useRemixForm(statusSchema.omit({ to: true }), {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("status");
  if (transitions.length === 0)
    return <p className="muted small">{note ?? "No status change is available from here."}</p>;
  const scheduling = transitions.find((t) => t.to === "scheduled");
  const asked = actionData?.intent === "status" ? actionData.confirm : undefined;
  const askedMove = transitions.find((t) => t.to === str(values, "to", ""));
  return (
    <>
      {asked && askedMove ? (
        // its own form: confirming posts exactly the move that was asked about, nothing else
        <Form method="post" className="notice warn" data-testid="status-confirm" aria-label="Confirm the status change">
          <Hidden intent="status" />
          <input type="hidden" name="reason" value={initial.reason} />
          <input type="hidden" name="confirm" value="1" />
          <p>
            <strong>{askedMove.label}?</strong> {asked}
          </p>
          <button type="submit" name="to" value={askedMove.to} className="btn" disabled={busy}>
            {askedMove.label} anyway
          </button>
        </Form>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} aria-label="Change status">
        <Hidden intent="status" />
        <FormError message={errors?._form?.[0] ?? errors?.to?.[0]} />
        {scheduling && scheduling.blockers.length > 0 ? (
          <div className="notice warn" data-testid="schedule-blockers">
            <strong>Before scheduling:</strong>
            <ul className="compact">
              {scheduling.ownBlockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
              {/* the dimensions themselves are listed once, under Coverage */}
              {scheduling.uncoveredCount > 0 ? (
                <li>
                  Nobody on the panel assesses{" "}
                  {scheduling.uncoveredCount === 1 ? "one dimension" : `${scheduling.uncoveredCount} dimensions`}:{" "}
                  <a href="#coverage">see Coverage</a>.
                </li>
              ) : null}
            </ul>
          </div>
        ) : null}
        <TextField
          name="reason"
          label="Reason (optional, kept in the audit log)"
          register={register}
          error={errorFor("reason")}
          defaultValue={initial.reason}
          maxLength={500}
        />
        <div className="row">
          {transitions.map((t) => (
            <button
              key={t.to}
              type="submit"
              name="to"
              value={t.to}
              className={t.to === "withdrawn" ? "btn danger" : t.forward ? "btn primary" : "btn"}
              disabled={busy || t.blockers.length > 0}
              title={t.blockers.join(" ") || undefined}
            >
              {t.label}
            </button>
          ))}
        </div>
        {note ? <p className="muted small status-note">{note}</p> : null}
      </Form>
    </>
  );
}

export function InterviewCard({
  iv,
  index,
  count,
  exercises,
  actionData,
  disabled,
  timeZone,
}: {
  iv: InterviewView;
  index: number;
  count: number;
  exercises: Option[];
  actionData: SetupActionData | undefined;
  disabled: boolean;
  timeZone: string;
}) {
  const { errors, values } = forForm(actionData, "interview.update", iv.id);
  const initial = {
    interviewId: iv.id,
    exerciseKey: str(values, "exerciseKey", iv.exerciseKey),
    scheduledAt: str(values, "scheduledAt", iv.scheduledLocal),
    durationMinutes: str(values, "durationMinutes", String(iv.durationMinutes)),
  };
  const { register, onSubmit, errorFor } = useRemixForm(interviewSchema, {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("interview.update", iv.id);
  const moveErr =
    forForm(actionData, "interview.move", iv.id).errors?._form?.[0] ??
    forForm(actionData, "interview.remove", iv.id).errors?._form?.[0];
  const prefix = `iv${index}`;
  return (
    <li
      className="card interview-card"
      id={`iv-${iv.id}`}
      data-testid="interview"
      data-interview={iv.id}
      aria-labelledby={`${prefix}-title`}
    >
      <div className="interview-head">
        <h3 id={`${prefix}-title`}>
          {index + 1}. {iv.exerciseTitle}
        </h3>
        <span className="muted small">{iv.slot}</span>
        {iv.locked ? (
          <span className="badge" title="A panelist has started a scorecard">
            Scoring started
          </span>
        ) : null}
        <span className="spacer" />
        {!disabled ? (
          <div className="row tight-row">
            <ButtonForm
              intent="interview.move"
              target={iv.id}
              fields={{ interviewId: iv.id, direction: "up" }}
              label={`Move ${iv.exerciseTitle} up`}
              disabled={index === 0}
            >
              ↑ Up
            </ButtonForm>
            <ButtonForm
              intent="interview.move"
              target={iv.id}
              fields={{ interviewId: iv.id, direction: "down" }}
              label={`Move ${iv.exerciseTitle} down`}
              disabled={index === count - 1}
            >
              ↓ Down
            </ButtonForm>
            <ButtonForm
              intent="interview.remove"
              target={iv.id}
              fields={{ interviewId: iv.id }}
              className="btn small danger"
              label={`Remove the ${iv.exerciseTitle} interview`}
              disabled={iv.locked}
              confirm={
                iv.panelists.length > 0
                  ? `Remove the ${iv.exerciseTitle} interview and take its ${iv.panelists.length === 1 ? "panelist" : `${iv.panelists.length} panelists`} off it?`
                  : undefined
              }
            >
              Remove
            </ButtonForm>
          </div>
        ) : null}
      </div>
      <FormError message={moveErr} />
      <div className="interview-body">
        <Form
          method="post"
          noValidate
          onSubmit={onSubmit}
          className="interview-form"
          aria-label={`Time and exercise of interview ${index + 1}`}
        >
          <Hidden intent="interview.update" target={iv.id} />
          <input type="hidden" {...register("interviewId")} defaultValue={iv.id} />
          <fieldset className="bare" disabled={disabled}>
            <FormError message={errors?._form?.[0]} />
            <SelectField
              name="exerciseKey"
              label="Exercise"
              idPrefix={prefix}
              register={register}
              error={errorFor("exerciseKey")}
              defaultValue={initial.exerciseKey}
              hint={iv.locked ? "Fixed: a panelist has started scoring it." : undefined}
            >
              {exercises.map((e) => (
                <option key={e.id} value={e.id} disabled={iv.locked && e.id !== iv.exerciseKey}>
                  {e.label}
                </option>
              ))}
            </SelectField>
            <div className="grid grid-2 tight">
              <TextField
                name="scheduledAt"
                label={`Starts (${timeZone})`}
                type="datetime-local"
                idPrefix={prefix}
                register={register}
                error={errorFor("scheduledAt")}
                defaultValue={initial.scheduledAt}
              />
              <TextField
                name="durationMinutes"
                label="Minutes"
                type="number"
                inputMode="numeric"
                min={5}
                max={480}
                step={5}
                idPrefix={prefix}
                register={register}
                error={errorFor("durationMinutes")}
                defaultValue={initial.durationMinutes}
              />
            </div>
            {!disabled ? (
              <button type="submit" className="btn small" disabled={busy}>
                {busy ? "Saving…" : "Save interview"}
              </button>
            ) : null}
          </fieldset>
        </Form>
        <div className="panel-box">
          <h4>
            Panel <span className="muted small">({iv.seated} of 3)</span>
          </h4>
          {iv.panelists.length === 0 ? <p className="cell-missing panel-empty">No panelist yet</p> : null}
          <ul className="plain panel-list">
            {iv.panelists.map((p) => (
              <li key={p.scorecardId} className={p.status === "recused" ? "recused" : undefined} data-testid="panelist">
                <div className="row tight-row">
                  <span className={p.status === "recused" ? "struck" : undefined}>{p.name}</span>
                  {p.isHiringManager ? <span className="badge info">Hiring manager</span> : null}
                  {p.panelRole !== "panelist" ? (
                    <span className="badge" title={`${PANEL_ROLE_LABELS[p.panelRole]}: their ratings never count`}>
                      {PANEL_ROLE_BADGES[p.panelRole]}
                    </span>
                  ) : null}
                  {!p.active ? <span className="badge danger">Deactivated</span> : null}
                  <ScorecardStatusBadge status={p.status} started={p.started} />
                  <span className="spacer" />
                  {!disabled && !p.started && p.status !== "recused" ? (
                    <ButtonForm
                      intent="panelist.remove"
                      target={iv.id}
                      fields={{ scorecardId: p.scorecardId }}
                      label={`Remove ${p.name} from ${iv.exerciseTitle}`}
                    >
                      Remove
                    </ButtonForm>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          <FormError message={forForm(actionData, "panelist.remove", iv.id).errors?._form?.[0]} />
          {!disabled ? (
            <AddPanelistForm
              key={iv.panelists.map((p) => p.scorecardId).join("/")}
              iv={iv}
              index={index}
              actionData={actionData}
            />
          ) : null}
        </div>
      </div>
    </li>
  );
}

function AddPanelistForm({
  iv,
  index,
  actionData,
}: {
  iv: InterviewView;
  index: number;
  actionData: SetupActionData | undefined;
}) {
  const { errors, values } = forForm(actionData, "panelist.add", iv.id);
  const initial = {
    interviewId: iv.id,
    panelistId: str(values, "panelistId", ""),
    panelRole: (PANEL_ROLES as readonly string[]).includes(str(values, "panelRole", ""))
      ? (str(values, "panelRole", "") as PanelRole)
      : (iv.openRoles[0] ?? "panelist"),
  };
  const { register, onSubmit, errorFor } = useRemixForm(addPanelistSchema, {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("panelist.add", iv.id);
  if (iv.openRoles.length === 0) {
    return (
      <p className="muted small">
        {iv.full ? "Three panelists and a trainee: the most one interview takes." : "No seat left on this interview."}
      </p>
    );
  }
  return (
    <Form
      method="post"
      noValidate
      onSubmit={onSubmit}
      className="add-panelist"
      aria-label={`Add a panelist to ${iv.exerciseTitle}`}
    >
      <Hidden intent="panelist.add" target={iv.id} />
      <input type="hidden" {...register("interviewId")} defaultValue={iv.id} />
      <FormError message={errors?._form?.[0]} />
      <div className="row tight-row align-end">
        <SelectField
          name="panelistId"
          label="Add panelist"
          idPrefix={`iv${index}`}
          register={register}
          error={errorFor("panelistId")}
          defaultValue={initial.panelistId}
          className="grow"
        >
          <option value="">Choose a person…</option>
          {iv.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="panelRole"
          label="As"
          idPrefix={`iv${index}`}
          register={register}
          error={errorFor("panelRole")}
          defaultValue={initial.panelRole}
        >
          {iv.openRoles.map((role) => (
            <option key={role} value={role}>
              {PANEL_ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Adding…" : "Add"}
        </button>
      </div>
    </Form>
  );
}

export function AddInterviewForm({
  exercises,
  defaults,
  actionData,
  timeZone,
}: {
  exercises: (Option & { durationMinutes: number })[];
  defaults: { exerciseKey: string; scheduledAt: string; durationMinutes: string };
  actionData: SetupActionData | undefined;
  timeZone: string;
}) {
  const { errors, values } = forForm(actionData, "interview.add");
  const initial = {
    exerciseKey: str(values, "exerciseKey", defaults.exerciseKey),
    scheduledAt: str(values, "scheduledAt", defaults.scheduledAt),
    durationMinutes: str(values, "durationMinutes", defaults.durationMinutes),
  };
  const { register, onSubmit, errorFor } = useRemixForm(addInterviewSchema, {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("interview.add");
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card add-interview" aria-label="Add an interview">
      <Hidden intent="interview.add" />
      <h3>Add an interview</h3>
      <FormError message={errors?._form?.[0]} />
      <div className="grid grid-3 tight">
        <SelectField
          name="exerciseKey"
          label="Exercise"
          idPrefix="new"
          register={register}
          error={errorFor("exerciseKey")}
          defaultValue={initial.exerciseKey}
        >
          <option value="">Choose an exercise…</option>
          {exercises.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label} ({e.durationMinutes} min)
            </option>
          ))}
        </SelectField>
        <TextField
          name="scheduledAt"
          label={`Starts (${timeZone})`}
          type="datetime-local"
          idPrefix="new"
          register={register}
          error={errorFor("scheduledAt")}
          defaultValue={initial.scheduledAt}
          hint="Optional for now; needed to schedule."
        />
        <TextField
          name="durationMinutes"
          label="Minutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          step={5}
          idPrefix="new"
          register={register}
          error={errorFor("durationMinutes")}
          defaultValue={initial.durationMinutes}
        />
      </div>
      <button type="submit" className="btn" disabled={busy}>
        {busy ? "Adding…" : "Add interview"}
      </button>
    </Form>
  );
}

export function WeightsForm({
  dimensions,
  mode,
  weights,
  rubricWeights,
  actionData,
  disabled,
  frozenNote,
}: {
  dimensions: { key: string; name: string }[];
  mode: WeightMode;
  weights: Record<string, string>;
  rubricWeights: Record<string, number>;
  actionData: SetupActionData | undefined;
  disabled: boolean;
  frozenNote: string | null;
}) {
  const { errors, values } = forForm(actionData, "weights");
  const postedWeights =
    values?.weights && typeof values.weights === "object" ? (values.weights as Record<string, unknown>) : null;
  const initial = {
    mode: str(values, "mode", mode),
    weights: Object.fromEntries(
      dimensions.map((d) => [
        d.key,
        typeof postedWeights?.[d.key] === "string" ? (postedWeights[d.key] as string) : (weights[d.key] ?? ""),
      ]),
    ),
  };
  const { form, register, onSubmit, errorFor } = useRemixForm(weightsSchema, {
    defaultValues: initial,
    serverErrors: errors,
  });
  const busy = useBusy("weights");
  const watchedMode = form.watch("mode") as string;
  const watched = (form.watch("weights") ?? {}) as Record<string, unknown>;
  const numbers = Object.fromEntries(dimensions.map((d) => [d.key, Number(watched[d.key])]));
  const total = weightTotal(
    numbers,
    dimensions.map((d) => d.key),
  );
  const custom = watchedMode === "custom";
  const { setValue } = form;
  const dimKeys = dimensions.map((d) => d.key).join(",");
  useEffect(() => {
    // equal / rubric modes show the weights they stand for; custom keeps what was typed
    const keys = dimKeys.split(",");
    if (watchedMode === "equal") for (const k of keys) setValue(`weights.${k}`, formatWeight(100 / keys.length));
    if (watchedMode === "rubric") for (const k of keys) setValue(`weights.${k}`, formatWeight(rubricWeights[k] ?? NaN));
  }, [watchedMode, dimKeys, rubricWeights, setValue]);
  const totalError = errorFor("weights");
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-label="Dimension weights">
      <Hidden intent="weights" />
      <fieldset className="bare" disabled={disabled}>
        <FormError message={errors?._form?.[0]} />
        <div className="row mode-row" role="radiogroup" aria-label="How to weight the dimensions">
          {WEIGHT_MODES.map((m) => (
            <label key={m} className="check">
              <input type="radio" value={m} {...register("mode")} defaultChecked={initial.mode === m} />{" "}
              {WEIGHT_MODE_LABELS[m]}
            </label>
          ))}
        </div>
        <table className="weights-table">
          <caption className="sr-only">Weight of each dimension in the composite score, in percent</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col" className="num">
                Rubric default
              </th>
              <th scope="col" className="num">
                Weight %
              </th>
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d) => {
              const name = `weights.${d.key}`;
              const err = errorFor(name);
              const id = `w-${d.key}`;
              return (
                <tr key={d.key}>
                  <th scope="row">
                    <label htmlFor={id} className="plain-label">
                      {d.name}
                    </label>
                  </th>
                  <td className="num muted">{formatWeight(rubricWeights[d.key] ?? NaN)}</td>
                  <td className="num">
                    <input
                      id={id}
                      type="number"
                      inputMode="decimal"
                      step="any"
                      min={0}
                      max={100}
                      className="weight-input"
                      defaultValue={initial.weights[d.key]}
                      {...register(name, {
                        // typing a weight means custom weights
                        onChange: () => {
                          if (form.getValues("mode") !== "custom") setValue("mode", "custom");
                        },
                      })}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${id}-error` : undefined}
                    />
                    {err ? (
                      <div className="field-error" id={`${id}-error`}>
                        {err}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td
                className={`num ${custom && Math.abs(total - 100) > 0.01 ? "total-off" : ""}`}
                data-testid="weights-total"
              >
                {custom ? `${formatWeight(total)}%` : "100%"}
              </td>
            </tr>
          </tfoot>
        </table>
        {totalError ? (
          <div className="field-error" role="alert" data-testid="weights-error">
            {totalError}
          </div>
        ) : null}
        <p className="field-hint">Custom percentages must add up to 100%. Typing a weight switches to “Custom”.</p>
        {!disabled ? (
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Saving…" : "Save weights"}
          </button>
        ) : null}
        {frozenNote ? <p className="muted small">{frozenNote}</p> : null}
      </fieldset>
    </Form>
  );
}
