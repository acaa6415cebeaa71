/// <reference types="pdfkit" />
/**
 * Exercises: panelists, focus-point coverage (format 1) or the probes asked and by whom (format 2),
 * and quick notes per interview.
 */
import type { ExerciseModel } from "../../domain/packet/model";

import { type Flow, S, paragraph, table } from "../layout.server";
import { heading, sp } from "./blocks.server";

export function drawExercises(
  flow: Flow,
  exercises: readonly ExerciseModel[],
  outline: PDFKit.PDFOutline,
  sectionTitle: string,
): void {
  exercises.forEach((e, i) => {
    if (i > 0) flow.gap(20);
    flow.tags.group("Sect", {}, () => drawExercise(flow, e, outline, sectionTitle));
  });
}

function drawExercise(flow: Flow, e: ExerciseModel, outline: PDFKit.PDFOutline, sectionTitle: string): void {
  {
    heading(flow, e.title, 2, {
      after: 2,
      bookmarkUnder: outline,
      bearing: { section: sectionTitle, detail: e.title },
    });
    paragraph(flow, e.meta, S.smallMuted, { after: 6 });
    paragraph(
      flow,
      e.panelists.flatMap((p, k) => [
        sp(k > 0 ? " · " : "", S.small),
        sp(p.label, S.smallBold),
        sp(` (${p.value})`, S.smallMuted),
      ]),
      S.small,
      { after: 8 },
    );
    if (e.focusPoints.length > 0 || e.probes.length === 0) {
      table(
        flow,
        [{ header: `Focus point (${e.focusSummary})` }, { header: "Covered by", width: 230 }],
        e.focusPoints.map((fp) => [fp.label, [sp(fp.coveredBy, fp.covered ? S.small : S.mark)]]),
      );
    }
    if (e.probes.length > 0) {
      table(
        flow,
        [{ header: `Probe (${e.probeSummary})` }, { header: "Asked by", width: 150 }],
        e.probes.map((q) => [q.question, [sp(q.askedBy, q.asked ? S.small : S.mark)]]),
      );
    }
    flow.gap(10);
    heading(flow, "Quick notes", 3);
    if (e.notes.length === 0) {
      paragraph(flow, e.noNotes, S.muted);
      return;
    }
    table(
      flow,
      [{ header: "Time", width: 44, align: "right" }, { header: "Panelist", width: 118 }, { header: "Note" }],
      e.notes.map((n) => [[sp(n.time, S.smallMuted)], [sp(n.panelistName, S.smallBold)], n.body]),
    );
  }
}
