/**
 * The hiring packet PDF: `renderPacket(aggregate, facts, rubric)` -> Buffer.
 *
 * Pipeline: buildPacketModel (pure, app/domain/packet/model.ts) -> one draw function per section
 * -> page header/footer after layout (bufferPages) -> outline, metadata. Deterministic: fonts are
 * subset without random tags, CreationDate/ModDate come from the data (never the clock), so
 * identical input gives a byte-identical PDF; the fingerprint (SHA-256 of the canonical input
 * JSON) is printed on every page.
 *
 * Server-only: imports pdfkit (kept external by the Remix compiler) and node:crypto.
 */
import { createHash } from "node:crypto";

import PDFDocument from "pdfkit";

import type { LoopAggregate, LoopFacts } from "../domain/review/types";
import {
  buildPacketModel,
  type ChartsModel,
  type DimensionModel,
  type ExerciseModel,
  type Highlight,
  type PacketModel,
  type PacketOptions,
  type ScorecardModel,
} from "../domain/packet/model";
import type { Recommendation } from "../domain/vocabulary";
import type { RubricContent } from "../domain/rubric/model";
import {
  type Cell,
  Flow,
  S,
  THEME,
  bookmark,
  centeredText,
  compressPageContents,
  decoratePages,
  diamond,
  drawFlowingLines,
  fillRect,
  mm,
  paragraph,
  rule,
  scoreChip,
  st,
  strokeRect,
  table,
  withColor,
  withSize,
} from "./layout.server";
import { collectPageContents } from "./page-sink.server";
import {
  type Span,
  type TextStyle,
  drawLines,
  layoutSpans,
  linesHeight,
  measureText,
  withParagraphCache,
} from "./text.server";

// ------------------------------------------------------------------ fingerprint

/** Where canonical JSON goes: an array of pieces, or a hash fed in chunks. */
interface Sink {
  push(...pieces: string[]): void;
}

/** Feeds a hash in ~32K-character chunks: no array of pieces and no megabyte-long joined string. */
class HashSink implements Sink {
  private acc = "";
  constructor(private readonly hash: ReturnType<typeof createHash>) {}
  push(...pieces: string[]): void {
    for (const p of pieces) this.acc += p;
    if (this.acc.length > 32_768) this.flush();
  }
  flush(): void {
    if (this.acc) this.hash.update(this.acc, "utf8");
    this.acc = "";
  }
}

function writeCanonical(value: unknown, out: Sink): void {
  if (value === null || value === undefined) {
    out.push("null");
  } else if (typeof value !== "object") {
    out.push(JSON.stringify(value) ?? "null");
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      writeCanonical(value[i], out);
    }
    out.push("]");
  } else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    out.push("{");
    let first = true;
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(k), ":");
      writeCanonical(v, out);
    }
    out.push("}");
  }
}

/**
 * SHA-256 (hex) of the canonical JSON of everything the packet is rendered from. Printed on every
 * page, so two printouts can be compared, and identical input gives an identical PDF.
 */
export function packetFingerprint(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions = {},
): string {
  // Options are part of the input only when set, so the common fingerprint stays stable.
  const opts = options.calibrationWithheld ? { calibrationWithheld: true } : undefined;
  // The same bytes as hashing canonicalJson(...) in one piece, fed in chunks.
  const hash = createHash("sha256");
  const sink = new HashSink(hash);
  writeCanonical({ packet: 1, aggregate, facts, rubric, options: opts }, sink);
  sink.flush();
  return hash.digest("hex");
}

// ------------------------------------------------------------------ entry point

/**
 * Render the hiring packet. Synchronous work, returned as a Promise because pdfkit streams.
 *
 * @example
 * const pdf = await renderPacket(aggregateLoop(input, calibration), facts, rubric);
 * return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf" } });
 */
export function renderPacket(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions = {},
): Promise<Buffer> {
  const model = buildPacketModel(aggregate, facts, rubric, options);
  const fingerprint = packetFingerprint(aggregate, facts, rubric, options);
  return renderPacketModel(model, fingerprint);
}

/** Render an already-built model (tests, bench). */
export async function renderPacketModel(model: PacketModel, fingerprint: string): Promise<Buffer> {
  const date = new Date(model.meta.generatedAt);
  const doc = new PDFDocument({
    size: THEME.page.size,
    margins: THEME.page.margin,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica (Latin-1 only) for nothing.
    font: null as unknown as string,
    info: {
      Title: model.meta.title,
      Author: model.meta.author,
      Subject: model.meta.subject,
      Keywords: model.meta.keywords,
      Creator: "ArchPanel",
      Producer: "ArchPanel (PDFKit)",
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  collectPageContents(doc);
  withParagraphCache(() => {
    const flow = new Flow(doc);
    const t = model.sectionTitles;
    drawCover(flow, model, fingerprint);
    section(flow, t.summary, () => drawSummary(flow, model));
    section(flow, t.charts, () => drawCharts(flow, model.charts));
    section(flow, t.agenda, () => drawAgenda(flow, model));
    section(flow, t.dimensions, (outline) => drawDimensions(flow, model.dimensions, outline));
    section(flow, t.flags, () => drawFlags(flow, model));
    section(flow, t.exercises, (outline) => drawExercises(flow, model.exercises, outline));
    section(flow, t.scorecards, (outline) => drawScorecards(flow, model.scorecards, outline));
    section(flow, t.decision, () => drawDecision(flow, model));
    section(flow, t.appendix, () => drawAppendix(flow, model, fingerprint));
    decoratePages(doc, model.header.candidateName, model.header.confidential, fingerprint);
  });
  compressPageContents(doc);
  doc.end();
  return done;
}

// ------------------------------------------------------------------ shared pieces

/** A major section: new page, H1, bookmark. */
function section(flow: Flow, title: string, body: (outline: PDFKit.PDFOutline) => void): void {
  flow.newPage();
  const outline = bookmark(flow, title);
  heading(flow, title, S.h1, 10);
  body(outline);
}

function heading(flow: Flow, text: string, style: TextStyle, after: number, keepWith = 40): void {
  const lines = layoutSpans([{ text, style }], flow.width, { leading: 1.25 });
  flow.ensureSpace(linesHeight(lines) + keepWith);
  drawLines(flow.doc, lines, flow.left, flow.y);
  flow.y += linesHeight(lines);
  if (style === S.h1) {
    flow.y += 2;
    rule(flow, THEME.color.accent, 0.8);
  }
  flow.y += after;
}

function sub(flow: Flow, text: string): void {
  flow.gap(THEME.space.section);
  heading(flow, text, S.h3, 4, 36);
}

function sp(text: string, style: TextStyle): Span {
  return { text, style };
}

/** A box (background and optional left bar) around pre-laid-out text; flows unboxed if too tall. */
function panel(
  flow: Flow,
  blocks: { spans: readonly Span[]; after?: number }[],
  opts: { bg?: string; bar?: string; border?: string; pad?: number; indent?: number } = {},
): void {
  const pad = opts.pad ?? 8;
  const indent = opts.indent ?? 0;
  const innerW = flow.width - indent - 2 * pad - (opts.bar ? 3 : 0);
  const laid = blocks.map((b) => ({
    lines: layoutSpans(b.spans, innerW, { leading: THEME.leading }),
    after: b.after ?? 3,
  }));
  const h = laid.reduce((a, b, i) => a + linesHeight(b.lines) + (i < laid.length - 1 ? b.after : 0), 0) + 2 * pad;
  const x = flow.left + indent;
  const w = flow.width - indent;
  if (h > flow.bottom - flow.top - 20) {
    for (const b of laid) {
      drawFlowingLines(flow, b.lines, x + pad, innerW);
      flow.gap(b.after);
    }
    return;
  }
  flow.ensureSpace(h);
  if (opts.bg) fillRect(flow.doc, x, flow.y, w, h, opts.bg);
  if (opts.border) strokeRect(flow.doc, x, flow.y, w, h, opts.border, 1.2);
  if (opts.bar) fillRect(flow.doc, x, flow.y, 3, h, opts.bar);
  let y = flow.y + pad;
  const tx = x + pad + (opts.bar ? 3 : 0);
  laid.forEach((b, i) => {
    drawLines(flow.doc, b.lines, tx, y, { width: innerW });
    y += linesHeight(b.lines) + (i < laid.length - 1 ? b.after : 0);
  });
  flow.y += h;
}

/** "label  value" rows with hairlines, label in a fixed column. */
function keyValues(
  flow: Flow,
  rows: { label: string; value: string }[],
  labelW = 110,
  valueStyle: TextStyle = S.body,
): void {
  for (const r of rows) {
    const labelLines = layoutSpans([sp(r.label, S.smallMuted)], labelW - 8, { leading: 1.35 });
    const valueLines = layoutSpans([sp(r.value, valueStyle)], flow.width - labelW, { leading: 1.35 });
    const h = Math.max(linesHeight(labelLines), linesHeight(valueLines)) + 8;
    flow.ensureSpace(h);
    const y = flow.y + 4;
    drawLines(flow.doc, labelLines, flow.left, y + (valueStyle.size - S.smallMuted.size) * 0.6);
    drawLines(flow.doc, valueLines, flow.left + labelW, y);
    flow.y += h;
    rule(flow, THEME.color.hairline, 0.4);
  }
}

function recommendationScore(r: Recommendation): 1 | 2 | 3 | 4 {
  return r === "strong_no_hire" ? 1 : r === "no_hire" ? 2 : r === "hire" ? 3 : 4;
}

// ------------------------------------------------------------------ 1 cover

function drawCover(flow: Flow, model: PacketModel, fingerprint: string): void {
  const c = model.cover;
  bookmark(flow, model.sectionTitles.cover);
  flow.y = flow.top + mm(14);
  paragraph(flow, c.eyebrow.toUpperCase(), withColor(S.smallBold, THEME.color.accent), { after: 6 });
  paragraph(flow, c.candidateName, S.title, { leading: 1.2, after: 2 });
  if (c.candidateLine) paragraph(flow, c.candidateLine, withSize(S.muted, 11), { after: 4 });
  paragraph(flow, c.roleTitle, withColor(st("regular", 14, THEME.color.accent), THEME.color.accent), { after: 18 });

  if (c.draft) {
    panel(
      flow,
      [
        { spans: [sp(c.draft.title, st("bold", 20, THEME.color.alert))], after: 6 },
        ...c.draft.lines.map((l) => ({ spans: [sp(l, withColor(S.body, THEME.color.text))], after: 3 })),
      ],
      { bg: THEME.color.alertBg, border: THEME.color.alert, pad: 12 },
    );
    flow.gap(18);
  }

  keyValues(flow, c.facts, 120, withSize(S.body, 10));
  flow.gap(22);
  panel(flow, [{ spans: [sp(c.confidentiality, withColor(S.small, THEME.color.text))] }], {
    bg: THEME.color.panel,
    bar: THEME.color.alert,
    pad: 10,
  });
  flow.gap(14);
  paragraph(
    flow,
    "Fingerprint: SHA-256 of the data this packet was rendered from (also in the footer of every page)",
    S.tiny,
    { after: 2 },
  );
  paragraph(flow, fingerprint, withColor(S.small, THEME.color.text));
}

// ------------------------------------------------------------------ 2 executive summary

function drawSummary(flow: Flow, model: PacketModel): void {
  const s = model.summary;
  const { doc } = flow;
  // stat cards
  const cards: { label: string; value: string; note: string; valueSize: number }[] = [
    ...s.composite.map((c) => ({ label: c.label, value: c.value, note: c.note, valueSize: THEME.size.stat })),
    { label: "Panel", value: s.consensusLabel, note: `${s.recommendationTotal} recommendations`, valueSize: 12 },
    {
      label: "Coverage",
      value: s.coverageLabel.split(" scorecards")[0] ?? "",
      note: s.coverageLabel,
      valueSize: THEME.size.stat,
    },
  ];
  const gapX = 8;
  const cw = (flow.width - gapX * (cards.length - 1)) / cards.length;
  const laid = cards.map((c) => ({
    label: layoutSpans([sp(c.label, withColor(S.tinyBold, THEME.color.muted))], cw - 16, { leading: 1.3, maxLines: 1 }),
    value: layoutSpans([sp(c.value, st("bold", c.valueSize, THEME.color.text))], cw - 16, {
      leading: 1.15,
      maxLines: 2,
    }),
    note: layoutSpans([sp(c.note, S.tiny)], cw - 16, { leading: 1.3, maxLines: 3 }),
  }));
  const ch = Math.max(...laid.map((l) => linesHeight(l.label) + linesHeight(l.value) + linesHeight(l.note))) + 18;
  flow.ensureSpace(ch);
  laid.forEach((l, i) => {
    const x = flow.left + i * (cw + gapX);
    fillRect(doc, x, flow.y, cw, ch, THEME.color.panel);
    let y = flow.y + 7;
    drawLines(doc, l.label, x + 8, y);
    y += linesHeight(l.label) + 1;
    drawLines(doc, l.value, x + 8, y);
    y += linesHeight(l.value) + 2;
    drawLines(doc, l.note, x + 8, y);
  });
  flow.y += ch;

  // recommendations
  sub(flow, "Recommendations");
  const labelW = 90;
  const barMax = flow.width - labelW - 60;
  const total = Math.max(1, s.recommendationTotal);
  for (const r of s.recommendations) {
    const h = 16;
    flow.ensureSpace(h);
    const y = flow.y;
    drawLines(doc, layoutSpans([sp(r.label, S.small)], labelW, { leading: 1.3 }), flow.left, y + 2);
    const w = (barMax * r.count) / total;
    fillRect(doc, flow.left + labelW, y + 3, barMax, 10, THEME.color.hairline);
    if (r.count > 0)
      fillRect(doc, flow.left + labelW, y + 3, Math.max(2, w), 10, THEME.color.scale[recommendationScore(r.key)]);
    drawLines(
      doc,
      layoutSpans([sp(String(r.count), S.smallBold)], 50, { leading: 1.3 }),
      flow.left + labelW + barMax + 8,
      y + 2,
    );
    flow.y += h;
  }

  // dealbreakers
  sub(flow, "Dealbreakers");
  if (s.dealbreakers.length === 0) paragraph(flow, "None raised.", S.muted);
  for (const d of s.dealbreakers) {
    paragraph(flow, [sp(d.label, S.alert), sp(` — raised by ${d.raisedBy}`, S.body)], S.body, { after: 2 });
  }

  sub(flow, "Strongest dimensions");
  for (const h of s.strongest) highlight(flow, h);
  sub(flow, "Weakest dimensions");
  for (const h of s.weakest) highlight(flow, h);
}

function highlight(flow: Flow, h: Highlight): void {
  const indent = 34;
  const head = layoutSpans([sp(h.dimensionName, S.bodyBold)], flow.width - indent, { leading: 1.35 });
  const quote = h.quote
    ? layoutSpans([sp(`“${h.quote}”`, S.bodyItalic)], flow.width - indent, { leading: THEME.leading })
    : [];
  const by = h.quoteBy ? layoutSpans([sp(`— ${h.quoteBy}`, S.smallMuted)], flow.width - indent, { leading: 1.35 }) : [];
  flow.ensureSpace(linesHeight(head) + linesHeight(quote) + linesHeight(by) + 6);
  scoreChip(flow.doc, flow.left, flow.y + 1, h.mean, h.meanLabel, 26, 13);
  drawLines(flow.doc, head, flow.left + indent, flow.y);
  flow.y += linesHeight(head);
  drawFlowingLines(flow, quote, flow.left + indent, flow.width - indent);
  drawFlowingLines(flow, by, flow.left + indent, flow.width - indent);
  flow.gap(6);
}

// ------------------------------------------------------------------ 3 charts

function drawCharts(flow: Flow, charts: ChartsModel): void {
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
    for (const w of c.label.split(/[\s/]+/)) longestWord = Math.max(longestWord, measureText(w, S.tinyBold));
  const headSize = Math.max(5.5, Math.min(S.tinyBold.size, (S.tinyBold.size * textW) / Math.max(1, longestWord)));
  const headStyle = withSize(S.tinyBold, Math.floor(headSize * 4) / 4);
  const headerLines = hm.columns.map((c) =>
    layoutSpans([sp(c.label, headStyle)], textW, { leading: 1.2, maxLines: 3 }),
  );
  const markH = hm.columns.some((c) => c.disagreement) ? 9 : 0;
  const headerH = Math.max(...headerLines.map(linesHeight), 10) + 6 + markH;
  const rowH = 24;
  const totalH = headerH + rowH * hm.rows.length;
  flow.ensureSpace(Math.min(totalH, flow.bottom - flow.top));
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
        layoutSpans([sp(row.label, nameStyle)], labelW - 8, { leading: 1.2, maxLines: 1 }),
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
        if (cell.state === "rated" && cell.score !== null) {
          fillRect(doc, x, y + 1, w, h, THEME.color.scale[cell.score]);
          centeredText(doc, cell.label, st("bold", 10, THEME.color.scaleInk[cell.score]), x, y + 1, w, h);
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
  // axis
  const axisTop = flow.y;
  for (const v of [1, 2, 3, 4]) {
    const label = v === charts.barScore ? `${v} bar` : String(v);
    const lines = layoutSpans([sp(label, v === charts.barScore ? S.tinyBold : S.tiny)], 40, { leading: 1.2 });
    drawLines(doc, lines, sx(v) - (lines[0]?.width ?? 0) / 2, axisTop);
  }
  flow.y += axisH;
  const plotTop = flow.y;
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
  void plotTop;
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
  doc.save().rect(x, y, w, h).clip().lineWidth(0.4).strokeColor("#c9ced4");
  for (let d = -h; d < w; d += 5) doc.moveTo(x + d, y + h).lineTo(x + d + h, y);
  doc.stroke().restore();
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
  // "Not rated" (a panelist whose scorecard has no rating for the dimension) only when it occurs.
  if (charts.heatmap.rows.some((r) => r.cells.some((c) => c.state === "none"))) {
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

// ------------------------------------------------------------------ 4 agenda

function drawAgenda(flow: Flow, model: PacketModel): void {
  const a = model.agenda;
  if (a.items.length === 0) {
    paragraph(flow, a.empty, S.muted);
    return;
  }
  paragraph(flow, "What the debrief must cover, most important first.", S.smallMuted, { after: 6 });
  const rows: Cell[][] = a.items.map((it) => [
    it.number,
    [
      sp(
        it.kindLabel,
        it.kind === "dealbreaker" || it.kind === "override"
          ? withColor(S.smallBold, THEME.color.alert)
          : withColor(S.smallBold, THEME.color.muted),
      ),
    ],
    [sp(it.title, S.smallBold), sp(`\n${it.detail}`, S.small)],
  ]);
  table(flow, [{ header: "#", width: 22, align: "right" }, { header: "Topic", width: 86 }, { header: "Item" }], rows, {
    padY: 4,
  });
}

// ------------------------------------------------------------------ 5 dimensions

function drawDimensions(flow: Flow, dims: readonly DimensionModel[], outline: PDFKit.PDFOutline): void {
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

/** A chip, a heading line, then the evidence flowing across pages (indented). */
function ratingBlock(
  flow: Flow,
  score: number | null,
  chip: string,
  head: Span[],
  evidence: string,
  outlier: boolean,
): void {
  const indent = 24;
  const width = flow.width - indent;
  const headLines = layoutSpans(head, width, { leading: 1.35 });
  const evLines = layoutSpans([sp(evidence, S.body)], width, { leading: THEME.leading });
  flow.gap(7);
  flow.ensureSpace(linesHeight(headLines) + linesHeight(evLines.slice(0, 3)) + 2);
  scoreChip(flow.doc, flow.left, flow.y + 1, score, chip, 17, 12);
  if (outlier) strokeRect(flow.doc, flow.left - 1.5, flow.y - 0.5, 20, 15, THEME.color.text, 1.4);
  drawLines(flow.doc, headLines, flow.left + indent, flow.y);
  flow.y += linesHeight(headLines) + 1;
  drawFlowingLines(flow, evLines, flow.left + indent, width, undefined, 2);
}

// ------------------------------------------------------------------ 6 flags and signals

function drawFlags(flow: Flow, model: PacketModel): void {
  const f = model.flags;
  heading(flow, "Red flags", S.h3, 4);
  if (f.redFlags.length === 0) paragraph(flow, f.noRedFlags, S.muted);
  for (const flag of f.redFlags) {
    flow.gap(6);
    const sev =
      flag.severity === "dealbreaker"
        ? withColor(S.smallBold, THEME.color.alert)
        : withColor(S.smallBold, THEME.color.muted);
    paragraph(
      flow,
      [
        sp(flag.label, S.bodyBold),
        sp(`  ${flag.severityLabel}`, sev),
        sp(`  · raised by ${flag.raisedBy.length}`, S.smallMuted),
      ],
      S.body,
      {
        after: 2,
      },
    );
    for (const r of flag.raisedBy) {
      paragraph(
        flow,
        [sp(`${r.name}: `, S.smallBold), sp(r.note || "(no note)", r.note ? S.small : S.smallMuted)],
        S.small,
        { indent: 14, after: 2 },
      );
    }
  }
  const signalTable = (title: string, rows: typeof f.strongSignals): void => {
    sub(flow, title);
    if (rows.length === 0) {
      paragraph(flow, "None noted.", S.muted);
      return;
    }
    table(
      flow,
      [{ header: "Signal" }, { header: "Count", width: 44, align: "right" }, { header: "Noted by", width: 230 }],
      rows.map((r) => [r.label, String(r.count), r.names]),
    );
  };
  signalTable("Strong signals", f.strongSignals);
  signalTable("Weak signals", f.weakSignals);
}

// ------------------------------------------------------------------ 7 exercises

function drawExercises(flow: Flow, exercises: readonly ExerciseModel[], outline: PDFKit.PDFOutline): void {
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
    table(
      flow,
      [{ header: `Focus point (${e.focusSummary})` }, { header: "Covered by", width: 230 }],
      e.focusPoints.map((fp) => [fp.label, [sp(fp.coveredBy, fp.covered ? S.small : S.mark)]]),
    );
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

// ------------------------------------------------------------------ 8 scorecards

function drawScorecards(flow: Flow, cards: readonly ScorecardModel[], outline: PDFKit.PDFOutline): void {
  cards.forEach((c, i) => {
    if (i > 0) flow.newPage();
    bookmark(flow, `${c.panelistName} — ${c.exerciseTitle}`, outline);
    heading(flow, c.panelistName, S.h2, 1, 80);
    paragraph(
      flow,
      [
        sp(c.exerciseTitle, S.small),
        sp(`  ·  ${c.statusLabel}`, c.counted ? S.smallMuted : withColor(S.smallBold, THEME.color.mark)),
      ],
      S.small,
      {
        after: 6,
      },
    );
    if (c.amended) {
      panel(
        flow,
        [
          {
            spans: [
              sp(`${c.amended.label}. `, withColor(S.smallBold, THEME.color.mark)),
              sp(`Reason: ${c.amended.reason}`, S.small),
            ],
          },
        ],
        {
          bar: THEME.color.mark,
          pad: 5,
        },
      );
      flow.gap(6);
    }
    if (c.conflictNote) {
      panel(flow, [{ spans: [sp("Conflict of interest: ", S.smallBold), sp(c.conflictNote, S.small)] }], {
        bg: THEME.color.panel,
        pad: 5,
      });
      flow.gap(6);
    }
    if (c.status === "recused") {
      paragraph(flow, "The panelist recused; the scorecard's content is withheld and does not count.", S.muted);
      return;
    }
    paragraph(flow, [sp("Recommendation: ", S.smallMuted), sp(c.recommendationLabel, S.bodyBold)], S.body, {
      after: 4,
    });
    if (c.summary) {
      heading(flow, "Summary", S.h3, 2, 30);
      paragraph(flow, c.summary, S.body, { after: 4 });
    }
    if (c.overrideJustification) {
      panel(flow, [{ spans: [sp("Override justification: ", S.smallBold), sp(c.overrideJustification, S.small)] }], {
        bar: THEME.color.alert,
        pad: 5,
      });
      flow.gap(4);
    }
    if (c.ratings.length > 0) {
      flow.gap(6);
      heading(flow, "Ratings", S.h3, 0, 40);
    }
    for (const r of c.ratings) {
      ratingBlock(
        flow,
        r.score,
        r.score === null ? (r.scoreLabel === "Not assessed" ? "N/A" : "–") : String(r.score),
        [sp(r.dimensionName, S.bodyBold), sp(`  ${r.scoreLabel}`, S.smallMuted)],
        r.evidence,
        false,
      );
    }
    if (c.redFlags.length > 0) {
      sub(flow, "Red flags");
      for (const f of c.redFlags) {
        paragraph(
          flow,
          [
            sp(f.label, S.smallBold),
            sp(
              `  ${f.severityLabel}`,
              f.severity === "dealbreaker" ? withColor(S.smallBold, THEME.color.alert) : S.smallMuted,
            ),
            sp(f.note ? `\n${f.note}` : "", S.small),
          ],
          S.small,
          { after: 3, indent: 0 },
        );
      }
    }
    if (c.signals.length > 0) {
      sub(flow, "Signals");
      paragraph(
        flow,
        c.signals.flatMap((s, k) => [
          sp(k > 0 ? "  ·  " : "", S.smallMuted),
          sp(s.label, S.small),
          sp(` (${s.kindLabel.toLowerCase()})`, S.smallMuted),
        ]),
        S.small,
      );
    }
  });
}

// ------------------------------------------------------------------ 9 decision

function drawDecision(flow: Flow, model: PacketModel): void {
  const d = model.decision;
  paragraph(flow, d.headline, st("bold", 22, d.decided ? THEME.color.text : THEME.color.muted), {
    after: 6,
    leading: 1.2,
  });
  keyValues(flow, d.lines, 110);
  flow.gap(8);
  heading(flow, "Rationale", S.h3, 3, 30);
  paragraph(flow, d.rationale, d.decided ? S.body : S.muted, { after: 4 });

  sub(flow, "Interviewer calibration");
  paragraph(flow, d.calibrationNote, S.smallMuted, { after: 6 });
  if (d.calibration.length === 0) {
    paragraph(flow, d.noCalibration, S.muted);
    return;
  }
  table(
    flow,
    [
      { header: "Interviewer" },
      { header: "Comparable ratings", width: 80, align: "right" },
      { header: "Raw offset", width: 70, align: "right" },
      { header: "Offset (shrunk)", width: 80, align: "right" },
      { header: "Tendency", width: 80 },
    ],
    d.calibration.map((c) => [[sp(c.panelistName, S.smallBold)], c.sampleSize, c.rawOffset, c.offset, c.tendency]),
    { zebra: true },
  );
}

// ------------------------------------------------------------------ 10 appendix

function drawAppendix(flow: Flow, model: PacketModel, fingerprint: string): void {
  const a = model.appendix;
  heading(flow, a.rubricTitle, S.h2, 3, 40);
  paragraph(flow, a.rubricSummary, S.small, { after: 6 });

  sub(flow, "Dimensions and anchors");
  table(
    flow,
    [{ header: "Dimension", width: 96 }, { header: "Below bar" }, { header: "Meets bar" }, { header: "Exceeds" }],
    a.dimensions.map((d) => [
      [sp(d.name, S.tinyBold), sp(`\nweight ${d.weightLabel}`, S.tiny)],
      ...d.anchors.map((x) => [sp(x.value, withColor(S.tiny, THEME.color.text))]),
    ]),
    { style: S.tiny },
  );

  sub(flow, "Exercises");
  table(
    flow,
    [{ header: "Exercise", width: 110 }, { header: "Dimensions assessed", width: 150 }, { header: "Focus points" }],
    a.exercises.map((e) => [[sp(e.title, S.tinyBold), sp(`\n${e.meta}`, S.tiny)], e.dimensions, e.focusPoints]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  sub(flow, "Red flags");
  table(
    flow,
    [{ header: "Flag", width: 150 }, { header: "Severity", width: 60 }, { header: "What it looks like" }],
    a.redFlags.map((f) => [
      [sp(f.label, S.tinyBold)],
      [sp(f.severityLabel, f.severity === "dealbreaker" ? withColor(S.tinyBold, THEME.color.alert) : S.tiny)],
      f.description,
    ]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  sub(flow, "Signals");
  table(
    flow,
    [{ header: "Signal" }, { header: "Kind", width: 60 }],
    a.signals.map((s) => [s.label, s.kindLabel]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  sub(flow, "Audit summary");
  paragraph(flow, a.auditSummary, S.small, { after: 6 });
  if (a.audit.length > 0) {
    table(
      flow,
      [
        { header: "When", width: 86 },
        { header: "Who and what", width: 112 },
        { header: "Concerning", width: 150 },
        { header: "Reason" },
      ],
      a.audit.map((e) => [
        e.at,
        [sp(e.actor, withColor(S.tinyBold, THEME.color.text)), sp(`\n${e.action}`, S.tiny)],
        e.entity,
        e.reason,
      ]),
      { style: withColor(S.tiny, THEME.color.text), zebra: true },
    );
  }

  sub(flow, "Fingerprint");
  paragraph(
    flow,
    "SHA-256 of the canonical JSON of the aggregate, loop facts and rubric version this packet was rendered from. " +
      "The same input always produces a byte-identical PDF; a different fingerprint means different data.",
    S.smallMuted,
    { after: 3 },
  );
  paragraph(flow, fingerprint, S.smallBold);
}
