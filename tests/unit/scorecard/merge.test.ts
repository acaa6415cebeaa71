import { describe, expect, it } from "vitest";

import { scorecardFieldLabel } from "../../../app/domain/scorecard/field-label";
import { mergeScorecardValues } from "../../../app/domain/scorecard/merge";
import { diffScorecardValues, sameValues } from "../../../app/domain/scorecard/rules";
import type { QuickNote, ScorecardValues } from "../../../app/domain/scorecard/schema";
import { emptyScorecardValues } from "../../../app/domain/scorecard/schema";

function v(patch: Partial<ScorecardValues>): ScorecardValues {
  return { ...emptyScorecardValues(), ...patch };
}

const EVIDENCE = "Named the drift alert, then rolled back within ten minutes.";
const BASE = v({
  summary: "Calm under pressure.",
  ratings: { comm: { score: "3", evidence: EVIDENCE } },
  redFlags: { blame: { checked: true, note: "Blamed the on-call team." } },
});

describe("mergeScorecardValues", () => {
  it("tab A changed the summary, tab B one evidence field: both changes survive without asking", () => {
    const a = { ...BASE, summary: "Calm; wrote a clear status update." };
    const b = v({ ...BASE, ratings: { comm: { score: "3", evidence: `${EVIDENCE} Asked for the dashboard first.` } } });
    const r = mergeScorecardValues(BASE, b, a);
    expect(r.conflicts).toEqual([]);
    expect(r.fromTheirs).toEqual(["summary"]);
    expect(r.merged.summary).toBe("Calm; wrote a clear status update.");
    expect(r.merged.ratings.comm?.evidence).toBe(`${EVIDENCE} Asked for the dashboard first.`);
  });

  it("both changed the summary: the summary asks, mine by default, the other copy when chosen", () => {
    const a = { ...BASE, summary: "From tab A." };
    const b = { ...BASE, summary: "From tab B.", recommendation: "hire" as const };
    const r = mergeScorecardValues(BASE, b, a);
    expect(r.conflicts).toEqual(["summary"]);
    expect(r.merged.summary).toBe("From tab B.");
    expect(r.merged.recommendation).toBe("hire");
    const chosen = mergeScorecardValues(BASE, b, a, { summary: "theirs" });
    expect(chosen.merged.summary).toBe("From tab A.");
    expect(chosen.merged.recommendation).toBe("hire");
  });

  it("the same change on both sides is no conflict", () => {
    const same = { ...BASE, summary: "Same words." };
    const r = mergeScorecardValues(BASE, same, { ...same });
    expect(r).toMatchObject({ conflicts: [], fromTheirs: [] });
    expect(sameValues(r.merged, same)).toBe(true);
  });

  it("nothing changed on either side gives the base back", () => {
    const r = mergeScorecardValues(BASE, BASE, BASE);
    expect(r.conflicts).toEqual([]);
    expect(sameValues(r.merged, BASE)).toBe(true);
  });

  it("score and evidence of one dimension are separate fields", () => {
    const mine = { ...BASE, ratings: { comm: { score: "4" as const, evidence: EVIDENCE } } };
    const theirs = { ...BASE, ratings: { comm: { score: "3" as const, evidence: "Rewritten elsewhere." } } };
    const r = mergeScorecardValues(BASE, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.ratings.comm).toEqual({ score: "4", evidence: "Rewritten elsewhere." });
  });

  it("a rating cleared on one side stays cleared; a rating added on the other side is kept", () => {
    const mine = { ...BASE, ratings: {} };
    const theirs = { ...BASE, ratings: { ...BASE.ratings, lead: { score: "2" as const, evidence: "Thin." } } };
    const r = mergeScorecardValues(BASE, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.ratings).toEqual({ lead: { score: "2", evidence: "Thin." } });
  });

  it("ticks merge per key; unticking on one side wins over no change on the other", () => {
    const base = v({ signals: { calm: true }, focus: { drift: true } });
    const mine = v({ signals: { calm: true, depth: true }, focus: {} });
    const theirs = v({ signals: {}, focus: { drift: true, cost: true } });
    const r = mergeScorecardValues(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.signals).toEqual({ depth: true });
    expect(r.merged.focus).toEqual({ cost: true });
    expect(r.fromTheirs.sort()).toEqual(["focus.cost", "signals.calm"]);
  });

  it("a flag note only conflicts when both copies keep the flag ticked", () => {
    const untickedHere = { ...BASE, redFlags: {} };
    const noteThere = { ...BASE, redFlags: { blame: { checked: true, note: "Blamed the on-call team twice." } } };
    const r = mergeScorecardValues(BASE, untickedHere, noteThere);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.redFlags).toEqual({});

    const otherNote = { ...BASE, redFlags: { blame: { checked: true, note: "Blamed others." } } };
    expect(mergeScorecardValues(BASE, otherNote, noteThere).conflicts).toEqual(["redFlags.blame.note"]);
  });

  it("a flag ticked with a note on the other side comes over with its note", () => {
    const theirs = { ...BASE, redFlags: { ...BASE.redFlags, vague: { checked: true, note: "Vague on costs." } } };
    const r = mergeScorecardValues(BASE, BASE, theirs);
    expect(r.merged.redFlags.vague).toEqual({ checked: true, note: "Vague on costs." });
    expect(r.fromTheirs).toEqual(["redFlags.vague.checked"]);
  });

  it("quick notes: added on either side are kept, deleted on one side are gone, never a conflict", () => {
    const note = (id: string, at: number): QuickNote => ({ id, minute: 1, body: id, at });
    const base = v({ notes: [note("kept-1", 1), note("gone-2", 2)] });
    const mine = v({ notes: [note("kept-1", 1), note("gone-2", 2), note("mine-3", 3)] });
    const theirs = v({ notes: [note("kept-1", 1), note("theirs-4", 4)] });
    const r = mergeScorecardValues(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.notes?.map((n) => n.id)).toEqual(["kept-1", "mine-3", "theirs-4"]);
    // a side without notes (the no-JS form) leaves them as the other side has them
    const withoutNotes = { ...mine };
    delete withoutNotes.notes;
    expect(mergeScorecardValues(base, withoutNotes, theirs).merged.notes).toEqual(theirs.notes);
  });

  it("with the base unknown every difference asks", () => {
    const mine = { ...BASE, summary: "Mine." };
    const theirs = { ...BASE, recommendation: "no_hire" as const };
    const r = mergeScorecardValues(null, mine, theirs);
    expect(r.conflicts.sort()).toEqual(["recommendation", "summary"]);
  });

  it("its paths are the conflict table's paths, and its labels the table's labels", () => {
    const labels = {
      dimensions: { comm: "Communication" },
      redFlags: { blame: "Blames others" },
      signals: {},
      focus: {},
    };
    const mine = { ...BASE, ratings: { comm: { score: "4" as const, evidence: "Mine." } }, summary: "Mine." };
    const theirs = {
      ...BASE,
      ratings: { comm: { score: "2" as const, evidence: "Theirs." } },
      summary: "Theirs.",
      redFlags: { blame: { checked: true, note: "Theirs." } },
    };
    const mineWithNote = { ...mine, redFlags: { blame: { checked: true, note: "Mine." } } };
    const r = mergeScorecardValues(BASE, mineWithNote, theirs);
    const diffs = diffScorecardValues(mineWithNote, theirs, labels);
    expect(r.conflicts.sort()).toEqual(diffs.map((d) => d.path).sort());
    for (const d of diffs) expect(scorecardFieldLabel(d.path, labels)).toBe(d.label);
  });
});
