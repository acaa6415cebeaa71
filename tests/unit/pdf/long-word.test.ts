// A word too long for a line in the packet's line breaker (app/pdf/text/break.server.ts): it is
// never cut silently. In scripts that hyphenate (Latin, Greek, Cyrillic) a break between two letters
// ends the piece with a hyphen, drawn within the line; other text (digits, CJK, Arabic) breaks at
// grapheme boundaries with nothing added (README, "Every state intentional").
import { describe, expect, it } from "vitest";

import { layoutSpans } from "../../../app/pdf/text/break.server";
import type { TextStyle } from "../../../app/pdf/text/style.server";

const regular: TextStyle = { font: "regular", size: 10, color: [0, 0, 0] };
const WIDTH = 80;

/** The pieces of `word` laid out in a column WIDTH points wide: one line each. */
function pieces(word: string): { text: string; width: number }[] {
  return layoutSpans([{ text: word, style: regular }], WIDTH).map((line) => ({
    text: line.items.map((i) => i.text).join(""),
    width: line.width,
  }));
}

describe("a word too long for a line", () => {
  it.each([
    ["Latin", "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhalterinnen"],
    ["Greek", "Ηλεκτροεγκεφαλογραφικώτατοςμηχανικόςμάθησηςαρχιτεκτονικής"],
    ["Cyrillic", "Превысокомногорассмотрительствующийархитектормашинногообучения"],
  ])("breaks between two letters with a hyphen (%s)", (_script, word) => {
    const got = pieces(word);
    expect(got.length).toBeGreaterThan(2);
    for (const p of got.slice(0, -1)) {
      // a letter, then the hyphen: the break was between two letters
      expect(p.text).toMatch(/\p{L}-$/u);
      // the hyphen is measured with the piece: nothing runs past the column
      expect(p.width).toBeLessThanOrEqual(WIDTH + 0.01);
    }
    expect(got.at(-1)!.text).not.toMatch(/-$/);
    // nothing lost or added but the hyphens
    expect(got.map((p) => p.text.replace(/-$/, "")).join("")).toBe(word);
  });

  it.each([
    ["digits", "1234567890".repeat(8)],
    ["CJK", "機械学習基盤設計".repeat(8)],
    ["Arabic", "الاستراتيجياتالمعماريةلأنظمةالتعلمالآليالموزعةعلىنطاقواسع"],
  ])("breaks other text at grapheme boundaries with no hyphen (%s)", (_kind, word) => {
    const got = pieces(word);
    expect(got.length).toBeGreaterThan(2);
    for (const p of got) {
      expect(p.text).not.toContain("-");
      expect(p.width).toBeLessThanOrEqual(WIDTH + 0.01);
    }
    expect(got.map((p) => p.text).join("")).toBe(word);
  });
});
