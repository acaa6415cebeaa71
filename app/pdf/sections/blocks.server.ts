/// <reference types="pdfkit" />
/**
 * Blocks the packet's sections share, each tagged as it draws: headings (H1–H3, kept with what
 * follows), boxed panels, label/value rows (a table with row headers), list items and rating blocks.
 */
import {
  type Bearing,
  type Flow,
  S,
  THEME,
  bookmark,
  drawFlowingLines,
  fillRect,
  rule,
  scoreChip,
  strokeRect,
  withColor,
} from "../layout.server";
import { artifact, type StructType } from "../tags.server";
import { layoutSpans, linesHeight } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import type { Span, TextStyle } from "../text/style.server";

export type HeadingLevel = 1 | 2 | 3;

export interface HeadingOptions {
  /** default: the level's style (H1 accent with a rule, H2, H3) */
  style?: TextStyle;
  /** space after, points */
  after?: number;
  /** an outline entry under this parent, made where the heading lands */
  bookmarkUnder?: PDFKit.PDFOutline;
  /** the running head from where the heading lands */
  bearing?: Bearing;
  /** an accent rule under it; default: H1 only */
  rule?: boolean;
}

const LEVEL_STYLES: Record<HeadingLevel, TextStyle> = { 1: S.h1, 2: S.h2, 3: S.h3 };
const LEVEL_TAGS: Record<HeadingLevel, StructType> = { 1: "H1", 2: "H2", 3: "H3" };

/**
 * A heading, tagged H1–H3 by its place in the outline of the document (not by its look). It waits
 * for the block after it (`Flow.defer`), so it lands on the page where that block starts.
 */
export function heading(flow: Flow, text: string, level: HeadingLevel, opts: HeadingOptions = {}): void {
  const style = opts.style ?? LEVEL_STYLES[level];
  const after = opts.after ?? 3;
  const lines = layoutSpans([{ text, style }], flow.width, { leading: 1.25 });
  const ruled = opts.rule ?? level === 1;
  const h = linesHeight(lines) + (ruled ? 2 : 0) + after;
  const elem = flow.tags.create(LEVEL_TAGS[level]);
  flow.defer(h, () => {
    if (opts.bearing) flow.setBearing(opts.bearing.section, opts.bearing.detail);
    if (opts.bookmarkUnder) bookmark(flow, text, opts.bookmarkUnder);
    flow.tags.into(elem, () => drawLines(flow.doc, lines, flow.left, flow.y));
    elem.end();
    flow.y += linesHeight(lines);
    if (ruled) {
      flow.y += 2;
      rule(flow, THEME.color.accent, 0.8);
    }
    flow.y += after;
  });
}

/** A sub-heading inside a section: the H3 look, at the given level of the outline. */
export function sub(flow: Flow, text: string, level: HeadingLevel = 2): void {
  flow.gap(THEME.space.section);
  heading(flow, text, level, { style: S.h3, after: 4 });
}

/** A span of text in a style. */
export function sp(text: string, style: TextStyle): Span {
  return { text, style };
}

/** A box (background and optional left bar) around pre-laid-out text; flows unboxed if too tall. Each block is a P. */
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
  const { tags } = flow;
  if (h > flow.pageHeight - 20) {
    for (const b of laid) {
      tags.leafOf("P", {}, () => drawFlowingLines(flow, b.lines, x + pad, innerW));
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
    tags.leafOf("P", {}, () => drawLines(flow.doc, b.lines, tx, y, { width: innerW }));
    y += linesHeight(b.lines) + (i < laid.length - 1 ? b.after : 0);
  });
  flow.y += h;
}

/** "label  value" rows with hairlines, label in a fixed column: a table whose rows are headed by their label. */
export function keyValues(
  flow: Flow,
  rows: { label: string; value: string }[],
  labelW = 110,
  valueStyle: TextStyle = S.body,
): void {
  const { tags } = flow;
  const laid = rows.map((r) => {
    const labelLines = layoutSpans([sp(r.label, S.smallMuted)], labelW - 8, { leading: 1.35 });
    const valueLines = layoutSpans([sp(r.value, valueStyle)], flow.width - labelW, { leading: 1.35 });
    return { labelLines, valueLines, h: Math.max(linesHeight(labelLines), linesHeight(valueLines)) + 8 };
  });
  flow.ensureSpace(laid[0]?.h ?? 0);
  tags.group("Table", {}, () =>
    tags.group("TBody", {}, () => {
      for (const r of laid) {
        flow.ensureSpace(r.h);
        const y = flow.y + 4;
        tags.group("TR", {}, () => {
          tags.leafOf("TH", { scope: "Row" }, () =>
            drawLines(flow.doc, r.labelLines, flow.left, y + (valueStyle.size - S.smallMuted.size) * 0.6),
          );
          tags.leafOf("TD", {}, () => drawLines(flow.doc, r.valueLines, flow.left + labelW, y));
        });
        flow.y += r.h;
        rule(flow, THEME.color.hairline, 0.4);
      }
    }),
  );
}

/** Heights a rating block needs before it may start: its head and the first lines of its evidence. */
export function ratingBlockLead(flow: Flow, head: Span[], evidence: string): number {
  const width = flow.width - 24;
  const headLines = layoutSpans(head, width, { leading: 1.35 });
  const evLines = layoutSpans([sp(evidence, S.body)], width, { leading: THEME.leading });
  return 7 + linesHeight(headLines) + linesHeight(evLines.slice(0, 3)) + 2;
}

/**
 * A list item (LI > LBody): a chip (decoration: the head says the score), a heading line, then the
 * evidence flowing across pages (indented). Call inside a `tags.group("L", …)`.
 */
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
  const { tags, doc } = flow;
  flow.gap(7);
  flow.ensureSpace(linesHeight(headLines) + linesHeight(evLines.slice(0, 3)) + 2);
  tags.group("LI", {}, () =>
    tags.group("LBody", {}, () => {
      artifact(doc, () => {
        scoreChip(doc, flow.left, flow.y + 1, score, chip, 17, 12);
        if (outlier) strokeRect(doc, flow.left - 1.5, flow.y - 0.5, 20, 15, THEME.color.text, 1.4);
      });
      tags.leafOf("P", {}, () => drawLines(doc, headLines, flow.left + indent, flow.y));
      flow.y += linesHeight(headLines) + 1;
      tags.leafOf("P", {}, () => drawFlowingLines(flow, evLines, flow.left + indent, width, undefined, 2));
    }),
  );
}

/** A bulleted list item (LI > Lbl "•" + LBody) holding one paragraph of spans. */
export function listItem(flow: Flow, spans: readonly Span[], style: TextStyle, opts: { after?: number } = {}): void {
  const indent = 12;
  const lines = layoutSpans(spans, flow.width - indent, { leading: THEME.leading });
  const bullet = layoutSpans([sp("•", style)], indent, { leading: THEME.leading });
  const { tags, doc } = flow;
  flow.ensureSpace(linesHeight(lines.slice(0, 2)));
  tags.group("LI", {}, () => {
    tags.leafOf("Lbl", {}, () => drawLines(doc, bullet, flow.left, flow.y));
    tags.leafOf("LBody", {}, () => drawFlowingLines(flow, lines, flow.left + indent, flow.width - indent));
  });
  if (opts.after) flow.gap(opts.after);
}

/**
 * A figure: `draw` paints it in a box of `height` points at the cursor (kept on one page), `alt`
 * says what it shows for readers who cannot see it (for a chart: the data). An optional caption
 * is printed under it. Images attached to scorecards go through here.
 */
export function figure(
  flow: Flow,
  opts: { alt: string; height: number; caption?: string },
  draw: (x: number, y: number, width: number) => void,
): void {
  const captionLines = opts.caption
    ? layoutSpans([sp(opts.caption, S.smallItalic)], flow.width, { leading: THEME.leading })
    : [];
  flow.ensureSpace(opts.height + linesHeight(captionLines) + 4);
  const y = flow.y;
  flow.tags.figure(
    opts.alt,
    () => draw(flow.left, y, flow.width),
    () => {
      flow.y += opts.height;
      if (captionLines.length === 0) return;
      flow.y += 4;
      flow.tags.leafOf("Caption", {}, () => drawLines(flow.doc, captionLines, flow.left, flow.y));
      flow.y += linesHeight(captionLines);
    },
  );
}

/** A decision's override beside it: what it goes against, then the decider's text, on a red bar. */
export function overridePanel(flow: Flow, override: { title: string; text: string }): void {
  panel(
    flow,
    [
      { spans: [sp(override.title, withColor(S.smallBold, THEME.color.alert))] },
      { spans: [sp("Override: ", S.smallBold), sp(override.text, S.small)] },
    ],
    { bar: THEME.color.alert, bg: THEME.color.alertBg, pad: 6 },
  );
  flow.gap(4);
}
