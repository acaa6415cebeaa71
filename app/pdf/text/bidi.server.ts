/**
 * Mixed-direction text (Unicode Bidirectional Algorithm, levels from bidi-js): embedding levels of
 * a paragraph, tokens shaped per level run, and the visual reordering of laid-out lines.
 */
import bidiFactory from "bidi-js";

import type { FontStyle } from "../fonts.server";
import type { Line, LineItem } from "./break.server";
import { type ShapedWord, shapeWord, spaceWidth } from "./shape.server";

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

const RTL_RE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udd00-\udd5f]/;
let bidi: ReturnType<typeof bidiFactory> | null = null;
/** bidi-js's resolved levels (one per UTF-16 unit) and paragraphs of a text. */
export type BidiLevels = ReturnType<ReturnType<typeof bidiFactory>["getEmbeddingLevels"]>;

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

/** One level run of a token, shaped in its own direction. */
export function bidiPiece(font: FontStyle, text: string, off: number, level: number): BidiPiece {
  // even levels inside right-to-left text (numbers, Latin words) keep their logical order; force
  // "ltr" only where fontkit's script default would reverse (Hebrew/Arabic under an override)
  const word =
    level % 2 === 1
      ? shapeWord(font, mirrored(text), "rtl")
      : shapeWord(font, text, RTL_RE.test(text) ? "ltr" : undefined);
  return { text, off, level, word };
}

/** true when the text has a right-to-left character: only such text pays for the bidi algorithm. */
export function hasRightToLeft(text: string): boolean {
  return RTL_RE.test(text);
}

/** Embedding levels of (sanitised) text, every paragraph of it. */
export function embeddingLevels(text: string): BidiLevels {
  if (!bidi) bidi = bidiFactory();
  return bidi.getEmbeddingLevels(bidiInput(text));
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
export function reorderParagraph(lines: Line[], from: number, bidiLevels: BidiLevels, paraGlobal: number): void {
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
