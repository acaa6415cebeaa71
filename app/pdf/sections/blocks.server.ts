/**
 * Blocks the packet's sections share: headings, boxed panels, label/value rows and rating blocks.
 */
import { type Flow, S, THEME, drawFlowingLines, fillRect, rule, scoreChip, strokeRect } from "../layout.server";
import { layoutSpans, linesHeight } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import type { Span, TextStyle } from "../text/style.server";

/** A heading kept with `keepWith` points of what follows; an H1 gets an accent rule under it. */
export function heading(flow: Flow, text: string, style: TextStyle, after: number, keepWith = 40): void {
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

/** A sub-heading inside a section. */
export function sub(flow: Flow, text: string): void {
  flow.gap(THEME.space.section);
  heading(flow, text, S.h3, 4, 36);
}

/** A span of text in a style. */
export function sp(text: string, style: TextStyle): Span {
  return { text, style };
}

/** A box (background and optional left bar) around pre-laid-out text; flows unboxed if too tall. */
export function panel(
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
export function keyValues(
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

/** A chip, a heading line, then the evidence flowing across pages (indented). */
export function ratingBlock(
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
