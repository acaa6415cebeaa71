import { describe, expect, it } from "vitest";

import { aggregateFixture, buildPacketFixture } from "../../../scripts/lib/packet-fixture";
import { asciiPairsBothWaysForTest, shapeBothWaysForTest, shapeWord } from "../../../app/pdf/text/shape.server";

// The printable-ASCII fast path must give exactly what fontkit gives for the same word: same
// glyphs, advances, kerning and width. Words where a pair ligates or positions differently must
// not take the fast path at all.
const strip = (run: object): string => JSON.stringify({ ...run, enc: undefined, encGen: undefined, encMax: undefined });

function words(): string[] {
  const out = new Set<string>([
    "office",
    "ffi",
    "ffl",
    "fi",
    "fl",
    "Th",
    "AVAWAY",
    "To",
    "Ty",
    "LT",
    "--",
    "a---b",
    "a1/2",
    "(a)",
    '"Wa."',
    "f)",
    "f]",
    "j",
    "ij",
    "Kubernetes-native",
    "p95/p99",
    "AT&T",
    "x@y.com",
    "[1]",
    "LLM",
    "Yes!",
    "V.",
    "ff",
    "fj",
    // no Latin letter: fontkit shapes them in no script (the font's default)
    "2024",
    "3.57",
    "+12",
    "11:30",
    "(100%)",
    "...",
  ]);
  // deterministic pseudo-random printable-ASCII words
  let r = 12345;
  const next = (): number => {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    return r / 0x100000000;
  };
  for (let i = 0; i < 3000; i++) {
    let w = "";
    const len = 1 + Math.floor(next() * 9);
    for (let j = 0; j < len; j++) w += String.fromCharCode(0x21 + Math.floor(next() * 94));
    out.add(w);
  }
  return [...out];
}

describe("printable-ASCII shaping fast path", () => {
  it("matches fontkit glyph for glyph in every style", () => {
    let fast = 0;
    for (const style of ["regular", "bold", "italic"] as const) {
      for (const w of words()) {
        const { fast: f, fontkit } = shapeBothWaysForTest(style, w);
        if (!f) continue;
        fast++;
        expect(strip(f), `${style} ${JSON.stringify(w)}`).toBe(strip(fontkit));
      }
    }
    // it is actually used (most such words qualify)
    expect(fast).toBeGreaterThan(3000);
  });

  it("matches fontkit glyph for glyph on every word of the packet fixtures", () => {
    const text = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === "string") for (const w of v.split(/\s+/)) text.add(w);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === "object") Object.values(v).forEach(collect);
    };
    for (const options of [{}, { hostile: true }, { seed: 1001 }])
      collect(aggregateFixture(buildPacketFixture(options)));
    let fast = 0;
    for (const style of ["regular", "bold", "italic"] as const) {
      for (const w of text) {
        const { fast: f, fontkit } = shapeBothWaysForTest(style, w);
        if (!f) continue;
        fast++;
        expect(strip(f), `${style} ${JSON.stringify(w)}`).toBe(strip(fontkit));
      }
    }
    // ~940 distinct ASCII words per style take the fast path
    expect(fast).toBeGreaterThan(2000);
  });

  it("takes every pair's advance from the font table exactly as fontkit shapes the pair alone", () => {
    for (const [style, script] of ["regular", "bold", "italic"].flatMap((st) =>
      (["latn", "zzzz"] as const).map((sc) => [st as "regular" | "bold" | "italic", sc] as const),
    )) {
      const pairs = asciiPairsBothWaysForTest(style, script);
      // every printable ASCII character in words with a Latin letter; the 42 others in words without
      expect(pairs).toHaveLength(script === "latn" ? 94 * 94 : 42 * 42);
      // a pair the de Bruijn run could not show is shaped alone when met: only a handful
      const deferred = pairs.filter((p) => p.table === Number.POSITIVE_INFINITY);
      expect(deferred.length, `${style} ${script}: ${deferred.map((p) => p.pair).join(" ")}`).toBeLessThan(20);
      const differ = pairs
        .filter((p) => p.table !== Number.POSITIVE_INFINITY && !Object.is(p.table, p.alone))
        .map((p) => `${JSON.stringify(p.pair)}: table ${p.table}, alone ${p.alone}`);
      expect(differ, `${style} ${script}`).toEqual([]);
      // the ligature pairs are not usable (those words go through fontkit)
      for (const lig of script === "latn" ? ["fi", "fl"] : []) {
        const p = pairs.find((x) => x.pair === lig);
        expect(Number.isNaN(p?.alone), `${style} ${lig}`).toBe(true);
      }
    }
  });

  it("leaves non-ASCII words to fontkit", () => {
    expect(shapeBothWaysForTest("regular", "café").fast).toBeNull();
    expect(shapeWord("regular", "café").width).toBeGreaterThan(0);
  });
});
