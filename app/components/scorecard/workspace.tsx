import { Link, useNavigate } from "@remix-run/react";
import type { FormEvent } from "react";
import { Fragment, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";

import type { ScorecardValues, TimerOp } from "../../domain/scorecard/schema";
import { LIMITS, lenientScorecardValues } from "../../domain/scorecard/values";
import { completeness, diffScorecardValues, needsOverrideJustification } from "../../domain/scorecard/rules";
import type { DiffLabels, ScorecardContext } from "../../domain/scorecard/rules";
import { mergeScorecardValues } from "../../domain/scorecard/merge";
import type { FieldErrorMap } from "../../domain/scorecard/autosave";
import { readEarlyEdits } from "../../hooks/early-edits";
import type { ScorecardSchemaModule } from "../../hooks/scorecard-schema";
import { loadScorecardSchema, scorecardSchemaIfLoaded } from "../../hooks/scorecard-schema";
import { useScorecardSync } from "../../hooks/use-scorecard-sync";
import { useScorecardTimer } from "../../hooks/use-scorecard-timer";
import type { FormErrors, SchemaCheck } from "../../hooks/use-scorecard-form";
import { countErrors, issuesToErrors, useScorecardForm, valueAt } from "../../hooks/use-scorecard-form";
import { currentPhaseIndex, phaseWindows } from "../../domain/scorecard/script";
import { CsrfInput, useCsrfToken, FieldError, LocalTime } from "../ui/primitives";

import { DeclareConflict } from "./conflict-of-interest";
import { EvidenceLintHints, useEvidenceLint } from "./evidence-lint-hints";
import { ScorecardHeader, TimerControl } from "./header";
import { ExerciseBrief, FocusChecklist, QuickNotes } from "./in-the-room";
import { RecommendationSection, RedFlagsSection, SignalsSection } from "./judgement";
import { RatingField } from "./rating-field";
import { SaveStatus } from "./save-status";
import { ConflictPanel, ErrorSummary, loadOnDemand, SubmitConfirm, SyncNotices } from "./lazy-parts";
import { ContextCardView, PhaseTimeline, ProbeChecklist, RevealScript } from "./script";
import type { ScorecardActionData, ScorecardPageData } from "./types";

const FORM_ID = "scorecard-form";
const NOTE_FORM_ID = "note-form";

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function issuesToMap(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const i of issues) (out[i.path.map(String).join(".") || "_form"] ??= []).push(i.message);
  return out;
}

/** Every field of the form present (missing ones empty), so a reset clears what the new copy lacks. */
function completeValues(v: ScorecardValues, data: ScorecardPageData): ScorecardValues {
  const out: ScorecardValues = {
    ...v,
    ratings: { ...v.ratings },
    redFlags: { ...v.redFlags },
    signals: { ...v.signals },
    focus: { ...v.focus },
  };
  for (const d of data.dimensions) out.ratings[d.key] ??= { score: "", evidence: "" };
  for (const f of data.redFlags) out.redFlags[f.key] ??= { checked: false, note: "" };
  for (const sg of data.signals) out.signals[sg.key] ??= false;
  for (const f of data.exercise.focusPoints) out.focus[f.key] ??= false;
  out.probes = { ...v.probes };
  for (const p of data.exercise.probes ?? []) out.probes[p.key] ??= false;
  out.notes = v.notes ?? [];
  return out;
}

/**
 * The submit schema, once the schema module is here. If it cannot be loaded (offline), the
 * server's answer or the offline path takes over.
 */
function submitCheck(ctx: ScorecardContext): SchemaCheck<ScorecardValues> {
  return async (values) => {
    const schemas = await loadScorecardSchema().catch(() => null);
    if (!schemas) return { ok: true, values };
    const r = schemas.scorecardSubmitSchema(ctx).safeParse(values);
    return r.success ? { ok: true, values: r.data } : { ok: false, errors: issuesToErrors(r.error.issues) };
  };
}

/**
 * The phase the interviewer moved to, kept on this device (it paces the conversation; it is not
 * part of the scorecard). null until they move on, and before JavaScript has loaded.
 */
function useChosenPhase(scorecardId: string): [number | null, (index: number) => void] {
  const key = `archpanel:phase:${scorecardId}`;
  const [chosen, setChosen] = useState<number | null>(null);
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(key);
      if (stored !== null && /^\d{1,3}$/.test(stored)) setChosen(Number(stored));
    } catch {
      // storage unavailable (private mode): the phase is kept for this page only
    }
  }, [key]);
  const choose = (index: number) => {
    setChosen(index);
    try {
      window.localStorage.setItem(key, String(index));
    } catch {
      // as above
    }
  };
  return [chosen, choose];
}

export function ScorecardWorkspace({
  data,
  actionData,
  action,
}: {
  data: ScorecardPageData;
  actionData: ScorecardActionData | undefined;
  action: string;
}) {
  const { scorecard: sc, header, exercise, ctx } = data;
  const mode: "draft" | "view" | "amend" =
    sc.status === "draft" ? "draft" : sc.status === "submitted" && data.amendMode ? "amend" : "view";
  const editable = mode !== "view";
  const csrf = useCsrfToken();
  const navigate = useNavigate();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // A refused no-JS post re-renders with exactly what was typed (too-long text included).
  const [initial] = useState<ScorecardValues>(() => {
    if (actionData?.values === undefined) return completeValues(data.values, data);
    const v = lenientScorecardValues(actionData.values);
    v.notes = data.values.notes;
    return completeValues(v, data);
  });
  // Read before hydration overwrites them (app/hooks/early-edits.ts); replayed below.
  const [earlyEdits] = useState(() => (editable ? readEarlyEdits(FORM_ID) : []));
  const check = useMemo(() => submitCheck(ctx), [ctx]);
  const draftSchema = useMemo(() => {
    let bound: ReturnType<ScorecardSchemaModule["scorecardDraftSchemaFor"]> | null = null;
    return (schemas: ScorecardSchemaModule) => (bound ??= schemas.scorecardDraftSchemaFor(ctx));
  }, [ctx]);
  const { form, values: liveRaw, errors, submitCount } = useScorecardForm<ScorecardValues>(initial, check);
  const [autoErrors, setAutoErrors] = useState<FieldErrorMap>({});
  const [amendReason, setAmendReason] = useState(actionData?.amendReason ?? "");
  const [reasonError, setReasonError] = useState<string | undefined>(actionData?.errors?.reason?.[0]);
  const [formMessage, setFormMessage] = useState<string | null>(
    actionData?.errors
      ? (actionData.errors._form?.[0] ??
          `${Object.keys(actionData.errors).length} thing${Object.keys(actionData.errors).length === 1 ? "" : "s"} to fix — see the list at the top.`)
      : null,
  );
  const [submitting, setSubmitting] = useState(false);
  // the server asked before submitting (the interview is still days away): "Submit anyway" confirms
  const [confirmAsk, setConfirmAsk] = useState<string | null>(actionData?.confirm ?? null);
  const confirmNext = useRef(false);

  const sync = useScorecardSync({
    scorecardId: sc.id,
    endpoint: `/scorecards/${sc.id}/save`,
    csrf,
    version: actionData?.version ?? sc.version,
    serverValues: data.values,
    serverStatus: sc.status,
    serverUpdatedAt: sc.updatedAt,
    mode: mode === "draft" ? "draft" : mode === "amend" ? "amend" : "off",
    // Until the schema arrives, the server checks the limits (a 400 shows the same errors).
    validate: (v) => {
      const schemas = scorecardSchemaIfLoaded();
      if (!schemas) return null;
      const r = draftSchema(schemas).safeParse(v);
      return r.success ? null : issuesToMap(r.error.issues);
    },
    onRestore: (values, _why, reason) => {
      form.reset(completeValues(values, data));
      if (reason !== undefined) setAmendReason(reason);
    },
    onInvalid: (errors) => setAutoErrors(errors),
    onSaved: () => setAutoErrors({}),
  });
  const { changed, setAmendReason: keepAmendReason } = sync;

  useEffect(() => {
    return form.watch((v) => {
      const clone = JSON.parse(JSON.stringify(v)) as unknown;
      const parsed = scorecardSchemaIfLoaded()?.scorecardDraftSchema.safeParse(clone);
      changed(parsed?.success ? parsed.data : { ...lenientScorecardValues(clone), notes: form.getValues().notes });
    });
  }, [form, changed]);

  // Inputs made before hydration, now ordinary edits (autosaved; after a device copy was restored).
  useEffect(() => {
    for (const edit of earlyEdits) {
      if (edit.name === "reason" && typeof edit.value === "string") {
        setAmendReason(edit.value);
        keepAmendReason(edit.value);
      } else if (valueAt(initial, edit.name) !== undefined) {
        form.setValue(edit.name, edit.value);
      }
    }
  }, [earlyEdits, initial, form, keepAmendReason]);

  // The schema follows the first interaction, not the page load (app/hooks/scorecard-schema.ts).
  useEffect(() => {
    const load = () => {
      void loadScorecardSchema().catch(() => undefined);
      void loadOnDemand().catch(() => undefined);
    };
    const kinds = ["pointerdown", "keydown", "focusin"] as const;
    for (const kind of kinds) document.addEventListener(kind, load, { once: true, passive: true });
    return () => {
      for (const kind of kinds) document.removeEventListener(kind, load);
    };
  }, []);

  const timer = useScorecardTimer({
    initial: data.timer,
    serverNow: data.serverNow,
    durationMinutes: header.durationMinutes,
    post: sync.post,
    enabled: mode === "draft",
  });

  const windows = useMemo(() => phaseWindows(exercise.phases ?? []), [exercise.phases]);
  const [chosenPhase, setChosenPhase] = useChosenPhase(sc.id);
  const phaseIndex = currentPhaseIndex(windows, chosenPhase);
  const dimensionNames = useMemo(
    () => Object.fromEntries(data.dimensions.map((d) => [d.key, d.name])),
    [data.dimensions],
  );

  const live = useMemo(() => lenientScorecardValues(liveRaw), [liveRaw]);
  const notes = useMemo(() => liveRaw.notes ?? initial.notes ?? [], [liveRaw.notes, initial.notes]);
  const mine = useMemo(() => ({ ...live, notes }), [live, notes]);
  const clearServerError = useCallback((path: string) => form.clearErrors(path), [form]);
  const lint = useEvidenceLint({
    values: mine,
    initial: actionData?.values === undefined ? data.lintFindings : (actionData.lintFindings ?? []),
    stored: data.acknowledgements,
    postedValues: actionData?.values,
    formId: FORM_ID,
    enabled: editable,
    post: hydrated ? sync.post : null,
    onAcknowledged: clearServerError,
  });
  const progress = completeness(live, ctx);
  const needsOverride = needsOverrideJustification(live, ctx);

  const errorAt = (path: string): string | undefined => {
    const auto = autoErrors[path]?.[0];
    if (auto) return auto;
    const checked = errors[path];
    if (checked) return checked;
    if (submitCount === 0) return actionData?.errors?.[path]?.[0];
    return undefined;
  };

  const labels: DiffLabels = useMemo(
    () => ({
      dimensions: Object.fromEntries(data.dimensions.map((d) => [d.key, d.name])),
      redFlags: Object.fromEntries(data.redFlags.map((f) => [f.key, f.label])),
      signals: Object.fromEntries(data.signals.map((s) => [s.key, s.label])),
      focus: Object.fromEntries(exercise.focusPoints.map((f) => [f.key, f.label])),
      probes: Object.fromEntries((exercise.probes ?? []).map((p) => [p.key, p.question])),
    }),
    [data.dimensions, data.redFlags, data.signals, exercise.focusPoints, exercise.probes],
  );

  const status = sync.status;
  const conflict = status.kind === "conflict" ? status.server : (actionData?.conflict ?? null);
  const diffs = useMemo(
    () => (conflict ? diffScorecardValues(mine, conflict.values, labels) : []),
    [conflict, mine, labels],
  );
  const restoredAt = sync.restored && status.kind !== "conflict" ? sync.restored.editedAt : null;
  const mergedPaths = sync.merged && !conflict ? sync.merged.fromTheirs : null;
  // With JavaScript the fields changed in one copy only merge by themselves; only the rest ask.
  const conflictBase = sync.conflictBase;
  const merge = useMemo(
    () => (conflict && status.kind === "conflict" ? mergeScorecardValues(conflictBase, mine, conflict.values) : null),
    [conflict, status.kind, conflictBase, mine],
  );

  // A conflict stops autosaving until the interviewer chooses: bring the choice into view.
  const conflictShown = !!conflict;
  useEffect(() => {
    if (conflictShown) document.getElementById("conflict-h")?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [conflictShown]);

  const addNote = async (body: string): Promise<string | null> => {
    const text = body.trim();
    if (!text) return "Write the note first.";
    const note = { id: randomId(), minute: timer.view.minute, body: text, at: Date.now() };
    const schemas = await loadScorecardSchema().catch(() => null);
    if (!schemas) return "This note could not be checked (are you offline?). Try again in a moment.";
    const current = form.getValues().notes ?? [];
    if (current.length >= LIMITS.notes) return `At most ${LIMITS.notes} quick notes per scorecard.`;
    const r = schemas.quickNoteSchema.safeParse(note);
    if (!r.success) return r.error.issues[0]?.message ?? "This note cannot be added.";
    form.setValue("notes", [...current, r.data]);
    return null;
  };
  const deleteNote = (id: string) => {
    form.setValue(
      "notes",
      (form.getValues().notes ?? []).filter((n) => n.id !== id),
    );
  };

  const onValid = async (values: ScorecardValues) => {
    setFormMessage(null);
    const schemas = await loadScorecardSchema().catch(() => null);
    if (mode === "amend" && schemas) {
      const r = schemas.amendReasonSchema.safeParse({ reason: amendReason });
      if (!r.success) {
        setReasonError(r.error.issues[0]?.message);
        document.getElementById("amend-reason")?.focus();
        return;
      }
      setReasonError(undefined);
    }
    setSubmitting(true);
    const confirmed = confirmNext.current;
    confirmNext.current = false;
    setConfirmAsk(null);
    const res = await sync.sendIntent(
      mode === "amend" ? "amend" : "submit",
      { ...values, notes: form.getValues().notes },
      mode === "amend" ? { reason: amendReason } : confirmed ? { confirm: "1" } : {},
    );
    setSubmitting(false);
    switch (res.kind) {
      case "ok":
        navigate(`/scorecards/${sc.id}`, { replace: true });
        return;
      case "invalid": {
        let first: string | null = null;
        for (const [path, msgs] of Object.entries(res.errors)) {
          if (path === "reason") setReasonError(msgs[0]);
          else if (path === "_form") setFormMessage(msgs[0] ?? null);
          else {
            if (msgs[0] !== undefined) form.setError(path, msgs[0]);
            first ??= path;
          }
        }
        if (first) form.setFocus(first);
        setFormMessage((m) => m ?? "Some fields need attention — see the highlighted fields.");
        return;
      }
      case "conflict":
      case "merged":
        // merged: one-sided changes came in by themselves; conflict: the panel above asks
        setFormMessage("Your scorecard changed in another tab or device: check it (above), then submit again.");
        window.scrollTo({ top: 0, behavior: "smooth" });
        return;
      case "offline":
        setFormMessage(
          "You are offline. Your scorecard is kept on this device; submit again once you are back online.",
        );
        return;
      case "confirm":
        setConfirmAsk(res.message);
        return;
      case "locked":
        setFormMessage("This scorecard was already submitted or recused elsewhere. Reload the page to see it.");
        return;
      case "error":
        setFormMessage(res.message);
        return;
    }
  };
  const onInvalid = (errs: FormErrors) => {
    const n = countErrors(errs);
    setFormMessage(
      `${n} thing${n === 1 ? "" : "s"} to fix before submitting — see the highlighted fields. Nothing you wrote was changed.`,
    );
  };

  const onMainSubmit = (e: FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "save") {
      e.preventDefault();
      setConfirmAsk(null);
      void sync.flush();
      return;
    }
    confirmNext.current = submitter?.dataset.confirm === "1";
    void form.handleSubmit(onValid, onInvalid)(e);
  };

  const assessed = ctx.assessedKeys
    .map((k) => data.dimensions.find((d) => d.key === k))
    .filter((d): d is NonNullable<typeof d> => !!d);
  const extra = data.dimensions.filter((d) => !ctx.assessedKeys.includes(d.key));
  const extraRated = extra.some(
    (d) => (initial.ratings[d.key]?.score ?? "") !== "" || (initial.ratings[d.key]?.evidence ?? "") !== "",
  );
  const covered = exercise.focusPoints.filter((f) => live.focus[f.key]).length;

  const ratingFor = (d: (typeof data.dimensions)[number], isAssessed: boolean) => (
    <Fragment key={d.key}>
      <RatingField
        dimension={d}
        assessed={isAssessed}
        register={form.register}
        initial={initial.ratings[d.key] ?? { score: "", evidence: "" }}
        score={live.ratings[d.key]?.score ?? ""}
        evidence={live.ratings[d.key]?.evidence ?? ""}
        scoreError={errorAt(`ratings.${d.key}.score`)}
        evidenceError={errorAt(`ratings.${d.key}.evidence`)}
        disabled={!editable}
        onClear={hydrated ? () => form.setValue(`ratings.${d.key}.score`, "") : undefined}
        calibrationPrompt={data.calibrationPrompts[d.key] ?? null}
      />
      <EvidenceLintHints lint={lint} paths={[`ratings.${d.key}.evidence`]} label={d.name} />
    </Fragment>
  );

  const feedbackLink = (size: "small" | "normal") =>
    sc.status !== "draft" && data.feedback.access === "full" ? (
      <Link
        to={`/loops/${header.loopId}`}
        className={size === "small" ? "btn small" : "btn"}
        data-testid="panel-feedback-link"
      >
        See the panel&apos;s feedback
      </Link>
    ) : null;

  const showSyncNotices =
    status.kind === "error" || status.kind === "locked" || !!restoredAt || !!sync.leftover || !!mergedPaths;
  const showErrorSummary = !!(actionData?.errors && actionData.values && submitCount === 0);
  return (
    <>
      <ScorecardHeader
        candidateName={header.candidateName}
        candidateTitle={header.candidateTitle}
        exerciseTitle={header.exerciseTitle}
        scheduledAt={header.scheduledAt}
        durationMinutes={header.durationMinutes}
        loopStatus={header.loopStatus}
        loopId={header.loopId}
        panelRole={header.panelRole}
        scorecardId={sc.id}
        status={sc.status}
        amendCount={sc.amendCount}
        timer={
          <TimerControl
            timer={timer.timer}
            view={timer.view}
            durationMinutes={header.durationMinutes}
            enabled={mode === "draft"}
            onOp={hydrated ? (op: TimerOp) => timer.run(op) : null}
            unsynced={timer.unsynced}
            action={action}
          />
        }
        saveStatus={
          mode === "view" ? (
            <span className="save-status tone-ok" data-testid="save-status">
              <span className="dot" aria-hidden="true" />
              {sc.submittedAt ? (
                <>
                  Submitted <LocalTime at={sc.submittedAt} />
                </>
              ) : (
                "Read-only"
              )}
            </span>
          ) : mode === "amend" && status.kind === "clean" ? (
            <span className="save-status tone-warn" data-testid="save-status">
              <span className="dot" aria-hidden="true" />
              Amending — nothing changes until you submit
            </span>
          ) : (
            <SaveStatus status={status} />
          )
        }
        phases={
          windows.length ? (
            <PhaseTimeline
              windows={windows}
              elapsedMs={timer.view.elapsedMs}
              current={phaseIndex}
              onMove={hydrated && mode === "draft" ? setChosenPhase : null}
              live={mode === "draft" && timer.view.phase !== "not_started"}
            />
          ) : undefined
        }
        progress={
          mode === "view" ? (
            feedbackLink("small")
          ) : (
            <span className={`progress${progress.problems === 0 ? " ready" : ""}`} data-testid="progress">
              {progress.rated}/{progress.assessed} rated ·{" "}
              {progress.problems === 0 ? "ready to submit" : `${progress.problems} to complete`}
            </span>
          )
        }
      />

      {mode === "amend" ? (
        <div className="notice warn" role="status" data-testid="amend-notice">
          You are amending a submitted scorecard. Make your changes, then say why at the bottom and submit the
          amendment: the change and your reason go into the audit log, and the packet shows the scorecard was amended.
        </div>
      ) : null}
      {/* The boundary exists only while one of its parts is shown: an empty boundary rendered on the
          server hydrates after the page, and an early edit replayed before that would throw (React #421). */}
      {showSyncNotices || (confirmAsk && mode === "draft") || showErrorSummary || conflict ? (
        <Suspense fallback={null}>
          {showSyncNotices ? (
            <SyncNotices
              status={status}
              scorecardId={sc.id}
              restoredAt={restoredAt}
              leftoverAt={sync.leftover?.editedAt ?? null}
              mergedPaths={mergedPaths}
              labels={labels}
              canAmend={mode === "view" && sc.status === "submitted"}
              onLoadLeftover={
                mode === "amend"
                  ? () =>
                      sync.leftover &&
                      form.reset(completeValues({ ...sync.leftover.values, notes: form.getValues().notes }, data))
                  : null
              }
              onDiscardLocal={sync.discardLocal}
              onDismissRestored={sync.dismissRestored}
              onDismissMerged={sync.dismissMerged}
            />
          ) : null}
          {confirmAsk && mode === "draft" ? <SubmitConfirm message={confirmAsk} formId={FORM_ID} /> : null}
          {showErrorSummary && actionData?.errors ? <ErrorSummary errors={actionData.errors} labels={labels} /> : null}
          {conflict ? (
            <ConflictPanel
              key={conflict.version}
              diffs={diffs}
              merge={merge}
              serverUpdatedAt={conflict.updatedAt}
              serverVersion={conflict.version}
              onResolve={hydrated && status.kind === "conflict" ? sync.resolveConflict : null}
              onTakeServer={hydrated && status.kind === "conflict" ? sync.takeServer : null}
              formId={FORM_ID}
              pageUrl={`/scorecards/${sc.id}`}
            />
          ) : null}
        </Suspense>
      ) : null}
      {sc.status === "submitted" && mode === "view" ? (
        <div className="notice ok submitted-notice" role="status">
          Submitted
          {sc.submittedAt ? (
            <>
              {" "}
              <LocalTime at={sc.submittedAt} />
            </>
          ) : null}
          . Your scorecard is locked.
          {sc.amendCount > 0 && sc.lastAmendReason ? (
            <> Last amended: “{sc.lastAmendReason.replace(/[.!?…]+$/, "")}”.</>
          ) : null}{" "}
          {data.feedback.access === "recused" ? (
            <span>
              You declared a conflict of interest on this loop, so the panel&apos;s feedback stays closed to you.
            </span>
          ) : data.feedback.access === "full" ? null : data.feedback.ownDrafts > 0 ? (
            <span>
              The panel&apos;s feedback on this candidate opens once your other{" "}
              {data.feedback.ownDrafts === 1 ? "scorecard is" : `${data.feedback.ownDrafts} scorecards are`} submitted.
            </span>
          ) : null}
        </div>
      ) : null}

      <div className="sc-grid">
        <aside className="sc-side" aria-label="In the room">
          <ExerciseBrief
            title={exercise.title}
            prompt={exercise.prompt}
            probeQuestions={exercise.probes ? [] : exercise.probeQuestions}
            durationMinutes={header.durationMinutes}
          />
          {exercise.context ? <ContextCardView context={exercise.context} /> : null}
          {exercise.reveals?.length ? (
            <RevealScript reveals={exercise.reveals} minute={timer.view.minute} started={timer.view.elapsedMs > 0} />
          ) : null}
          {exercise.probes ? (
            <ProbeChecklist
              probes={exercise.probes}
              dimensionNames={dimensionNames}
              register={form.register}
              initial={initial}
              asked={live.probes}
              formId={FORM_ID}
              disabled={!editable}
            />
          ) : null}
          {exercise.focusPoints.length || !exercise.probes ? (
            <FocusChecklist
              points={exercise.focusPoints}
              register={form.register}
              initial={initial}
              covered={covered}
              formId={FORM_ID}
              disabled={!editable}
            />
          ) : null}
          <QuickNotes
            notes={notes}
            minute={timer.view.minute}
            disabled={mode !== "draft"}
            formId={NOTE_FORM_ID}
            action={action}
            onAdd={hydrated ? addNote : null}
            onDelete={hydrated ? deleteNote : null}
            serverError={actionData?.intent === "addNote" ? actionData.errors?.body?.[0] : undefined}
            initialBody={actionData?.intent === "addNote" ? actionData.noteBody : undefined}
          />
          {mode === "draft" ? (
            <DeclareConflict
              action={action}
              errors={actionData?.intent === "declareConflict" ? actionData.errors : undefined}
              kind={actionData?.conflictKind}
              note={actionData?.conflictNoteText}
            />
          ) : null}
        </aside>

        <form
          id={FORM_ID}
          method="post"
          action={action}
          noValidate
          onSubmit={onMainSubmit}
          className="sc-main"
          aria-label="Scorecard"
        >
          <CsrfInput />
          <input type="hidden" name="version" value={actionData?.version ?? sc.version} />
          <fieldset className="plain" disabled={!editable}>
            <legend className="sr-only">Your scorecard</legend>
            <section className="card sc-section ratings" aria-labelledby="ratings-h">
              <div className="section-head">
                <h2 id="ratings-h">Ratings</h2>
                {editable ? (
                  <span className="hint">
                    <kbd>1</kbd>–<kbd>4</kbd> rate the focused dimension · <kbd>0</kbd> not assessed · <kbd>Tab</kbd>{" "}
                    next
                  </span>
                ) : null}
              </div>
              {assessed.map((d) => ratingFor(d, true))}
              {extra.length ? (
                <details className="more-dims" open={extraRated}>
                  <summary>Rate another dimension ({extra.length})</summary>
                  {extra.map((d) => ratingFor(d, false))}
                </details>
              ) : null}
            </section>
            <RedFlagsSection flags={data.redFlags} register={form.register} initial={initial} errorAt={errorAt} />
            <EvidenceLintHints lint={lint} paths={["redFlags."]} label="Red flag notes" />
            <SignalsSection signals={data.signals} register={form.register} initial={initial} />
            <RecommendationSection
              register={form.register}
              initial={initial}
              errorAt={errorAt}
              needsOverride={needsOverride}
              summaryLength={live.summary.length}
              levels={ctx.levelSignal ? assessed : null}
            />
            <EvidenceLintHints
              lint={lint}
              paths={["summary", "overrideJustification", "notes."]}
              label="Summary, justification and quick notes"
            />
            {mode === "amend" ? (
              <section className="card sc-section amend" aria-labelledby="amend-h">
                <h2 id="amend-h">Why are you amending?</h2>
                <div className="field">
                  <label htmlFor="amend-reason">
                    Reason (kept in the audit log with the before and after values; the packet shows the scorecard was
                    amended)
                  </label>
                  <textarea
                    id="amend-reason"
                    name="reason"
                    rows={2}
                    value={amendReason}
                    onChange={(e) => {
                      setAmendReason(e.target.value);
                      sync.setAmendReason(e.target.value);
                    }}
                    aria-invalid={reasonError ? true : undefined}
                    aria-describedby={reasonError ? "amend-reason-error" : undefined}
                  />
                  <FieldError id="amend-reason-error" message={reasonError} />
                </div>
              </section>
            ) : null}
          </fieldset>

          <div className="card submit-bar">
            {formMessage ? (
              <div className="form-error" role="alert" data-testid="form-message">
                {formMessage}
              </div>
            ) : null}
            {mode === "draft" ? (
              <div className="row">
                <button type="submit" name="intent" value="submit" className="btn primary" disabled={submitting}>
                  {submitting ? "Submitting…" : "Submit scorecard"}
                </button>
                <button type="submit" name="intent" value="save" className="btn">
                  Save now
                </button>
                <span className="muted small">
                  Submitting locks your scorecard. You can amend it later, with a reason.
                </span>
              </div>
            ) : mode === "amend" ? (
              <div className="row">
                <button type="submit" name="intent" value="amend" className="btn primary" disabled={submitting}>
                  {submitting ? "Submitting…" : "Submit amendment"}
                </button>
                <Link to={`/scorecards/${sc.id}`} className="btn">
                  Cancel
                </Link>
                <span className="muted small">The change and your reason go into the audit log.</span>
              </div>
            ) : (
              <div className="row">
                {sc.status === "submitted" ? (
                  <Link to="?amend=1" className="btn" data-testid="amend-link">
                    Amend…
                  </Link>
                ) : null}
                {feedbackLink("normal")}
                <Link to="/interviews" className="btn">
                  Back to my interviews
                </Link>
              </div>
            )}
          </div>
        </form>
      </div>
    </>
  );
}
