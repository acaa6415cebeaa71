/**
 * Autosave that loses nothing, in the browser. The rules live in the pure state machine
 * app/domain/scorecard/autosave.ts (its header has the table of states and transitions); this hook
 * only turns browser happenings into its events and performs its effects: the fetch to the save
 * endpoint, the debounce and retry timers, the device copy (scorecard-storage), the form callbacks.
 */
import { useCallback, useEffect, useRef, useState } from "react";

import type {
  AutosaveEffect,
  AutosaveEvent,
  AutosaveState,
  AutosaveTimer,
  EndpointAnswer,
  FieldErrorMap,
  IntentResult,
  WholeIntent,
} from "../domain/scorecard/autosave";
import { initialAutosave, stepAutosave } from "../domain/scorecard/autosave";
import type { MergeChoices } from "../domain/scorecard/merge";
import type { ScorecardValues } from "../domain/scorecard/schema";

import { clearStoredEdits, endHeartbeat, heartbeat, readStoredEdits, writeStoredEdits } from "./scorecard-storage";

async function postJson(url: string, csrf: string, body: unknown, keepalive = false): Promise<EndpointAnswer> {
  const text = JSON.stringify(body);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "x-csrf-token": csrf },
      body: text,
      credentials: "same-origin",
      // keepalive lets a save started on page hide finish; browsers cap such bodies at 64 KiB
      keepalive: keepalive && text.length < 60_000,
    });
    let parsed: Record<string, unknown> = {};
    try {
      parsed = (await res.json()) as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    return { kind: "response", status: res.status, body: parsed };
  } catch {
    return { kind: "network" };
  }
}

function isOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

export interface ScorecardSyncOptions {
  scorecardId: string;
  endpoint: string;
  csrf: string;
  /** the server's version and copy when the page loaded */
  version: number;
  serverValues: ScorecardValues;
  serverStatus: string;
  serverUpdatedAt: number;
  /** draft: autosave to the server; amend: keep on this device until "Submit amendment"; off: read-only */
  mode: "draft" | "amend" | "off";
  /** the form schema's verdict on a draft (size limits): errors stop the save, the text stays */
  validate: (values: ScorecardValues) => FieldErrorMap | null;
  /** put values into the form: edits kept on this device, the server's copy chosen in a conflict, a merge */
  onRestore: (
    values: ScorecardValues,
    reason: "restored" | "conflict" | "server" | "merged",
    amendReason?: string,
  ) => void;
  /** field errors from the server or the schema (shown inline) */
  onInvalid: (errors: FieldErrorMap) => void;
  /** a save went through: clear errors that came from autosave */
  onSaved: () => void;
}

export function useScorecardSync(opts: ScorecardSyncOptions) {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  // The mode is fixed for the life of the component (the page keys it by status and amend mode).
  const [state, setState] = useState<AutosaveState>(() =>
    initialAutosave({
      mode: opts.mode,
      server: {
        version: opts.version,
        status: opts.serverStatus,
        updatedAt: opts.serverUpdatedAt,
        values: opts.serverValues,
      },
    }),
  );
  const machine = useRef({
    state,
    queue: [] as AutosaveEvent[],
    stepping: false,
    timers: { debounce: null, retry: null } as Record<AutosaveTimer, ReturnType<typeof setTimeout> | null>,
    intent: null as { promise: Promise<IntentResult>; resolve: (r: IntentResult) => void } | null,
  });

  const clearTimer = useCallback((timer: AutosaveTimer) => {
    const m = machine.current;
    if (m.timers[timer]) clearTimeout(m.timers[timer]);
    m.timers[timer] = null;
  }, []);

  // Effects may dispatch again (filling the form reports an edit): events queue up and run in order.
  const dispatch = useCallback(
    (event: AutosaveEvent) => {
      const m = machine.current;
      m.queue.push(event);
      if (m.stepping) return;
      m.stepping = true;
      try {
        for (let next = m.queue.shift(); next; next = m.queue.shift()) {
          const { state: after, effects } = stepAutosave(m.state, next, { now: Date.now(), online: isOnline() });
          m.state = after;
          setState(after);
          for (const effect of effects) perform(effect);
        }
      } finally {
        m.stepping = false;
      }

      function perform(effect: AutosaveEffect): void {
        const o = optsRef.current;
        switch (effect.type) {
          case "keepOnDevice":
            writeStoredEdits(o.scorecardId, effect.edits);
            return;
          case "forgetOnDevice":
            clearStoredEdits(o.scorecardId);
            return;
          case "save":
            void postJson(
              o.endpoint,
              o.csrf,
              { intent: "save", version: effect.version, ...effect.values },
              effect.keepalive,
            ).then((answer) => dispatch({ type: "saveAnswered", answer }));
            return;
          case "sendIntent":
            void postJson(o.endpoint, o.csrf, {
              intent: effect.intent,
              version: effect.version,
              ...effect.values,
              ...effect.extra,
            }).then((answer) => dispatch({ type: "intentAnswered", answer }));
            return;
          case "arm":
            clearTimer(effect.timer);
            m.timers[effect.timer] = setTimeout(() => {
              m.timers[effect.timer] = null;
              dispatch({ type: "timerFired", timer: effect.timer });
            }, effect.ms);
            return;
          case "disarm":
            clearTimer(effect.timer);
            return;
          case "fillForm":
            o.onRestore(effect.values, effect.reason, effect.amendReason);
            return;
          case "showErrors":
            o.onInvalid(effect.errors);
            return;
          case "clearErrors":
            o.onSaved();
            return;
          case "settleIntent":
            m.intent?.resolve(effect.result);
            m.intent = null;
            return;
        }
      }
    },
    [clearTimer],
  );

  /** Call on every change of the form's values. */
  const changed = useCallback(
    (values: ScorecardValues) => {
      const o = optsRef.current;
      dispatch({ type: "edited", values, errors: o.mode === "draft" ? o.validate(values) : null });
    },
    [dispatch],
  );

  /**
   * Sends a whole-scorecard intent (submit / amend) once any save in flight is answered, with the
   * current version. On success the autosave closes (the page reloads its data).
   */
  const sendIntent = useCallback(
    (intent: WholeIntent, values: ScorecardValues, extra: Record<string, unknown> = {}): Promise<IntentResult> => {
      const m = machine.current;
      if (m.intent) return m.intent.promise;
      let resolve: (r: IntentResult) => void = () => undefined;
      const promise = new Promise<IntentResult>((r) => (resolve = r));
      m.intent = { promise, resolve };
      dispatch({ type: "submitRequested", intent, values, extra });
      return promise;
    },
    [dispatch],
  );

  /** A non-versioned call (timer operations). */
  const post = useCallback((body: Record<string, unknown>): Promise<EndpointAnswer> => {
    const o = optsRef.current;
    return postJson(o.endpoint, o.csrf, body);
  }, []);

  // Restore what this device kept, once, after hydration.
  useEffect(() => {
    dispatch({ type: "hydrated", stored: readStoredEdits(optsRef.current.scorecardId) });
  }, [dispatch]);

  // Online/offline, page hide and tab switches.
  useEffect(() => {
    const onOnline = () => dispatch({ type: "wentOnline" });
    const onOffline = () => dispatch({ type: "wentOffline" });
    const onFocusOut = () => dispatch({ type: "fieldLeft" });
    const onPageHide = () => {
      dispatch({ type: "pageHidden" });
      endHeartbeat();
    };
    // This tab is alive: its unsaved edits in localStorage are its own, not for another tab to adopt.
    heartbeat();
    const beat = setInterval(() => heartbeat(), 2_000);
    const onShow = () => heartbeat();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") dispatch({ type: "pageHidden" });
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    document.addEventListener("focusout", onFocusOut);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onShow);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      document.removeEventListener("focusout", onFocusOut);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onShow);
      clearInterval(beat);
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimer("debounce");
      clearTimer("retry");
    };
  }, [clearTimer, dispatch]);

  return {
    status: state.status,
    restored: state.restored,
    leftover: state.leftover,
    merged: state.merged,
    /** in a conflict: the copy this tab's edits started from (null: unknown) */
    conflictBase: state.block?.kind === "conflict" ? state.block.base : null,
    changed,
    sendIntent,
    post,
    flush: useCallback(() => dispatch({ type: "flushRequested" }), [dispatch]),
    resolveConflict: useCallback(
      (choices: MergeChoices) => dispatch({ type: "conflictResolved", choices }),
      [dispatch],
    ),
    takeServer: useCallback(() => dispatch({ type: "takeServer" }), [dispatch]),
    setAmendReason: useCallback((reason: string) => dispatch({ type: "amendReasonEdited", reason }), [dispatch]),
    discardLocal: useCallback(() => dispatch({ type: "leftoverDiscarded" }), [dispatch]),
    dismissRestored: useCallback(() => dispatch({ type: "restoredDismissed" }), [dispatch]),
    dismissMerged: useCallback(() => dispatch({ type: "mergedDismissed" }), [dispatch]),
  };
}
