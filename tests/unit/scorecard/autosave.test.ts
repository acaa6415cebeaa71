import { describe, expect, it } from "vitest";

import type {
  AutosaveEffect,
  AutosaveEvent,
  AutosaveMode,
  AutosaveState,
  EndpointAnswer,
  ServerCopy,
  StoredEdits,
} from "../../../app/domain/scorecard/autosave";
import {
  DEBOUNCE_MS,
  FOLLOW_UP_MS,
  MAX_RETRY_MS,
  autosavePhase,
  initialAutosave,
  retryDelayMs,
  stepAutosave,
} from "../../../app/domain/scorecard/autosave";
import type { ScorecardValues } from "../../../app/domain/scorecard/schema";
import { emptyScorecardValues } from "../../../app/domain/scorecard/schema";

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);

function values(patch: Partial<ScorecardValues>): ScorecardValues {
  return { ...emptyScorecardValues(), ...patch };
}

const LOADED: ServerCopy = { version: 3, status: "draft", updatedAt: T0 - 60_000, values: values({ summary: "v3" }) };
const A = values({ summary: "first edit" });
const B = values({ summary: "second edit" });
const C = values({ summary: "third edit" });

function ok(version: number): EndpointAnswer {
  return { kind: "response", status: 200, body: { ok: true, version, savedAt: T0, status: "draft" } };
}
function conflictWith(server: ServerCopy): EndpointAnswer {
  return { kind: "response", status: 409, body: { ok: false, conflict: server } };
}
function reply(status: number, body: Record<string, unknown> = {}): EndpointAnswer {
  return { kind: "response", status, body };
}
const NETWORK: EndpointAnswer = { kind: "network" };

/** Drives the machine as the hook does; the test plays the clock, the network and the timers. */
class Drive {
  state: AutosaveState;
  effects: AutosaveEffect[] = [];
  now = T0;
  online = true;

  constructor(mode: AutosaveMode = "draft", server: ServerCopy = LOADED) {
    this.state = initialAutosave({ mode, server });
  }

  send(event: AutosaveEvent): AutosaveEffect[] {
    const { state, effects } = stepAutosave(this.state, event, { now: this.now, online: this.online });
    this.state = state;
    this.effects = effects;
    return effects;
  }

  edit(v: ScorecardValues, errors: Record<string, string[]> | null = null): AutosaveEffect[] {
    return this.send({ type: "edited", values: v, errors });
  }

  get phase() {
    return autosavePhase(this.state);
  }

  of<K extends AutosaveEffect["type"]>(type: K): Extract<AutosaveEffect, { type: K }>[] {
    return this.effects.filter((e): e is Extract<AutosaveEffect, { type: K }> => e.type === type);
  }

  /** the one save sent by the last event */
  saved(): Extract<AutosaveEffect, { type: "save" }> {
    const saves = this.of("save");
    expect(saves).toHaveLength(1);
    return saves[0]!;
  }
}

describe("retryDelayMs", () => {
  it("doubles from one second and stops growing at the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 10, 50].map(retryDelayMs)).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ]);
  });
});

describe("autosave of a draft", () => {
  it("starts idle, showing when the server last saved", () => {
    const d = new Drive();
    expect(d.phase).toBe("idle");
    expect(d.state.status).toEqual({ kind: "clean", savedAt: LOADED.updatedAt });
    expect(new Drive("draft", { ...LOADED, version: 0 }).state.status).toEqual({ kind: "clean", savedAt: null });
  });

  it("keeps an edit on the device first, then saves it after the debounce with the version it was made on", () => {
    const d = new Drive();
    d.edit(A);
    expect(d.effects).toEqual([
      {
        type: "keepOnDevice",
        edits: {
          v: 1,
          baseVersion: 3,
          base: LOADED.values,
          values: A,
          editedAt: T0,
          mode: "draft",
          amendReason: undefined,
        },
      },
      { type: "arm", timer: "debounce", ms: DEBOUNCE_MS },
    ]);
    expect(d.phase).toBe("pending");
    expect(d.state.status.kind).toBe("pending");

    d.send({ type: "timerFired", timer: "debounce" });
    expect(d.saved()).toEqual({ type: "save", version: 3, values: A, keepalive: false });
    expect(d.phase).toBe("saving");

    d.now = T0 + 2_000;
    d.send({ type: "saveAnswered", answer: ok(4) });
    expect(d.of("forgetOnDevice")).toHaveLength(1);
    expect(d.of("clearErrors")).toHaveLength(1);
    expect(d.state.status).toEqual({ kind: "saved", savedAt: T0 + 2_000 });
    expect(d.state.version).toBe(4);
    expect(d.phase).toBe("idle");
  });

  it("saves at once when focus leaves a field, and with keepalive when the page is hidden", () => {
    const d = new Drive();
    d.edit(A);
    d.send({ type: "fieldLeft" });
    expect(d.effects[0]).toEqual({ type: "disarm", timer: "debounce" });
    expect(d.saved().keepalive).toBe(false);
    d.send({ type: "saveAnswered", answer: ok(4) });

    d.edit(B);
    d.send({ type: "pageHidden" });
    expect(d.saved()).toMatchObject({ version: 4, values: B, keepalive: true });
  });

  it("does nothing on leaving a field when nothing waits", () => {
    const d = new Drive();
    expect(d.send({ type: "fieldLeft" })).toEqual([]);
    expect(d.send({ type: "pageHidden" })).toEqual([]);
    expect(d.send({ type: "flushRequested" })).toEqual([]);
  });

  it("forgets the device copy when the form goes back to what the server holds", () => {
    const d = new Drive();
    d.edit(A);
    d.now = T0 + 500;
    d.edit(LOADED.values);
    expect(d.of("forgetOnDevice")).toHaveLength(1);
    expect(d.state.pending).toBeNull();
    expect(d.state.status).toEqual({ kind: "saved", savedAt: T0 + 500 });
    d.send({ type: "timerFired", timer: "debounce" });
    expect(d.of("save")).toHaveLength(0);
  });

  describe("edits made while a save is on its way", () => {
    it("are kept and saved after it, on the new version", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(B);
      expect(d.of("keepOnDevice")[0]?.edits.values).toEqual(B);
      expect(d.of("save")).toHaveLength(0);
      expect(d.state.status.kind).toBe("saving");

      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.of("forgetOnDevice")).toHaveLength(0);
      // the device copy now says which version B is made on
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 4, values: B });
      expect(d.of("arm")).toEqual([{ type: "arm", timer: "debounce", ms: FOLLOW_UP_MS }]);
      expect(d.phase).toBe("pending");

      d.send({ type: "timerFired", timer: "debounce" });
      expect(d.saved()).toMatchObject({ version: 4, values: B });
      d.send({ type: "saveAnswered", answer: ok(5) });
      expect(d.state.status.kind).toBe("saved");
      expect(d.state.confirmed).toEqual(B);
    });

    it("are sent as soon as the save is answered when a flush was asked for meanwhile", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(B);
      d.send({ type: "pageHidden" });
      expect(d.of("save")).toHaveLength(0);
      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.saved()).toMatchObject({ version: 4, values: B, keepalive: true });
    });

    it("need no save of their own when they equal what is on its way", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(A);
      expect(d.effects).toEqual([]);
      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.of("forgetOnDevice")).toHaveLength(1);
      expect(d.phase).toBe("idle");
    });

    it("going back to the old copy is an edit too: saved after the one on its way", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(LOADED.values);
      d.send({ type: "saveAnswered", answer: ok(4) });
      d.send({ type: "timerFired", timer: "debounce" });
      expect(d.saved()).toMatchObject({ version: 4, values: LOADED.values });
    });
  });

  describe("offline", () => {
    it("keeps edits on the device while offline and saves them when the browser is back online", () => {
      const d = new Drive();
      d.online = false;
      d.send({ type: "wentOffline" });
      expect(d.effects).toEqual([]);
      d.edit(A);
      expect(d.of("keepOnDevice")).toHaveLength(1);
      expect(d.of("arm")).toHaveLength(0);
      expect(d.state.status).toEqual({ kind: "offline", reason: "network" });
      expect(d.phase).toBe("offline");
      d.edit(B);
      d.send({ type: "flushRequested" });
      expect(d.of("save")).toHaveLength(0);

      d.online = true;
      d.send({ type: "wentOnline" });
      expect(d.saved()).toMatchObject({ version: 3, values: B });
      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.state.status.kind).toBe("saved");
      expect(d.phase).toBe("idle");
    });

    it("says so when the connection drops with a save on its way", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.online = false;
      d.send({ type: "wentOffline" });
      expect(d.state.status).toEqual({ kind: "offline", reason: "network" });
      d.send({ type: "saveAnswered", answer: NETWORK });
      expect(d.state.pending).toEqual(A);
      d.online = true;
      d.send({ type: "wentOnline" });
      expect(d.of("disarm")).toEqual([{ type: "disarm", timer: "retry" }]);
      expect(d.saved()).toMatchObject({ values: A });
    });
  });

  describe("retry with backoff", () => {
    it("retries a save the server could not take after 1, 2, 4, 8 s, then every 15 s; an answer resets it", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const delays: number[] = [];
      for (let i = 0; i < 7; i++) {
        d.send({ type: "saveAnswered", answer: i % 2 ? NETWORK : reply(503) });
        expect(d.phase).toBe("retrying");
        expect(d.state.pending).toEqual(A);
        delays.push(...d.of("arm").map((a) => a.ms));
        d.send({ type: "timerFired", timer: "retry" });
        expect(d.saved()).toMatchObject({ version: 3, values: A });
      }
      expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);

      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.state.retry.attempt).toBe(0);
      d.edit(B);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: reply(500) });
      expect(d.of("arm")).toEqual([{ type: "arm", timer: "retry", ms: 1_000 }]);
    });

    it("names the reason: server down, network, or the session ended", () => {
      for (const [answer, reason] of [
        [reply(502), "server"],
        [NETWORK, "network"],
        [reply(401), "session"],
      ] as const) {
        const d = new Drive();
        d.edit(A);
        d.send({ type: "flushRequested" });
        d.send({ type: "saveAnswered", answer });
        expect(d.state.status).toEqual({ kind: "offline", reason });
      }
    });

    it("arms one retry at a time and keeps newer edits for it", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: NETWORK });
      d.edit(B);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: NETWORK });
      expect(d.of("arm")).toEqual([]);
      d.send({ type: "timerFired", timer: "retry" });
      expect(d.saved().values).toEqual(B);
    });

    it("waits for the browser to come back when the retry finds it offline", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: NETWORK });
      d.online = false;
      d.send({ type: "timerFired", timer: "retry" });
      expect(d.of("save")).toHaveLength(0);
      expect(d.phase).toBe("offline");
    });
  });

  describe("409 conflict", () => {
    it("with our own values (the save landed, its answer was lost) resolves silently on the server's version", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const server: ServerCopy = { version: 4, status: "draft", updatedAt: T0 + 900, values: A };
      d.send({ type: "saveAnswered", answer: conflictWith(server) });
      expect(d.state.status).toEqual({ kind: "saved", savedAt: T0 + 900 });
      expect(d.of("forgetOnDevice")).toHaveLength(1);
      expect(d.state.block).toBeNull();
      expect(d.state.version).toBe(4);
      expect(d.phase).toBe("idle");
    });

    it("with our own values and newer edits saves those on the server's version", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(B);
      d.send({ type: "saveAnswered", answer: conflictWith({ version: 4, status: "draft", updatedAt: T0, values: A }) });
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 4, values: B });
      d.send({ type: "timerFired", timer: "debounce" });
      expect(d.saved()).toMatchObject({ version: 4, values: B });
    });

    it("with other values shows both copies and never overwrites the server's until the interviewer chooses", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const server: ServerCopy = { version: 5, status: "draft", updatedAt: T0 + 1, values: C };
      d.send({ type: "saveAnswered", answer: conflictWith(server) });
      expect(d.phase).toBe("conflict");
      expect(d.state.status).toEqual({ kind: "conflict", server });
      expect(d.state.block).toEqual({ kind: "conflict", server, base: LOADED.values });
      expect(d.of("forgetOnDevice")).toHaveLength(0);

      // nothing is sent while the conflict stands, whatever happens
      for (const event of [
        { type: "edited", values: B, errors: null },
        { type: "flushRequested" },
        { type: "fieldLeft" },
        { type: "pageHidden" },
        { type: "wentOnline" },
        { type: "timerFired", timer: "debounce" },
        { type: "timerFired", timer: "retry" },
        { type: "wentOffline" },
      ] as const) {
        d.send(event);
        expect(d.of("save")).toHaveLength(0);
        expect(d.state.status.kind).toBe("conflict");
      }
      // the device copy keeps the version the edits were made on
      d.edit(B);
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 3, values: B });
      expect(d.state.pending).toEqual(B);
    });

    it("keep mine for the field changed on both sides: saves this copy on top of the server's version", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: conflictWith({ version: 5, status: "draft", updatedAt: T0, values: C }) });
      d.edit(B);
      d.send({ type: "conflictResolved", choices: {} });
      expect(d.of("fillForm")).toEqual([{ type: "fillForm", values: B, reason: "merged" }]);
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 5, base: C, values: B });
      expect(d.saved()).toMatchObject({ version: 5, values: B });
      d.send({ type: "saveAnswered", answer: ok(6) });
      expect(d.phase).toBe("idle");
    });

    it("take the server's: fills the form with it and forgets this copy", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const server: ServerCopy = { version: 5, status: "draft", updatedAt: T0 + 7, values: C };
      d.send({ type: "saveAnswered", answer: conflictWith(server) });
      d.send({ type: "takeServer" });
      expect(d.effects).toEqual([{ type: "forgetOnDevice" }, { type: "fillForm", values: C, reason: "server" }]);
      expect(d.state.status).toEqual({ kind: "saved", savedAt: T0 + 7 });
      // the form reports the server's copy back: nothing to save
      d.edit(C);
      expect(d.of("arm")).toHaveLength(0);
      d.edit(B);
      d.send({ type: "flushRequested" });
      expect(d.saved()).toMatchObject({ version: 5, values: B });
    });

    it("fields changed in one copy only merge by themselves: the merge fills the form and is saved", () => {
      const d = new Drive();
      const mine = values({ summary: "v3", ratings: { comm: { score: "3", evidence: "Clear status update." } } });
      d.edit(mine);
      d.send({ type: "flushRequested" });
      const server: ServerCopy = {
        version: 4,
        status: "draft",
        updatedAt: T0 + 5,
        values: values({ summary: "tab A" }),
      };
      d.send({ type: "saveAnswered", answer: conflictWith(server) });
      const merged = values({ summary: "tab A", ratings: { comm: { score: "3", evidence: "Clear status update." } } });
      expect(d.phase).toBe("saving");
      expect(d.of("fillForm")).toEqual([{ type: "fillForm", values: merged, reason: "merged" }]);
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 4, base: server.values, values: merged });
      expect(d.saved()).toMatchObject({ version: 4, values: merged });
      expect(d.state.merged).toEqual({ fromTheirs: ["summary"], at: T0 });
      // the form reports the merge back: the save on its way carries it
      expect(d.edit(merged)).toEqual([]);
      d.send({ type: "saveAnswered", answer: ok(5) });
      expect(d.phase).toBe("idle");
      d.send({ type: "mergedDismissed" });
      expect(d.state.merged).toBeNull();
    });

    it("a field changed in both copies asks; the choice per field decides, the rest merges", () => {
      const d = new Drive();
      const base = LOADED.values;
      const mine = values({ summary: "mine", signals: { calm: true } });
      d.edit(mine);
      d.send({ type: "flushRequested" });
      const theirs = values({ summary: "theirs", recommendation: "hire" });
      d.send({
        type: "saveAnswered",
        answer: conflictWith({ version: 7, status: "draft", updatedAt: T0, values: theirs }),
      });
      expect(d.phase).toBe("conflict");
      expect(d.state.block).toMatchObject({ kind: "conflict", base });
      d.send({ type: "conflictResolved", choices: { summary: "theirs" } });
      const merged = values({ summary: "theirs", recommendation: "hire", signals: { calm: true } });
      expect(d.saved()).toMatchObject({ version: 7, values: merged });
      expect(d.state.merged).toBeNull();
    });

    it("choosing the other copy for every field changed in both saves nothing when that is the server's copy", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const server: ServerCopy = { version: 5, status: "draft", updatedAt: T0 + 3, values: C };
      d.send({ type: "saveAnswered", answer: conflictWith(server) });
      d.send({ type: "conflictResolved", choices: { summary: "theirs" } });
      expect(d.effects).toEqual([{ type: "fillForm", values: C, reason: "merged" }, { type: "forgetOnDevice" }]);
      expect(d.state.status).toEqual({ kind: "saved", savedAt: T0 + 3 });
      expect(d.phase).toBe("idle");
    });

    it("choices do nothing without a conflict", () => {
      const d = new Drive();
      expect(d.send({ type: "conflictResolved", choices: {} })).toEqual([]);
      expect(d.send({ type: "takeServer" })).toEqual([]);
    });
  });

  describe("refusals", () => {
    it("locked: submitted or recused elsewhere stops autosave, edits stay on the device", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: reply(409, { ok: false, locked: { status: "recused", version: 4 } }) });
      expect(d.phase).toBe("locked");
      expect(d.state.status).toEqual({ kind: "locked", status: "recused" });
      d.edit(B);
      expect(d.effects.map((e) => e.type)).toEqual(["keepOnDevice"]);
      d.send({ type: "flushRequested" });
      expect(d.of("save")).toHaveLength(0);
    });

    it("locked without a status reads as submitted", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.send({ type: "saveAnswered", answer: reply(409, { ok: false, locked: {} }) });
      expect(d.state.status).toEqual({ kind: "locked", status: "submitted" });
    });

    it("400 from the server shows its field errors; a valid edit sends again", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      const errors = { summary: ["Too long"] };
      d.send({ type: "saveAnswered", answer: reply(400, { ok: false, errors }) });
      expect(d.phase).toBe("invalid");
      expect(d.effects).toContainEqual({ type: "showErrors", errors });
      d.edit(B);
      expect(d.of("clearErrors")).toHaveLength(1);
      expect(d.of("arm")).toHaveLength(1);
      expect(d.phase).toBe("pending");
    });

    it("403, 413 and 404 stop autosave with a message that says the edits are kept", () => {
      for (const [status, words] of [
        [403, "security token expired"],
        [413, "too large"],
        [404, "can no longer be saved"],
      ] as const) {
        const d = new Drive();
        d.edit(A);
        d.send({ type: "flushRequested" });
        d.send({ type: "saveAnswered", answer: reply(status) });
        expect(d.phase).toBe("failed");
        expect(d.state.status.kind === "error" && d.state.status.message).toContain(words);
        expect(d.state.status.kind === "error" && d.state.status.message).toContain("kept on this device");
        d.edit(B);
        d.send({ type: "flushRequested" });
        expect(d.of("save")).toHaveLength(0);
      }
    });
  });

  describe("a draft that breaks a size limit", () => {
    const errors = { summary: ["The summary is too long"] };

    it("is kept on the device, not sent, until it is fixed", () => {
      const d = new Drive();
      d.edit(A, errors);
      expect(d.effects.map((e) => e.type)).toEqual(["keepOnDevice", "showErrors"]);
      expect(d.state.status).toEqual({ kind: "invalid", errors });
      d.send({ type: "flushRequested" });
      expect(d.of("save")).toHaveLength(0);
      d.edit(B);
      expect(d.effects.map((e) => e.type)).toEqual(["keepOnDevice", "clearErrors", "arm"]);
    });

    it("going back to the saved copy clears the errors", () => {
      const d = new Drive();
      d.edit(A, errors);
      d.edit(LOADED.values);
      expect(d.of("clearErrors")).toHaveLength(1);
      expect(d.state.status.kind).toBe("saved");
      expect(d.phase).toBe("idle");
    });

    it("made while a save is on its way stays marked when that save lands", () => {
      const d = new Drive();
      d.edit(A);
      d.send({ type: "flushRequested" });
      d.edit(B, errors);
      d.send({ type: "saveAnswered", answer: ok(4) });
      expect(d.of("clearErrors")).toHaveLength(0);
      expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ baseVersion: 4, values: B });
      expect(d.state.status.kind).toBe("invalid");
      expect(d.of("arm")).toHaveLength(0);
    });
  });
});

describe("submit", () => {
  const submit = (v: ScorecardValues): AutosaveEvent => ({
    type: "submitRequested",
    intent: "submit",
    values: v,
    extra: {},
  });

  it("with nothing on its way is sent at once with the current version, and closes autosave", () => {
    const d = new Drive();
    d.edit(A);
    d.send(submit(A));
    expect(d.effects).toEqual([
      { type: "disarm", timer: "debounce" },
      { type: "sendIntent", intent: "submit", version: 3, values: A, extra: {} },
    ]);
    expect(d.phase).toBe("submitting");
    d.send({ type: "intentAnswered", answer: { kind: "response", status: 200, body: { ok: true, version: 4 } } });
    expect(d.effects).toContainEqual({ type: "forgetOnDevice" });
    expect(d.effects).toContainEqual({ type: "settleIntent", result: { kind: "ok", body: { ok: true, version: 4 } } });
    expect(d.phase).toBe("closed");
    expect(d.edit(B)).toEqual([]);
  });

  it("racing a save in flight waits for its answer, then goes with the version that save produced", () => {
    const d = new Drive();
    d.edit(A);
    d.send({ type: "flushRequested" });
    d.send(submit(B));
    expect(d.of("sendIntent")).toHaveLength(0);
    expect(d.phase).toBe("submitting");

    // autosave is held while the submit waits or is on its way
    d.edit(C);
    expect(d.of("arm")).toHaveLength(0);
    d.send({ type: "saveAnswered", answer: ok(4) });
    expect(d.of("save")).toHaveLength(0);
    expect(d.of("sendIntent")).toEqual([{ type: "sendIntent", intent: "submit", version: 4, values: B, extra: {} }]);
    for (const event of [
      { type: "flushRequested" },
      { type: "fieldLeft" },
      { type: "pageHidden" },
      { type: "wentOnline" },
      { type: "timerFired", timer: "debounce" },
    ] as const) {
      d.send(event);
      expect(d.of("save")).toHaveLength(0);
    }
    d.send({ type: "intentAnswered", answer: ok(5) });
    expect(d.phase).toBe("closed");
  });

  it("after a save that came back as a conflict is answered with the conflict, not sent", () => {
    const d = new Drive();
    d.edit(A);
    d.send({ type: "flushRequested" });
    d.send(submit(A));
    const server: ServerCopy = { version: 5, status: "draft", updatedAt: T0, values: C };
    d.send({ type: "saveAnswered", answer: conflictWith(server) });
    expect(d.of("sendIntent")).toHaveLength(0);
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "conflict", server } }]);
    expect(d.phase).toBe("conflict");
  });

  it("while offline keeps the scorecard on the device and says so", () => {
    const d = new Drive();
    d.online = false;
    d.send(submit(A));
    expect(d.of("keepOnDevice")[0]?.edits.values).toEqual(A);
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "offline" } }]);
    expect(d.state.status).toEqual({ kind: "offline", reason: "network" });
    d.online = true;
    d.send({ type: "wentOnline" });
    expect(d.saved().values).toEqual(A);
  });

  it("that cannot reach the server is kept and retried as a draft save", () => {
    const d = new Drive();
    d.send(submit(A));
    d.send({ type: "intentAnswered", answer: reply(503) });
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "offline" } }]);
    expect(d.state.status).toEqual({ kind: "offline", reason: "server" });
    expect(d.phase).toBe("retrying");
    d.send({ type: "timerFired", timer: "retry" });
    expect(d.saved()).toMatchObject({ version: 3, values: A });
  });

  it("with a different copy on the server becomes a conflict and keeps this copy", () => {
    const d = new Drive();
    d.send(submit(A));
    const server: ServerCopy = { version: 6, status: "draft", updatedAt: T0, values: C };
    d.send({ type: "intentAnswered", answer: conflictWith(server) });
    expect(d.of("keepOnDevice")[0]?.edits.values).toEqual(A);
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "conflict", server } }]);
    expect(d.phase).toBe("conflict");
    // a second try does not reach the server either until the interviewer chooses
    d.send(submit(A));
    expect(d.of("sendIntent")).toHaveLength(0);
    expect(d.of("settleIntent")[0]?.result.kind).toBe("conflict");
  });

  it("with a copy that merges by itself saves the merge and does not submit it unseen", () => {
    const d = new Drive();
    const mine = values({ summary: "v3", recommendation: "hire" });
    d.send(submit(mine));
    const server: ServerCopy = { version: 6, status: "draft", updatedAt: T0, values: values({ summary: "other tab" }) };
    d.send({ type: "intentAnswered", answer: conflictWith(server) });
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "merged" } }]);
    expect(d.saved()).toMatchObject({ version: 6, values: values({ summary: "other tab", recommendation: "hire" }) });
    expect(d.of("sendIntent")).toHaveLength(0);
  });

  it("waiting for a save that merges by itself is settled as merged, not sent", () => {
    const d = new Drive();
    const mine = values({ summary: "v3", recommendation: "hire" });
    d.edit(mine);
    d.send({ type: "flushRequested" });
    d.send(submit(mine));
    const server: ServerCopy = { version: 6, status: "draft", updatedAt: T0, values: values({ summary: "other tab" }) };
    d.send({ type: "saveAnswered", answer: conflictWith(server) });
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "merged" } }]);
    expect(d.of("sendIntent")).toHaveLength(0);
    expect(d.saved().values).toEqual(values({ summary: "other tab", recommendation: "hire" }));
  });

  it("already submitted elsewhere is locked", () => {
    const d = new Drive();
    d.send(submit(A));
    d.send({ type: "intentAnswered", answer: reply(409, { ok: false, locked: { status: "submitted", version: 9 } }) });
    expect(d.of("settleIntent")).toEqual([{ type: "settleIntent", result: { kind: "locked", status: "submitted" } }]);
    expect(d.phase).toBe("locked");
  });

  it("refused with field errors hands them back, and autosave resumes with edits made meanwhile", () => {
    const d = new Drive();
    d.send(submit(A));
    d.edit(B);
    expect(d.of("arm")).toHaveLength(0);
    const errors = { recommendation: ["Choose an overall recommendation."] };
    d.send({ type: "intentAnswered", answer: reply(400, { ok: false, errors }) });
    expect(d.effects).toEqual([
      { type: "settleIntent", result: { kind: "invalid", errors } },
      { type: "arm", timer: "debounce", ms: DEBOUNCE_MS },
    ]);
    expect(d.phase).toBe("pending");
  });

  it("with the session ended says how to go on and keeps autosaving", () => {
    const d = new Drive();
    d.send(submit(A));
    d.send({ type: "intentAnswered", answer: reply(401) });
    const settled = d.of("settleIntent")[0]?.result;
    expect(settled?.kind === "error" && settled.message).toContain("Log in again");
    expect(d.phase).toBe("idle");
    d.send(submit(A));
    d.send({ type: "intentAnswered", answer: reply(403) });
    const again = d.of("settleIntent")[0]?.result;
    expect(again?.kind === "error" && again.message).toContain("Could not submit");
  });

  it("a second request while one is on its way is ignored", () => {
    const d = new Drive();
    d.send(submit(A));
    expect(d.send(submit(B))).toEqual([]);
  });
});

describe("restore after a reload", () => {
  function stored(patch: Partial<StoredEdits>): StoredEdits {
    return { v: 1, baseVersion: 3, values: A, editedAt: T0 - 5_000, mode: "draft", ...patch };
  }

  it("a device copy newer than the server's, made on the page's version, fills the form and is saved", () => {
    const d = new Drive();
    const copy = stored({});
    d.send({ type: "hydrated", stored: copy });
    expect(d.effects).toEqual([
      { type: "fillForm", values: A, reason: "restored" },
      { type: "save", version: 3, values: A, keepalive: false },
    ]);
    expect(d.state.restored).toEqual(copy);
    // the form reports the restored values back: the save on its way carries them
    expect(d.edit(A)).toEqual([]);
    d.send({ type: "saveAnswered", answer: ok(4) });
    expect(d.of("forgetOnDevice")).toHaveLength(1);
    d.send({ type: "restoredDismissed" });
    expect(d.state.restored).toBeNull();
  });

  it("a device copy made on an older version is a conflict, never saved silently, even after another reload", () => {
    const d = new Drive();
    d.send({ type: "hydrated", stored: stored({ baseVersion: 2 }) });
    expect(d.effects).toEqual([{ type: "fillForm", values: A, reason: "conflict" }]);
    expect(d.state.status).toEqual({ kind: "conflict", server: LOADED });
    expect(d.state.block).toEqual({ kind: "conflict", server: LOADED, base: null });
    d.edit(A);
    const kept = d.of("keepOnDevice")[0]?.edits;
    expect(kept).toMatchObject({ baseVersion: 2, values: A });

    // reloaded again: the kept copy still asks
    const again = new Drive();
    again.send({ type: "hydrated", stored: kept! });
    expect(again.phase).toBe("conflict");
    expect(again.of("save")).toHaveLength(0);
    again.send({ type: "conflictResolved", choices: {} });
    expect(again.saved()).toMatchObject({ version: 3, values: A });
  });

  it("a device copy on an older version with its base merges by itself when only the server's copy changed other fields", () => {
    const d = new Drive();
    const base = values({ summary: "v2" });
    const mine = values({ summary: "v2", focus: { drift: true } });
    d.send({ type: "hydrated", stored: stored({ baseVersion: 2, base, values: mine }) });
    const merged = values({ summary: "v3", focus: { drift: true } });
    expect(d.of("fillForm")).toEqual([{ type: "fillForm", values: merged, reason: "merged" }]);
    expect(d.saved()).toMatchObject({ version: 3, values: merged });
    expect(d.state.merged?.fromTheirs).toEqual(["summary"]);
  });

  it("a device copy equal to the server's is forgotten", () => {
    const d = new Drive();
    d.send({ type: "hydrated", stored: stored({ values: LOADED.values }) });
    expect(d.effects).toEqual([{ type: "forgetOnDevice" }]);
    expect(d.state.restored).toBeNull();
  });

  it("happens once", () => {
    const d = new Drive();
    d.send({ type: "hydrated", stored: null });
    expect(d.send({ type: "hydrated", stored: stored({}) })).toEqual([]);
  });

  it("an amendment kept on the device comes back with its reason, still only on the device", () => {
    const d = new Drive("amend", { ...LOADED, status: "submitted" });
    d.send({ type: "hydrated", stored: stored({ mode: "amend", amendReason: "Typo in the evidence" }) });
    expect(d.effects).toEqual([
      { type: "fillForm", values: A, reason: "restored", amendReason: "Typo in the evidence" },
    ]);
    expect(d.state.status).toEqual({ kind: "local", editedAt: T0 - 5_000 });
    d.now = T0 + 1;
    d.edit(B);
    expect(d.effects).toEqual([
      {
        type: "keepOnDevice",
        edits: {
          v: 1,
          baseVersion: 3,
          values: B,
          editedAt: T0 + 1,
          mode: "amend",
          amendReason: "Typo in the evidence",
        },
      },
    ]);
    expect(d.phase).toBe("amending");
  });

  it("a copy this page cannot use (read-only, or the other mode) is offered as leftover", () => {
    const view = new Drive("off", { ...LOADED, status: "submitted" });
    view.send({ type: "hydrated", stored: stored({}) });
    expect(view.effects).toEqual([]);
    expect(view.state.leftover?.values).toEqual(A);
    view.send({ type: "leftoverDiscarded" });
    expect(view.effects).toEqual([{ type: "forgetOnDevice" }]);
    expect(view.state.leftover).toBeNull();

    const amend = new Drive("amend");
    amend.send({ type: "hydrated", stored: stored({ mode: "draft" }) });
    expect(amend.state.leftover?.values).toEqual(A);
    expect(amend.of("fillForm")).toHaveLength(0);
  });
});

describe("amend mode", () => {
  it("keeps edits on the device only and sends the amendment with its reason", () => {
    const d = new Drive("amend", { ...LOADED, status: "submitted" });
    d.send({ type: "amendReasonEdited", reason: "Wrong dimension rated" });
    d.edit(A);
    expect(d.state.status).toEqual({ kind: "local", editedAt: T0 });
    d.send({ type: "flushRequested" });
    d.send({ type: "pageHidden" });
    expect(d.of("save")).toHaveLength(0);
    d.send({ type: "submitRequested", intent: "amend", values: A, extra: { reason: "Wrong dimension rated" } });
    expect(d.of("sendIntent")).toEqual([
      { type: "sendIntent", intent: "amend", version: 3, values: A, extra: { reason: "Wrong dimension rated" } },
    ]);
    d.send({ type: "intentAnswered", answer: NETWORK });
    expect(d.of("keepOnDevice")[0]?.edits).toMatchObject({ mode: "amend", amendReason: "Wrong dimension rated" });
    expect(d.state.retry.armed).toBe(false);
  });
});

describe("read-only", () => {
  it("ignores edits", () => {
    const d = new Drive("off");
    expect(d.edit(A)).toEqual([]);
    expect(d.phase).toBe("off");
  });
});

describe("stepAutosave", () => {
  it("never changes the state it is given", () => {
    const d = new Drive();
    d.edit(A);
    const before = structuredClone(d.state);
    const frozen = d.state;
    stepAutosave(frozen, { type: "flushRequested" }, { now: T0, online: true });
    expect(frozen).toEqual(before);
  });
});
