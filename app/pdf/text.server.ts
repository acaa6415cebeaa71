/// <reference types="pdfkit" />
/**
 * Our own text engine for the packet: shaping with fontkit (kerning, ligatures, fallback fonts),
 * a process-wide cache of shaped words, greedy line breaking over cached advances, and direct
 * emission of `TJ` operators into pdfkit's page content.
 *
 * Why not `doc.text()`: pdfkit re-shapes every word per document and its line wrapper dominates the
 * render time (stack notes, "PDF speed": ~2 s -> ~0.1 s for a 49-page packet). Here a word is shaped
 * once per process and style; drawing a line is string concatenation of cached glyph ids.
 *
 * Kerning: each word is laid out by fontkit with the font's default features (GPOS `kern`, `liga`...);
 * the difference between a glyph's xAdvance and its nominal advance is written as a TJ adjustment,
 * exactly as pdfkit does, so measured width == drawn width.
 *
 * pdfkit internals used (pinned pdfkit 0.20; a unit test renders and extracts text, so a change
 * breaks loudly): `registerFont(name, fontkitFont)`, `doc.font(name)` then `doc._font` (an
 * EmbeddedFont: `id`, `subset.includeGlyph`, `widths`, `unicode`, `ref()`), `doc.page.fonts`,
 * `doc.page.height`, `doc.addContent`.
 */
import bidiFactory from "bidi-js";

import { type PageSink, pageSinkOf } from "./page-sink.server";
import { type Face, type FontStyle, faceByIndex, faceForGrapheme, primaryCovers, primaryFace } from "./fonts.server";

export type Rgb = readonly [number, number, number];

export interface TextStyle {
  font: FontStyle;
  /** points */
  size: number;
  color: Rgb;
}

export interface Span {
  text: string;
  style: TextStyle;
}

// ------------------------------------------------------------------ shaping + cache

/** One run of glyphs in one face, in visual order. Widths in thousandths of an em. */
export interface ShapedRun {
  face: number;
  gids: number[];
  /** nominal advance of each glyph (the width pdfkit writes into the font's W array) */
  adv: number[];
  /** xAdvance - nominal advance (kerning and other GPOS adjustments) */
  kern: number[];
  cps: number[][];
  /** per-glyph offsets (marks); null when all zero */
  xOff: number[] | null;
  yOff: number[] | null;
  width: number;
  /** one-slot cache of the run's TJ operands for the last document that drew it */
  enc?: string;
  /** DocText.id of the document `enc` belongs to (a number: a cached run never keeps a document alive) */
  encDoc?: number;
}

export interface ShapedWord {
  width: number;
  runs: ShapedRun[];
}

const MAX_CACHED_WORDS = 200_000;
const wordCache: Record<FontStyle, Map<string, ShapedWord>> = {
  regular: new Map(),
  bold: new Map(),
  italic: new Map(),
};
let cachedWords = 0;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Shaping direction: "rtl" (fontkit shapes in logical order, then reverses the glyphs into visual
 * order), "ltr" (forced), or undefined (fontkit's default for the detected script).
 */
export type ShapeDir = "ltr" | "rtl" | undefined;

function shapeRun(face: Face, text: string, dir: ShapeDir): ShapedRun {
  const run = face.font.layout(text, undefined, undefined, undefined, dir);
  const n = run.glyphs.length;
  const gids = new Array<number>(n);
  const adv = new Array<number>(n);
  const kern = new Array<number>(n);
  const cps = new Array<number[]>(n);
  let xOff: number[] | null = null;
  let yOff: number[] | null = null;
  let width = 0;
  const s = face.scale;
  for (let i = 0; i < n; i++) {
    const g = run.glyphs[i];
    const p = run.positions[i];
    if (!g || !p) continue;
    gids[i] = g.id;
    const a = g.advanceWidth * s;
    const xa = p.xAdvance * s;
    adv[i] = a;
    kern[i] = xa - a;
    cps[i] = g.codePoints;
    width += xa;
    if (p.xOffset !== 0 || p.yOffset !== 0) {
      if (!xOff || !yOff) {
        xOff = new Array<number>(n).fill(0);
        yOff = new Array<number>(n).fill(0);
      }
      xOff[i] = p.xOffset * s;
      yOff[i] = p.yOffset * s;
    }
  }
  return { face: face.index, gids, adv, kern, cps, xOff, yOff, width, enc: undefined, encDoc: undefined };
}

// ------------------------------------------------------------------ printable-ASCII fast path

/**
 * Shaping a word of printable ASCII from per-character glyphs plus per-pair advances, both learnt
 * from fontkit itself (each character shaped alone, each adjacent pair shaped as a two-letter
 * Latin word) and cached per face for the process. Used only when every pair of the word shaped
 * to the two characters' own glyphs with no offsets (no ligature, no mark positioning, no
 * adjustment of the second glyph): then fontkit's result for the word is the same glyphs with the
 * pair advances, and this gives it without running the shaper per new word. Any other word (or a
 * pair that does not qualify) goes through fontkit as before.
 */
interface AsciiGlyph {
  gid: number;
  /** nominal advance, font units */
  advance: number;
  /** xAdvance when shaped alone (last glyph of a word), font units */
  xAdvance: number;
  cps: number[];
}

interface AsciiTable {
  /** by char code 0x21..0x7e; null: not usable (no glyph, or shaped to something else) */
  glyphs: (AsciiGlyph | null | undefined)[];
  /** by (c1 << 7) | c2: xAdvance of the first glyph next to the second; NaN: pair not usable */
  pairs: Float64Array;
}

const asciiTables = new Map<number, AsciiTable>();

function asciiTable(face: Face): AsciiTable {
  let t = asciiTables.get(face.index);
  if (!t) {
    t = { glyphs: [], pairs: new Float64Array(128 * 128).fill(Number.POSITIVE_INFINITY) };
    asciiTables.set(face.index, t);
  }
  return t;
}

function asciiGlyph(face: Face, t: AsciiTable, c: number): AsciiGlyph | null {
  let g = t.glyphs[c];
  if (g === undefined) {
    g = null;
    const run = face.font.layout(String.fromCharCode(c), undefined, "latn");
    const gl = run.glyphs[0];
    const p = run.positions[0];
    if (run.glyphs.length === 1 && gl && p && gl.id !== 0 && p.xOffset === 0 && p.yOffset === 0) {
      const cps = gl.codePoints;
      if (cps.length === 1 && cps[0] === c) g = { gid: gl.id, advance: gl.advanceWidth, xAdvance: p.xAdvance, cps };
    }
    t.glyphs[c] = g;
  }
  return g;
}

function asciiPair(face: Face, t: AsciiTable, c1: number, g1: AsciiGlyph, c2: number, g2: AsciiGlyph): number {
  const k = (c1 << 7) | c2;
  let xa = t.pairs[k] ?? Number.NaN;
  if (xa === Number.POSITIVE_INFINITY) {
    xa = Number.NaN;
    const run = face.font.layout(String.fromCharCode(c1, c2), undefined, "latn");
    const [a, b] = run.glyphs;
    const [pa, pb] = run.positions;
    if (
      run.glyphs.length === 2 &&
      a &&
      b &&
      pa &&
      pb &&
      a.id === g1.gid &&
      b.id === g2.gid &&
      pa.xOffset === 0 &&
      pa.yOffset === 0 &&
      pb.xOffset === 0 &&
      pb.yOffset === 0 &&
      pb.xAdvance === g2.xAdvance
    ) {
      xa = pa.xAdvance;
    }
    t.pairs[k] = xa;
  }
  return xa;
}

/** The fast path, or null when the word does not qualify (then fontkit shapes it). */
function shapeAscii(face: Face, text: string): ShapedRun | null {
  const n = text.length;
  let letter = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return null;
    if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letter = true;
  }
  // fontkit picks the script from the word: with a Latin letter it is "latn", like our pairs
  if (!letter) return null;
  const t = asciiTable(face);
  const gids = new Array<number>(n);
  const adv = new Array<number>(n);
  const kern = new Array<number>(n);
  const cps = new Array<number[]>(n);
  const s = face.scale;
  let width = 0;
  let c = text.charCodeAt(0);
  let g = asciiGlyph(face, t, c);
  if (!g) return null;
  for (let i = 0; i < n; i++) {
    let xaUnits: number;
    let nc = 0;
    let ng: AsciiGlyph | null = null;
    if (i + 1 < n) {
      nc = text.charCodeAt(i + 1);
      ng = asciiGlyph(face, t, nc);
      if (!ng) return null;
      xaUnits = asciiPair(face, t, c, g, nc, ng);
      if (Number.isNaN(xaUnits)) return null;
    } else {
      xaUnits = g.xAdvance;
    }
    gids[i] = g.gid;
    const a = g.advance * s;
    const xa = xaUnits * s;
    adv[i] = a;
    kern[i] = xa - a;
    cps[i] = g.cps;
    width += xa;
    if (ng) {
      c = nc;
      g = ng;
    }
  }
  return { face: face.index, gids, adv, kern, cps, xOff: null, yOff: null, width, enc: undefined, encDoc: undefined };
}

function shapeUncached(style: FontStyle, text: string, dir: ShapeDir): ShapedWord {
  if (dir === undefined) {
    const run = shapeAscii(primaryFace(style), text);
    if (run) return { width: run.width, runs: [run] };
  }
  if (primaryCovers(style, text)) {
    const run = shapeRun(primaryFace(style), text, dir);
    return { width: run.width, runs: [run] };
  }
  // Font fallback: group graphemes by the first face that covers them.
  const pieces: { face: Face; text: string }[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const face = faceForGrapheme(style, segment);
    const last = pieces[pieces.length - 1];
    if (last && last.face === face) last.text += segment;
    else pieces.push({ face, text: segment });
  }
  const runs = pieces.map((p) => shapeRun(p.face, p.text, dir));
  if (dir === "rtl") runs.reverse();
  let width = 0;
  for (const r of runs) width += r.width;
  return { width, runs };
}

/**
 * A word (no line break inside), shaped in a style: cached for the life of the process. The cache
 * is bounded (cleared when it reaches {@link MAX_CACHED_WORDS} entries).
 */
export function shapeWord(style: FontStyle, text: string, dir?: ShapeDir): ShapedWord {
  const cache = wordCache[style];
  const key = dir === undefined ? text : dir === "rtl" ? `\u0001${text}` : `\u0002${text}`;
  let w = cache.get(key);
  if (w) return w;
  w = shapeUncached(style, text, dir);
  if (++cachedWords > MAX_CACHED_WORDS) {
    for (const s of Object.values(wordCache)) s.clear();
    cachedWords = 1;
  }
  cache.set(key, w);
  return w;
}

/** Number of cached shaped words (diagnostics, bench). */
export function cachedWordCount(): number {
  return wordCache.regular.size + wordCache.bold.size + wordCache.italic.size;
}

/** Drops every cross-document cache (shaped words, paragraph layouts, font subsets): "a packet with new words". */
export function clearTextCaches(): void {
  for (const s of Object.values(wordCache)) s.clear();
  for (const s of Object.values(longTokenWidths)) s.clear();
  paragraphCache.clear();
  paragraphCacheChars = 0;
  cachedWords = 0;
  subsetCache.clear();
  asciiTables.clear();
}

// ------------------------------------------------------------------ sanitising + tokens

/**
 * Makes arbitrary user text safe to shape: CRLF/CR and U+2028/2029 become "\n", tabs become spaces,
 * other control characters and lone surrogates are dropped. (Text is written as glyph ids, so
 * nothing a user types can inject PDF syntax; this only keeps the shaper and metrics sane.)
 */
export function sanitizeText(text: string): string {
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

/** A run of one bidi embedding level inside a token. */
export interface BidiPiece {
  /** logical text (before mirroring) */
  text: string;
  /** offset of the run in its token */
  off: number;
  /** resolved embedding level (odd: right-to-left) */
  level: number;
  /** shaped in visual order: right-to-left with mirrored brackets for odd levels */
  word: ShapedWord;
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
  /** encoded operators for the last document that drew it (see drawLines) */
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

const spaceWidthCache = new WeakMap<TextStyle, number>();
function spaceWidth(style: TextStyle): number {
  let w = spaceWidthCache.get(style);
  if (w === undefined) {
    w = (shapeWord(style.font, " ").width * style.size) / 1000;
    spaceWidthCache.set(style, w);
  }
  return w;
}

const RTL_RE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udd00-\udd5f]/;
let bidi: ReturnType<typeof bidiFactory> | null = null;
type BidiLevels = ReturnType<ReturnType<typeof bidiFactory>["getEmbeddingLevels"]>;

/**
 * bidi-js classifies UTF-16 code units, so both halves of a surrogate pair come out as strong L:
 * an emoji would then decide a paragraph's direction and split right-to-left text. Stand-ins of
 * the same length and the right class: emoji and other symbols (U+1F000-1FFFF) neutral,
 * supplementary right-to-left scripts (U+10800-10FFF, U+1E800-1EFFF) R; everything else stays L.
 */
function bidiInput(text: string): string {
  if (!/[\ud800-\udbff]/.test(text)) return text;
  return text.replace(
    /([\ud802\ud803\ud83a\ud83b])[\udc00-\udfff]|[\ud83c-\ud83e][\udc00-\udfff]/g,
    (_m, rtl: string | undefined) => (rtl ? "\u05d0\u05d0" : "\ufffc\ufffc"),
  );
}

/** Odd-level text as shaped: brackets and other mirrored characters replaced (rule L4). */
function mirrored(text: string): string {
  const b = bidi ?? (bidi = bidiFactory());
  let out = "";
  for (const ch of text) out += b.getMirroredCharacter(ch) ?? ch;
  return out;
}

function bidiPiece(font: FontStyle, text: string, off: number, level: number): BidiPiece {
  // even levels inside right-to-left text (numbers, Latin words) keep their logical order; force
  // "ltr" only where fontkit's script default would reverse (Hebrew/Arabic under an override)
  const word =
    level % 2 === 1
      ? shapeWord(font, mirrored(text), "rtl")
      : shapeWord(font, text, RTL_RE.test(text) ? "ltr" : undefined);
  return { text, off, level, word };
}

/** Width of a single line of text (no wrapping), in points. */
export function measureText(text: string, style: TextStyle): number {
  let w = 0;
  for (const line of layoutUncached([{ text, style }], Number.POSITIVE_INFINITY, {})) w = Math.max(w, line.width);
  return w;
}

const LONG_TOKEN = 48;

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

/** Split a token too wide for a line into chunks at grapheme boundaries. */
function chunkToken(text: string, style: TextStyle, firstWidth: number, fullWidth: number): string[] {
  const out: string[] = [];
  let cur = "";
  let curW = 0;
  let limit = firstWidth;
  for (const { segment } of graphemes.segment(text)) {
    const gw = (shapeWord(style.font, segment).width * style.size) / 1000;
    // 2% slack: chunks are re-shaped with kerning, which can differ slightly from the sum
    if (cur && curW + gw > limit * 0.98) {
      out.push(cur);
      cur = "";
      curW = 0;
      limit = fullWidth;
    }
    cur += segment;
    curW += gw;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Greedy line breaking of styled spans into lines no wider than `maxWidth` points. Breaks at
 * whitespace, between CJK characters, after in-word hyphens/slashes, and inside words that are
 * wider than a line. "\n" starts a new line.
 */
export function layoutSpans(spans: readonly Span[], maxWidth: number, opts: LayoutOptions = {}): Line[] {
  // Long single-style paragraphs (evidence, notes, rationales) repeat: twice inside one packet
  // (dimension section and the panelist's scorecard) and across packets of the same loop (every
  // download re-renders the same evidence). Inside withParagraphCache their line breaking is
  // reused from a bounded process-wide cache.
  const only = spans.length === 1 ? spans[0] : undefined;
  if (paragraphCacheDepth > 0 && only && only.text.length >= 200) {
    const st = only.style;
    const key = `${st.font}|${st.size}|${st.color[0]},${st.color[1]},${st.color[2]}|${maxWidth}|${opts.leading ?? ""}|${opts.maxLines ?? ""}|${only.text}`;
    let lines = paragraphCache.get(key);
    if (lines) {
      // least recently used goes first: move the hit to the end
      paragraphCache.delete(key);
      paragraphCache.set(key, lines);
      return lines;
    }
    lines = layoutUncached(spans, maxWidth, opts);
    paragraphCache.set(key, lines);
    paragraphCacheChars += key.length;
    while (paragraphCacheChars > MAX_PARAGRAPH_CACHE_CHARS) {
      const oldest = paragraphCache.keys().next().value;
      if (oldest === undefined) break;
      paragraphCache.delete(oldest);
      paragraphCacheChars -= oldest.length;
    }
    return lines;
  }
  return layoutUncached(spans, maxWidth, opts);
}

/** Bound of the paragraph cache, in characters of key text (~5 full-loop packets of evidence). */
const MAX_PARAGRAPH_CACHE_CHARS = 600_000;
const paragraphCache = new Map<string, Line[]>();
let paragraphCacheChars = 0;
let paragraphCacheDepth = 0;

/**
 * Runs `fn` with paragraph-layout caching on: identical long paragraphs laid out at the same
 * width and style are broken into lines once per process (bounded, least recently used evicted).
 * Laid-out lines are never mutated after layout (their one-slot `code` is keyed by document), so
 * sharing them between documents is safe; drawing is synchronous, so documents never interleave.
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
  if (spans.some((sp) => RTL_RE.test(sp.text))) {
    if (!bidi) bidi = bidiFactory();
    let all = "";
    for (const sp of spans) all += sanitizeText(sp.text);
    levels = bidi.getEmbeddingLevels(bidiInput(all));
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
      const chunk = chunks[i] ?? "";
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
      offset += chunk.length;
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

/**
 * Visual reordering of a paragraph with right-to-left text (Unicode Bidirectional Algorithm,
 * levels from bidi-js). Tokens were split into runs of equal embedding level when they were
 * measured (see Breaker.bidiToken): odd-level runs are shaped right-to-left with mirrored
 * brackets, even-level runs (Latin, and numbers inside right-to-left text) left-to-right. Per
 * line, rule L2 reverses the runs (and the spaces between tokens, at their own levels) from the
 * highest level down to the lowest odd one; the line then holds one item per run, in visual order.
 * (L1: the whitespace at a line's end is not part of its items, so it needs no level.)
 */
function reorderParagraph(lines: Line[], from: number, bidiLevels: BidiLevels, paraGlobal: number): void {
  const levels = bidiLevels.levels;
  let baseLevel = 0;
  for (const p of bidiLevels.paragraphs) {
    if (p.start <= paraGlobal && paraGlobal <= p.end) {
      baseLevel = p.level;
      break;
    }
  }
  for (let li = from; li < lines.length; li++) {
    const line = lines[li];
    if (!line || line.items.length === 0) continue;
    line.rtl = baseLevel % 2 === 1;
    // logical sequence of runs; a null piece is the space before the item
    const seq: { it: LineItem; piece: BidiPiece | null; level: number }[] = [];
    line.items.forEach((it, i) => {
      if (i > 0 && it.space) seq.push({ it, piece: null, level: levels[paraGlobal + it.start - 1] ?? baseLevel });
      const pieces = it.bidi ?? [{ text: it.text, off: 0, level: 0, word: it.word }];
      for (const piece of pieces) seq.push({ it, piece, level: piece.level });
    });
    let maxLevel = 0;
    let minOdd = Number.POSITIVE_INFINITY;
    for (const r of seq) {
      if (r.level > maxLevel) maxLevel = r.level;
      if (r.level % 2 === 1 && r.level < minOdd) minOdd = r.level;
    }
    // L2: from the highest level to the lowest odd level, reverse every maximal sequence at that level or higher
    for (let level = maxLevel; level >= minOdd; level--) {
      let i = 0;
      while (i < seq.length) {
        if ((seq[i]?.level ?? 0) < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < seq.length && (seq[j]?.level ?? 0) >= level) j++;
        const rev = seq.slice(i, j).reverse();
        seq.splice(i, j - i, ...rev);
        i = j;
      }
    }
    const visual: LineItem[] = [];
    let x = 0;
    let space = false;
    for (const r of seq) {
      const size = r.it.style.size;
      if (!r.piece) {
        x += spaceWidth(r.it.style);
        space = true;
        continue;
      }
      const w = (r.piece.word.width * size) / 1000;
      visual.push({
        word: r.piece.word,
        text: r.piece.text,
        style: r.it.style,
        x,
        w,
        start: r.it.start + r.piece.off,
        space,
      });
      x += w;
      space = false;
    }
    line.items = visual;
    line.width = x;
  }
}

/** Total height of laid-out lines. */
export function linesHeight(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += l.height;
  return h;
}

// ------------------------------------------------------------------ drawing

/** The pdfkit internals we touch (see the module comment). */
interface EmbeddedFontInternals {
  id: string;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface PageInternals {
  fonts: Record<string, unknown>;
  height: number;
  content: { write(chunk: Uint8Array): unknown };
}

interface DocInternals {
  _font: EmbeddedFontInternals;
  page: PageInternals;
  registerFont(name: string, src: unknown): unknown;
  font(name: string): unknown;
}

interface DocFace {
  font: EmbeddedFontInternals;
  /** fontkit glyph id -> the subset glyph id as two bytes for a PDF literal string, for this document */
  codes: Map<number, string>;
  /** "/F3 " */
  name: string;
}

/** Per-document text state: embedded faces and the identity used by the run-encoding cache. */
let nextDocTextId = 1;

class DocText {
  readonly faces: (DocFace | undefined)[] = [];
  /** unique per document; caches on shared runs and lines key on it instead of holding the document */
  readonly id = nextDocTextId++;
  constructor(readonly doc: DocInternals) {}

  face(faceIndex: number): DocFace {
    let df = this.faces[faceIndex];
    if (!df) {
      const face = faceByIndex(faceIndex);
      // Register the parsed fontkit font object (pdfkit 0.20 accepts one): no per-document parsing.
      this.doc.registerFont(face.spec.id, face.font);
      this.doc.font(face.spec.id);
      const font = this.doc._font;
      cacheSubsetEncoding(font, faceIndex);
      df = { font, codes: new Map(), name: `/${font.id} ` };
      this.faces[faceIndex] = df;
    }
    return df;
  }

  /**
   * The TJ operands of a run for this document, e.g. `(\0E\0F)-12(\0G)` (two bytes per glyph in
   * literal strings: half the size of hex, so less to deflate). Cached on the run
   * (one slot: the last document that drew it), so a word repeated 50 times in a packet is
   * encoded once.
   */
  encode(run: ShapedRun): string {
    if (run.encDoc === this.id && run.enc !== undefined) return run.enc;
    const df = this.face(run.face);
    let out = "";
    const n = run.gids.length;
    for (let g = 0; g < n; g++) {
      const gid = run.gids[g] ?? 0;
      let code = df.codes.get(gid);
      if (code === undefined) {
        const sub = df.font.subset.includeGlyph(gid);
        if (df.font.widths[sub] == null) df.font.widths[sub] = run.adv[g] ?? 0;
        if (df.font.unicode[sub] == null) df.font.unicode[sub] = run.cps[g] ?? [];
        code = literalBytes(sub);
        df.codes.set(gid, code);
      }
      out += code;
      const k = run.kern[g] ?? 0;
      // TJ adjustments are in thousandths of an em, subtracted from the position
      if (k > 0.004 || k < -0.004) out += `)${num(-k)}(`;
    }
    run.encDoc = this.id;
    run.enc = out;
    return out;
  }
}

/**
 * The embedded font program for a given glyph list is a pure function of (face, glyph ids in
 * order), and fontkit's TTF subsetter is slow (it decodes every glyph outline): keep the last
 * few encodings for the process. Wraps this document's subset object only; no global patch.
 */
const subsetCache = new Map<string, Uint8Array>();
const MAX_SUBSETS = 48;
function cacheSubsetEncoding(font: EmbeddedFontInternals, faceIndex: number): void {
  const subset = font.subset as EmbeddedFontInternals["subset"] & { glyphs?: number[]; encode?: () => Uint8Array };
  const encode = subset.encode;
  const glyphs = subset.glyphs;
  if (typeof encode !== "function" || !Array.isArray(glyphs)) return;
  subset.encode = (): Uint8Array => {
    const key = `${faceIndex}:${glyphs.join(",")}`;
    let bytes = subsetCache.get(key);
    if (!bytes) {
      bytes = encode.call(subset);
      if (subsetCache.size >= MAX_SUBSETS) {
        const oldest = subsetCache.keys().next().value;
        if (oldest !== undefined) subsetCache.delete(oldest);
      }
      subsetCache.set(key, bytes);
    }
    return bytes;
  };
}

const docTexts = new WeakMap<object, DocText>();
function docText(doc: PDFKit.PDFDocument): DocText {
  let dt = docTexts.get(doc);
  if (!dt) docTexts.set(doc, (dt = new DocText(doc as unknown as DocInternals)));
  return dt;
}

/**
 * A 2-byte glyph code as PDF literal-string bytes (Identity-H): backslash, parentheses, CR and LF
 * are escaped; every other byte is written raw (the content stream is binary-safe).
 */
function literalBytes(code: number): string {
  return literalByte(code >> 8) + literalByte(code & 0xff);
}

function literalByte(b: number): string {
  switch (b) {
    case 0x5c:
      return "\\\\";
    case 0x28:
      return "\\(";
    case 0x29:
      return "\\)";
    case 0x0d:
      return "\\r";
    case 0x0a:
      return "\\n";
    default:
      return String.fromCharCode(b);
  }
}

function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? "0" : String(r);
}

const colorOps = new WeakMap<Rgb, string>();
function colorOp(c: Rgb): string {
  let op = colorOps.get(c);
  if (op === undefined) {
    op = `${num(c[0])} ${num(c[1])} ${num(c[2])} rg`;
    colorOps.set(c, op);
  }
  return op;
}

export interface DrawOptions {
  /** box width for alignment; default: no alignment offset */
  width?: number;
  align?: "left" | "right" | "center";
}

/**
 * A line's operators for one document, position-independent: the caller sets the text matrix at
 * the line's first segment, then `body` follows (later segments move with relative `Td`). Cached
 * on the line (one slot: the last document), so evidence drawn twice in a packet (dimension
 * section and scorecard) is encoded once.
 */
interface LineCode {
  /** DocText.id of the document it was encoded for */
  doc: number;
  body: string;
  faces: number[];
  firstFont: string;
  firstColor: string;
  lastFont: string;
  lastColor: string;
  /** position of the first segment relative to the line start (baseline) */
  firstDx: number;
  firstDy: number;
}

/** Builds LineCodes; one reusable instance (no closures or per-line allocations besides output). */
class LineEncoder {
  private dt!: DocText;
  private body = "";
  private faces: number[] = [];
  private firstFont = "";
  private firstColor = "";
  private font = "";
  private color = "";
  private firstDx = 0;
  private firstDy = 0;
  private segX = 0;
  private segY = 0;
  private started = false;
  private segOpen = false;
  private segFace = -1;
  private segSize = 0;
  private segColor = "";
  private segEndX = Number.NaN;
  private lastStyle: TextStyle | null = null;
  private col = "";
  private space: ShapedWord | null = null;
  private spaceW = 0;

  encode(dt: DocText, line: Line): LineCode {
    this.dt = dt;
    this.body = "";
    this.faces = [];
    this.firstFont = this.firstColor = this.font = this.color = "";
    this.firstDx = this.firstDy = this.segX = this.segY = 0;
    this.started = this.segOpen = false;
    this.segFace = -1;
    this.segEndX = Number.NaN;
    this.lastStyle = null;
    const items = line.items;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (!it) continue;
      let ix = it.x;
      if (it.style !== this.lastStyle) {
        this.lastStyle = it.style;
        this.col = colorOp(it.style.color);
        this.space = shapeWord(it.style.font, " ");
        this.spaceW = (this.space.width * it.style.size) / 1000;
      }
      // Draw the space glyph itself between words of one segment: correct copy/paste and text
      // extraction, and exactly the advance we measured.
      if (it.space && this.segOpen) {
        const spRun = this.space?.runs[0];
        if (spRun && spRun.face === this.segFace && Math.abs(this.segEndX + this.spaceW - ix) < 0.01) {
          this.run(spRun, it.style, this.segEndX);
        }
      }
      const runs = it.word.runs;
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r];
        if (run) ix = this.run(run, it.style, ix);
      }
    }
    this.closeSeg();
    return {
      doc: dt.id,
      body: this.body,
      faces: this.faces,
      firstFont: this.firstFont,
      firstColor: this.firstColor,
      lastFont: this.font,
      lastColor: this.color,
      firstDx: this.firstDx,
      firstDy: this.firstDy,
    };
  }

  private closeSeg(): void {
    if (this.segOpen) this.body += ")] TJ\n";
    this.segOpen = false;
  }

  private openSeg(faceIndex: number, style: TextStyle, atX: number, atY: number): void {
    this.closeSeg();
    const df = this.dt.face(faceIndex);
    if (!this.faces.includes(faceIndex)) this.faces.push(faceIndex);
    const fontOp = `${df.name}${num(style.size)} Tf`;
    if (!this.started) {
      this.started = true;
      this.firstFont = this.font = fontOp;
      this.firstColor = this.color = this.col;
      this.firstDx = atX;
      this.firstDy = atY;
      this.segX = atX;
      this.segY = atY;
    } else {
      this.body += `${num(atX - this.segX)} ${num(atY - this.segY)} Td\n`;
      this.segX = atX;
      this.segY = atY;
      if (fontOp !== this.font) {
        this.body += `${fontOp}\n`;
        this.font = fontOp;
      }
      if (this.col !== this.color) {
        this.body += `${this.col}\n`;
        this.color = this.col;
      }
    }
    this.body += "[(";
    this.segOpen = true;
    this.segFace = faceIndex;
    this.segSize = style.size;
    this.segColor = this.col;
  }

  private run(run: ShapedRun, style: TextStyle, atX: number): number {
    const k1000 = style.size / 1000;
    if (run.xOff || run.yOff) {
      // Glyph by glyph: marks (accents, Arabic harakat) carry their own offsets.
      let gx = atX;
      for (let g = 0; g < run.gids.length; g++) {
        this.openSeg(run.face, style, gx + (run.xOff?.[g] ?? 0) * k1000, (run.yOff?.[g] ?? 0) * k1000);
        this.body += this.dt.encode(singleGlyph(run, g));
        this.closeSeg();
        gx += ((run.adv[g] ?? 0) + (run.kern[g] ?? 0)) * k1000;
      }
      this.segEndX = Number.NaN;
      return gx;
    }
    if (
      !this.segOpen ||
      this.segFace !== run.face ||
      this.segSize !== style.size ||
      this.segColor !== this.col ||
      this.segY !== 0 ||
      Math.abs(this.segEndX - atX) > 0.01
    ) {
      this.openSeg(run.face, style, atX, 0);
    }
    this.body += this.dt.encode(run);
    this.segEndX = atX + run.width * k1000;
    return this.segEndX;
  }
}

function singleGlyph(run: ShapedRun, g: number): ShapedRun {
  return {
    face: run.face,
    gids: [run.gids[g] ?? 0],
    adv: [run.adv[g] ?? 0],
    kern: [0],
    cps: [run.cps[g] ?? []],
    xOff: null,
    yOff: null,
    width: 0,
    enc: undefined,
    encDoc: undefined,
  };
}

const encoder = new LineEncoder();

function lineCode(dt: DocText, line: Line): LineCode {
  const cached = line.code;
  if (cached && cached.doc === dt.id) return cached;
  const code = encoder.encode(dt, line);
  line.code = code;
  return code;
}

/**
 * Draws laid-out lines with their top-left at (x, y) (pdfkit's top-down coordinates).
 * Returns the y below the last line.
 */
export function drawLines(
  doc: PDFKit.PDFDocument,
  lines: readonly Line[],
  x: number,
  y: number,
  opts: DrawOptions = {},
): number {
  const dt = docText(doc);
  const page = dt.doc.page;
  // Operators go straight into a reusable byte buffer (no array of strings, no joined copy).
  const out = scratch;
  out.reset();
  out.put(`q 1 0 0 -1 0 ${num(page.height)} cm BT\n`);
  let drew = false;
  let font = "";
  let color = "";
  for (const line of lines) {
    if (line.items.length > 0) {
      let dx = 0;
      const align = opts.align ?? (line.rtl ? "right" : "left");
      if (opts.width !== undefined && align !== "left") {
        dx = align === "right" ? opts.width - line.width : (opts.width - line.width) / 2;
      }
      const code = lineCode(dt, line);
      if (code.body) {
        for (const f of code.faces) {
          const df = dt.face(f);
          if (page.fonts[df.font.id] == null) page.fonts[df.font.id] = df.font.ref();
        }
        out.put(`1 0 0 1 ${num(x + dx + code.firstDx)} ${num(page.height - (y + line.baseline) + code.firstDy)} Tm\n`);
        if (code.firstFont !== font) out.put(`${code.firstFont}\n`);
        if (code.firstColor !== color) out.put(`${code.firstColor}\n`);
        out.put(code.body);
        font = code.lastFont;
        color = code.lastColor;
        drew = true;
      }
    }
    y += line.height;
  }
  if (drew) {
    out.put("ET Q\n");
    const sink = pageSinkOf(page.content);
    if (sink) out.into(sink);
    else page.content.write(out.copy());
  }
  return y;
}

/** A growable latin1 byte buffer, reused by every drawLines call (drawing is synchronous). */
class ByteScratch {
  private buf = Buffer.allocUnsafe(1 << 16);
  private len = 0;
  reset(): void {
    this.len = 0;
  }
  /** Appends a string of byte-valued characters (ASCII operators and glyph-code bytes). */
  put(s: string): void {
    if (this.len + s.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + s.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.len += this.buf.write(s, this.len, "latin1");
  }
  /** Appends the bytes written since the last reset to a page sink (copied there). */
  into(sink: PageSink): void {
    sink.bytes(this.buf, this.len);
  }
  /** A copy of the bytes written since the last reset. */
  copy(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, 0, this.len);
  }
}
const scratch = new ByteScratch();

/** For tests: a word shaped by the printable-ASCII fast path (null: not eligible) and by fontkit. */
export function shapeBothWaysForTest(style: FontStyle, text: string): { fast: ShapedRun | null; fontkit: ShapedRun } {
  const face = primaryFace(style);
  return { fast: shapeAscii(face, text), fontkit: shapeRun(face, text, undefined) };
}
