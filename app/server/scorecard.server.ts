// The scorecard's write paths, shared by the JSON autosave route (fetch, with JavaScript) and the
// page's own action (plain form posts, without JavaScript). Guard -> parse -> call -> answer; the
// SQL lives in db/queries/scorecard/*.server.ts and the rules in app/domain/scorecard-*.ts.
import { getDb } from "../../db/client.server";
import type { PublicUser } from "../../db/queries/people/users.server";
import { findOwnScorecard, type ScorecardTarget } from "../../db/queries/scorecard/own-scorecard.server";
import type { DraftSave, WriteResult } from "../../db/queries/scorecard/save.server";
import { amendScorecard, saveDrafts, submitScorecard } from "../../db/queries/scorecard/save.server";
import { interviewScheduledAt } from "../../db/queries/scorecard/schedule.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import {
  acknowledgeFinding,
  dropAcknowledgements,
  ownAcknowledgements,
  putAcknowledgement,
} from "../../db/queries/scorecard/evidence-acks.server";
import type { Tx } from "../../db/client.server";
import {
  acknowledgeFindingSchema,
  evidenceGate,
  postedAcknowledgements,
  protectedFindingIn,
} from "../domain/scorecard/evidence-gate";
import { earlySubmitWarning } from "../domain/scorecard/early-submit";
import { confirmedIn } from "../domain/shared/form-values";
import type { ScorecardValues } from "../domain/scorecard/schema";
import {
  amendReasonSchema,
  scorecardIdSchema,
  scorecardSaveSchemaFor,
  scorecardSubmitSchema,
  versionProblem,
} from "../domain/scorecard/schema";

import type { FieldErrors } from "./form.server";
import { parseWith } from "./form.server";
import { notFound } from "./http.server";
import type { RequestHead } from "./request.server";
import { requireUser } from "./session.server";

/**
 * The signed-in user's own scorecard, or 404: a scorecard that is missing, malformed in the URL or
 * assigned to someone else looks the same (admins included: drafts are private).
 */
export function requireOwnScorecard(
  request: RequestHead,
  params: Record<string, string | undefined>,
): { target: ScorecardTarget; user: PublicUser } {
  const user = requireUser(request);
  const id = scorecardIdSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  const target = findOwnScorecard(getDb(), { scorecardId: id.data, panelistId: user.id });
  if (!target) throw notFound();
  return { target, user };
}

export type WriteAnswer =
  | { status: 200; body: { ok: true; version: number; savedAt: number; status: "draft" | "submitted" } }
  | { status: 400; body: { ok: false; errors: FieldErrors } }
  | {
      status: 409;
      body: { ok: false; conflict: { version: number; status: string; updatedAt: number; values: ScorecardValues } };
    }
  | { status: 409; body: { ok: false; locked: { status: string; version: number } } }
  /** a submit to confirm first (the interview is still days away); nothing was written */
  | { status: 409; body: { ok: false; confirm: { message: string } } };

function answer(result: WriteResult, status: "draft" | "submitted"): WriteAnswer {
  switch (result.kind) {
    case "saved":
      return { status: 200, body: { ok: true, version: result.version, savedAt: result.updatedAt, status } };
    case "conflict":
      return { status: 409, body: { ok: false, conflict: result.server } };
    case "locked":
      return { status: 409, body: { ok: false, locked: { status: result.status, version: result.version } } };
  }
}

// zod compiles a schema on first use; rubric versions are immutable once published, so the
// save schema bound to one exercise of one version is built once per process, not per keystroke.
const saveSchemas = new Map<string, ReturnType<typeof scorecardSaveSchemaFor>>();

function saveSchemaFor(target: ScorecardTarget) {
  const key = `${target.facts.versionId}:${target.exerciseKey}`;
  let schema = target.facts.immutable ? saveSchemas.get(key) : undefined;
  if (!schema) {
    schema = scorecardSaveSchemaFor(target.ctx);
    if (target.facts.immutable) saveSchemas.set(key, schema);
  }
  return schema;
}

// Group commit. Every acknowledged autosave costs an fsync (synchronous = FULL), and while one
// commit is being written the saves of the other interviewers queue up. Saves that arrive in
// the same turn of the event loop are written in one transaction (one savepoint each, so one
// refusal never affects another) and answered together after that single commit.
let queue: { save: DraftSave; resolve: (r: WriteResult) => void; reject: (e: Error) => void }[] = [];

function flushSaves(): void {
  const batch = queue;
  queue = [];
  let results: (WriteResult | Error)[];
  try {
    results = saveDrafts(
      getDb(),
      batch.map((b) => b.save),
    );
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    for (const b of batch) b.reject(e);
    return;
  }
  batch.forEach((b, i) => {
    const r = results[i];
    if (!r || r instanceof Error) b.reject(r ?? new Error("save failed"));
    else b.resolve(r);
  });
}

function queueSave(save: DraftSave): Promise<WriteResult> {
  return new Promise((resolve, reject) => {
    if (queue.length === 0) setImmediate(flushSaves);
    queue.push({ save, resolve, reject });
  });
}

/** A draft save: the same zod schema as the form, bound to the rubric, plus the version. */
export async function handleSave(target: ScorecardTarget, data: unknown): Promise<WriteAnswer> {
  const parsed = parseWith(saveSchemaFor(target), data);
  if (!parsed.ok) return { status: 400, body: { ok: false, errors: parsed.errors } };
  const { version, ...values } = parsed.value;
  return answer(await queueSave({ target, values, clientVersion: version }), "draft");
}

/** The version the browser last saw, when it is a valid one (`versionProblem` says what is wrong otherwise). */
export function versionOf(data: unknown): number | null {
  const raw = (data as { version?: unknown } | null)?.version;
  return versionProblem(raw) === null ? Number(raw) : null;
}

/** Submit and lock: the submit schema (all the submit rules) or inline errors. */
export function handleSubmit(target: ScorecardTarget, data: unknown): WriteAnswer {
  const version = versionOf(data);
  if (version === null)
    return {
      status: 400,
      body: { ok: false, errors: { _form: ["This page is out of date. Reload it and try again."] } },
    };
  if (target.status !== "draft")
    return { status: 409, body: { ok: false, locked: { status: target.status, version: target.version } } };
  const parsed = parseWith(scorecardSubmitSchema(target.ctx), data);
  if (!parsed.ok) return { status: 400, body: { ok: false, errors: parsed.errors } };
  const gate = passEvidenceGate(target, parsed.value, data);
  if (!gate.ok) return gate.answer;
  if (!confirmedIn(data)) {
    const db = getDb();
    const warning = earlySubmitWarning(
      interviewScheduledAt(db, target.interviewId),
      Date.now(),
      readOrgSettings(db).timeZone,
    );
    if (warning) return { status: 409, body: { ok: false, confirm: { message: warning } } };
  }
  return answer(submitScorecard(getDb(), target, parsed.value, version, Date.now(), gate.write), "submitted");
}

/** Amend a submitted scorecard: the full scorecard must still pass the submit rules, plus a reason. */
export function handleAmend(target: ScorecardTarget, data: unknown): WriteAnswer {
  const version = versionOf(data);
  if (version === null)
    return {
      status: 400,
      body: { ok: false, errors: { _form: ["This page is out of date. Reload it and try again."] } },
    };
  if (target.status !== "submitted")
    return { status: 409, body: { ok: false, locked: { status: target.status, version: target.version } } };
  const reason = parseWith(amendReasonSchema, data);
  const parsed = parseWith(scorecardSubmitSchema(target.ctx), data);
  if (!reason.ok || !parsed.ok) {
    return {
      status: 400,
      body: { ok: false, errors: { ...(reason.ok ? {} : reason.errors), ...(parsed.ok ? {} : parsed.errors) } },
    };
  }
  const gate = passEvidenceGate(target, parsed.value, data);
  if (!gate.ok) return gate.answer;
  return answer(
    amendScorecard(getDb(), target, parsed.value, version, reason.value.reason, Date.now(), gate.write),
    "submitted",
  );
}

/**
 * The evidence lint's submit rule, on the server (JSON and plain form posts alike): a protected
 * finding neither revised away nor acknowledged with a reason refuses the write with an error on
 * its field. Acknowledgements the post carries are stored with the write; stale ones are dropped.
 */
function passEvidenceGate(
  target: ScorecardTarget,
  values: ScorecardValues,
  data: unknown,
): { ok: true; write: (tx: Tx) => void } | { ok: false; answer: WriteAnswer } {
  const now = Date.now();
  const stored = ownAcknowledgements(getDb(), { scorecardId: target.id, panelistId: target.panelistId });
  const gate = evidenceGate(values, stored, postedAcknowledgements(data), now);
  if (Object.keys(gate.errors).length > 0)
    return { ok: false, answer: { status: 400, body: { ok: false, errors: gate.errors } } };
  return {
    ok: true,
    write: (tx) => {
      dropAcknowledgements(tx, target.id, gate.stale);
      for (const ack of gate.added) putAcknowledgement(tx, target, ack);
    },
  };
}

export type AcknowledgeAnswer =
  | { status: 200; body: { ok: true; key: string; acknowledgedAt: number } }
  | { status: 400; body: { ok: false; errors: FieldErrors } }
  | { status: 409; body: { ok: false; locked: { status: string; version: number } } };

/**
 * Keeps one protected finding as job-related (with JavaScript, as soon as the panelist confirms):
 * the finding must be one the lint reports in the sentence sent, and the reason long enough.
 */
export function handleAcknowledge(target: ScorecardTarget, data: unknown): AcknowledgeAnswer {
  const parsed = parseWith(acknowledgeFindingSchema, data);
  if (!parsed.ok) return { status: 400, body: { ok: false, errors: parsed.errors } };
  const { key, fieldPath, sentence, reason } = parsed.value;
  const finding = protectedFindingIn(sentence, key);
  if (!finding)
    return {
      status: 400,
      body: { ok: false, errors: { key: ["That sentence no longer holds this finding: nothing to keep."] } },
    };
  const at = Date.now();
  const ok = acknowledgeFinding(getDb(), target, {
    key,
    category: finding.category,
    fieldPath,
    sentence,
    reason: reason.trim(),
    acknowledgedAt: at,
  });
  if (!ok) return { status: 409, body: { ok: false, locked: { status: target.status, version: target.version } } };
  return { status: 200, body: { ok: true, key, acknowledgedAt: at } };
}
