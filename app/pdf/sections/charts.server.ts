/// <reference types="pdfkit" />
/**
 * Scores at a glance: the heatmap (panelists × dimensions) with its legend, and the dimension means
 * with their ranges. Each chart is one Figure whose alternative text states its data (from the model).
 */
import type { ChartsModel } from "../../domain/packet/model";

import {
  type Flow,
  S,
  THEME,
  centeredText,
  diamond,
  fillRect,
  paragraph,
  st,
  strokeRect,
  withColor,
  withSize,
} from "../layout.server";
import { artifact } from "../tags.server";
import { layoutSpans, linesHeight, measureText } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import { sp, sub } from "./blocks.server";

export function drawCharts(flow: Flow, charts: ChartsModel): void {
  const { doc } = flow;
  paragraph(
    flow,
    "Each cell is one panelist's rating of one dimension (the number is printed, so the chart reads in greyscale). " +
      "A heavy outline marks an outlier (2+ points from the dimension's median); a diamond marks a dimension the panel disagrees on.",
    S.smallMuted,
    { after: 8 },
  );

  // ---- heatmap
  const hm = charts.heatmap;
  const labelW = 116;
  const nCols = Math.max(1, hm.columns.length);
  const colW = (flow.width - labelW) / nCols;
  // Column labels wrap between words only: one type size for every column, shrunk (down to 5.5 pt)
  // until the longest word fits its column.
  const textW = colW - 4;
  let longestWord = 0;
  for (const c of hm.columns)
    for (const w of c.name.split(/[\s/]+/)) longestWord = Math.max(longestWord, measureText(w, S.tinyBold));
  const headSize = Math.max(5.5, Math.min(S.tinyBold.size, (S.tinyBold.size * textW) / Math.max(1, longestWord)));
  const headStyle = withSize(S.tinyBold, Math.floor(headSize * 4) / 4);
  const headerLines = hm.columns.map((c) => layoutSpans([sp(c.name, headStyle)], textW, { leading: 1.2, maxLines: 3 }));
  const markH = hm.columns.some((c) => c.disagreement) ? 9 : 0;
  const headerH = Math.max(...headerLines.map(linesHeight), 10) + 6 + markH;
  const rowH = 24;
  const totalH = headerH + rowH * hm.rows.length;
  flow.ensureSpace(Math.min(totalH, flow.bottom - flow.top));
  flow.tags.figure(charts.heatmapAlt, () => heatmapBody());
  function heatmapBody(): void {
    const drawHeader = (): void => {
      hm.columns.forEach((c, i) => {
        const x = flow.left + labelW + i * colW;
        const lines = headerLines[i] ?? [];
        drawLines(doc, lines, x + 2, flow.y + headerH - 3 - linesHeight(lines), { width: textW, align: "center" });
        if (c.disagreement) diamond(doc, x + colW / 2, flow.y + 4, 3.2, THEME.color.mark);
      });
      flow.y += headerH;
    };
    drawHeader();
    flow.withBreakHook(drawHeader, () => {
      for (const row of hm.rows) {
        flow.ensureSpace(rowH);
        const y = flow.y;
        const nameStyle = row.counted ? S.smallBold : withColor(S.smallBold, THEME.color.faint);
        drawLines(
          doc,
          layoutSpans([sp(row.panelistName, nameStyle)], labelW - 8, { leading: 1.2, maxLines: 1 }),
          flow.left,
          y + 2,
        );
        drawLines(
          doc,
          layoutSpans([sp(row.sublabel, S.tiny)], labelW - 8, { leading: 1.2, maxLines: 1 }),
          flow.left,
          y + 12.5,
        );
        row.cells.forEach((cell, i) => {
          const x = flow.left + labelW + i * colW + 1;
          const w = colW - 2;
          const h = rowH - 2;
          if (cell.state === "scored" && cell.score !== null) {
            fillRect(doc, x, y + 1, w, h, THEME.color.scale[cell.score]);
            centeredText(doc, String(cell.score), st("bold", 10, THEME.color.scaleInk[cell.score]), x, y + 1, w, h);
            if (cell.outlier) strokeRect(doc, x + 1.2, y + 2.2, w - 2.4, h - 2.4, THEME.color.text, 2.2);
          } else if (cell.state === "not_assessed") {
            fillRect(doc, x, y + 1, w, h, THEME.color.notAssessed);
            hatch(doc, x, y + 1, w, h);
            centeredText(doc, "N/A", withColor(S.tinyBold, THEME.color.muted), x, y + 1, w, h);
          } else {
            strokeRect(doc, x + 0.3, y + 1.3, w - 0.6, h - 0.6, THEME.color.hairline, 0.6);
            centeredText(doc, "–", withColor(S.small, THEME.color.faint), x, y + 1, w, h);
          }
        });
        flow.y += rowH;
      }
    });
    // legend
    flow.gap(8);
    legend(flow, charts);
  }

  // ---- bars
  sub(flow, "Dimension means with the range of ratings");
  const barLabelW = 132;
  const valueW = 150;
  const px0 = flow.left + barLabelW;
  const px1 = flow.right - valueW;
  const sx = (v: number): number => px0 + ((v - 1) / 3) * (px1 - px0);
  const barRowH = 26;
  const axisH = 14;
  flow.ensureSpace(axisH + barRowH * Math.min(4, charts.bars.length));
  flow.tags.figure(charts.barsAlt, () => barsBody());
  function barsBody(): void {
    // axis
    const axisTop = flow.y;
    for (const v of [1, 2, 3, 4]) {
      const label = v === charts.barScore ? `${v} bar` : String(v);
      const lines = layoutSpans([sp(label, v === charts.barScore ? S.tinyBold : S.tiny)], 40, { leading: 1.2 });
      drawLines(doc, lines, sx(v) - (lines[0]?.width ?? 0) / 2, axisTop);
    }
    flow.y += axisH;
    for (const b of charts.bars) {
      flow.ensureSpace(barRowH);
      const y = flow.y;
      drawLines(
        doc,
        layoutSpans([sp(b.label, S.small)], barLabelW - 10, { leading: 1.2, maxLines: 2 }),
        flow.left,
        y + 4,
      );
      // grid
      for (const v of [1, 2, 3, 4]) {
        doc
          .save()
          .moveTo(sx(v), y)
          .lineTo(sx(v), y + barRowH)
          .lineWidth(v === charts.barScore ? 0.9 : 0.4);
        if (v === charts.barScore) doc.dash(2, { space: 2 }).strokeColor(THEME.color.accent);
        else doc.strokeColor(THEME.color.hairline);
        doc.stroke().undash().restore();
      }
      const cy = y + barRowH / 2;
      if (b.mean !== null) {
        fillRect(doc, px0, cy - 5, Math.max(2, sx(b.mean) - px0), 10, THEME.color.bar);
        if (b.min !== null && b.max !== null) {
          doc.save().lineWidth(1).strokeColor(THEME.color.text);
          doc.moveTo(sx(b.min), cy).lineTo(sx(b.max), cy).stroke();
          doc
            .moveTo(sx(b.min), cy - 4)
            .lineTo(sx(b.min), cy + 4)
            .stroke();
          doc
            .moveTo(sx(b.max), cy - 4)
            .lineTo(sx(b.max), cy + 4)
            .stroke();
          doc.restore();
        }
        if (b.calibratedMean !== null) {
          const cx = sx(b.calibratedMean);
          doc
            .save()
            .moveTo(cx, cy - 8)
            .lineTo(cx + 3, cy - 12)
            .lineTo(cx - 3, cy - 12)
            .closePath()
            .fill(THEME.color.accent)
            .restore();
        }
      }
      const valueLines = layoutSpans(
        [
          sp(b.meanLabel, S.smallBold),
          sp(b.belowBar ? "  below bar" : "", S.mark),
          sp(b.disagreement ? (b.belowBar ? " · disagreement" : "  disagreement") : "", S.mark),
          sp(`\n${b.detail}`, S.tiny),
        ],
        valueW - 6,
        { leading: 1.2, maxLines: 2 },
      );
      drawLines(doc, valueLines, px1 + 6, y + 3);
      flow.y += barRowH;
    }
  }
  flow.gap(6);
  paragraph(
    flow,
    [
      sp("Bar", S.tinyBold),
      sp(" = mean rating; ", S.tiny),
      sp("whisker", S.tinyBold),
      sp(" = lowest to highest rating; ", S.tiny),
      sp("triangle", S.tinyBold),
      sp(" = calibrated mean; dashed line = the bar (3, Meets bar).", S.tiny),
    ],
    S.tiny,
  );
}

function hatch(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number): void {
  artifact(doc, () => {
    doc.save().rect(x, y, w, h).clip().lineWidth(0.4).strokeColor("#c9ced4");
    for (let d = -h; d < w; d += 5) doc.moveTo(x + d, y + h).lineTo(x + d + h, y);
    doc.stroke().restore();
  });
}

function legend(flow: Flow, charts: ChartsModel): void {
  const { doc } = flow;
  const items: { draw: (x: number, y: number) => void; label: string }[] = [
    ...charts.scale.map((s) => ({
      draw: (x: number, y: number) => {
        fillRect(doc, x, y, 14, 10, THEME.color.scale[s.score]);
        centeredText(doc, String(s.score), st("bold", 7, THEME.color.scaleInk[s.score]), x, y, 14, 10);
      },
      label: s.label,
    })),
    {
      draw: (x, y) => {
        fillRect(doc, x, y, 14, 10, THEME.color.notAssessed);
        hatch(doc, x, y, 14, 10);
      },
      label: "Not assessed",
    },
    { draw: (x, y) => strokeRect(doc, x + 1, y + 1, 12, 8, THEME.color.text, 2), label: "Outlier" },
    { draw: (x, y) => diamond(doc, x + 7, y + 5, 3.5, THEME.color.mark), label: "Disagreement" },
  ];
  // "No counted rating" (not rated in that interview, or a draft or recused scorecard) only when it occurs.
  if (charts.heatmap.rows.some((r) => r.cells.some((c) => c.state === "not_rated"))) {
    items.push({
      draw: (x, y) => centeredText(doc, "–", withColor(S.small, THEME.color.faint), x, y, 14, 10),
      label: "No counted rating",
    });
  }
  flow.ensureSpace(30);
  let x = flow.left;
  let y = flow.y;
  for (const it of items) {
    const lines = layoutSpans([sp(it.label, withSize(S.tiny, 6.5))], 120, { leading: 1.2 });
    const w = 17 + (lines[0]?.width ?? 0) + 6;
    // the gap after an item does not need to fit
    if (x + w - 6 > flow.right) {
      x = flow.left;
      y += 14;
    }
    it.draw(x, y);
    drawLines(doc, lines, x + 17, y + 0.5);
    x += w;
  }
  flow.y = y + 16;
}
