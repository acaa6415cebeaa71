/**
 * The scorecard's autosave as a pure state machine: `stepAutosave(state, event, at)` returns the next
 * state and the effects to perform. No timers, fetch or storage in here: the hook
 * (app/hooks/use-scorecard-sync.ts) performs the effects and turns what happens in the browser
 * (edits, timer expiries, answers of the save endpoint, online/offline, page hide) into events.
 * `at` carries the facts of the moment: the clock and whether the browser believes it is online.
 *
 * Promises: every edit is kept on the device (localStorage) before anything is sent, and forgotten
 * only once the server holds exactly those values; a save carries the version it was made on, and
 * a newer copy on the server is never overwritten without the interviewer choosing.
 *
 * Phases (`autosavePhase`) of a draft (mode "draft"):
 *   idle: the server holds what the form shows · pending: edits wait for the debounce · saving: one save on its
 *   way (never two) · retrying: a failed save waits for its retry · offline: the browser is offline, edits on the
 *   device · invalid: a size limit is broken, nothing is sent · conflict: the server moved on, autosave stops until
 *   the interviewer chooses · locked: submitted or recused elsewhere · failed: refused for good (403, 413, 404) ·
 *   submitting: a submit waits for the save in flight or is on its way; autosave is held · closed: submitted.
 *
 * | from       | event                                   | to                      | effects                         |
 * |------------|-----------------------------------------|-------------------------|---------------------------------|
 * | idle       | edited                                  | pending                 | keep on device, debounce 800 ms |
 * | pending    | debounce, field left, page hidden, save | saving                  | save(version, values)           |
 * | saving     | edited                                  | saving                  | keep on device; sent after      |
 * | saving     | 200                                     | idle, pending if edited | forget / keep newer, 100 ms     |
 * | saving     | 409 holding our own values              | idle (saved)            | adopt the server's version      |
 * | saving     | 409, other side changed other fields    | saving                  | fill the merged form, save it   |
 * | saving     | 409, a field changed on both sides      | conflict                | — (edits stay on the device)    |
 * | saving     | 409 locked                              | locked                  | —                               |
 * | saving     | 400 field errors                        | invalid                 | show errors                     |
 * | saving     | 403, 413, 404                           | failed                  | —                               |
 * | saving     | network error, 5xx, 401                 | retrying                | retry in min(15 s, 1 s · 2^n)   |
 * | retrying   | retry fires                             | saving, or offline      | save                            |
 * | any active | edited while offline                    | offline                 | keep on device                  |
 * | offline    | back online                             | saving                  | backoff reset, save at once     |
 * | invalid    | edited, valid again                     | pending                 | clear errors, debounce          |
 * | conflict   | resolved (a side per field)             | saving                  | fill the merged form, save it   |
 * | conflict   | take the server's                       | idle                    | fill the form, forget on device |
 * | any        | submit (a save on its way)              | submitting (waiting)    | —                               |
 * | any        | submit (no save on its way)             | submitting (sent)       | send the intent                 |
 * | submitting | save answered                           | submitting (sent)       | send the intent                 |
 * | submitting | intent 200                              | closed                  | forget on device, disarm timers |
 * | submitting | intent network error, 5xx               | retrying (a submit)     | keep on device; retry as a save |
 * | submitting | intent 409 conflict, 409 locked         | conflict, locked        | keep on device                  |
 * | submitting | intent 409 that merges by itself        | saving                  | save the merge; not submitted   |
 * | submitting | intent 400, other refusals              | as before               | edits made meanwhile saved      |
 * | submitting | intent 409 asking to confirm            | as before               | the question to the page        |
 * | (loading)  | hydrated, device copy on page's version | saving                  | fill the form, save             |
 * | (loading)  | hydrated, device copy on an older one   | saving, or conflict     | merge as a 409 would            |
 *
 * Mode "amend" (a submitted scorecard being amended) keeps edits on the device only (phase
 * "amending") until the amend intent is sent; mode "off" (read-only) only reports a device copy it
 * cannot use as `leftover`.
 *
 * Conflicts merge field by field (merge.ts) over three sides: `block.base` (what the server held
 * when the edits were made; kept with the device copy, null only for an old copy without it),
 * `pending` (mine) and `block.server` (theirs). Fields changed on one side only merge by
 * themselves (`merged` tells the page what came from the other side); only fields changed on
 * both sides stop autosave and ask, and `conflictResolved` carries the interviewer's pick per field.
 * Inputs made before hydration (issue 13) enter as an ordinary `edited` event after `hydrated`.
 */
import type { MergeChoices } from "./merge";
import { mergeScorecardValues } from "./merge";
import { sameValues } from "./rules";
import type { ScorecardValues } from "./schema";

export const DEBOUNCE_MS = 800;
/** after a save, edits made while it was on its way follow quickly */
export const FOLLOW_UP_MS = 100;
export const RETRY_BASE_MS = 1_000;
export const MAX_RETRY_MS = 15_000;

/** Backoff before retry number `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, then 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, RETRY_BASE_MS * 2 ** attempt);
}

export type FieldErrorMap = Record<string, string[]>;

export interface ServerCopy {
  version: number;
  status: string;
  updatedAt: number;
  values: ScorecardValues;
}

/** The device copy of unsaved edits (see app/hooks/scorecard-storage.ts). */
export interface StoredEdits {
  v: 1;
  /** the server version these edits were made on top of */
  baseVersion: number;
  /** the server's copy at `baseVersion` (the merge's base); absent in copies kept before the merge existed */
  base?: ScorecardValues;
  values: ScorecardValues;
  /** epoch ms of the last edit */
  editedAt: number;
  /** "draft" = autosaved edits; "amend" = an amendment being written to a submitted scorecard */
  mode: "draft" | "amend";
  amendReason?: string;
}

/** What the interviewer sees (the save status in the header and the banners). */
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
  /** the server's copy changed meanwhile and merged with this one by itself: nothing was submitted */
  | { kind: "merged" }
  /** the server asks first (e.g. the interview is days away): send again with `confirm` to go ahead */
  | { kind: "confirm"; message: string }
  | { kind: "locked"; status: string }
  | { kind: "offline" }
  | { kind: "error"; message: string };

/** The save endpoint's answer: no answer at all, or a status and its JSON body. */
export type EndpointAnswer = { kind: "network" } | { kind: "response"; status: number; body: Record<string, unknown> };

export type AutosaveMode = "draft" | "amend" | "off";
export type AutosaveTimer = "debounce" | "retry";
export type WholeIntent = "submit" | "amend";

/** Why autosave stopped; only the interviewer (or a reload) moves it on. */
export type AutosaveBlock =
  | { kind: "conflict"; server: ServerCopy; base: ScorecardValues | null }
  | { kind: "locked"; status: string }
  | { kind: "invalid" }
  | { kind: "failed" }
  | { kind: "closed" };

export interface AutosaveState {
  mode: AutosaveMode;
  /** the server's copy when the page loaded (decides what a device copy means) */
  loaded: ServerCopy;
  /** the server version our edits are made on (sent with every save) */
  version: number;
  /** what the server holds at `version` */
  confirmed: ScorecardValues;
  /** edits not yet sent, or sent and not accepted */
  pending: ScorecardValues | null;
  /** the values of the save on its way */
  inFlight: ScorecardValues | null;
  /** a flush asked for while a save was on its way: done once it is answered */
  flushAfter: { keepalive: boolean } | null;
  block: AutosaveBlock | null;
  /** a submit or amend: waiting for the save in flight (sent false), or on its way */
  intent: { intent: WholeIntent; values: ScorecardValues; extra: Record<string, unknown>; sent: boolean } | null;
  debounceArmed: boolean;
  retry: { attempt: number; armed: boolean };
  amendReason: string;
  status: SyncStatus;
  /** the device copy put back into the form after a reload */
  restored: StoredEdits | null;
  /** a device copy this page cannot use (read-only, or made in the other mode) */
  leftover: StoredEdits | null;
  /** the last conflict that merged by itself: the fields that came from the other copy */
  merged: { fromTheirs: string[]; at: number } | null;
  hydrated: boolean;
}

export type AutosaveEvent =
  | { type: "hydrated"; stored: StoredEdits | null }
  /** the form changed; `errors` is the draft schema's verdict (size limits) */
  | { type: "edited"; values: ScorecardValues; errors: FieldErrorMap | null }
  | { type: "amendReasonEdited"; reason: string }
  /** "Save now" */
  | { type: "flushRequested" }
  | { type: "fieldLeft" }
  | { type: "pageHidden" }
  | { type: "wentOnline" }
  | { type: "wentOffline" }
  | { type: "timerFired"; timer: AutosaveTimer }
  | { type: "saveAnswered"; answer: EndpointAnswer }
  /** the interviewer's pick for each field changed on both sides (absent: mine) */
  | { type: "conflictResolved"; choices: MergeChoices }
  | { type: "takeServer" }
  | { type: "submitRequested"; intent: WholeIntent; values: ScorecardValues; extra: Record<string, unknown> }
  | { type: "intentAnswered"; answer: EndpointAnswer }
  | { type: "restoredDismissed" }
  | { type: "mergedDismissed" }
  | { type: "leftoverDiscarded" };

export type AutosaveEffect =
  | { type: "keepOnDevice"; edits: StoredEdits }
  | { type: "forgetOnDevice" }
  | { type: "save"; version: number; values: ScorecardValues; keepalive: boolean }
  | {
      type: "sendIntent";
      intent: WholeIntent;
      version: number;
      values: ScorecardValues;
      extra: Record<string, unknown>;
    }
  | { type: "arm"; timer: AutosaveTimer; ms: number }
  | { type: "disarm"; timer: AutosaveTimer }
  /** put values into the form: a device copy, the server's copy chosen in a conflict, or a merge */
  | {
      type: "fillForm";
      values: ScorecardValues;
      reason: "restored" | "conflict" | "server" | "merged";
      amendReason?: string;
    }
  | { type: "showErrors"; errors: FieldErrorMap }
  | { type: "clearErrors" }
  /** the answer to the submit or amend the interviewer asked for */
  | { type: "settleIntent"; result: IntentResult };

export interface Moment {
  now: number;
  online: boolean;
}

export type AutosavePhase =
  "off" | "amending" | "idle" | "pending" | "saving" | "offline" | "retrying" | "submitting" | AutosaveBlock["kind"];

export function autosavePhase(s: AutosaveState): AutosavePhase {
  if (s.mode === "off") return "off";
  if (s.block) return s.block.kind;
  if (s.intent) return "submitting";
  if (s.mode === "amend") return "amending";
  if (s.inFlight) return "saving";
  if (s.retry.armed) return "retrying";
  if (s.pending && s.status.kind === "offline") return "offline";
  if (s.pending) return "pending";
  return "idle";
}

export function initialAutosave(init: { mode: AutosaveMode; server: ServerCopy }): AutosaveState {
  return {
    mode: init.mode,
    loaded: init.server,
    version: init.server.version,
    confirmed: init.server.values,
    pending: null,
    inFlight: null,
    flushAfter: null,
    block: null,
    intent: null,
    debounceArmed: false,
    retry: { attempt: 0, armed: false },
    amendReason: "",
    status: { kind: "clean", savedAt: init.server.version > 0 ? init.server.updatedAt : null },
    restored: null,
    leftover: null,
    merged: null,
    hydrated: false,
  };
}

// ---- reading the endpoint's answers

type Reading =
  | { kind: "unreachable"; reason: "network" | "server" | "session" }
  | { kind: "accepted"; body: Record<string, unknown>; version: number | null }
  | { kind: "conflict"; server: ServerCopy }
  | { kind: "locked"; status: string }
  | { kind: "invalid"; errors: FieldErrorMap }
  | { kind: "confirm"; message: string }
  | { kind: "refused"; status: number };

function read(answer: EndpointAnswer): Reading {
  if (answer.kind === "network") return { kind: "unreachable", reason: "network" };
  const { status, body } = answer;
  if (status >= 500) return { kind: "unreachable", reason: "server" };
  if (status === 401) return { kind: "unreachable", reason: "session" };
  if (status === 200)
    return { kind: "accepted", body, version: typeof body.version === "number" ? body.version : null };
  if (status === 409 && body.conflict) return { kind: "conflict", server: body.conflict as ServerCopy };
  if (status === 409 && body.confirm)
    return { kind: "confirm", message: String((body.confirm as { message?: unknown }).message ?? "") };
  if (status === 409 && body.locked)
    return { kind: "locked", status: String((body.locked as { status?: string }).status ?? "submitted") };
  if (status === 400 && body.errors) return { kind: "invalid", errors: body.errors as FieldErrorMap };
  return { kind: "refused", status };
}

function refusedSaveMessage(status: number): string {
  if (status === 403)
    return "Your session's security token expired. Reload the page: your edits are kept on this device.";
  if (status === 413)
    return "This scorecard is too large to save. Shorten the longest text: your edits are kept on this device.";
  return "This scorecard can no longer be saved by you. Your edits are kept on this device.";
}

function refusedIntentMessage(status: number): string {
  return status === 401
    ? "Your session ended. Log in again in another tab, then submit: your scorecard is kept on this device."
    : "Could not submit. Your scorecard is kept on this device; reload and try again.";
}

// ---- the step

/** One step: the next state (the input is never mutated) and the effects, in order. */
export function stepAutosave(
  state: AutosaveState,
  event: AutosaveEvent,
  at: Moment,
): { state: AutosaveState; effects: AutosaveEffect[] } {
  const s: AutosaveState = { ...state };
  const fx: AutosaveEffect[] = [];
  const step = new Step(s, fx, at);
  step.on(event);
  return { state: s, effects: fx };
}

class Step {
  constructor(
    private readonly s: AutosaveState,
    private readonly fx: AutosaveEffect[],
    private readonly at: Moment,
  ) {}

  on(e: AutosaveEvent): void {
    const s = this.s;
    switch (e.type) {
      case "hydrated":
        return this.hydrated(e.stored);
      case "edited":
        return this.edited(e.values, e.errors);
      case "amendReasonEdited":
        s.amendReason = e.reason;
        return;
      case "flushRequested":
        return this.flush(false);
      case "fieldLeft":
        // leaving a field saves at once rather than after the debounce
        if (s.pending && !s.block && s.debounceArmed) this.flush(false);
        return;
      case "pageHidden":
        if (s.pending && !s.block) this.flush(true);
        return;
      case "wentOnline":
        s.retry = { attempt: 0, armed: s.retry.armed };
        this.disarm("retry");
        if (s.pending && !s.block) this.flush(false);
        return;
      case "wentOffline":
        if ((s.pending || s.inFlight) && !s.block && s.mode === "draft")
          s.status = { kind: "offline", reason: "network" };
        return;
      case "timerFired":
        if (e.timer === "debounce") s.debounceArmed = false;
        else s.retry = { ...s.retry, armed: false };
        return this.flush(false);
      case "saveAnswered":
        return this.saveAnswered(e.answer);
      case "conflictResolved":
        return this.conflictResolved(e.choices);
      case "takeServer":
        return this.takeServer();
      case "submitRequested":
        return this.submitRequested(e.intent, e.values, e.extra);
      case "intentAnswered":
        return this.intentAnswered(e.answer);
      case "restoredDismissed":
        s.restored = null;
        return;
      case "mergedDismissed":
        s.merged = null;
        return;
      case "leftoverDiscarded":
        s.leftover = null;
        this.fx.push({ type: "forgetOnDevice" });
        return;
    }
  }

  // -- small moves

  private keep(values: ScorecardValues): void {
    const s = this.s;
    const amend = s.mode === "amend";
    // in a conflict `confirmed` may be the newer copy; the edits' own base is the block's
    const base = s.block?.kind === "conflict" ? s.block.base : s.confirmed;
    this.fx.push({
      type: "keepOnDevice",
      edits: {
        v: 1,
        baseVersion: s.version,
        ...(amend || !base ? {} : { base }),
        values,
        editedAt: this.at.now,
        mode: amend ? "amend" : "draft",
        amendReason: amend ? s.amendReason : undefined,
      },
    });
  }

  private arm(timer: AutosaveTimer, ms: number): void {
    if (timer === "debounce") this.s.debounceArmed = true;
    else this.s.retry = { ...this.s.retry, armed: true };
    this.fx.push({ type: "arm", timer, ms });
  }

  private disarm(timer: AutosaveTimer): void {
    const armed = timer === "debounce" ? this.s.debounceArmed : this.s.retry.armed;
    if (!armed) return;
    if (timer === "debounce") this.s.debounceArmed = false;
    else this.s.retry = { ...this.s.retry, armed: false };
    this.fx.push({ type: "disarm", timer });
  }

  /** Retry after a growing pause; one retry armed at a time. */
  private scheduleRetry(): void {
    const { attempt, armed } = this.s.retry;
    if (armed) return;
    this.arm("retry", retryDelayMs(attempt));
    this.s.retry = { attempt: attempt + 1, armed: true };
  }

  private settle(result: IntentResult): void {
    this.fx.push({ type: "settleIntent", result });
  }

  /** Send the pending edits now, unless something holds autosave. */
  private flush(keepalive: boolean): void {
    const s = this.s;
    this.disarm("debounce");
    if (s.inFlight) {
      s.flushAfter = { keepalive: keepalive || (s.flushAfter?.keepalive ?? false) };
      return;
    }
    if (s.mode !== "draft" || s.block || s.intent || !s.pending) return;
    if (!this.at.online) {
      s.status = { kind: "offline", reason: "network" };
      return;
    }
    s.inFlight = s.pending;
    s.pending = null;
    s.status = { kind: "saving" };
    this.fx.push({ type: "save", version: s.version, values: s.inFlight, keepalive });
  }

  // -- events

  private hydrated(stored: StoredEdits | null): void {
    const s = this.s;
    if (s.hydrated) return;
    s.hydrated = true;
    if (!stored) return;
    const server = s.loaded;
    if (s.mode === "off" || (s.mode === "amend") !== (stored.mode === "amend")) {
      if (sameValues(stored.values, server.values)) this.fx.push({ type: "forgetOnDevice" });
      else s.leftover = stored;
      return;
    }
    if (sameValues(stored.values, server.values)) {
      this.fx.push({ type: "forgetOnDevice" });
      return;
    }
    s.restored = stored;
    if (s.mode === "amend") {
      s.amendReason = stored.amendReason ?? "";
      this.fx.push({ type: "fillForm", values: stored.values, reason: "restored", amendReason: s.amendReason });
      s.status = { kind: "local", editedAt: stored.editedAt };
      return;
    }
    if (stored.baseVersion === server.version) {
      this.fx.push({ type: "fillForm", values: stored.values, reason: "restored" });
      s.pending = stored.values;
      this.flush(false);
      return;
    }
    // The server moved on since these edits were made (another tab or device): merge what merges
    // by itself, else the interviewer chooses. `version` stays the edits' own base, so the device
    // copy keeps saying so and a second reload asks again instead of saving it over the newer copy.
    s.version = stored.baseVersion;
    s.pending = stored.values;
    if (this.mergeByItself(server, stored.base ?? null, stored.values)) return;
    s.block = { kind: "conflict", server, base: stored.base ?? null };
    this.fx.push({ type: "fillForm", values: stored.values, reason: "conflict" });
    s.status = { kind: "conflict", server };
  }

  /**
   * The server holds a newer copy: when no field changed on both sides, put the merge into the
   * form and save it on the server's version (true). False: the interviewer has to choose.
   */
  private mergeByItself(server: ServerCopy, base: ScorecardValues | null, mine: ScorecardValues): boolean {
    if (!base) return false;
    const result = mergeScorecardValues(base, mine, server.values);
    if (result.conflicts.length > 0) return false;
    this.adopt(server, result.merged);
    this.s.merged = { fromTheirs: result.fromTheirs, at: this.at.now };
    return true;
  }

  /** Continue on the server's copy with `values` in the form: saved, unless they are the server's. */
  private adopt(server: ServerCopy, values: ScorecardValues): void {
    const s = this.s;
    s.version = server.version;
    s.confirmed = server.values;
    s.block = null;
    this.fx.push({ type: "fillForm", values, reason: "merged" });
    // a submit waiting for this save is not sent: the merged scorecard is not what was checked
    if (s.intent && !s.intent.sent) {
      s.intent = null;
      this.settle({ kind: "merged" });
    }
    if (sameValues(values, server.values)) {
      s.pending = null;
      this.fx.push({ type: "forgetOnDevice" });
      s.status = { kind: "saved", savedAt: server.updatedAt };
      return;
    }
    s.pending = values;
    this.keep(values);
    this.flush(false);
  }

  private edited(values: ScorecardValues, errors: FieldErrorMap | null): void {
    const s = this.s;
    if (s.mode === "off" || s.block?.kind === "closed") return;
    if (s.mode === "amend") {
      this.keep(values);
      s.status = { kind: "local", editedAt: this.at.now };
      return;
    }
    // Back to what the server holds (or will hold once the save on its way lands): nothing to send.
    if (s.block?.kind !== "conflict" && sameValues(values, s.inFlight ?? s.confirmed)) {
      s.pending = null;
      if (s.block?.kind === "invalid") {
        s.block = null;
        this.fx.push({ type: "clearErrors" });
        if (s.inFlight) s.status = { kind: "saving" };
      }
      if (!s.inFlight) {
        this.fx.push({ type: "forgetOnDevice" });
        if (s.status.kind === "pending" || s.status.kind === "invalid")
          s.status = { kind: "saved", savedAt: this.at.now };
      }
      return;
    }
    s.pending = values;
    this.keep(values);
    if (s.block && s.block.kind !== "invalid") return;
    if (errors) {
      s.block = { kind: "invalid" };
      s.status = { kind: "invalid", errors };
      this.fx.push({ type: "showErrors", errors });
      return;
    }
    if (s.block?.kind === "invalid") {
      s.block = null;
      this.fx.push({ type: "clearErrors" });
    }
    if (!this.at.online) {
      s.status = { kind: "offline", reason: "network" };
      return;
    }
    if (s.status.kind !== "saving" && s.status.kind !== "offline") s.status = { kind: "pending" };
    // while a submit is waiting or on its way autosave is held; it resumes on the intent's answer
    if (!s.intent) this.arm("debounce", DEBOUNCE_MS);
  }

  private saveAnswered(answer: EndpointAnswer): void {
    const s = this.s;
    const sent = s.inFlight;
    if (!sent) return;
    s.inFlight = null;
    const flushAfter = s.flushAfter;
    s.flushAfter = null;
    const r = read(answer);
    let followUp = false;
    if (r.kind === "unreachable") {
      s.pending ??= sent;
      if (!s.block) s.status = { kind: "offline", reason: r.reason };
      this.scheduleRetry();
    } else if (r.kind === "accepted" && r.version !== null) {
      s.retry = { attempt: 0, armed: s.retry.armed };
      this.disarm("retry");
      s.version = r.version;
      s.confirmed = sent;
      followUp = this.afterSaved(this.at.now);
    } else if (r.kind === "conflict" && sameValues(sent, r.server.values)) {
      // Our own save already landed (its answer was lost, e.g. the page unloaded while it was on
      // its way): the server holds exactly these values, so there is nothing to choose.
      s.version = r.server.version;
      s.confirmed = r.server.values;
      followUp = this.afterSaved(r.server.updatedAt, false);
    } else {
      s.pending ??= sent;
      if (r.kind === "conflict") {
        if (!this.mergeByItself(r.server, s.confirmed, s.pending)) {
          s.block = { kind: "conflict", server: r.server, base: s.confirmed };
          s.status = { kind: "conflict", server: r.server };
        }
      } else if (r.kind === "locked") {
        s.block = { kind: "locked", status: r.status };
        s.status = { kind: "locked", status: r.status };
      } else if (r.kind === "invalid") {
        s.block = { kind: "invalid" };
        s.status = { kind: "invalid", errors: r.errors };
        this.fx.push({ type: "showErrors", errors: r.errors });
      } else {
        s.block = { kind: "failed" };
        s.status = { kind: "error", message: refusedSaveMessage(r.kind === "refused" ? r.status : 200) };
      }
    }
    if (s.intent) return this.startIntent();
    if (!followUp) return;
    if (flushAfter) this.flush(flushAfter.keepalive);
    else this.arm("debounce", FOLLOW_UP_MS);
  }

  /** The server holds `confirmed`: forget the device copy or keep the newer edits. True: send them soon. */
  private afterSaved(savedAt: number, clearErrors = true): boolean {
    const s = this.s;
    if (s.block?.kind === "invalid") {
      // edits made meanwhile break a limit: they stay on the device (on the new version) and marked
      if (s.pending) this.keep(s.pending);
      return false;
    }
    if (clearErrors) this.fx.push({ type: "clearErrors" });
    if (s.pending) {
      this.keep(s.pending);
      s.status = { kind: "pending" };
      return true;
    }
    this.fx.push({ type: "forgetOnDevice" });
    s.status = { kind: "saved", savedAt };
    return false;
  }

  private conflictResolved(choices: MergeChoices): void {
    const s = this.s;
    if (s.block?.kind !== "conflict") return;
    const { server, base } = s.block;
    const mine = s.pending ?? s.confirmed;
    this.adopt(server, mergeScorecardValues(base, mine, server.values, choices).merged);
  }

  private takeServer(): void {
    const s = this.s;
    if (s.block?.kind !== "conflict") return;
    const server = s.block.server;
    s.version = server.version;
    s.confirmed = server.values;
    s.block = null;
    s.pending = null;
    this.fx.push({ type: "forgetOnDevice" });
    s.status = { kind: "saved", savedAt: server.updatedAt };
    this.fx.push({ type: "fillForm", values: server.values, reason: "server" });
  }

  private submitRequested(intent: WholeIntent, values: ScorecardValues, extra: Record<string, unknown>): void {
    const s = this.s;
    if (s.intent) return;
    this.disarm("debounce");
    s.intent = { intent, values, extra, sent: false };
    // A save on its way carries the same version: sent together, the submit would conflict with our own copy.
    if (!s.inFlight) this.startIntent();
  }

  private startIntent(): void {
    const s = this.s;
    const it = s.intent;
    if (!it || it.sent) return;
    this.disarm("debounce");
    if (s.block?.kind === "conflict") {
      s.intent = null;
      return this.settle({ kind: "conflict", server: s.block.server });
    }
    if (!this.at.online) {
      s.intent = null;
      s.pending = it.values;
      this.keep(it.values);
      s.status = { kind: "offline", reason: "network" };
      return this.settle({ kind: "offline" });
    }
    s.intent = { ...it, sent: true };
    this.fx.push({ type: "sendIntent", intent: it.intent, version: s.version, values: it.values, extra: it.extra });
  }

  private intentAnswered(answer: EndpointAnswer): void {
    const s = this.s;
    const it = s.intent;
    if (!it?.sent) return;
    s.intent = null;
    const r = read(answer);
    switch (r.kind) {
      case "unreachable":
        if (r.reason === "session") break;
        this.keep(it.values);
        s.status = { kind: "offline", reason: r.reason };
        // a submit that could not reach the server is kept as a draft and autosaved once it can
        if (it.intent === "submit") {
          s.pending = it.values;
          this.scheduleRetry();
        }
        this.settle({ kind: "offline" });
        return;
      case "accepted":
        s.block = { kind: "closed" };
        s.pending = null;
        this.disarm("debounce");
        this.disarm("retry");
        this.fx.push({ type: "forgetOnDevice" });
        if (r.version !== null) s.version = r.version;
        s.confirmed = it.values;
        s.status = { kind: "saved", savedAt: this.at.now };
        this.settle({ kind: "ok", body: r.body });
        return;
      case "invalid":
        this.settle({ kind: "invalid", errors: r.errors });
        return this.resume();
      case "confirm":
        this.settle({ kind: "confirm", message: r.message });
        return this.resume();
      case "conflict":
        s.pending = it.values;
        if (this.mergeByItself(r.server, s.confirmed, it.values)) {
          this.settle({ kind: "merged" });
          return;
        }
        s.block = { kind: "conflict", server: r.server, base: s.confirmed };
        this.keep(it.values);
        s.status = { kind: "conflict", server: r.server };
        this.settle({ kind: "conflict", server: r.server });
        return;
      case "locked":
        s.block = { kind: "locked", status: r.status };
        s.status = { kind: "locked", status: r.status };
        this.settle({ kind: "locked", status: r.status });
        return;
      case "refused":
        break;
    }
    // 401 and other refusals: the message says what to do; autosave goes on
    const message = refusedIntentMessage(r.kind === "refused" ? r.status : 401);
    s.status = { kind: "error", message };
    this.settle({ kind: "error", message });
    this.resume();
  }

  /** Edits made while a submit was on its way were held: send them now that it is answered. */
  private resume(): void {
    const s = this.s;
    if (s.mode === "draft" && s.pending && !s.block && !s.retry.armed) this.arm("debounce", DEBOUNCE_MS);
  }
}
