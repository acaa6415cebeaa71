import type { AuditAction } from "../../../app/domain/vocabulary";
import type { Db, DbOrTx } from "../../client.server";

const SAVE_ACTION: AuditAction = "scorecard.save";

// The autosave path's statements. An autosave runs on every pause in typing, for every interviewer
// in the room: building and preparing ~15 statements per save through the query builder cost
// several times more than running them, so the hot path uses statements prepared once per
// connection (as review/inputs.server.ts does).
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
      `UPDATE scorecards SET recommendation = ?, level_signal = ?, summary = ?, override_justification = ?, version = version + 1, updated_at = ?
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
    probes: client.prepare("SELECT probe_key AS id FROM probe_ticks WHERE scorecard_id = ?"),
    insertProbe: client.prepare("INSERT OR IGNORE INTO probe_ticks (scorecard_id, probe_key) VALUES (?, ?)"),
    deleteProbe: client.prepare("DELETE FROM probe_ticks WHERE scorecard_id = ? AND probe_key = ?"),
    notes: client.prepare(
      "SELECT id, body, elapsed_minute AS minute, created_at AS at FROM quick_notes WHERE scorecard_id = ?",
    ),
    insertNote: client.prepare(
      "INSERT OR IGNORE INTO quick_notes (id, scorecard_id, elapsed_minute, body, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    deleteNote: client.prepare("DELETE FROM quick_notes WHERE scorecard_id = ? AND id = ?"),
    audit: client.prepare(
      `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, loop_id, before, after) VALUES (?, ?, '${SAVE_ACTION}', 'scorecard', ?, ?, ?, ?)`,
    ),
  };
}

export type SaveStatements = ReturnType<typeof prepareSaveStatements>;
const saveStatements = new WeakMap<object, SaveStatements>();

export function statements(db: Db): SaveStatements {
  let s = saveStatements.get(db.$client);
  if (!s) {
    s = prepareSaveStatements(db.$client);
    saveStatements.set(db.$client, s);
  }
  return s;
}

/** The top-level handle (its prepared statements may be used), not a drizzle transaction. */
export function hasClient(db: DbOrTx): db is Db {
  return "$client" in db && !!(db as { $client?: unknown }).$client;
}
