// Mixed-direction text in the packet's own line breaker (app/pdf/text/break.server.ts and
// bidi.server.ts): the visual order of the drawn glyphs must be the Unicode Bidirectional
// Algorithm's. bidi-js's getReorderedString (levels, L2 reversal and mirroring, per line) is the
// oracle; a few cases are also spelled out.
import bidiFactory from "bidi-js";
import { describe, expect, it } from "vitest";

import { type Line, layoutSpans } from "../../../app/pdf/text/break.server";
import { shapeWord } from "../../../app/pdf/text/shape.server";
import type { Span, TextStyle } from "../../../app/pdf/text/style.server";

const bidi = bidiFactory();
const regular: TextStyle = { font: "regular", size: 10, color: [0, 0, 0] };
const bold: TextStyle = { font: "bold", size: 10, color: [0, 0, 0] };

/** What a reader sees, left to right: the code points of the drawn glyphs in drawing order. */
function visualLine(line: Line): string {
  let out = "";
  for (const it of line.items) {
    if (it.space) out += " ";
    for (const run of it.word.runs) for (const cps of run.cps) out += String.fromCodePoint(...cps);
  }
  return out;
}

function lay(text: string | Span[], width = 10_000): Line[] {
  return layoutSpans(typeof text === "string" ? [{ text, style: regular }] : text, width);
}

/** bidi-js's visual order of the logical range [start, end) of `text` (one line). */
function oracle(text: string, start = 0, end = text.length): string {
  const levels = bidi.getEmbeddingLevels(text);
  return bidi.getReorderedString(text, levels, start, end - 1).slice(start, end);
}

/** Logical range of a laid-out line: from its first item's offset to its last item's end. */
function lineRange(line: Line, paraOffset: number): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const it of line.items) {
    lo = Math.min(lo, paraOffset + it.start);
    hi = Math.max(hi, paraOffset + it.start + it.text.length);
  }
  return [lo, hi];
}

describe("bidi reordering of laid-out lines", () => {
  it("keeps numbers in logical order and the period at the end after Arabic in a left-to-right paragraph", () => {
    const text = "Arabic: مرحبا بالعالم (123).";
    const [line, ...rest] = lay(text);
    expect(rest).toHaveLength(0);
    if (!line) throw new Error("no line");
    const v = visualLine(line);
    expect(v).toBe(oracle(text));
    // spelled out: the Arabic words right-to-left, the mirrored brackets around 123, "." last
    expect(v).toBe("Arabic: (123) ملاعلاب ابحرم.");
    expect(v).not.toContain("321");
    expect(line.rtl).toBe(false);
  });

  it("puts the period of a Hebrew sentence at its visual left (end of a right-to-left paragraph)", () => {
    const text = "שלום עולם.";
    const [line] = lay(text);
    if (!line) throw new Error("no line");
    expect(visualLine(line)).toBe(oracle(text));
    expect(visualLine(line)).toBe(".םלוע םולש");
    expect(line.rtl).toBe(true);
  });

  it("reorders a pure right-to-left paragraph word by word and keeps Arabic letters joined", () => {
    const text = "مرحبا بالعالم";
    const [line] = lay(text);
    if (!line) throw new Error("no line");
    expect(visualLine(line)).toBe(oracle(text));
    expect(line.rtl).toBe(true);
    // the first logical letter (meem, initial form) is drawn last, not in its isolated form
    const last = line.items[line.items.length - 1];
    const glyphs = last?.word.runs.flatMap((r) => r.gids) ?? [];
    const isolatedMeem = shapeWord("regular", "م", "rtl").runs[0]?.gids[0];
    expect(glyphs[glyphs.length - 1]).toBeDefined();
    expect(glyphs[glyphs.length - 1]).not.toBe(isolatedMeem);
  });

  it("mirrors brackets inside right-to-left runs and keeps numbers and Latin left-to-right", () => {
    const text = "שלום (עולם) abc 12 [x] 3.5% {ב} <ג>.";
    const [line] = lay(text);
    if (!line) throw new Error("no line");
    const v = visualLine(line);
    expect(v).toBe(oracle(text));
    expect(v.startsWith(".")).toBe(true);
    // the Hebrew word in parentheses still shows "(...)" on screen: logical ")" is drawn as "("
    expect(v).toContain("(םלוע)");
    expect(v).toContain("abc 12 [x] 3.5%");
    expect(v).toContain("<ג>");
  });

  it("keeps digits inside a right-to-left sentence readable", () => {
    const text = "שלום 2026 עולם 3,141";
    const [line] = lay(text);
    if (!line) throw new Error("no line");
    expect(visualLine(line)).toBe(oracle(text));
    expect(visualLine(line)).toContain("2026");
    expect(visualLine(line)).toContain("3,141");
  });

  it("matches the oracle line by line when mixed text wraps, and no line is wider than the box", () => {
    const text =
      "Hebrew: שלום עולם. Arabic: مرحبا بالعالم (123). Emoji done. שלום (עולם) and more words, 42 of them, " +
      "עם מספרים 1,234.5 ו-(סוגריים) in the middle of English text [ok].";
    for (const width of [60, 90, 140, 220, 400]) {
      const lines = lay(text, width);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const [lo, hi] = lineRange(line, 0);
        expect(visualLine(line)).toBe(oracle(text, lo, hi));
        expect(line.width).toBeLessThanOrEqual(width + 0.01);
        // items are placed left to right without overlapping
        let x = 0;
        for (const it of line.items) {
          expect(it.x).toBeGreaterThanOrEqual(x - 0.001);
          x = it.x + it.w;
        }
        expect(Math.abs(x - line.width)).toBeLessThan(0.001);
      }
    }
  });

  it("handles several spans and paragraphs, each with its own base direction", () => {
    const spans: Span[] = [
      { text: "Name: ", style: bold },
      { text: "שלום (1)\n", style: regular },
      { text: "עולם ", style: regular },
      { text: "Reviewer [A].", style: bold },
    ];
    const lines = lay(spans);
    expect(lines).toHaveLength(2);
    const all = spans.map((s) => s.text).join("");
    const nl = all.indexOf("\n");
    const [first, second] = lines;
    if (!first || !second) throw new Error("two lines expected");
    expect(first.rtl).toBe(false);
    expect(second.rtl).toBe(true);
    expect(visualLine(first)).toBe(oracle(all.slice(0, nl)));
    expect(visualLine(first)).toBe("Name: (1) םולש");
    expect(visualLine(second)).toBe(oracle(all.slice(nl + 1)));
    expect(visualLine(second)).toBe(".Reviewer [A] םלוע");
  });

  it("leaves left-to-right text alone (no bidi runs, same cached words)", () => {
    const [line] = lay("Plain (123) text, no RTL.");
    if (!line) throw new Error("no line");
    expect(line.rtl).toBe(false);
    expect(line.items.map((it) => it.text)).toEqual(["Plain", "(123)", "text,", "no", "RTL."]);
    expect(line.items.every((it) => it.bidi === undefined)).toBe(true);
    expect(line.items[1]?.word).toBe(shapeWord("regular", "(123)"));
  });

  it("is deterministic", () => {
    const text = "Arabic: مرحبا بالعالم (123). שלום עולם.";
    const a = lay(text, 120).map((l) => l.items.map((it) => [it.x, it.w, it.word.runs.map((r) => r.gids.join(","))]));
    const b = lay(text, 120).map((l) => l.items.map((it) => [it.x, it.w, it.word.runs.map((r) => r.gids.join(","))]));
    expect(b).toEqual(a);
  });
});

describe("cut right-to-left lines", () => {
  it("puts the ellipsis at the visual left of a right-to-left line, where the text continues", () => {
    const text = "שלום עולם שלום עולם שלום עולם שלום עולם שלום עולם שלום עולם";
    const lines = layoutSpans([{ text, style: regular }], 80, { maxLines: 1 });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    if (!line) throw new Error("no line");
    expect(line.rtl).toBe(true);
    const v = visualLine(line);
    expect(v.startsWith("…")).toBe(true);
    // the logically first word is kept, at the right
    expect(v.endsWith("םולש")).toBe(true);
    expect(line.width).toBeLessThanOrEqual(80 + 0.01);
    expect(line.items[0]?.x).toBe(0);
  });

  it("still puts it at the right of a left-to-right line", () => {
    const lines = layoutSpans([{ text: "one two three four five six seven eight nine ten", style: regular }], 60, {
      maxLines: 1,
    });
    const v = lines[0] ? visualLine(lines[0]) : "";
    expect(v.startsWith("one")).toBe(true);
    expect(v.endsWith("…")).toBe(true);
  });
});

describe("emoji in right-to-left text", () => {
  it("treats an emoji as neutral: it neither makes a Hebrew paragraph left-to-right nor splits it", () => {
    const [line] = layoutSpans([{ text: "👍 שלום עולם", style: regular }], 10_000);
    if (!line) throw new Error("no line");
    expect(line.rtl).toBe(true);
    expect(visualLine(line)).toBe("םלוע םולש 👍");
    const [mid] = layoutSpans([{ text: "שלום 🚀 עולם (1)", style: regular }], 10_000);
    if (!mid) throw new Error("no line");
    expect(visualLine(mid)).toBe("(1) םלוע 🚀 םולש");
  });
});
