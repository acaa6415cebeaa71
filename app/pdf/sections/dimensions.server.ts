/// <reference types="pdfkit" />
/**
 * Dimensions in detail: per dimension its statistics, callouts, anchors and every rating with its
 * evidence. A dimension starts only where its heading, description, anchors and first rating fit.
 */
import type { DimensionModel } from "../../domain/packet/model";

import { type Flow, S, THEME, fillRect, paragraph, withColor } from "../layout.server";
import { layoutSpans, linesHeight } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import type { Span } from "../text/style.server";
import { heading, panel, ratingBlock, ratingBlockLead, sp } from "./blocks.server";

export function drawDimensions(
  flow: Flow,
  dims: readonly DimensionModel[],
  outline: PDFKit.PDFOutline,
  sectionTitle: string,
): void {
  dims.forEach((d, i) => {
    if (i > 0) flow.gap(18);
    flow.tags.group("Sect", {}, () => {
      heading(flow, d.name, 2, {
        after: 2,
        bookmarkUnder: outline,
        bearing: { section: sectionTitle, detail: d.name },
      });
      const first = d.ratings[0];
      // heading + stats + description + callouts + anchors + the first rating's lead stay together
      flow.ensureSpace(
        Math.min(
          leadHeight(flow, d) + (first ? ratingBlockLead(flow, ratingHead(first), first.evidence) : 20),
          flow.pageHeight - 40,
        ),
      );
      paragraph(flow, d.statsLine, S.smallMuted, { after: 3 });
      if (d.description) paragraph(flow, d.description, S.small, { after: 6 });
      for (const c of d.callouts) {
        panel(flow, [{ spans: [sp(c, withColor(S.smallBold, THEME.color.mark))] }], { bar: THEME.color.mark, pad: 4 });
        flow.gap(3);
      }
      anchorsGrid(flow, d.anchors);
      flow.gap(8);
      if (d.ratings.length === 0) {
        paragraph(flow, d.empty, S.muted);
        return;
      }
      flow.tags.group("L", {}, () => {
        for (const r of d.ratings) {
          ratingBlock(
            flow,
            r.score,
            r.score === null ? (r.scoreLabel === "Not assessed" ? "N/A" : "–") : String(r.score),
            ratingHead(r),
            r.evidence,
            r.outlier,
          );
        }
      });
    });
  });
}

function ratingHead(r: DimensionModel["ratings"][number]): Span[] {
  return [
    sp(r.panelistName, S.bodyBold),
    sp(`  ${r.exerciseTitle} · ${r.scoreLabel}`, S.smallMuted),
    ...r.marks.map((m) => sp(`  ▲ ${m}`, S.mark)),
  ];
}

/** Height of everything between a dimension's heading and its first rating. */
function leadHeight(flow: Flow, d: DimensionModel): number {
  const w = flow.width;
  let h = linesHeight(layoutSpans([sp(d.statsLine, S.smallMuted)], w, { leading: THEME.leading })) + 3;
  if (d.description) h += linesHeight(layoutSpans([sp(d.description, S.small)], w, { leading: THEME.leading })) + 6;
  for (const c of d.callouts)
    h += linesHeight(layoutSpans([sp(c, S.smallBold)], w - 11, { leading: THEME.leading })) + 8 + 3;
  h += anchorsHeight(flow, d.anchors) + 8;
  return h;
}

function anchorLines(flow: Flow, anchors: readonly { label: string; value: string }[]) {
  const gapX = 6;
  const n = anchors.length;
  const cw = (flow.width - gapX * (n - 1)) / n;
  return {
    gapX,
    cw,
    laid: anchors.map((a) =>
      layoutSpans([sp(a.label, S.tinyBold), sp(`\n${a.value}`, withColor(S.tiny, THEME.color.text))], cw - 12, {
        leading: 1.3,
      }),
    ),
  };
}

function anchorsHeight(flow: Flow, anchors: readonly { label: string; value: string }[]): number {
  if (anchors.length === 0) return 0;
  return Math.max(...anchorLines(flow, anchors).laid.map(linesHeight)) + 10;
}

/** The rubric's anchors side by side: a list, one item per band (its label, then what it looks like). */
function anchorsGrid(flow: Flow, anchors: readonly { label: string; value: string }[]): void {
  if (anchors.length === 0) return;
  const { gapX, cw, laid } = anchorLines(flow, anchors);
  const h = Math.max(...laid.map(linesHeight)) + 10;
  flow.ensureSpace(h);
  flow.tags.group("L", {}, () =>
    laid.forEach((lines, i) => {
      const x = flow.left + i * (cw + gapX);
      fillRect(flow.doc, x, flow.y, cw, h, THEME.color.panel);
      flow.tags.group("LI", {}, () =>
        flow.tags.leafOf("LBody", {}, () => drawLines(flow.doc, lines, x + 6, flow.y + 5)),
      );
    }),
  );
  flow.y += h;
}
