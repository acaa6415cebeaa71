/**
 * Autosave that loses nothing. Every change is written to localStorage first, then sent (debounced,
 * and at once when focus leaves a field or the page is hidden) to the JSON endpoint with the version the browser last saw.
 * The server applies it only when that version is current; otherwise it answers with its copy and
 * the interviewer chooses. Offline or server down: the edits stay on the device and are retried
 * (backoff, and at once when the browser comes back online). Browser-only.
 */
import { useCallback, useEffect, useRef, useState } from "react";

import { sameValues } from "../domain/scorecard/rules";
import type { ScorecardValues } from "../domain/scorecard/schema";

import type { StoredEdits } from "./scorecard-storage";
import { clearStoredEdits, endHeartbeat, heartbeat, readStoredEdits, writeStoredEdits } from "./scorecard-storage";

export type FieldErrorMap = Record<string, string[]>;

export interface ServerCopy {
  version: number;
  status: string;
  updatedAt: number;
  values: ScorecardValues;
}

export type SyncStatus =
  | { kind: "clean"; savedAt: number | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; savedAt: number }
  | { kind: "offline"; reason: "network" | "server" | "session" }
  | { kind: "conflict"; server: ServerCopy }
  | { kind: "invalid"; errors: FieldErrorMap }
  | { kind: "locked"; status: string }
  | { kind: "local"; editedAt: number }
  | { kind: "error"; message: string };

export type IntentResult =
  | { kind: "ok"; body: Record<string, unknown> }
  | { kind: "invalid"; errors: FieldErrorMap }
  | { kind: "conflict"; server: ServerCopy }
  | { kind: "locked"; status: string }
  | { kind: "offline" }
  | { kind: "error"; message: string };

type PostResult = { kind: "network" } | { kind: "response"; status: number; body: Record<string, unknown> };

const DEBOUNCE_MS = 800;
const MAX_RETRY_MS = 15_000;

async function postJson(url: string, csrf: string, body: unknown, keepalive = false): Promise<PostResult> {
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
  /** put values into the form (restoring edits kept on this device) */
  onRestore: (values: ScorecardValues, reason: "restored" | "conflict", amendReason?: string) => void;
  /** field errors from the server or the schema (shown inline) */
  onInvalid: (errors: FieldErrorMap) => void;
  /** a save went through: clear errors that came from autosave */
  onSaved: () => void;
}

export function useScorecardSync(opts: ScorecardSyncOptions) {
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const [status, setStatusState] = useState<SyncStatus>({
    kind: "clean",
    savedAt: opts.version > 0 ? opts.serverUpdatedAt : null,
  });
  const [restored, setRestored] = useState<StoredEdits | null>(null);
  const [leftover, setLeftover] = useState<StoredEdits | null>(null);
  const statusRef = useRef(status);
  const versionRef = useRef(opts.version);
  const confirmedRef = useRef<ScorecardValues>(opts.serverValues);
  const pendingRef = useRef<ScorecardValues | null>(null);
  const amendReasonRef = useRef<string>("");
  const inFlightRef = useRef<Promise<void> | null>(null);
  const debounceRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryRef = useRef<{ timer: ReturnType<typeof setTimeout> | null; attempt: number }>({
    timer: null,
    attempt: 0,
  });
  const haltRef = useRef<null | "conflict" | "locked" | "invalid" | "closed" | "fatal" | "submitting">(null);

  const setStatus = useCallback((s: SyncStatus) => {
    statusRef.current = s;
    setStatusState(s);
  }, []);

  const store = useCallback((values: ScorecardValues) => {
    const o = optsRef.current;
    writeStoredEdits(o.scorecardId, {
      v: 1,
      baseVersion: versionRef.current,
      values,
      editedAt: Date.now(),
      mode: o.mode === "amend" ? "amend" : "draft",
      amendReason: o.mode === "amend" ? amendReasonRef.current : undefined,
    });
  }, []);

  const clearTimers = useCallback(() => {
    if (debounceRef.current) clearTimeout(debounceRef.current);
    debounceRef.current = null;
    if (retryRef.current.timer) clearTimeout(retryRef.current.timer);
    retryRef.current.timer = null;
  }, []);

  // flush is referenced by timers created inside itself: keep the latest in a ref
  const flushRef = useRef<(keepalive?: boolean) => Promise<void>>(() => Promise.resolve());

  const scheduleRetry = useCallback(() => {
    if (retryRef.current.timer) return;
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** retryRef.current.attempt);
    retryRef.current.attempt++;
    retryRef.current.timer = setTimeout(() => {
      retryRef.current.timer = null;
      void flushRef.current();
    }, delay);
  }, []);

  const flush = useCallback(
    (keepalive = false): Promise<void> => {
      if (debounceRef.current) {
        clearTimeout(debounceRef.current);
        debounceRef.current = null;
      }
      if (inFlightRef.current) return inFlightRef.current.then(() => flushRef.current(keepalive));
      const o = optsRef.current;
      if (o.mode !== "draft" || haltRef.current || !pendingRef.current) return Promise.resolve();
      if (!isOnline()) {
        setStatus({ kind: "offline", reason: "network" });
        return Promise.resolve();
      }
      const snapshot = pendingRef.current;
      pendingRef.current = null;
      const base = versionRef.current;
      setStatus({ kind: "saving" });
      const run = (async () => {
        const res = await postJson(o.endpoint, o.csrf, { intent: "save", version: base, ...snapshot }, keepalive);
        const requeue = () => {
          if (!pendingRef.current) pendingRef.current = snapshot;
        };
        if (res.kind === "network" || res.status >= 500 || res.status === 401) {
          requeue();
          setStatus({
            kind: "offline",
            reason: res.kind === "network" ? "network" : res.status === 401 ? "session" : "server",
          });
          scheduleRetry();
          return;
        }
        const body = res.body;
        if (res.status === 200 && typeof body.version === "number") {
          retryRef.current.attempt = 0;
          versionRef.current = body.version;
          confirmedRef.current = snapshot;
          optsRef.current.onSaved();
          if (pendingRef.current) {
            store(pendingRef.current);
            setStatus({ kind: "pending" });
            debounceRef.current = setTimeout(() => void flushRef.current(), 100);
          } else {
            clearStoredEdits(o.scorecardId);
            setStatus({ kind: "saved", savedAt: Date.now() });
          }
          return;
        }
        requeue();
        if (res.status === 409 && body.conflict && sameValues(snapshot, (body.conflict as ServerCopy).values)) {
          // Our own save already landed (its answer was lost, e.g. the page unloaded while it was
          // on its way): the server holds exactly these values, so there is nothing to choose.
          const server = body.conflict as ServerCopy;
          versionRef.current = server.version;
          confirmedRef.current = server.values;
          if (pendingRef.current === snapshot) {
            pendingRef.current = null;
            clearStoredEdits(o.scorecardId);
            setStatus({ kind: "saved", savedAt: server.updatedAt });
          } else if (pendingRef.current) {
            store(pendingRef.current);
            setStatus({ kind: "pending" });
            debounceRef.current = setTimeout(() => void flushRef.current(), 100);
          }
          return;
        }
        if (res.status === 409 && body.conflict) {
          haltRef.current = "conflict";
          setStatus({ kind: "conflict", server: body.conflict as ServerCopy });
          return;
        }
        if (res.status === 409 && body.locked) {
          haltRef.current = "locked";
          setStatus({ kind: "locked", status: String((body.locked as { status?: string }).status ?? "submitted") });
          return;
        }
        if (res.status === 400 && body.errors) {
          haltRef.current = "invalid";
          const errors = body.errors as FieldErrorMap;
          setStatus({ kind: "invalid", errors });
          optsRef.current.onInvalid(errors);
          return;
        }
        haltRef.current = "fatal";
        setStatus({
          kind: "error",
          message:
            res.status === 403
              ? "Your session's security token expired. Reload the page: your edits are kept on this device."
              : res.status === 413
                ? "This scorecard is too large to save. Shorten the longest text: your edits are kept on this device."
                : "This scorecard can no longer be saved by you. Your edits are kept on this device.",
        });
      })().finally(() => {
        inFlightRef.current = null;
      });
      inFlightRef.current = run;
      return run;
    },
    [scheduleRetry, setStatus, store],
  );
  flushRef.current = flush;

  /** Call on every change of the form's values. */
  const changed = useCallback(
    (values: ScorecardValues) => {
      const o = optsRef.current;
      if (o.mode === "off" || haltRef.current === "closed") return;
      if (o.mode === "amend") {
        store(values);
        setStatus({ kind: "local", editedAt: Date.now() });
        return;
      }
      if (sameValues(values, confirmedRef.current) && haltRef.current !== "conflict") {
        pendingRef.current = null;
        clearStoredEdits(o.scorecardId);
        if (statusRef.current.kind === "pending" || statusRef.current.kind === "invalid")
          setStatus({ kind: "saved", savedAt: Date.now() });
        if (haltRef.current === "invalid") haltRef.current = null;
        return;
      }
      pendingRef.current = values;
      store(values);
      if (haltRef.current === "conflict" || haltRef.current === "locked" || haltRef.current === "fatal") return;
      const errors = o.validate(values);
      if (errors) {
        haltRef.current = "invalid";
        setStatus({ kind: "invalid", errors });
        o.onInvalid(errors);
        return;
      }
      if (haltRef.current === "invalid") {
        haltRef.current = null;
        o.onSaved();
      }
      if (!isOnline()) {
        setStatus({ kind: "offline", reason: "network" });
        return;
      }
      if (statusRef.current.kind !== "saving" && statusRef.current.kind !== "offline") setStatus({ kind: "pending" });
      if (debounceRef.current) clearTimeout(debounceRef.current);
      debounceRef.current = setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
    },
    [setStatus, store],
  );

  const setAmendReason = useCallback((reason: string) => {
    amendReasonRef.current = reason;
  }, []);

  /** Keep this browser's copy: save it on top of the server's version. */
  const keepMine = useCallback(
    (current: ScorecardValues) => {
      const s = statusRef.current;
      if (s.kind !== "conflict") return;
      versionRef.current = s.server.version;
      confirmedRef.current = s.server.values;
      haltRef.current = null;
      pendingRef.current = current;
      store(current);
      void flushRef.current();
    },
    [store],
  );

  /** Take the server's copy: returns it so the form can show it. */
  const takeServer = useCallback((): ScorecardValues | null => {
    const s = statusRef.current;
    if (s.kind !== "conflict") return null;
    versionRef.current = s.server.version;
    confirmedRef.current = s.server.values;
    haltRef.current = null;
    pendingRef.current = null;
    clearStoredEdits(optsRef.current.scorecardId);
    setStatus({ kind: "saved", savedAt: s.server.updatedAt });
    return s.server.values;
  }, [setStatus]);

  /**
   * Sends a whole-scorecard intent (submit / amend) after any save in flight, with the current
   * version. On success the autosave closes (the page reloads its data).
   */
  const sendIntent = useCallback(
    async (
      intent: "submit" | "amend",
      values: ScorecardValues,
      extra: Record<string, unknown> = {},
    ): Promise<IntentResult> => {
      const o = optsRef.current;
      if (debounceRef.current) clearTimeout(debounceRef.current);
      debounceRef.current = null;
      // A finished save may start the next one (edits made while it was in flight): wait them all out.
      while (inFlightRef.current) await inFlightRef.current;
      if (haltRef.current === "conflict" && statusRef.current.kind === "conflict")
        return { kind: "conflict", server: statusRef.current.server };
      if (!isOnline()) {
        pendingRef.current = values;
        store(values);
        setStatus({ kind: "offline", reason: "network" });
        return { kind: "offline" };
      }
      // No autosave may start while the intent is on its way: it would carry the same version and
      // turn the submit into a conflict with our own copy.
      const haltBefore = haltRef.current;
      haltRef.current = "submitting";
      let res: Awaited<ReturnType<typeof postJson>>;
      try {
        res = await postJson(o.endpoint, o.csrf, { intent, version: versionRef.current, ...values, ...extra });
      } finally {
        if (haltRef.current === "submitting") haltRef.current = haltBefore;
      }
      if (res.kind === "network" || res.status >= 500) {
        store(values);
        if (intent === "submit") pendingRef.current = values;
        setStatus({ kind: "offline", reason: res.kind === "network" ? "network" : "server" });
        if (intent === "submit") scheduleRetry();
        return { kind: "offline" };
      }
      const body = res.body;
      if (res.status === 200) {
        haltRef.current = "closed";
        pendingRef.current = null;
        clearTimers();
        clearStoredEdits(o.scorecardId);
        if (typeof body.version === "number") versionRef.current = body.version;
        confirmedRef.current = values;
        setStatus({ kind: "saved", savedAt: Date.now() });
        return { kind: "ok", body };
      }
      if (res.status === 400 && body.errors) return { kind: "invalid", errors: body.errors as FieldErrorMap };
      if (res.status === 409 && body.conflict) {
        haltRef.current = "conflict";
        pendingRef.current = values;
        store(values);
        const server = body.conflict as ServerCopy;
        setStatus({ kind: "conflict", server });
        return { kind: "conflict", server };
      }
      if (res.status === 409 && body.locked) {
        const st = String((body.locked as { status?: string }).status ?? "submitted");
        setStatus({ kind: "locked", status: st });
        return { kind: "locked", status: st };
      }
      const message =
        res.status === 401
          ? "Your session ended. Log in again in another tab, then submit: your scorecard is kept on this device."
          : "Could not submit. Your scorecard is kept on this device; reload and try again.";
      setStatus({ kind: "error", message });
      return { kind: "error", message };
    },
    [clearTimers, scheduleRetry, setStatus, store],
  );

  /** A non-versioned call (timer operations). */
  const post = useCallback(async (body: Record<string, unknown>): Promise<PostResult> => {
    const o = optsRef.current;
    return postJson(o.endpoint, o.csrf, body);
  }, []);

  /** Forget edits kept on this device (the "discard" of a leftover copy). */
  const discardLocal = useCallback(() => {
    clearStoredEdits(optsRef.current.scorecardId);
    setLeftover(null);
  }, []);

  // Restore what this device kept, once, after hydration.
  useEffect(() => {
    const o = optsRef.current;
    const stored = readStoredEdits(o.scorecardId);
    if (!stored) return;
    if (o.mode === "off" || (o.mode === "amend") !== (stored.mode === "amend")) {
      if (!sameValues(stored.values, o.serverValues)) setLeftover(stored);
      else clearStoredEdits(o.scorecardId);
      return;
    }
    if (sameValues(stored.values, o.serverValues)) {
      clearStoredEdits(o.scorecardId);
      return;
    }
    if (o.mode === "amend") {
      amendReasonRef.current = stored.amendReason ?? "";
      o.onRestore(stored.values, "restored", stored.amendReason);
      setRestored(stored);
      setStatus({ kind: "local", editedAt: stored.editedAt });
      return;
    }
    if (stored.baseVersion === o.version) {
      o.onRestore(stored.values, "restored");
      setRestored(stored);
      pendingRef.current = stored.values;
      void flushRef.current();
      return;
    }
    // The server moved on since these edits were made (another tab or device): let the interviewer choose.
    haltRef.current = "conflict";
    pendingRef.current = stored.values;
    o.onRestore(stored.values, "conflict");
    setRestored(stored);
    setStatus({
      kind: "conflict",
      server: { version: o.version, status: o.serverStatus, updatedAt: o.serverUpdatedAt, values: o.serverValues },
    });
  }, [setStatus]);

  // Online/offline, page hide and tab switches.
  useEffect(() => {
    const onOnline = () => {
      retryRef.current.attempt = 0;
      if (retryRef.current.timer) clearTimeout(retryRef.current.timer);
      retryRef.current.timer = null;
      if (pendingRef.current && !haltRef.current) void flushRef.current();
    };
    const onOffline = () => {
      if (pendingRef.current || statusRef.current.kind === "saving") setStatus({ kind: "offline", reason: "network" });
    };
    const onHide = () => {
      if (pendingRef.current && !haltRef.current) void flushRef.current(true);
    };
    // Leaving a field saves at once rather than after the debounce.
    const onFocusOut = () => {
      if (pendingRef.current && !haltRef.current && debounceRef.current) void flushRef.current();
    };
    const onPageHide = () => {
      onHide();
      endHeartbeat();
    };
    // This tab is alive: its unsaved edits in localStorage are its own, not for another tab to adopt.
    heartbeat();
    const beat = setInterval(() => heartbeat(), 2_000);
    const onShow = () => heartbeat();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") onHide();
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
      clearTimers();
    };
  }, [clearTimers, setStatus]);

  return {
    status,
    restored,
    leftover,
    changed,
    flush,
    keepMine,
    takeServer,
    sendIntent,
    post,
    discardLocal,
    setAmendReason,
    dismissRestored: () => setRestored(null),
    version: () => versionRef.current,
  };
}
