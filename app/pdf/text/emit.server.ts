/// <reference types="pdfkit" />
/**
 * Drawing for the packet's text engine: laid-out lines (./break.server.ts) written as `TJ`
 * operators straight into pdfkit's page content, glyph ids from the shaped runs
 * (./shape.server.ts), fonts embedded and subset through pdfkit.
 *
 * pdfkit internals used (pinned pdfkit 0.20; a unit test renders and extracts text, so a change
 * breaks loudly): `registerFont(name, fontkitFont)`, `doc.font(name)` then `doc._font` (an
 * EmbeddedFont: `id`, `subset.includeGlyph`, `widths`, `unicode`, `ref()`), `doc.page.fonts`,
 * `doc.page.height`, `doc.addContent`.
 */
import zlib from "node:zlib";

import { faceByIndex } from "../fonts.server";
import { type PageSink, pageSinkOf } from "../page-sink.server";
import { tagsOf } from "../tags.server";
import type { Line } from "./break.server";
import { type ShapedRun, type ShapedWord, shapeWord } from "./shape.server";
import type { Rgb, TextStyle } from "./style.server";

/** The pdfkit internals we touch (see the module comment). */
interface EmbeddedFontInternals {
  id: string;
  subset: { includeGlyph(glyphId: number): number; glyphs: number[] };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  /** writes the font's objects at the end of the document (pdfkit calls it once) */
  embed?: () => void;
}

interface PageInternals {
  fonts: Record<string, unknown>;
  height: number;
  content: { write(chunk: Uint8Array): unknown };
}

interface DocInternals {
  _font: EmbeddedFontInternals;
  ref(data?: unknown): unknown;
  page: PageInternals;
  registerFont(name: string, src: unknown): unknown;
  font(name: string): unknown;
}

interface DocFace {
  font: EmbeddedFontInternals;
  /** fontkit glyph id -> its index in this document's subset (the code drawn, see `literalCode`) */
  codes: Map<number, number>;
  /** "/F3 " */
  name: string;
  /** the subset's glyphs in order (fontkit's array, grows as glyphs are included) */
  glyphs: number[];
  /** the process-wide glyph order this document's subset of the face is a prefix of */
  order: GlyphOrder;
}

/**
 * Encoded runs and lines are reused across documents. A glyph's code in a document is its index
 * in the document's font subset, i.e. the order in which the document first drew each glyph: the
 * same text drawn again gives the same order. Each face has a current glyph order, shared by
 * every document whose subset so far is a prefix of it (a document extends it as it includes new
 * glyphs). A document that includes a glyph the order does not expect at that index forks a new
 * order from its own subset (a new `gen`, which invalidates what was encoded in the old one). So
 * an encoding made in order `gen` using subset indices up to `max` is valid, byte for byte, in any
 * document whose face follows order `gen` and whose subset already holds `max + 1` glyphs: those
 * glyphs are the same glyphs at the same indices, and the document included each of them (its
 * W and ToUnicode entries) when it first drew it, as before.
 */
interface GlyphOrder {
  gen: number;
  /** the face's resource name in the documents that follow this order ("/F3 "): part of line codes */
  name: string;
  glyphs: number[];
}

let nextGlyphOrderGen = 1;
/** by face index */
const glyphOrders: (GlyphOrder | undefined)[] = [];

function forkGlyphOrder(faceIndex: number, name: string, glyphs: readonly number[]): GlyphOrder {
  const order = { gen: nextGlyphOrderGen++, name, glyphs: glyphs.slice() };
  glyphOrders[faceIndex] = order;
  return order;
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
      cacheSubsetEncoding(font, faceIndex, this.doc);
      const name = `/${font.id} `;
      const glyphs = font.subset.glyphs;
      const current = glyphOrders[faceIndex];
      const order =
        current && current.name === name && current.glyphs.length >= glyphs.length && startsWith(current.glyphs, glyphs)
          ? current
          : forkGlyphOrder(faceIndex, name, glyphs);
      df = { font, codes: new Map(), name, glyphs, order };
      this.faces[faceIndex] = df;
    }
    return df;
  }

  /** Whether an encoding made in glyph order `gen` with subset indices up to `max` holds here. */
  holds(faceIndex: number, gen: number | undefined, max: number | undefined): boolean {
    const df = this.faces[faceIndex];
    return df !== undefined && df.order.gen === gen && max !== undefined && max < df.glyphs.length;
  }

  /**
   * The TJ operands of a run for this document, e.g. `(\0E\0F)-12(\0G)` (two bytes per glyph in
   * literal strings: half the size of hex, so less to deflate). Cached on the run
   * (one slot: the last document that drew it), so a word repeated 50 times in a packet is
   * encoded once.
   */
  encode(run: ShapedRun): string {
    const df = this.face(run.face);
    if (run.enc !== undefined && this.holds(run.face, run.encGen, run.encMax)) return run.enc;
    let out = "";
    let max = 0;
    const n = run.gids.length;
    for (let g = 0; g < n; g++) {
      const gid = run.gids[g] ?? 0;
      let sub = df.codes.get(gid);
      if (sub === undefined) {
        const before = df.glyphs.length;
        sub = df.font.subset.includeGlyph(gid);
        if (sub === before) this.followOrder(df, sub, gid);
        if (df.font.widths[sub] == null) df.font.widths[sub] = run.adv[g] ?? 0;
        if (df.font.unicode[sub] == null) df.font.unicode[sub] = run.cps[g] ?? [];
        df.codes.set(gid, sub);
      }
      // the missing glyph (index 0) is in every subset from the start, never drawn "first": keep
      // encodings that use it to their own document
      if (sub === 0) max = Number.POSITIVE_INFINITY;
      else if (sub > max) max = sub;
      out += literalCode(sub);
      const k = run.kern[g] ?? 0;
      // TJ adjustments are in thousandths of an em, subtracted from the position
      if (k > 0.004 || k < -0.004) out += `)${num(-k)}(`;
    }
    run.enc = out;
    run.encGen = df.order.gen;
    run.encMax = max;
    return out;
  }

  /** A glyph was just included at index `sub`: follow, extend or fork the face's glyph order. */
  private followOrder(df: DocFace, sub: number, gid: number): void {
    const order = df.order;
    if (sub < order.glyphs.length) {
      if (order.glyphs[sub] !== gid) df.order = forkGlyphOrder(this.faceIndexOf(df), df.name, df.glyphs);
    } else if (sub === order.glyphs.length) {
      order.glyphs.push(gid);
    } else {
      df.order = forkGlyphOrder(this.faceIndexOf(df), df.name, df.glyphs);
    }
  }

  private faceIndexOf(df: DocFace): number {
    return this.faces.indexOf(df);
  }
}

function startsWith(whole: readonly number[], prefix: readonly number[]): boolean {
  for (let i = 0; i < prefix.length; i++) if (whole[i] !== prefix[i]) return false;
  return true;
}

/**
 * The embedded font program for a given glyph list is a pure function of (face, glyph ids in
 * order), and fontkit's TTF subsetter is slow (it decodes every glyph outline): keep the last
 * few encodings for the process, deflated as pdfkit would deflate them (zlib's default level),
 * so a document embedding the same subset again skips both the subsetter and the deflate. Wraps
 * this document's font and subset objects only; no global patch.
 */
const subsetCache = new Map<string, Uint8Array>();
const MAX_SUBSETS = 48;

/** The parts of pdfkit's PDFReference (the font file stream) set here; see `embedDeflated`. */
interface StreamRefInternals {
  compress: boolean;
  data: Record<string, unknown>;
}

function cacheSubsetEncoding(font: EmbeddedFontInternals, faceIndex: number, doc: DocInternals): void {
  const subset = font.subset as EmbeddedFontInternals["subset"] & { glyphs?: number[]; encode?: () => Uint8Array };
  const encode = subset.encode;
  const glyphs = subset.glyphs;
  const embed = font.embed;
  if (typeof encode !== "function" || !Array.isArray(glyphs) || typeof embed !== "function") return;
  // pdfkit's embed() creates the font file stream (the first ref it makes), then ends it with
  // subset.encode(): remember that stream, so encode can hand over bytes already deflated.
  let fontFile: StreamRefInternals | null = null;
  font.embed = function (this: unknown): void {
    const ref = doc.ref;
    doc.ref = (data?: unknown): unknown => {
      const r = ref.call(doc, data);
      fontFile ??= r as StreamRefInternals;
      return r;
    };
    try {
      embed.call(this);
    } finally {
      doc.ref = ref;
    }
  };
  subset.encode = (): Uint8Array => {
    const key = `${faceIndex}:${glyphs.join(",")}`;
    let deflated = subsetCache.get(key);
    if (!deflated) {
      deflated = zlib.deflateSync(encode.call(subset));
      if (subsetCache.size >= MAX_SUBSETS) {
        const oldest = subsetCache.keys().next().value;
        if (oldest !== undefined) subsetCache.delete(oldest);
      }
      subsetCache.set(key, deflated);
    }
    const stream = fontFile;
    fontFile = null;
    if (!stream || !stream.compress) return zlib.inflateSync(deflated);
    // what pdfkit's PDFReference.write/finalize would do, in the same key order (Length, then
    // Filter), with the deflate already done
    stream.compress = false;
    stream.data.Length = 0;
    stream.data.Filter = "FlateDecode";
    return deflated;
  };
}

const docTexts = new WeakMap<object, DocText>();
function docText(doc: PDFKit.PDFDocument): DocText {
  let dt = docTexts.get(doc);
  if (!dt) docTexts.set(doc, (dt = new DocText(doc as unknown as DocInternals)));
  return dt;
}

/** literalBytes by subset index, built as needed (the same for every document) */
const literalCodes: string[] = [];
function literalCode(sub: number): string {
  let code = literalCodes[sub];
  if (code === undefined) literalCodes[sub] = code = literalBytes(sub);
  return code;
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
 * A line's operators, position-independent: the caller sets the text matrix at the line's first
 * segment, then `body` follows (later segments move with relative `Td`). Cached on the line (one
 * slot), so evidence drawn twice in a packet (dimension section and scorecard) is encoded once,
 * and reused by later documents that follow the same glyph orders (see `GlyphOrder`).
 */
export interface LineCode {
  /** DocText.id of the document it was encoded for */
  doc: number;
  body: string;
  faces: number[];
  /** by position in `faces`: the face's glyph order and the highest subset index the line uses */
  gens: number[];
  maxes: number[];
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
  private maxes: number[] = [];
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
    this.maxes = [];
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
    const gens: number[] = [];
    for (const f of this.faces) gens.push(dt.face(f).order.gen);
    return {
      doc: dt.id,
      body: this.body,
      faces: this.faces,
      gens,
      maxes: this.maxes,
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
    if (!this.faces.includes(faceIndex)) {
      this.faces.push(faceIndex);
      this.maxes.push(0);
    }
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
        const one = singleGlyph(run, g);
        this.body += this.dt.encode(one);
        this.noteMax(one);
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
    this.noteMax(run);
    this.segEndX = atX + run.width * k1000;
    return this.segEndX;
  }

  /** The line's highest subset index per face, from the run just encoded. */
  private noteMax(run: ShapedRun): void {
    const i = this.faces.indexOf(run.face);
    const max = run.encMax ?? Number.POSITIVE_INFINITY;
    if (i >= 0 && max > (this.maxes[i] ?? 0)) this.maxes[i] = max;
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
    encGen: undefined,
    encMax: undefined,
  };
}

const encoder = new LineEncoder();

function holdsAll(dt: DocText, code: LineCode): boolean {
  for (let i = 0; i < code.faces.length; i++) {
    if (!dt.holds(code.faces[i] ?? -1, code.gens[i], code.maxes[i])) return false;
  }
  return true;
}

function lineCode(dt: DocText, line: Line): LineCode {
  const cached = line.code;
  if (cached && (cached.doc === dt.id || holdsAll(dt, cached))) return cached;
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
    // In a tagged document the lines are one marked-content sequence (./tags.server.ts).
    const tags = tagsOf(doc);
    if (tags) tags.markText(() => writeOut(page));
    else writeOut(page);
  }
  return y;
}

function writeOut(page: PageInternals): void {
  const sink = pageSinkOf(page.content);
  if (sink) scratch.into(sink);
  else page.content.write(scratch.copy());
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

/**
 * Drops the cached font subsets and the glyph orders (which glyphs documents drew first: derived
 * from text, so an erasure drops them too; the next document starts a new order).
 */
export function clearEmitCaches(): void {
  subsetCache.clear();
  glyphOrders.length = 0;
}
