/// <reference types="pdfkit" />
/**
 * Exercises: panelists, focus-point coverage (format 1) or the probes asked and by whom (format 2),
 * and quick notes per interview.
 */
import type { ExerciseModel } from "../../domain/packet/model";

import { type Flow, S, bookmark, paragraph, table } from "../layout.server";
import { heading, sp } from "./blocks.server";

export function drawExercises(flow: Flow, exercises: readonly ExerciseModel[], outline: PDFKit.PDFOutline): void {
  exercises.forEach((e, i) => {
    if (i > 0) {
      flow.gap(20);
      flow.ensureSpace(150);
    }
    bookmark(flow, e.title, outline);
    heading(flow, e.title, S.h2, 2, 80);
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
    heading(flow, "Quick notes", S.h3, 3, 30);
    if (e.notes.length === 0) {
      paragraph(flow, e.noNotes, S.muted);
      return;
    }
    table(
      flow,
      [{ header: "Time", width: 44, align: "right" }, { header: "Panelist", width: 118 }, { header: "Note" }],
      e.notes.map((n) => [[sp(n.time, S.smallMuted)], [sp(n.panelistName, S.smallBold)], n.body]),
    );
  });
}
