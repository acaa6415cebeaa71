/**
 * Shaping for the packet's own text engine (see ./break.server.ts for line breaking and
 * ./emit.server.ts for drawing): fontkit lays out each word (kerning, ligatures, fallback fonts),
 * a process-wide cache keeps it, and words of printable ASCII skip the shaper (fast path below).
 *
 * Why not `doc.text()`: pdfkit re-shapes every word per document and its line wrapper dominates the
 * render time (stack notes, "PDF speed": ~2 s -> ~0.1 s for a 49-page packet). Here a word is shaped
 * once per process and style; drawing a line is string concatenation of cached glyph ids.
 *
 * Kerning: each word is laid out by fontkit with the font's default features (GPOS `kern`, `liga`...);
 * the difference between a glyph's xAdvance and its nominal advance is written as a TJ adjustment,
 * exactly as pdfkit does, so measured width == drawn width.
 */
import { type Face, type FontStyle, faceForGrapheme, primaryCovers, primaryFace } from "../fonts.server";
import type { TextStyle } from "./style.server";

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

/** Grapheme clusters: font fallback and over-long tokens split only between them. */
export const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

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

/** Drops the shaped words and the ASCII fast path's tables. */
export function clearShapeCaches(): void {
  for (const s of Object.values(wordCache)) s.clear();
  cachedWords = 0;
  asciiTables.clear();
}

/** Width of a space in a style, in points. */
const spaceWidthCache = new WeakMap<TextStyle, number>();
export function spaceWidth(style: TextStyle): number {
  let w = spaceWidthCache.get(style);
  if (w === undefined) {
    w = (shapeWord(style.font, " ").width * style.size) / 1000;
    spaceWidthCache.set(style, w);
  }
  return w;
}

/** For tests: a word shaped by the printable-ASCII fast path (null: not eligible) and by fontkit. */
export function shapeBothWaysForTest(style: FontStyle, text: string): { fast: ShapedRun | null; fontkit: ShapedRun } {
  const face = primaryFace(style);
  return { fast: shapeAscii(face, text), fontkit: shapeRun(face, text, undefined) };
}
