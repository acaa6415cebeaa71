import { normalizeValues } from "../../../app/domain/scorecard/rules";
import type { QuickNote, ScorecardValues } from "../../../app/domain/scorecard/schema";
import type { Db } from "../../client.server";

import { storedNoteId } from "./notes.server";
import type { RubricFacts } from "./rubric-facts.server";
import { statements, type SaveStatements } from "./statements.server";

/**
 * Brings the scorecard's child rows in line with `values` (already validated against the rubric),
 * touching only rows that changed: an autosave usually changes one field, and every row written
 * is WAL pages to fsync before the save is acknowledged.
 */
export function writeChildren(db: Db, scorecardId: string, values: ScorecardValues, facts: RubricFacts): void {
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
  syncSet(scorecardId, new Set(Object.keys(v.probes)), st.probes, st.insertProbe, st.deleteProbe);

  if (v.notes) syncNotes(st, scorecardId, v.notes);
}

type Statement = SaveStatements["signals"];

/** A set of marks (signals, focus and probe ticks): insert what is new, delete what is gone. */
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
