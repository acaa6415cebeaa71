/// <reference types="pdfkit" />
/**
 * Dimensions in detail: per dimension its statistics, callouts, anchors and every rating with its evidence.
 */
import type { DimensionModel } from "../../domain/packet/model";

import { type Flow, S, THEME, bookmark, fillRect, paragraph, withColor } from "../layout.server";
import { layoutSpans, linesHeight } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import { heading, panel, ratingBlock, sp } from "./blocks.server";

export function drawDimensions(flow: Flow, dims: readonly DimensionModel[], outline: PDFKit.PDFOutline): void {
  dims.forEach((d, i) => {
    if (i > 0) {
      flow.gap(18);
      flow.ensureSpace(160);
    }
    bookmark(flow, d.name, outline);
    heading(flow, d.name, S.h2, 2, 80);
    paragraph(flow, d.statsLine, S.smallMuted, { after: 3 });
    if (d.description) paragraph(flow, d.description, S.small, { after: 6 });
    for (const c of d.callouts) {
      panel(flow, [{ spans: [sp(c, withColor(S.smallBold, THEME.color.mark))] }], { bar: THEME.color.mark, pad: 4 });
      flow.gap(3);
    }
    anchorsGrid(flow, d.anchors);
    flow.gap(8);
    if (d.ratings.length === 0) paragraph(flow, d.empty, S.muted);
    for (const r of d.ratings) {
      ratingBlock(
        flow,
        r.score,
        r.score === null ? (r.scoreLabel === "Not assessed" ? "N/A" : "–") : String(r.score),
        [
          sp(r.panelistName, S.bodyBold),
          sp(`  ${r.exerciseTitle} · ${r.scoreLabel}`, S.smallMuted),
          ...r.marks.map((m) => sp(`  ▲ ${m}`, S.mark)),
        ],
        r.evidence,
        r.outlier,
      );
    }
  });
}

function anchorsGrid(flow: Flow, anchors: readonly { label: string; value: string }[]): void {
  if (anchors.length === 0) return;
  const gapX = 6;
  const n = anchors.length;
  const cw = (flow.width - gapX * (n - 1)) / n;
  const laid = anchors.map((a) =>
    layoutSpans([sp(a.label, S.tinyBold), sp(`\n${a.value}`, withColor(S.tiny, THEME.color.text))], cw - 12, {
      leading: 1.3,
    }),
  );
  const h = Math.max(...laid.map(linesHeight)) + 10;
  flow.ensureSpace(h);
  laid.forEach((lines, i) => {
    const x = flow.left + i * (cw + gapX);
    fillRect(flow.doc, x, flow.y, cw, h, THEME.color.panel);
    drawLines(flow.doc, lines, x + 6, flow.y + 5);
  });
  flow.y += h;
}
