/**
 * Line breaking for the packet's text engine: user text sanitised, split into tokens and broken
 * greedily into lines over the cached advances of ./shape.server.ts, in one pass. Text with
 * right-to-left characters is reordered per line by ./bidi.server.ts; ./emit.server.ts draws the lines.
 */
import type { FontStyle } from "../fonts.server";
import {
  type BidiLevels,
  type BidiPiece,
  bidiPiece,
  embeddingLevels,
  hasRightToLeft,
  reorderParagraph,
} from "./bidi.server";
import type { LineCode } from "./emit.server";
import { type ShapedRun, type ShapedWord, graphemes, shapeWord, spaceWidth } from "./shape.server";
import type { Span, TextStyle } from "./style.server";

// ------------------------------------------------------------------ sanitising + tokens

/**
 * Makes arbitrary user text safe to shape: CRLF/CR and U+2028/2029 become "\n", tabs become spaces,
 * other control characters and lone surrogates are dropped. (Text is written as glyph ids, so
 * nothing a user types can inject PDF syntax; this only keeps the shaper and metrics sane.)
 */
function sanitizeText(text: string): string {
  // Fast path: nothing to do for plain text.
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/.test(text)) return text;
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[\u2028\u2029]/g, "\n")
      .replace(/\t/g, " ")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
  );
}

function isBreakableSpace(c: number): boolean {
  // U+00A0, U+2007 and U+202F are no-break spaces: they stay inside a word.
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a && c !== 0x2007) ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Scripts written without spaces between words: a line may break between any two characters. */
function isBreakAnywhere(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // CJK radicals, punctuation, kana, bopomofo, CJK unified
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

/** Combining marks, joiners and variation selectors attach to the previous character. */
function isAttaching(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x200d ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tones
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x3099 && cp <= 0x309a)
  );
}

// ------------------------------------------------------------------ line breaking

export interface LineItem {
  word: ShapedWord;
  text: string;
  style: TextStyle;
  /** x offset from the line start, points */
  x: number;
  /** width in points */
  w: number;
  /** offset in the paragraph (bidi) */
  start: number;
  /** whitespace preceded it logically */
  space: boolean;
  /**
   * Set while a paragraph with right-to-left text is being laid out: the token's runs of equal
   * bidi embedding level, in logical order, each shaped in its own direction (the item's `word`
   * is then only their logical concatenation, for measuring). The visual lines hold one item per
   * run and never carry this.
   */
  bidi?: readonly BidiPiece[];
}

export interface Line {
  items: LineItem[];
  width: number;
  /** line box height (points) */
  height: number;
  /** baseline offset from the top of the line box */
  baseline: number;
  /** right-to-left paragraph: align right by default */
  rtl: boolean;
  /** encoded operators for the last document that drew it (see drawLines, ./emit.server.ts) */
  code?: LineCode;
}

export interface LayoutOptions {
  /** line height as a multiple of the font size; default 1.4 */
  leading?: number;
  /** cut after this many lines, ending the last with "…" */
  maxLines?: number;
}

// Noto Sans vertical metrics (em): ascender 1.069, descender 0.293.
const ASC = 1.069;
const DESC = 0.293;

function lineMetrics(size: number, leading: number): { height: number; baseline: number } {
  const height = size * leading;
  return { height, baseline: (height - size * (ASC + DESC)) / 2 + size * ASC };
}

/** Width of a single line of text (no wrapping), in points. */
export function measureText(text: string, style: TextStyle): number {
  let w = 0;
  for (const line of layoutUncached([{ text, style }], Number.POSITIVE_INFINITY, {})) w = Math.max(w, line.width);
  return w;
}

const LONG_TOKEN = 48;
// Scripts that hyphenate: a forced break inside a word of these gets a hyphen.
const LETTER_END = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]\p{M}*$/u;
const LETTER_START = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/** style font -> long token -> sum of its grapheme widths (thousandths of an em); bounded */
const longTokenWidths: Record<FontStyle, Map<string, number>> = {
  regular: new Map(),
  bold: new Map(),
  italic: new Map(),
};

/**
 * Sum of the grapheme widths (no kerning between them): a cheap upper-bound-ish estimate. Cached
 * per style, because the same long tokens (URLs, the fingerprint in every footer) repeat.
 */
function graphemeWidth(text: string, style: TextStyle): number {
  const cache = longTokenWidths[style.font];
  let w = cache.get(text);
  if (w === undefined) {
    w = 0;
    for (const { segment } of graphemes.segment(text)) w += shapeWord(style.font, segment).width;
    if (cache.size >= 4096) cache.clear();
    cache.set(text, w);
  }
  return (w * style.size) / 1000;
}

/**
 * Split a token too wide for a line into chunks at grapheme boundaries. A break between two
 * letters gets a hyphen (the chunk keeps room for it): a word is never cut silently.
 */
function chunkToken(
  text: string,
  style: TextStyle,
  firstWidth: number,
  fullWidth: number,
): { text: string; hyphen: boolean }[] {
  const out: { text: string; hyphen: boolean }[] = [];
  let cur = "";
  let curW = 0;
  let limit = firstWidth;
  const hyphenW = (shapeWord(style.font, "-").width * style.size) / 1000;
  for (const { segment } of graphemes.segment(text)) {
    const gw = (shapeWord(style.font, segment).width * style.size) / 1000;
    const hyphen = LETTER_END.test(cur) && LETTER_START.test(segment);
    // 2% slack: chunks are re-shaped with kerning, which can differ slightly from the sum
    if (cur && curW + gw + (hyphen ? hyphenW : 0) > limit * 0.98) {
      out.push({ text: hyphen ? `${cur}-` : cur, hyphen });
      cur = "";
      curW = 0;
      limit = fullWidth;
    }
    cur += segment;
    curW += gw;
  }
  if (cur) out.push({ text: cur, hyphen: false });
  return out;
}

/**
 * Greedy line breaking of styled spans into lines no wider than `maxWidth` points. Breaks at
 * whitespace, between CJK characters, after in-word hyphens/slashes, and inside words that are
 * wider than a line. "\n" starts a new line.
 */
export function layoutSpans(spans: readonly Span[], maxWidth: number, opts: LayoutOptions = {}): Line[] {
  // Paragraphs repeat: evidence twice inside one packet (dimension section and the panelist's
  // scorecard), and every text across packets of the same loop (every download re-renders the same
  // evidence, labels and table cells). Inside withParagraphCache their line breaking (and, on the
  // lines, their encoded operators: ./emit.server.ts) is reused from a bounded process-wide cache,
  // keyed by the text itself (no copy of it into a longer key) and then by width and styles.
  if (paragraphCacheDepth > 0) {
    const only = spans.length === 1 ? spans[0] : undefined;
    const text = only ? only.text : spans.map((sp) => sp.text).join("\u0000");
    // the styles as values (no number-to-string conversions: this runs for every text drawn)
    const sig: (string | number)[] = [];
    for (const sp of spans) {
      const st = sp.style;
      sig.push(st.font, st.size, st.color[0], st.color[1], st.color[2], sp.text.length);
    }
    let entries = paragraphCache.get(text);
    if (entries) {
      for (const e of entries) {
        if (e.maxWidth !== maxWidth || e.leading !== opts.leading || e.maxLines !== opts.maxLines) continue;
        if (!sameSignature(e.sig, sig)) continue;
        // least recently used goes first: move the hit to the end
        paragraphCache.delete(text);
        paragraphCache.set(text, entries);
        return e.lines;
      }
    } else {
      entries = [];
      paragraphCache.set(text, entries);
      paragraphCacheChars += text.length;
    }
    const lines = layoutUncached(spans, maxWidth, opts);
    entries.push({ maxWidth, leading: opts.leading, maxLines: opts.maxLines, sig, lines });
    paragraphCacheChars += ENTRY_CHARS;
    while (paragraphCacheChars > MAX_PARAGRAPH_CACHE_CHARS) {
      const oldest = paragraphCache.entries().next().value;
      if (oldest === undefined) break;
      paragraphCache.delete(oldest[0]);
      paragraphCacheChars -= oldest[0].length + oldest[1].length * ENTRY_CHARS;
    }
    return lines;
  }
  return layoutUncached(spans, maxWidth, opts);
}

/** Bound of the paragraph cache, in characters of key text (~5 full-loop packets of text). */
const MAX_PARAGRAPH_CACHE_CHARS = 600_000;
interface ParagraphEntry {
  maxWidth: number;
  leading: number | undefined;
  maxLines: number | undefined;
  /** per span: font, size, colour (three numbers), text length */
  sig: (string | number)[];
  lines: Line[];
}
/** what an entry counts for, besides its text, in the cache's bound */
const ENTRY_CHARS = 32;

function sameSignature(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** text (spans' texts joined by U+0000) -> its layouts, one per width, options and styles */
const paragraphCache = new Map<string, ParagraphEntry[]>();
let paragraphCacheChars = 0;
let paragraphCacheDepth = 0;

/**
 * Runs `fn` with paragraph-layout caching on: identical texts laid out at the same width and
 * styles are broken into lines once per process (bounded, least recently used evicted). Laid-out
 * lines are never mutated after layout (their one-slot `code` says which documents it holds for),
 * so sharing them between documents is safe; drawing is synchronous, so documents never interleave.
 */
export function withParagraphCache<T>(fn: () => T): T {
  paragraphCacheDepth++;
  try {
    return fn();
  } finally {
    paragraphCacheDepth--;
  }
}

function layoutUncached(spans: readonly Span[], maxWidth: number, opts: LayoutOptions): Line[] {
  // Only text with right-to-left characters pays for the bidi algorithm (levels for the whole
  // text, every paragraph of it: the same sanitised characters the breaker walks).
  let levels: BidiLevels | null = null;
  if (spans.some((sp) => hasRightToLeft(sp.text))) {
    let all = "";
    for (const sp of spans) all += sanitizeText(sp.text);
    levels = embeddingLevels(all);
  }
  const br = new Breaker(maxWidth, opts.leading ?? 1.4, spans[0]?.style.size ?? 10, levels);
  for (const span of spans) br.addSpan(span);
  const lines = br.finish();
  if (opts.maxLines !== undefined && lines.length > opts.maxLines) {
    const kept = lines.slice(0, Math.max(1, opts.maxLines));
    const last = kept[kept.length - 1];
    if (last) addEllipsis(last, maxWidth);
    return kept;
  }
  return lines;
}

/**
 * Tokenizer and greedy line breaker in one pass (no intermediate token objects: this is the
 * hottest loop of the packet). Break opportunities: whitespace, between CJK/Hangul characters,
 * after an in-word hyphen/slash/dash/underscore, and (for words wider than a line) between graphemes.
 */
class Breaker {
  readonly lines: Line[] = [];
  private items: LineItem[] = [];
  private x = 0;
  private maxSize = 0;
  private pendingSpace = false;
  /** characters of the current paragraph consumed by earlier spans */
  private paraPos = 0;
  private paraHasRtl = false;
  private paraLinesStart = 0;
  private endedWithNewline = false;
  private gapStyle: TextStyle | null = null;
  private gapWidth = 0;
  /** index in the whole (sanitised) text where the current span starts */
  private spanBase = 0;
  /** index in the whole text where the current paragraph starts */
  private paraGlobal = 0;

  constructor(
    private readonly maxWidth: number,
    private readonly leading: number,
    private readonly defaultSize: number,
    /** bidi levels of the whole text; null when it has no right-to-left characters */
    private readonly levels: BidiLevels | null,
  ) {}

  addSpan(span: Span): void {
    const text = sanitizeText(span.text);
    const style = span.style;
    const n = text.length;
    const spanBase = this.spanBase;
    this.spanBase += n;
    let spanParaStart = 0; // index in `text` where the current paragraph started
    let wordStart = -1;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c > 0x20 && c < 0x7f) {
        // printable ASCII: the common case
        if (wordStart < 0) wordStart = i;
        i++;
        if ((c === 0x2d || c === 0x2f || c === 0x5f) && i < n && i - wordStart > 1) {
          const next = text.charCodeAt(i);
          if (next > 0x20 && !isBreakableSpace(next)) {
            this.word(text.slice(wordStart, i), style, this.paraPos + wordStart - spanParaStart);
            wordStart = -1;
          }
        }
        continue;
      }
      if (wordStart >= 0 && (c === 0x0a || isBreakableSpace(c))) {
        this.word(text.slice(wordStart, i), style, this.paraPos + wordStart - spanParaStart);
        wordStart = -1;
      }
      if (c === 0x0a) {
        this.newline();
        i++;
        spanParaStart = i;
        this.paraPos = 0;
        this.paraGlobal = spanBase + i;
        continue;
      }
      if (isBreakableSpace(c)) {
        this.pendingSpace = true;
        i++;
        continue;
      }
      const cp = text.codePointAt(i) ?? c;
      const len = cp > 0xffff ? 2 : 1;
      if (isBreakAnywhere(cp)) {
        if (wordStart >= 0) this.word(text.slice(wordStart, i), style, this.paraPos + wordStart - spanParaStart);
        const start = i;
        i += len;
        // combining marks and joiners stay with it
        while (i < n) {
          const nc = text.codePointAt(i) ?? 0;
          if (!isAttaching(nc)) break;
          i += nc > 0xffff ? 2 : 1;
        }
        this.word(text.slice(start, i), style, this.paraPos + start - spanParaStart);
        wordStart = -1;
        continue;
      }
      if (wordStart < 0) wordStart = i;
      i += len;
      if ((c === 0x2013 || c === 0x2014) && i < n && i - wordStart > 1) {
        const next = text.charCodeAt(i);
        if (next > 0x20 && !isBreakableSpace(next)) {
          this.word(text.slice(wordStart, i), style, this.paraPos + wordStart - spanParaStart);
          wordStart = -1;
        }
      }
    }
    if (wordStart >= 0) this.word(text.slice(wordStart, n), style, this.paraPos + wordStart - spanParaStart);
    this.paraPos += n - spanParaStart;
    if (n > 0) this.endedWithNewline = text.charCodeAt(n - 1) === 0x0a;
  }

  private finishLine(): void {
    const m = lineMetrics(this.maxSize || this.defaultSize, this.leading);
    this.lines.push({ items: this.items, width: this.x, height: m.height, baseline: m.baseline, rtl: false });
    this.items = [];
    this.x = 0;
    this.maxSize = 0;
  }

  private finishParagraph(): void {
    if (this.paraHasRtl && this.levels) reorderParagraph(this.lines, this.paraLinesStart, this.levels, this.paraGlobal);
    this.paraHasRtl = false;
    this.paraLinesStart = this.lines.length;
  }

  private newline(): void {
    this.finishLine();
    this.finishParagraph();
    this.pendingSpace = false;
  }

  private push(
    text: string,
    word: ShapedWord,
    style: TextStyle,
    start: number,
    space: boolean,
    gap: number,
    pieces?: readonly BidiPiece[],
  ): void {
    const w = (word.width * style.size) / 1000;
    const item: LineItem = { word, text, style, x: this.x + gap, w, start, space };
    if (pieces) item.bidi = pieces;
    this.items.push(item);
    this.x += gap + w;
    if (style.size > this.maxSize) this.maxSize = style.size;
  }

  /**
   * A token of a text with right-to-left characters, split into runs of equal embedding level,
   * each shaped in its own direction; null when the whole token is at level 0 (plain LTR: the
   * usual cached word). Runs never split a surrogate pair or a combining mark from its base.
   */
  private bidiToken(text: string, font: FontStyle, start: number): { word: ShapedWord; pieces: BidiPiece[] } | null {
    const levels = this.levels?.levels;
    if (!levels) return null;
    const g = this.paraGlobal + start;
    const n = text.length;
    let uniform = true;
    const first = levels[g] ?? 0;
    for (let k = 1; k < n; k++) {
      if (levels[g + k] !== first) {
        uniform = false;
        break;
      }
    }
    if (uniform && first === 0) return null;
    this.paraHasRtl = true;
    const pieces: BidiPiece[] = [];
    let s = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n) {
        if (levels[g + k] === levels[g + s]) continue;
        const c = text.charCodeAt(k);
        if ((c >= 0xdc00 && c <= 0xdfff) || isAttaching(text.codePointAt(k) ?? c)) continue;
      }
      pieces.push(bidiPiece(font, text.slice(s, k), s, levels[g + s] ?? 0));
      s = k;
    }
    const only = pieces.length === 1 ? pieces[0] : undefined;
    if (only) return { word: only.word, pieces };
    let width = 0;
    const runs: ShapedRun[] = [];
    for (const p of pieces) {
      width += p.word.width;
      runs.push(...p.word.runs);
    }
    return { word: { width, runs }, pieces };
  }

  private word(text: string, style: TextStyle, start: number): void {
    const space = this.pendingSpace;
    this.pendingSpace = false;
    const maxWidth = this.maxWidth;
    if (style !== this.gapStyle) {
      // one WeakMap lookup per style change, not per word
      this.gapStyle = style;
      this.gapWidth = spaceWidth(style);
    }
    const gap = space && this.items.length > 0 ? this.gapWidth : 0;
    // Very long tokens are measured grapheme by grapheme first: only those that fit a line are
    // shaped whole (and cached).
    const long = text.length > LONG_TOKEN && graphemeWidth(text, style) > maxWidth;
    if (!long) {
      const bt = this.levels ? this.bidiToken(text, style.font, start) : null;
      const word = bt ? bt.word : shapeWord(style.font, text);
      const w = (word.width * style.size) / 1000;
      if (this.x + gap + w <= maxWidth + 0.01) {
        this.push(text, word, style, start, space, gap, bt?.pieces);
        return;
      }
      if (w <= maxWidth) {
        this.finishLine();
        this.push(text, word, style, start, space, 0, bt?.pieces);
        return;
      }
    }
    // Too wide for any line: break inside the token, at grapheme boundaries.
    let remaining = maxWidth - this.x - gap;
    if (this.items.length === 0) remaining = maxWidth;
    else if (remaining < maxWidth * 0.25) {
      this.finishLine();
      remaining = maxWidth;
    }
    const chunks = chunkToken(text, style, remaining, maxWidth);
    let offset = start;
    for (let i = 0; i < chunks.length; i++) {
      const piece = chunks[i];
      const chunk = piece?.text ?? "";
      if (i > 0) this.finishLine();
      const bt = this.levels ? this.bidiToken(chunk, style.font, offset) : null;
      this.push(
        chunk,
        bt ? bt.word : shapeWord(style.font, chunk),
        style,
        offset,
        i === 0 ? space : false,
        i === 0 && this.items.length > 0 ? gap : 0,
        bt?.pieces,
      );
      // the hyphen is not in the paragraph's text (bidi offsets)
      offset += chunk.length - (piece?.hyphen ? 1 : 0);
    }
  }

  finish(): Line[] {
    if (this.items.length > 0 || this.lines.length === 0 || this.endedWithNewline) this.finishLine();
    this.finishParagraph();
    return this.lines;
  }
}

function addEllipsis(line: Line, maxWidth: number): void {
  if (line.rtl) {
    addEllipsisLeft(line, maxWidth);
    return;
  }
  const style = line.items[line.items.length - 1]?.style;
  if (!style) return;
  const ell = shapeWord(style.font, "…");
  const ew = (ell.width * style.size) / 1000;
  while (line.items.length > 1 && line.width + ew > maxWidth) {
    line.items.pop();
    const last = line.items[line.items.length - 1];
    line.width = last ? last.x + last.w : 0;
  }
  line.items.push({ word: ell, text: "…", style, x: line.width, w: ew, start: 0, space: false });
  line.width += ew;
}

/** A right-to-left paragraph continues at the visual left of its line: cut and mark it there. */
function addEllipsisLeft(line: Line, maxWidth: number): void {
  const style = line.items[0]?.style;
  if (!style) return;
  const ell = shapeWord(style.font, "…");
  const ew = (ell.width * style.size) / 1000;
  let items = line.items;
  while (items.length > 1 && line.width + ew > maxWidth) {
    items = items.slice(1);
    const dx = items[0]?.x ?? 0;
    items = items.map((it) => ({ ...it, x: it.x - dx }));
    line.width -= dx;
  }
  const shifted = items.map((it, i) => ({ ...it, x: it.x + ew, space: i === 0 ? false : it.space }));
  line.items = [{ word: ell, text: "…", style, x: 0, w: ew, start: 0, space: false }, ...shifted];
  line.width += ew;
}

/** Total height of laid-out lines. */
export function linesHeight(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += l.height;
  return h;
}

/** Drops the paragraph layouts and the widths of long tokens. */
export function clearBreakCaches(): void {
  for (const s of Object.values(longTokenWidths)) s.clear();
  paragraphCache.clear();
  paragraphCacheChars = 0;
}
