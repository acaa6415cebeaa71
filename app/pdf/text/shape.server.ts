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
  /**
   * Cache of the run's TJ operands (./emit.server.ts): valid in every document whose subset of
   * this face starts with the same glyphs in the same order (glyph order `encGen`) and already
   * holds the run's glyphs (subset indices up to `encMax`)
   */
  enc?: string;
  /** the glyph order `enc` was encoded in (a number: a cached run never keeps a document alive) */
  encGen?: number;
  /** the highest subset index `enc` uses (+Infinity: valid in its own document only) */
  encMax?: number;
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

/** Every run is built here, with its encoding slots present from the start: one object shape for all. */
function newRun(
  face: number,
  gids: number[],
  adv: number[],
  kern: number[],
  cps: number[][],
  xOff: number[] | null,
  yOff: number[] | null,
  width: number,
): ShapedRun {
  return { face, gids, adv, kern, cps, xOff, yOff, width, enc: undefined, encGen: undefined, encMax: undefined };
}

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
  return newRun(face.index, gids, adv, kern, cps, xOff, yOff, width);
}

// ------------------------------------------------------------------ printable-ASCII fast path

/**
 * Shaping a word of printable ASCII from per-character glyphs plus per-pair advances, both learnt
 * from fontkit itself, per face, once per process. Used only when every pair of the word shapes to
 * the two characters' own glyphs with no offsets (no ligature, no mark positioning, no adjustment of
 * the second glyph): then fontkit's result for the word is the same glyphs with the pair advances,
 * and this gives it without running the shaper per new word. Any other word (or a pair that does
 * not qualify) goes through fontkit as before.
 *
 * The table is font data, the same whatever text the process renders: built whole the first time
 * a face takes the fast path (each character shaped alone, then every ordered pair at once from one
 * layout of a de Bruijn sequence, 8,837 characters that hold each pair once), so a packet of new
 * text never pays for learning pairs. A pair the sequence cannot show on its own (a ligature formed
 * across it in the sequence) is learnt alone when first met. Shaping pairs in one run gives exactly
 * what shaping each pair alone gives for these fonts (no contextual kerning across ASCII pairs):
 * tests/unit/pdf/ascii-shaping.test.ts checks every pair of every style against fontkit.
 */
interface AsciiGlyph {
  gid: number;
  /** nominal advance, font units */
  advance: number;
  /** xAdvance when shaped alone (last glyph of a word), font units */
  xAdvance: number;
  cps: number[];
}

/**
 * The script fontkit shapes a word of printable ASCII in: "latn" with a Latin letter in it; without
 * one (numbers, punctuation) it detects none, "zzzz", and the font's default script applies.
 */
type AsciiScript = "latn" | "zzzz";

interface AsciiTable {
  script: AsciiScript;
  /** by char code 0x21..0x7e; null: not usable (no glyph, or shaped to something else) */
  glyphs: (AsciiGlyph | null)[];
  /**
   * by (c1 << 7) | c2: xAdvance of the first glyph next to the second; NaN: pair not usable;
   * +Infinity: not known yet (learnt alone on first use)
   */
  pairs: Float64Array;
}

const FIRST = 0x21;
const LAST = 0x7e;
const isLatinLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** the characters of each script's words: all of printable ASCII, or all but the letters */
const ALPHABETS: Record<AsciiScript, number[]> = {
  latn: Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i),
  zzzz: Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i).filter((c) => !isLatinLetter(c)),
};
/** by face index * 2 (+1 for "zzzz") */
const asciiTables = new Map<number, AsciiTable>();

function asciiTable(face: Face, script: AsciiScript): AsciiTable {
  const key = face.index * 2 + (script === "latn" ? 0 : 1);
  let t = asciiTables.get(key);
  if (!t) {
    t = buildAsciiTable(face, script);
    asciiTables.set(key, t);
  }
  return t;
}

function soloGlyph(face: Face, c: number, script: AsciiScript): AsciiGlyph | null {
  const run = face.font.layout(String.fromCharCode(c), undefined, script);
  const gl = run.glyphs[0];
  const p = run.positions[0];
  if (run.glyphs.length !== 1 || !gl || !p || gl.id === 0 || p.xOffset !== 0 || p.yOffset !== 0) return null;
  const cps = gl.codePoints;
  return cps.length === 1 && cps[0] === c ? { gid: gl.id, advance: gl.advanceWidth, xAdvance: p.xAdvance, cps } : null;
}

/** Every ordered pair of the alphabet exactly once (de Bruijn sequence B(k, 2)). */
function everyPair(alphabet: readonly number[]): number[] {
  const seq: number[] = [];
  for (let i = 0; i < alphabet.length; i++) {
    const a = alphabet[i] ?? 0;
    seq.push(a);
    for (let j = i + 1; j < alphabet.length; j++) seq.push(a, alphabet[j] ?? 0);
  }
  if (alphabet[0] !== undefined) seq.push(alphabet[0]);
  return seq;
}

function buildAsciiTable(face: Face, script: AsciiScript): AsciiTable {
  const alphabet = ALPHABETS[script];
  const glyphs: (AsciiGlyph | null)[] = [];
  for (const c of alphabet) glyphs[c] = soloGlyph(face, c, script);
  const pairs = new Float64Array(128 * 128).fill(Number.NaN);
  const seq = everyPair(alphabet);
  const run = face.font.layout(String.fromCharCode(...seq), undefined, script);
  // glyph j of the run, when it is its character's own glyph unmoved: that character's index in seq
  const at: number[] = [];
  let pos = 0;
  for (let j = 0; j < run.glyphs.length; j++) {
    const gl = run.glyphs[j];
    const p = run.positions[j];
    if (!gl || !p) break;
    const c = seq[pos] ?? 0;
    const own = glyphs[c];
    at[j] = gl.codePoints.length === 1 && own && gl.id === own.gid && p.xOffset === 0 && p.yOffset === 0 ? pos : -1;
    pos += Math.max(1, gl.codePoints.length);
  }
  for (const c1 of alphabet) {
    for (const c2 of alphabet) {
      if (glyphs[c1] && glyphs[c2]) pairs[(c1 << 7) | c2] = Number.POSITIVE_INFINITY;
    }
  }
  for (let j = 0; j + 1 < run.glyphs.length; j++) {
    const i = at[j] ?? -1;
    if (i < 0 || at[j + 1] !== i + 1) continue;
    const c1 = seq[i] ?? 0;
    const c2 = seq[i + 1] ?? 0;
    pairs[(c1 << 7) | c2] = run.positions[j]?.xAdvance ?? Number.POSITIVE_INFINITY;
  }
  return { script, glyphs, pairs };
}

/** A pair shaped alone: the first glyph's xAdvance, or NaN when the pair does not qualify. */
function shapePairAlone(
  face: Face,
  script: AsciiScript,
  c1: number,
  g1: AsciiGlyph,
  c2: number,
  g2: AsciiGlyph,
): number {
  const run = face.font.layout(String.fromCharCode(c1, c2), undefined, script);
  const [a, b] = run.glyphs;
  const [pa, pb] = run.positions;
  return run.glyphs.length === 2 &&
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
    ? pa.xAdvance
    : Number.NaN;
}

function asciiPair(face: Face, t: AsciiTable, c1: number, g1: AsciiGlyph, c2: number, g2: AsciiGlyph): number {
  const k = (c1 << 7) | c2;
  let xa = t.pairs[k] ?? Number.NaN;
  if (xa === Number.POSITIVE_INFINITY) {
    xa = shapePairAlone(face, t.script, c1, g1, c2, g2);
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
    if (isLatinLetter(c)) letter = true;
  }
  // fontkit picks the script from the word, and so do we
  const t = asciiTable(face, letter ? "latn" : "zzzz");
  const gids = new Array<number>(n);
  const adv = new Array<number>(n);
  const kern = new Array<number>(n);
  const cps = new Array<number[]>(n);
  const s = face.scale;
  let width = 0;
  let c = text.charCodeAt(0);
  let g = t.glyphs[c];
  if (!g) return null;
  for (let i = 0; i < n; i++) {
    let xaUnits: number;
    let nc = 0;
    let ng: AsciiGlyph | null = null;
    if (i + 1 < n) {
      nc = text.charCodeAt(i + 1);
      ng = t.glyphs[nc] ?? null;
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
  return newRun(face.index, gids, adv, kern, cps, null, null, width);
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

/**
 * Builds the fonts' ASCII fast-path tables now (letters and the no-script table for numbers, every
 * style): ~1 s in a fresh process, which the first packet would otherwise wait for. The warm-up
 * words leave the word cache as they found it.
 */
export function warmShaping(): void {
  for (const style of ["regular", "bold", "italic"] as const) {
    shapeUncached(style, "Warm", undefined);
    shapeUncached(style, "2026", undefined);
  }
}

/** Number of cached shaped words (diagnostics, bench). */
export function cachedWordCount(): number {
  return wordCache.regular.size + wordCache.bold.size + wordCache.italic.size;
}

/** Drops the shaped words (the ASCII fast path's tables are font data and stay). */
export function clearShapeCaches(): void {
  for (const s of Object.values(wordCache)) s.clear();
  cachedWords = 0;
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

/**
 * For tests: every ordered pair of a script's ASCII characters in a style, as the font table built
 * from the de Bruijn sequence has it (+Infinity: left to be shaped alone) and shaped alone.
 */
export function asciiPairsBothWaysForTest(
  style: FontStyle,
  script: AsciiScript,
): { pair: string; table: number; alone: number }[] {
  const face = primaryFace(style);
  const t = buildAsciiTable(face, script);
  const out: { pair: string; table: number; alone: number }[] = [];
  for (const c1 of ALPHABETS[script]) {
    for (const c2 of ALPHABETS[script]) {
      const g1 = t.glyphs[c1];
      const g2 = t.glyphs[c2];
      const pair = String.fromCharCode(c1, c2);
      const table = t.pairs[(c1 << 7) | c2] ?? Number.NaN;
      out.push({ pair, table, alone: g1 && g2 ? shapePairAlone(face, script, c1, g1, c2, g2) : Number.NaN });
    }
  }
  return out;
}
