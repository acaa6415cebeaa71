// Scorecards: the panelist's own feedback. Every query is scoped by (scorecard id, panelist id) in
// its WHERE clause, so another panelist's scorecard is simply "not found". Nothing here reads
// another panelist's ratings, notes or marks: the independence rule starts at the query.
import { and, asc, desc, eq, sql } from "drizzle-orm";

import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";

import type { LoopStatus, ScorecardStatus } from "../../../app/domain/vocabulary";
import type { RubricContent } from "../../../app/domain/rubric/model";
import type { ScorecardContext, TimerState } from "../../../app/domain/scorecard/rules";
import {
  applyTimerOp,
  changedFields,
  normalizeValues,
  saveDecision,
  scorecardContext,
} from "../../../app/domain/scorecard/rules";
import type { QuickNote, ScorecardValues, ScoreValue, TimerOp } from "../../../app/domain/scorecard/schema";
import type { Db } from "../../client.server";
import {
  candidates,
  focusTicks,
  interviews,
  loops,
  quickNotes,
  ratings,
  redFlagMarks,
  rubricExercises,
  rubricVersions,
  scorecards,
  signalMarks,
} from "../../schema";

import { onScorecardChanged } from "../outbox/events.server";
import { writeAudit } from "../audit.server";
import { noteCalibrationInputsChanged } from "../review/calibration-cache.server";
import { loadRubricContent, rubricVersionIds } from "../rubric/rubrics.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

// ------------------------------------------------------------------ rubric facts (cached)

export interface RubricFacts {
  versionId: string;
  content: RubricContent;
  dimensionIds: Map<string, string>;
  redFlagIds: Map<string, string>;
  signalIds: Map<string, string>;
  dimensionKeys: Map<string, string>;
  redFlagKeys: Map<string, string>;
  signalKeys: Map<string, string>;
  /** exercise row id -> exercise key */
  exerciseKeys: Map<string, string>;
  /** published (immutable): anything derived from these facts may be cached */
  immutable: boolean;
}

// Published rubric versions are immutable (database triggers), so their facts are cached per
// process: an autosave then costs one lookup query plus the write itself.
const rubricCache = new Map<string, RubricFacts>();

function invert(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([k, v]) => [v, k]));
}

export function rubricFacts(db: DbOrTx, versionId: string): RubricFacts | null {
  const cached = rubricCache.get(versionId);
  if (cached) return cached;
  const version = db
    .select({ status: rubricVersions.status })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!version) return null;
  const content = loadRubricContent(db, versionId);
  if (!content) return null;
  const ids = rubricVersionIds(db, versionId);
  const facts: RubricFacts = {
    versionId,
    content,
    dimensionIds: ids.dimensions,
    redFlagIds: ids.redFlags,
    signalIds: ids.signals,
    dimensionKeys: invert(ids.dimensions),
    redFlagKeys: invert(ids.redFlags),
    signalKeys: invert(ids.signals),
    exerciseKeys: invert(ids.exercises),
    immutable: version.status === "published",
  };
  if (version.status === "published") rubricCache.set(versionId, facts);
  return facts;
}

// ------------------------------------------------------------------ prepared statements (the autosave path)

// An autosave runs on every pause in typing, for every interviewer in the room: building and
// preparing ~15 statements per save through the query builder cost several times more than
// running them. The hot path uses statements prepared once per connection (cf. review.server.ts).
function prepareSaveStatements(client: Db["$client"]) {
  return {
    target: client.prepare(
      `SELECT s.id, s.panelist_id AS panelistId, s.status, s.version, s.timer_started_at AS timerStartedAt,
              s.timer_accumulated_ms AS timerAccumulatedMs, s.timer_running AS timerRunning,
              i.id AS interviewId, i.duration_minutes AS durationMinutes, i.exercise_id AS exerciseId,
              l.id AS loopId, l.status AS loopStatus, l.rubric_version_id AS rubricVersionId
         FROM scorecards s
         JOIN interviews i ON i.id = s.interview_id
         JOIN loops l ON l.id = i.loop_id
        WHERE s.id = ? AND s.panelist_id = ?`,
    ),
    updateDraft: client.prepare(
      `UPDATE scorecards SET recommendation = ?, summary = ?, override_justification = ?, version = version + 1, updated_at = ?
        WHERE id = ? AND panelist_id = ? AND status = 'draft' AND version = ?`,
    ),
    ratings: client.prepare(
      "SELECT dimension_id AS dimensionId, score, not_assessed AS notAssessed, evidence FROM ratings WHERE scorecard_id = ?",
    ),
    upsertRating: client.prepare(
      `INSERT INTO ratings (scorecard_id, dimension_id, score, not_assessed, evidence) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scorecard_id, dimension_id) DO UPDATE SET score = excluded.score, not_assessed = excluded.not_assessed, evidence = excluded.evidence`,
    ),
    deleteRating: client.prepare("DELETE FROM ratings WHERE scorecard_id = ? AND dimension_id = ?"),
    flags: client.prepare("SELECT red_flag_id AS id, note FROM red_flag_marks WHERE scorecard_id = ?"),
    upsertFlag: client.prepare(
      "INSERT INTO red_flag_marks (scorecard_id, red_flag_id, note) VALUES (?, ?, ?) ON CONFLICT (scorecard_id, red_flag_id) DO UPDATE SET note = excluded.note",
    ),
    deleteFlag: client.prepare("DELETE FROM red_flag_marks WHERE scorecard_id = ? AND red_flag_id = ?"),
    signals: client.prepare("SELECT signal_id AS id FROM signal_marks WHERE scorecard_id = ?"),
    insertSignal: client.prepare("INSERT OR IGNORE INTO signal_marks (scorecard_id, signal_id) VALUES (?, ?)"),
    deleteSignal: client.prepare("DELETE FROM signal_marks WHERE scorecard_id = ? AND signal_id = ?"),
    focus: client.prepare("SELECT focus_key AS id FROM focus_ticks WHERE scorecard_id = ?"),
    insertFocus: client.prepare("INSERT OR IGNORE INTO focus_ticks (scorecard_id, focus_key) VALUES (?, ?)"),
    deleteFocus: client.prepare("DELETE FROM focus_ticks WHERE scorecard_id = ? AND focus_key = ?"),
    notes: client.prepare(
      "SELECT id, body, elapsed_minute AS minute, created_at AS at FROM quick_notes WHERE scorecard_id = ?",
    ),
    insertNote: client.prepare(
      "INSERT OR IGNORE INTO quick_notes (id, scorecard_id, elapsed_minute, body, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    deleteNote: client.prepare("DELETE FROM quick_notes WHERE scorecard_id = ? AND id = ?"),
    audit: client.prepare(
      "INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, loop_id, before, after) VALUES (?, ?, 'scorecard.save', 'scorecard', ?, ?, ?, ?)",
    ),
  };
}

type SaveStatements = ReturnType<typeof prepareSaveStatements>;
const saveStatements = new WeakMap<object, SaveStatements>();

function statements(db: Db): SaveStatements {
  let s = saveStatements.get(db.$client);
  if (!s) {
    s = prepareSaveStatements(db.$client);
    saveStatements.set(db.$client, s);
  }
  return s;
}

function hasClient(db: DbOrTx): db is Db {
  return "$client" in db && !!(db as { $client?: unknown }).$client;
}

// ------------------------------------------------------------------ the target of an action

/** What an action needs to know about the scorecard it writes to (owner-scoped). */
export interface ScorecardTarget {
  id: string;
  panelistId: string;
  status: ScorecardStatus;
  version: number;
  loopId: string;
  loopStatus: LoopStatus;
  interviewId: string;
  durationMinutes: number;
  timer: TimerState;
  facts: RubricFacts;
  exerciseKey: string;
  ctx: ScorecardContext;
}

/** The panelist's own scorecard with its rubric context, or null (missing, or someone else's). */
export function findOwnScorecard(
  db: DbOrTx,
  opts: { scorecardId: string; panelistId: string },
): ScorecardTarget | null {
  const row = hasClient(db) ? ownScorecardRow(db, opts) : ownScorecardRowBuilt(db, opts);
  if (!row) return null;
  return targetFromRow(db, row);
}

interface OwnScorecardRow {
  id: string;
  panelistId: string;
  status: ScorecardStatus;
  version: number;
  timerStartedAt: number | null;
  timerAccumulatedMs: number;
  timerRunning: boolean;
  interviewId: string;
  durationMinutes: number;
  exerciseId: string;
  loopId: string;
  loopStatus: LoopStatus;
  rubricVersionId: string;
}

function ownScorecardRow(db: Db, opts: { scorecardId: string; panelistId: string }): OwnScorecardRow | undefined {
  const raw = statements(db).target.get(opts.scorecardId, opts.panelistId) as
    (Omit<OwnScorecardRow, "timerRunning"> & { timerRunning: number }) | undefined;
  return raw ? { ...raw, timerRunning: raw.timerRunning === 1 } : undefined;
}

function ownScorecardRowBuilt(
  db: DbOrTx,
  opts: { scorecardId: string; panelistId: string },
): OwnScorecardRow | undefined {
  return db
    .select({
      id: scorecards.id,
      panelistId: scorecards.panelistId,
      status: scorecards.status,
      version: scorecards.version,
      timerStartedAt: scorecards.timerStartedAt,
      timerAccumulatedMs: scorecards.timerAccumulatedMs,
      timerRunning: scorecards.timerRunning,
      interviewId: interviews.id,
      durationMinutes: interviews.durationMinutes,
      exerciseId: interviews.exerciseId,
      loopId: loops.id,
      loopStatus: loops.status,
      rubricVersionId: loops.rubricVersionId,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .get();
}

function targetFromRow(db: DbOrTx, row: OwnScorecardRow): ScorecardTarget | null {
  const facts = rubricFacts(db, row.rubricVersionId);
  if (!facts) return null;
  const exerciseKey = facts.exerciseKeys.get(row.exerciseId);
  if (!exerciseKey) return null;
  const ctx = scorecardContext(facts.content, exerciseKey);
  if (!ctx) return null;
  return {
    id: row.id,
    panelistId: row.panelistId,
    status: row.status,
    version: row.version,
    loopId: row.loopId,
    loopStatus: row.loopStatus,
    interviewId: row.interviewId,
    durationMinutes: row.durationMinutes,
    timer: { startedAt: row.timerStartedAt, accumulatedMs: row.timerAccumulatedMs, running: row.timerRunning },
    facts,
    exerciseKey,
    ctx,
  };
}

// ------------------------------------------------------------------ reading values

const NOTE_SEP = ":";

/** Quick-note rows are namespaced by scorecard so a client-made id can never collide across scorecards. */
function storedNoteId(scorecardId: string, clientId: string): string {
  return `${scorecardId}${NOTE_SEP}${clientId}`;
}

function clientNoteId(scorecardId: string, storedId: string): string {
  const prefix = `${scorecardId}${NOTE_SEP}`;
  return storedId.startsWith(prefix) ? storedId.slice(prefix.length) : storedId;
}

function scoreValue(score: number | null, notAssessed: boolean): ScoreValue {
  if (notAssessed) return "na";
  if (score === 1 || score === 2 || score === 3 || score === 4) return String(score) as ScoreValue;
  return "";
}

/** The scorecard's content in the form's shape (own scorecard only: callers pass a target). */
export function readScorecardValues(db: DbOrTx, scorecardId: string, facts: RubricFacts): ScorecardValues {
  const card = db
    .select({
      recommendation: scorecards.recommendation,
      summary: scorecards.summary,
      overrideJustification: scorecards.overrideJustification,
    })
    .from(scorecards)
    .where(eq(scorecards.id, scorecardId))
    .get();
  const values: ScorecardValues = {
    ratings: {},
    redFlags: {},
    signals: {},
    focus: {},
    recommendation: card?.recommendation ?? "",
    summary: card?.summary ?? "",
    overrideJustification: card?.overrideJustification ?? "",
    notes: [],
  };
  for (const r of db.select().from(ratings).where(eq(ratings.scorecardId, scorecardId)).all()) {
    const key = facts.dimensionKeys.get(r.dimensionId);
    if (key) values.ratings[key] = { score: scoreValue(r.score, r.notAssessed), evidence: r.evidence };
  }
  for (const f of db.select().from(redFlagMarks).where(eq(redFlagMarks.scorecardId, scorecardId)).all()) {
    const key = facts.redFlagKeys.get(f.redFlagId);
    if (key) values.redFlags[key] = { checked: true, note: f.note };
  }
  for (const s of db.select().from(signalMarks).where(eq(signalMarks.scorecardId, scorecardId)).all()) {
    const key = facts.signalKeys.get(s.signalId);
    if (key) values.signals[key] = true;
  }
  for (const f of db.select().from(focusTicks).where(eq(focusTicks.scorecardId, scorecardId)).all())
    values.focus[f.focusKey] = true;
  values.notes = db
    .select()
    .from(quickNotes)
    .where(eq(quickNotes.scorecardId, scorecardId))
    .orderBy(asc(quickNotes.createdAt), asc(quickNotes.id))
    .all()
    .map((n) => ({ id: clientNoteId(scorecardId, n.id), minute: n.elapsedMinute, body: n.body, at: n.createdAt }));
  return values;
}

// ------------------------------------------------------------------ writing values

/**
 * Brings the scorecard's child rows in line with `values` (already validated against the rubric),
 * touching only rows that changed: an autosave usually changes one field, and every row written
 * is WAL pages to fsync before the save is acknowledged.
 */
function writeChildren(db: Db, scorecardId: string, values: ScorecardValues, facts: RubricFacts): void {
  const st = statements(db);
  const v = normalizeValues(values);

  const wantedRatings = new Map<string, { score: number | null; notAssessed: number; evidence: string }>();
  for (const [key, r] of Object.entries(v.ratings)) {
    const dimensionId = facts.dimensionIds.get(key);
    if (dimensionId)
      wantedRatings.set(dimensionId, {
        score: r.score === "" || r.score === "na" ? null : Number(r.score),
        notAssessed: r.score === "na" ? 1 : 0,
        evidence: r.evidence,
      });
  }
  for (const row of st.ratings.all(scorecardId) as {
    dimensionId: string;
    score: number | null;
    notAssessed: number;
    evidence: string;
  }[]) {
    const w = wantedRatings.get(row.dimensionId);
    if (!w) st.deleteRating.run(scorecardId, row.dimensionId);
    else if (w.score === row.score && w.notAssessed === row.notAssessed && w.evidence === row.evidence)
      wantedRatings.delete(row.dimensionId);
  }
  for (const [dimensionId, w] of wantedRatings)
    st.upsertRating.run(scorecardId, dimensionId, w.score, w.notAssessed, w.evidence);

  const wantedFlags = new Map<string, string>();
  for (const [key, f] of Object.entries(v.redFlags)) {
    const id = facts.redFlagIds.get(key);
    if (id) wantedFlags.set(id, f.note);
  }
  for (const row of st.flags.all(scorecardId) as { id: string; note: string }[]) {
    const note = wantedFlags.get(row.id);
    if (note === undefined) st.deleteFlag.run(scorecardId, row.id);
    else if (note === row.note) wantedFlags.delete(row.id);
  }
  for (const [id, note] of wantedFlags) st.upsertFlag.run(scorecardId, id, note);

  const signalIds = new Set(Object.keys(v.signals).flatMap((key) => facts.signalIds.get(key) ?? []));
  syncSet(scorecardId, signalIds, st.signals, st.insertSignal, st.deleteSignal);
  syncSet(scorecardId, new Set(Object.keys(v.focus)), st.focus, st.insertFocus, st.deleteFocus);

  if (v.notes) syncNotes(st, scorecardId, v.notes);
}

type Statement = SaveStatements["signals"];

/** A set of marks (signals, focus ticks): insert what is new, delete what is gone. */
function syncSet(
  scorecardId: string,
  wanted: Set<string>,
  select: Statement,
  insert: Statement,
  remove: Statement,
): void {
  const have = new Set((select.all(scorecardId) as { id: string }[]).map((r) => r.id));
  for (const id of have) if (!wanted.has(id)) remove.run(scorecardId, id);
  for (const id of wanted) if (!have.has(id)) insert.run(scorecardId, id);
}

/** Brings the quick notes in line with `notes`, touching only what changed (a long interview has many). */
function syncNotes(st: SaveStatements, scorecardId: string, notes: QuickNote[]): void {
  const wanted = new Map(notes.map((n) => [storedNoteId(scorecardId, n.id), n]));
  for (const row of st.notes.all(scorecardId) as { id: string; body: string; minute: number; at: number }[]) {
    const w = wanted.get(row.id);
    if (!w || w.body !== row.body || w.minute !== row.minute || w.at !== row.at) st.deleteNote.run(scorecardId, row.id);
    else wanted.delete(row.id);
  }
  for (const [id, n] of wanted) st.insertNote.run(id, scorecardId, n.minute, n.body, n.at);
}

export type WriteResult =
  | { kind: "saved"; version: number; updatedAt: number }
  | { kind: "conflict"; server: ServerCopy }
  | { kind: "locked"; status: ScorecardStatus; version: number };

export interface ServerCopy {
  version: number;
  status: ScorecardStatus;
  updatedAt: number;
  values: ScorecardValues;
}

function serverCopy(db: DbOrTx, target: Pick<ScorecardTarget, "id" | "panelistId" | "facts">): ServerCopy | null {
  const row = db
    .select({ version: scorecards.version, status: scorecards.status, updatedAt: scorecards.updatedAt })
    .from(scorecards)
    .where(and(eq(scorecards.id, target.id), eq(scorecards.panelistId, target.panelistId)))
    .get();
  if (!row) return null;
  return { ...row, values: readScorecardValues(db, target.id, target.facts) };
}

function fieldsOf(values: ScorecardValues) {
  return {
    recommendation: values.recommendation === "" ? null : values.recommendation,
    summary: values.summary,
    overrideJustification: values.overrideJustification,
  };
}

/**
 * The conflict-free write: one conditional UPDATE … WHERE id AND panelist AND status AND version
 * inside a synchronous transaction, then the child rows and the audit entry. When the UPDATE
 * touches no row the save is refused and the server's copy is returned (conflict or locked).
 */
function versionedWrite(
  db: Db,
  target: ScorecardTarget,
  opts: {
    clientVersion: number;
    requireStatus: ScorecardStatus;
    set: SQLiteUpdateSetSource<typeof scorecards>;
    values: ScorecardValues;
    now: number;
    audit: (tx: Tx, newVersion: number) => void;
  },
): WriteResult {
  return db.transaction(
    (tx): WriteResult => {
      const res = tx
        .update(scorecards)
        .set({ ...fieldsOf(opts.values), ...opts.set, version: sql`${scorecards.version} + 1`, updatedAt: opts.now })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, opts.requireStatus),
            eq(scorecards.version, opts.clientVersion),
          ),
        )
        .run();
      if (res.changes === 0) {
        const server = serverCopy(tx, target);
        if (!server) return { kind: "locked", status: target.status, version: target.version };
        if (server.status !== opts.requireStatus)
          return { kind: "locked", status: server.status, version: server.version };
        return { kind: "conflict", server };
      }
      writeChildren(db, target.id, opts.values, target.facts);
      const version = opts.clientVersion + 1;
      opts.audit(tx, version);
      onScorecardChanged(tx, target.id, opts.now);
      return { kind: "saved", version, updatedAt: opts.now };
    },
    { behavior: "immediate" },
  );
}

export interface DraftSave {
  target: ScorecardTarget;
  values: ScorecardValues;
  clientVersion: number;
}

/**
 * Autosaves of drafts (one or several, e.g. every interviewer whose save arrived while the
 * previous commit was being written): ONE immediate transaction, hence one fsync, and inside it
 * one savepoint per save, so each save stands or falls on its own. Per save: the versioned
 * UPDATE … WHERE id AND panelist AND status = 'draft' AND version = the browser's, the changed
 * child rows and the audit entry, through prepared statements. A stale version touches nothing
 * and returns the server's copy (conflict) or the lock. Nothing is acknowledged before the
 * commit: callers answer only once this returns.
 */
export function saveDrafts(db: Db, saves: readonly DraftSave[], now = Date.now()): (WriteResult | Error)[] {
  const st = statements(db);
  const one = db.$client.transaction((save: DraftSave): WriteResult => {
    const { target, values, clientVersion } = save;
    if (saveDecision(target, clientVersion) === "locked")
      return { kind: "locked", status: target.status, version: target.version };
    const fields = fieldsOf(values);
    const res = st.updateDraft.run(
      fields.recommendation,
      fields.summary,
      fields.overrideJustification,
      now,
      target.id,
      target.panelistId,
      clientVersion,
    );
    if (res.changes === 0) {
      const server = serverCopy(db, target);
      if (!server) return { kind: "locked", status: target.status, version: target.version };
      if (server.status !== "draft") return { kind: "locked", status: server.status, version: server.version };
      return { kind: "conflict", server };
    }
    writeChildren(db, target.id, values, target.facts);
    const version = clientVersion + 1;
    // the same entry writeAudit makes (JSON before/after), through the prepared statement
    st.audit.run(
      now,
      target.panelistId,
      target.id,
      target.loopId,
      JSON.stringify({ version: clientVersion }),
      JSON.stringify({ version }),
    );
    return { kind: "saved", version, updatedAt: now };
  });
  const all = db.$client.transaction((): (WriteResult | Error)[] =>
    saves.map((save) => {
      try {
        // nested in the outer transaction: better-sqlite3 runs it in a savepoint
        return one(save);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  return all.immediate();
}

/** One autosave of a draft (see saveDrafts). */
export function saveDraft(
  db: Db,
  target: ScorecardTarget,
  values: ScorecardValues,
  clientVersion: number,
  now = Date.now(),
): WriteResult {
  const [result] = saveDrafts(db, [{ target, values, clientVersion }], now);
  if (!result || result instanceof Error) throw result ?? new Error("save failed");
  return result;
}

/** Submit and lock (values already passed the submit schema). */
/** Submitted ratings changed: the next review recomputes interviewer calibration. */
function noteIfSaved(result: WriteResult): WriteResult {
  if (result.kind === "saved") noteCalibrationInputsChanged();
  return result;
}

export function submitScorecard(
  db: Db,
  target: ScorecardTarget,
  values: ScorecardValues,
  clientVersion: number,
  now = Date.now(),
): WriteResult {
  return noteIfSaved(
    versionedWrite(db, target, {
      clientVersion,
      requireStatus: "draft",
      set: {
        status: "submitted",
        submittedAt: now,
        timerRunning: false,
        timerStartedAt: null,
        timerAccumulatedMs: timerElapsedNow(target.timer, now),
      },
      values,
      now,
      audit: (tx, version) =>
        writeAudit(
          tx,
          {
            actorId: target.panelistId,
            action: "scorecard.submit",
            entityType: "scorecard",
            entityId: target.id,
            loopId: target.loopId,
            before: { status: "draft", version: clientVersion },
            after: {
              status: "submitted",
              version,
              recommendation: values.recommendation,
              ratings: summarizeRatings(values),
            },
          },
          now,
        ),
    }),
  );
}

function timerElapsedNow(t: TimerState, now: number): number {
  return applyTimerOp(t, "pause", now).accumulatedMs;
}

function summarizeRatings(values: ScorecardValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, r] of Object.entries(values.ratings)) if (r.score !== "") out[k] = r.score;
  return out;
}

/**
 * Amends a submitted scorecard: stays submitted, amendCount + 1, the reason kept on the row and,
 * with the field-level before/after values, in the audit log.
 */
export function amendScorecard(
  db: Db,
  target: ScorecardTarget,
  values: ScorecardValues,
  clientVersion: number,
  reason: string,
  now = Date.now(),
): WriteResult {
  const before = readScorecardValues(db, target.id, target.facts);
  const merged: ScorecardValues = { ...values, notes: values.notes ?? before.notes };
  const diff = changedFields(before, merged);
  return noteIfSaved(
    versionedWrite(db, target, {
      clientVersion,
      requireStatus: "submitted",
      set: { amendCount: sql`${scorecards.amendCount} + 1`, lastAmendReason: reason },
      values: merged,
      now,
      audit: (tx, version) =>
        writeAudit(
          tx,
          {
            actorId: target.panelistId,
            action: "scorecard.amend",
            entityType: "scorecard",
            entityId: target.id,
            loopId: target.loopId,
            reason,
            before: { version: clientVersion, ...diff.before },
            after: { version, ...diff.after },
          },
          now,
        ),
    }),
  );
}

// ------------------------------------------------------------------ timer, notes, conflict of interest

/** Applies a timer operation (drafts only). Not versioned: the timer never conflicts with the text. */
export function applyTimer(db: Db, target: ScorecardTarget, op: TimerOp, now = Date.now()): TimerState | null {
  if (target.status !== "draft") return null;
  return db.transaction(
    (tx) => {
      const row = tx
        .select({
          startedAt: scorecards.timerStartedAt,
          accumulatedMs: scorecards.timerAccumulatedMs,
          running: scorecards.timerRunning,
        })
        .from(scorecards)
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .get();
      if (!row) return null;
      const next = applyTimerOp(row, op, now);
      if (next === row) return next;
      tx.update(scorecards)
        .set({ timerStartedAt: next.startedAt, timerAccumulatedMs: next.accumulatedMs, timerRunning: next.running })
        .where(and(eq(scorecards.id, target.id), eq(scorecards.panelistId, target.panelistId)))
        .run();
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: `scorecard.timer.${op}`,
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          before: row,
          after: next,
        },
        now,
      );
      return next;
    },
    { behavior: "immediate" },
  );
}

/** Appends a quick note (the no-JavaScript path; with JavaScript notes travel with the autosave). */
export function appendNote(db: Db, target: ScorecardTarget, note: QuickNote, now = Date.now()): number | null {
  if (target.status !== "draft") return null;
  return db.transaction(
    (tx) => {
      const res = tx
        .update(scorecards)
        .set({ version: sql`${scorecards.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .returning({ version: scorecards.version })
        .get();
      if (!res) return null;
      tx.insert(quickNotes)
        .values({
          id: storedNoteId(target.id, note.id),
          scorecardId: target.id,
          elapsedMinute: note.minute,
          body: note.body,
          createdAt: note.at,
        })
        .onConflictDoNothing()
        .run();
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.note",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          after: { version: res.version, minute: note.minute },
        },
        now,
      );
      return res.version;
    },
    { behavior: "immediate" },
  );
}

/** Declares a conflict of interest: the scorecard is recused (excluded from aggregates; the recruiter sees it). */
export function declareConflict(db: Db, target: ScorecardTarget, note: string, now = Date.now()): boolean {
  return db.transaction(
    (tx) => {
      const res = tx
        .update(scorecards)
        .set({
          status: "recused",
          conflictNote: note,
          conflictDeclaredAt: now,
          timerRunning: false,
          timerStartedAt: null,
          timerAccumulatedMs: timerElapsedNow(target.timer, now),
          version: sql`${scorecards.version} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .run();
      if (res.changes === 0) return false;
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.recuse",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          reason: note,
          before: { status: "draft" },
          after: { status: "recused" },
        },
        now,
      );
      onScorecardChanged(tx, target.id, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Withdraws a conflict declaration made by mistake: back to a draft (not once the loop is decided). */
export function withdrawConflict(db: Db, target: ScorecardTarget, now = Date.now()): boolean {
  if (target.loopStatus === "decided" || target.loopStatus === "withdrawn") return false;
  return db.transaction(
    (tx) => {
      const before = tx
        .select({ note: scorecards.conflictNote })
        .from(scorecards)
        .where(eq(scorecards.id, target.id))
        .get();
      const res = tx
        .update(scorecards)
        .set({
          status: "draft",
          conflictNote: null,
          conflictDeclaredAt: null,
          version: sql`${scorecards.version} + 1`,
          updatedAt: now,
        })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "recused"),
          ),
        )
        .run();
      if (res.changes === 0) return false;
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.unrecuse",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          before: { status: "recused", conflictNote: before?.note ?? null },
          after: { status: "draft" },
        },
        now,
      );
      onScorecardChanged(tx, target.id, now);
      return true;
    },
    { behavior: "immediate" },
  );
}

// ------------------------------------------------------------------ pages

/** The header facts of a scorecard page (own scorecard only). */
export function scorecardHeader(db: Db, opts: { scorecardId: string; panelistId: string }) {
  return db
    .select({
      id: scorecards.id,
      status: scorecards.status,
      version: scorecards.version,
      updatedAt: scorecards.updatedAt,
      submittedAt: scorecards.submittedAt,
      amendCount: scorecards.amendCount,
      lastAmendReason: scorecards.lastAmendReason,
      conflictNote: scorecards.conflictNote,
      conflictDeclaredAt: scorecards.conflictDeclaredAt,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      loopId: loops.id,
      loopStatus: loops.status,
      candidateName: candidates.name,
      candidateTitle: candidates.currentTitle,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .get();
}

/** How many of the panelist's own scorecards on a loop are still drafts (for "submit yours first"). */
export function ownDraftsOnLoop(db: Db, loopId: string, panelistId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelistId, panelistId), eq(scorecards.status, "draft")))
    .get();
  return row?.n ?? 0;
}

/** "My interviews": every assignment of one panelist, newest schedule last. */
export function listMyAssignments(db: Db, panelistId: string) {
  return db
    .select({
      scorecardId: scorecards.id,
      status: scorecards.status,
      version: scorecards.version,
      timerRunning: scorecards.timerRunning,
      timerAccumulatedMs: scorecards.timerAccumulatedMs,
      updatedAt: scorecards.updatedAt,
      submittedAt: scorecards.submittedAt,
      amendCount: scorecards.amendCount,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      loopId: loops.id,
      loopStatus: loops.status,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(eq(scorecards.panelistId, panelistId))
    .orderBy(asc(interviews.scheduledAt), desc(scorecards.updatedAt))
    .all();
}
