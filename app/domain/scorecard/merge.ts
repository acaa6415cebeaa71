/**
 * Three-way merge of two copies of one scorecard (two tabs, or a device copy and the server):
 * `base` is what both started from, `mine` this tab's edits, `theirs` the server's newer copy.
 * A field changed on one side only takes that side's value by itself; only a field changed on
 * both sides (to different values) is a conflict, which `choices` settles ("mine" by default).
 * With the base unknown (`null`, e.g. a device copy restored after a reload), every field that
 * differs is a conflict.
 *
 * Fields are the form's paths, the same as `diffScorecardValues` uses: `ratings.<k>.score`,
 * `ratings.<k>.evidence`, `redFlags.<k>.checked`, `redFlags.<k>.note`, `signals.<k>`, `focus.<k>`, `probes.<k>`, `levelSignal`,
 * `recommendation`, `summary`, `overrideJustification`. Quick notes are a set keyed by id: notes
 * added on either side are kept, a note deleted on one side is gone; they never conflict.
 */
import { normalizeValues } from "./rules";
import type { QuickNote, ScorecardValues } from "./schema";

export type MergeSide = "mine" | "theirs";
/** The interviewer's pick per conflicting field path; a field not listed keeps mine. */
export type MergeChoices = Record<string, MergeSide>;

export interface MergeResult {
  /** the merged scorecard (conflicts settled by `choices`, else mine) */
  merged: ScorecardValues;
  /** paths changed on both sides to different values: the interviewer decides these */
  conflicts: string[];
  /** paths taken from theirs by themselves (changed only on the server's side) */
  fromTheirs: string[];
}

const EMPTY_RATING = { score: "", evidence: "" } as const;

function keysOf(...records: (Record<string, unknown> | undefined)[]): string[] {
  return [...new Set(records.flatMap((r) => (r ? Object.keys(r) : [])))].sort();
}

export function mergeScorecardValues(
  base: ScorecardValues | null,
  mine: ScorecardValues,
  theirs: ScorecardValues,
  choices: MergeChoices = {},
): MergeResult {
  const b = base ? normalizeValues(base) : null;
  const m = normalizeValues(mine);
  const t = normalizeValues(theirs);
  const conflicts: string[] = [];
  const fromTheirs: string[] = [];

  /** `known` false: the base is unknown, so any difference asks. */
  function three<T>(path: string, known: boolean, bv: T, mv: T, tv: T): T {
    if (mv === tv) return mv;
    if (known && mv === bv) {
      fromTheirs.push(path);
      return tv;
    }
    if (known && tv === bv) return mv;
    conflicts.push(path);
    return choices[path] === "theirs" ? tv : mv;
  }
  const known = b !== null;

  const ratings: ScorecardValues["ratings"] = {};
  for (const k of keysOf(b?.ratings, m.ratings, t.ratings)) {
    const [rb, rm, rt] = [b?.ratings[k] ?? EMPTY_RATING, m.ratings[k] ?? EMPTY_RATING, t.ratings[k] ?? EMPTY_RATING];
    const score = three(`ratings.${k}.score`, known, rb.score, rm.score, rt.score);
    const evidence = three(`ratings.${k}.evidence`, known, rb.evidence, rm.evidence, rt.evidence);
    if (score !== "" || evidence !== "") ratings[k] = { score, evidence };
  }

  const redFlags: ScorecardValues["redFlags"] = {};
  for (const k of keysOf(b?.redFlags, m.redFlags, t.redFlags)) {
    const [fb, fm, ft] = [b?.redFlags[k], m.redFlags[k], t.redFlags[k]];
    const checked = three(`redFlags.${k}.checked`, known, !!fb, !!fm, !!ft);
    if (!checked) continue;
    // A side that leaves the flag unticked has no say on its note.
    const note =
      fm && ft ? three(`redFlags.${k}.note`, known, fb?.note ?? "", fm.note, ft.note) : (fm?.note ?? ft?.note ?? "");
    redFlags[k] = { checked: true, note };
  }

  const ticks = (section: "signals" | "focus" | "probes"): Record<string, boolean> => {
    const out: Record<string, boolean> = {};
    for (const k of keysOf(b?.[section], m[section], t[section])) {
      if (three(`${section}.${k}`, known, !!b?.[section][k], !!m[section][k], !!t[section][k])) out[k] = true;
    }
    return out;
  };

  const merged: ScorecardValues = {
    ratings,
    redFlags,
    signals: ticks("signals"),
    focus: ticks("focus"),
    probes: ticks("probes"),
    levelSignal: three("levelSignal", known, b?.levelSignal ?? "", m.levelSignal, t.levelSignal),
    recommendation: three("recommendation", known, b?.recommendation ?? "", m.recommendation, t.recommendation),
    summary: three("summary", known, b?.summary ?? "", m.summary, t.summary),
    overrideJustification: three(
      "overrideJustification",
      known,
      b?.overrideJustification ?? "",
      m.overrideJustification,
      t.overrideJustification,
    ),
  };
  const notes = mergeNotes(b?.notes, m.notes, t.notes);
  if (notes) merged.notes = notes;
  return { merged, conflicts, fromTheirs };
}

/** Notes as a set by id: kept when both sides have it, or one side added it since the base. */
function mergeNotes(
  base: QuickNote[] | undefined,
  mine: QuickNote[] | undefined,
  theirs: QuickNote[] | undefined,
): QuickNote[] | undefined {
  if (!mine) return theirs;
  if (!theirs) return mine;
  const inBase = new Set((base ?? []).map((n) => n.id));
  const inMine = new Set(mine.map((n) => n.id));
  const inTheirs = new Set(theirs.map((n) => n.id));
  const byId = new Map<string, QuickNote>();
  for (const n of [...theirs, ...mine]) {
    const both = inMine.has(n.id) && inTheirs.has(n.id);
    if (both || !inBase.has(n.id)) byId.set(n.id, n);
  }
  return [...byId.values()].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
