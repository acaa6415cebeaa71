/**
 * Fonts for the PDF packet: TTF files from npm packages, read and parsed ONCE per process and
 * shared by every document (parsing Noto Sans SC takes ~90 ms; pdfkit would re-parse per document).
 *
 * - Never system fonts and never pdfkit's built-in Helvetica (Latin-1 only: "Łukasz" breaks).
 * - Files are resolved by path under `<project root>/node_modules` (`process.cwd()`), falling back to
 *   Node's resolver; the packages' JS entry points are ES modules we never load.
 * - No single font covers Latin-ext + Greek + Cyrillic + CJK + Hangul (+ emoji), so each style has a
 *   fallback chain; {@link faceIndexForGrapheme} picks the first face that has every code point.
 * - Fallback faces (CJK ~10 MB each) load lazily, the first time a code point needs them, or up front
 *   with {@link warmFonts} at server start.
 *
 * fontkit has no type declarations, so the small part of its API we use is typed here, and it is
 * loaded with `require` (its CommonJS build, the same copy pdfkit's CommonJS build would use).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// ------------------------------------------------------------------ fontkit (typed subset)

export interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

export interface FontkitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface FontkitGlyphRun {
  glyphs: FontkitGlyph[];
  positions: FontkitPosition[];
  advanceWidth: number;
}

export interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  capHeight: number;
  xHeight: number;
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(
    text: string,
    features?: string[] | Record<string, boolean>,
    script?: string,
    language?: string,
    direction?: "ltr" | "rtl",
  ): FontkitGlyphRun;
}

interface FontkitModule {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

const require = createRequire(import.meta.url);
let fontkitModule: FontkitModule | null = null;
function fontkit(): FontkitModule {
  if (!fontkitModule) fontkitModule = require("fontkit") as FontkitModule;
  return fontkitModule;
}

// ------------------------------------------------------------------ faces

export type FontStyle = "regular" | "bold" | "italic";

export interface FaceSpec {
  /** Name registered with pdfkit (unique per face). */
  id: string;
  /** Path below node_modules. */
  file: string;
  /** true: the packet cannot render without it (a clear error is thrown). */
  required: boolean;
}

/** A face: its spec plus the parsed font once loaded (null when an optional file is missing). */
export interface Face {
  spec: FaceSpec;
  /** index in the process-wide face table; stable for the process */
  index: number;
  font: FontkitFont;
  /** 1000 / unitsPerEm: pdfkit and our text engine measure in thousandths of an em */
  scale: number;
}

const F = "@expo-google-fonts";
const SPECS = {
  sans: { id: "NotoSans-Regular", file: `${F}/noto-sans/400Regular/NotoSans_400Regular.ttf`, required: true },
  sansBold: { id: "NotoSans-Bold", file: `${F}/noto-sans/700Bold/NotoSans_700Bold.ttf`, required: true },
  sansItalic: {
    id: "NotoSans-Italic",
    file: `${F}/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf`,
    required: true,
  },
  sc: { id: "NotoSansSC-Regular", file: `${F}/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf`, required: true },
  scBold: { id: "NotoSansSC-Bold", file: `${F}/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf`, required: true },
  kr: { id: "NotoSansKR-Regular", file: `${F}/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf`, required: true },
  krBold: { id: "NotoSansKR-Bold", file: `${F}/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf`, required: true },
  // Optional: used when the package is installed, skipped otherwise.
  arabic: {
    id: "NotoSansArabic-Regular",
    file: `${F}/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf`,
    required: false,
  },
  arabicBold: {
    id: "NotoSansArabic-Bold",
    file: `${F}/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf`,
    required: false,
  },
  hebrew: {
    id: "NotoSansHebrew-Regular",
    file: `${F}/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf`,
    required: false,
  },
  hebrewBold: {
    id: "NotoSansHebrew-Bold",
    file: `${F}/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf`,
    required: false,
  },
  emoji: { id: "NotoEmoji-Regular", file: `${F}/noto-emoji/400Regular/NotoEmoji_400Regular.ttf`, required: false },
} satisfies Record<string, FaceSpec>;

type SpecKey = keyof typeof SPECS;

/** Fallback chains, primary first. Italic falls back to the regular CJK/other faces. */
const CHAINS: Record<FontStyle, SpecKey[]> = {
  regular: ["sans", "sc", "kr", "arabic", "hebrew", "emoji"],
  bold: ["sansBold", "scBold", "krBold", "arabicBold", "hebrewBold", "emoji"],
  italic: ["sansItalic", "sc", "kr", "arabic", "hebrew", "emoji"],
};

export const FONT_STYLES: readonly FontStyle[] = ["regular", "bold", "italic"];

/** Every face loaded so far (index = Face.index). */
const faceTable: Face[] = [];
/** undefined: not tried yet; null: optional file missing */
const faceBySpec = new Map<SpecKey, Face | null>();

function resolveFontFile(file: string): string | null {
  const fromCwd = path.join(process.cwd(), "node_modules", file);
  if (fs.existsSync(fromCwd)) return fromCwd;
  try {
    return require.resolve(file);
  } catch {
    return null;
  }
}

function loadFace(key: SpecKey): Face | null {
  const known = faceBySpec.get(key);
  if (known !== undefined) return known;
  const spec: FaceSpec = SPECS[key];
  const file = resolveFontFile(spec.file);
  if (!file) {
    if (spec.required) {
      throw new Error(
        `PDF font missing: ${spec.file} not found under ${path.join(process.cwd(), "node_modules")}. ` +
          `Install the font packages (npm install) and run from the project root.`,
      );
    }
    faceBySpec.set(key, null);
    return null;
  }
  const font = fontkit().create(new Uint8Array(fs.readFileSync(file)));
  const face: Face = { spec, index: faceTable.length, font, scale: 1000 / font.unitsPerEm };
  faceTable.push(face);
  faceBySpec.set(key, face);
  return face;
}

/** The primary face of a style (Noto Sans regular/bold/italic). Loads it on first use. */
export function primaryFace(style: FontStyle): Face {
  const key = CHAINS[style][0];
  const face = key ? loadFace(key) : null;
  if (!face) throw new Error(`No primary font for style ${style}`);
  return face;
}

export function faceByIndex(index: number): Face {
  const face = faceTable[index];
  if (!face) throw new Error(`Unknown face index ${index}`);
  return face;
}

// ------------------------------------------------------------------ fallback selection

/**
 * Code points that never need a glyph of their own: joiners and variation selectors. A grapheme is
 * "covered" by a face when the face has every other code point.
 */
function isDefaultIgnorable(cp: number): boolean {
  return (
    cp === 0x200d || // ZWJ
    cp === 0x200c || // ZWNJ
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0xe0020 && cp <= 0xe007f) || // tag characters (flag sequences)
    cp === 0x200b || // zero width space
    cp === 0x2060 ||
    cp === 0xfeff
  );
}

/** per style: code point -> index into CHAINS[style] of the first face having it (-1: none) */
const cpChainCache: Record<FontStyle, Map<number, number>> = {
  regular: new Map(),
  bold: new Map(),
  italic: new Map(),
};

function chainPositionForCodePoint(style: FontStyle, cp: number): number {
  const cache = cpChainCache[style];
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  const chain = CHAINS[style];
  let found = -1;
  for (let i = 0; i < chain.length; i++) {
    const key = chain[i];
    const face = key ? loadFace(key) : null;
    if (face && face.font.hasGlyphForCodePoint(cp)) {
      found = i;
      break;
    }
  }
  cache.set(cp, found);
  return found;
}

/** true when the primary face of the style has a glyph for every code point of `text`. */
export function primaryCovers(style: FontStyle, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Fast path: printable ASCII and Latin-1 letters are all in Noto Sans.
    if (c >= 0x20 && c < 0x7f) continue;
    const cp = text.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    if (isDefaultIgnorable(cp)) return false;
    if (chainPositionForCodePoint(style, cp) !== 0) return false;
  }
  return true;
}

/**
 * The face to draw one grapheme with: the first face in the style's chain that has every
 * (non-ignorable) code point of it; else the face that has its first code point; else the primary
 * face (which then draws its .notdef box: never a crash).
 */
export function faceForGrapheme(style: FontStyle, grapheme: string): Face {
  const chain = CHAINS[style];
  const cps: number[] = [];
  for (const ch of grapheme) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isDefaultIgnorable(cp)) cps.push(cp);
  }
  if (cps.length === 0) return primaryFace(style);
  let best = Number.POSITIVE_INFINITY;
  // The smallest chain position that every code point can reach.
  for (let pos = 0; pos < chain.length; pos++) {
    const key = chain[pos];
    const face = key ? loadFace(key) : null;
    if (!face) continue;
    if (cps.every((cp) => face.font.hasGlyphForCodePoint(cp))) {
      best = pos;
      break;
    }
  }
  if (best === Number.POSITIVE_INFINITY) {
    const first = cps[0] ?? 0;
    const pos = chainPositionForCodePoint(style, first);
    best = pos < 0 ? 0 : pos;
  }
  const key = chain[best];
  const face = key ? loadFace(key) : null;
  return face ?? primaryFace(style);
}

/**
 * Load every installed face now (primary and fallbacks). Call once at server start so the first
 * packet request does not pay ~250 ms of font parsing.
 */
export function warmFonts(): void {
  for (const style of FONT_STYLES) {
    for (const key of CHAINS[style]) loadFace(key);
  }
}

/**
 * The font files of a style's fallback chain, primary first (absolute paths; missing optional files
 * left out): bench:packet gives Chromium the same fonts as the packet.
 */
export function fontChainFiles(style: FontStyle): string[] {
  return CHAINS[style].map((key) => resolveFontFile(SPECS[key].file)).filter((f): f is string => f !== null);
}
