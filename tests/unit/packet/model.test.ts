// The packet's view model (app/domain/packet/model.ts): pure, deterministic, and the cover says
// DRAFT with who is missing when the loop is incomplete.
import { describe, expect, it } from "vitest";

import {
  buildPacketModel,
  cleanText,
  excerpt,
  formatUtcDate,
  formatUtcDateRange,
  formatUtcDateTime,
  packetContentDisposition,
  packetFileNames,
  packetTimestamp,
} from "../../../app/domain/packet/model";
import { buildHeatmap } from "../../../app/domain/review/heatmap";
import { stripInvisible } from "../../../app/domain/shared/format";
import {
  aggregateFixture,
  buildPacketFixture,
  FIXTURE_CANDIDATE,
  FIXTURE_PANELISTS,
} from "../../../scripts/lib/packet-fixture";

function model(opts: Parameters<typeof buildPacketFixture>[0] = {}) {
  const fx = buildPacketFixture(opts);
  const aggregate = aggregateFixture(fx);
  return { fx, aggregate, model: buildPacketModel(aggregate, fx.facts, fx.rubric) };
}

describe("formatting helpers", () => {
  it("formats dates in UTC, whatever the server's zone", () => {
    expect(formatUtcDate(Date.UTC(2025, 2, 14, 23, 30))).toBe("14 Mar 2025");
    expect(formatUtcDateTime(Date.UTC(2025, 2, 14, 9, 5))).toBe("14 Mar 2025, 09:05 UTC");
    expect(formatUtcDateRange(Date.UTC(2025, 2, 12), Date.UTC(2025, 2, 14))).toBe("12 Mar 2025 – 14 Mar 2025");
    expect(formatUtcDateRange(Date.UTC(2025, 2, 12, 9), Date.UTC(2025, 2, 12, 15))).toBe("12 Mar 2025");
    expect(formatUtcDateRange(null, null)).toBe("Not scheduled");
  });

  it("cleans hostile free text: unified line endings, at most one blank line, trimmed", () => {
    expect(cleanText("  a  \r\nb\r\r\r\r\nc\n\n\n\n\nd  ")).toBe("a\nb\n\nc\n\nd");
    expect(cleanText("\n".repeat(500))).toBe("");
  });

  it("cuts quotes at a sentence end or a word boundary", () => {
    expect(excerpt("Designed the feature store. Then a lot more text follows here.", 40)).toBe(
      "Designed the feature store.",
    );
    const cut = excerpt(`${"word ".repeat(100)}`, 50);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(excerpt("First paragraph.\n\nSecond paragraph.")).toBe("First paragraph.");
    // a 3,000-character word is still cut
    expect(excerpt("A".repeat(3000), 100).length).toBeLessThanOrEqual(101);
  });
});

describe("download file name", () => {
  it("is <candidate>-packet.pdf, ASCII-safe, with the exact UTF-8 name alongside", () => {
    expect(packetFileNames("Renée Łaska-Okafor")).toEqual({
      ascii: "Renee-Laska-Okafor-packet.pdf",
      utf8: "Renée Łaska-Okafor-packet.pdf",
    });
    expect(packetFileNames("Ingrid Sørensen").ascii).toBe("Ingrid-Sorensen-packet.pdf");
    expect(packetFileNames("王芳").ascii).toBe("candidate-packet.pdf");
    expect(packetFileNames("Jürgen Weiß").ascii).toBe("Jurgen-Weiss-packet.pdf");
    expect(packetFileNames('../../etc/"passwd"').ascii).toBe("etc-passwd-packet.pdf");
    expect(packetFileNames('a/b\\c"d').utf8).toBe("a-b-c-d-packet.pdf");
  });

  it("builds an RFC 6266 Content-Disposition with filename*", () => {
    const cd = packetContentDisposition("Zoë O'Brien (PhD)");
    expect(cd).toBe(
      `attachment; filename="Zoe-O-Brien-PhD-packet.pdf"; filename*=UTF-8''Zo%C3%AB%20O%27Brien%20%28PhD%29-packet.pdf`,
    );
    // header-safe: printable ASCII only
    expect(/^[\x20-\x7e]+$/.test(packetContentDisposition("王芳 <script>\r\nX-Evil: 1"))).toBe(true);
  });

  it("drops bidi controls and other invisible characters, which could disguise the extension", () => {
    // U+202E reverses what follows on screen: "Ann<U+202E>fdp.exe-packet.pdf" would not look like a PDF
    const names = [
      "Ann\u202Efdp.exe",
      "Ann\u202Afdp\u202C.exe",
      "Ann\u2066fdp\u2069.exe",
      "Ann\u200Ffdp\u200E.exe",
      "Ann\u061Cfdp\u200B\uFEFF.exe",
      "Ann\u0085\u009Bfdp\u2028\u2029.exe",
      "Ann\uE000\uD800fdp.exe",
    ];
    for (const n of names) {
      expect(packetFileNames(n), JSON.stringify(n)).toEqual({
        ascii: "Annfdp.exe-packet.pdf",
        utf8: "Annfdp.exe-packet.pdf",
      });
      expect(packetContentDisposition(n)).toBe(
        `attachment; filename="Annfdp.exe-packet.pdf"; filename*=UTF-8''Annfdp.exe-packet.pdf`,
      );
    }
    // right-to-left letters are text, not controls: they stay
    expect(packetFileNames("نور حداد").utf8).toBe("نور حداد-packet.pdf");
    expect(stripInvisible("a\u202Eb\u0000c\u200Dd")).toBe("abcd");
  });

  it("never cuts a character in half (the header must stay encodable)", () => {
    const long = `${"x".repeat(119)}😀😀`;
    expect(packetFileNames(long).utf8).toBe(`${"x".repeat(119)}😀-packet.pdf`);
    expect(() => packetContentDisposition(long)).not.toThrow();
  });
});

describe("buildPacketModel", () => {
  it("is deterministic: the same input gives the same model", () => {
    expect(JSON.stringify(model().model)).toBe(JSON.stringify(model().model));
  });

  it("takes its date from the data, never the clock", () => {
    const { fx, aggregate, model: m } = model();
    expect(m.meta.generatedAt).toBe(packetTimestamp(aggregate, fx.facts));
    expect(m.meta.generatedAt).toBe(fx.facts.decision?.decidedAt);
  });

  it("has the ten sections' content: every dimension, every panelist, metadata", () => {
    const { fx, model: m } = model();
    expect(m.cover.candidateName).toBe(FIXTURE_CANDIDATE);
    expect(m.cover.draft).toBeNull();
    expect(m.meta.title).toContain(FIXTURE_CANDIDATE);
    expect(m.meta.author).toBe("ArchPanel");
    expect(m.meta.subject).toContain("Lead ML Architect v1");
    expect(Object.keys(m.sectionTitles)).toEqual([
      "cover",
      "summary",
      "charts",
      "agenda",
      "dimensions",
      "flags",
      "exercises",
      "scorecards",
      "decision",
      "appendix",
    ]);
    expect(m.dimensions.map((d) => d.name)).toEqual(fx.rubric.dimensions.map((d) => d.name));
    expect([...m.scorecards.map((s) => s.panelistName)].sort()).toEqual(FIXTURE_PANELISTS.map((p) => p.name).sort());
    expect(m.charts.heatmap.rows).toHaveLength(8);
    expect(m.charts.heatmap.columns).toHaveLength(7);
    expect(m.summary.strongest).toHaveLength(3);
    expect(m.summary.weakest).toHaveLength(3);
    // strongest and weakest never overlap, each with a quote and who said it
    const strong = new Set(m.summary.strongest.map((h) => h.dimensionName));
    for (const h of m.summary.weakest) expect(strong.has(h.dimensionName)).toBe(false);
    for (const h of [...m.summary.strongest, ...m.summary.weakest]) {
      expect(h.quote.length).toBeGreaterThan(10);
      expect(h.quoteBy).toMatch(/, /);
    }
    expect(m.decision.decided).toBe(true);
    expect(m.decision.headline).toBe("Hire");
    const amended = m.scorecards.filter((s) => s.amended);
    expect(amended).toHaveLength(1);
    expect(amended[0]?.amended?.reason).toMatch(/rollback discussion/);
  });

  it("draws the review page's heatmap, with drafts as uncounted rows", () => {
    const { aggregate, model: m } = model({ incomplete: true });
    const web = buildHeatmap(aggregate);
    const counted = m.charts.heatmap.rows.filter((r) => r.counted);
    expect(counted.map(({ sublabel: _, ...row }) => row)).toEqual(web.rows);
    expect(counted.map((r) => r.sublabel)).toEqual(web.rows.map((r) => r.exerciseTitle));
    expect(m.charts.heatmap.columns).toEqual(web.columns);
    const drafts = m.charts.heatmap.rows.filter((r) => !r.counted);
    expect(drafts.length).toBeGreaterThan(0);
    for (const r of drafts) {
      expect(r.sublabel).toMatch(/\(not counted\)$/);
      expect(new Set(r.cells.map((c) => c.state))).toEqual(new Set(["not_rated"]));
    }
  });

  it("marks an incomplete loop DRAFT and names who is missing", () => {
    const { model: m } = model({ incomplete: true });
    expect(m.cover.draft?.title).toMatch(/^DRAFT/);
    const text = m.cover.draft?.lines.join(" ") ?? "";
    expect(text).toContain("王芳");
    expect(text).toContain("José Núñez");
    expect(m.decision.decided).toBe(false);
    expect(m.decision.headline).toBe("Pending");
  });

  it("prints submitted scorecards in full and the others as one state line, without their content", () => {
    const { model: m, aggregate } = model({ incomplete: true });
    const submitted = aggregate.scorecards.filter((s) => s.status === "submitted");
    expect(m.scorecards).toHaveLength(submitted.length);
    expect(m.uncountedScorecards.map((u) => [u.panelistName, u.status])).toEqual(
      aggregate.scorecards.filter((s) => s.status !== "submitted").map((s) => [s.panelistName, s.status]),
    );
    expect(m.uncountedScorecards.length).toBeGreaterThan(0);
    for (const u of m.uncountedScorecards) {
      expect(Object.keys(u).sort()).toEqual(["exerciseTitle", "panelistName", "stateLine", "status"]);
      expect(u.stateLine).toMatch(/ · last saved \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    }
    // the recusal's note is its author's: no trace of it anywhere in the packet
    expect(JSON.stringify(m)).not.toMatch(/previous employer/);
  });

  it("renders the aggregate's numbers, it does not recompute them", () => {
    const { aggregate, model: m } = model();
    aggregate.dimensions.forEach((d, i) => {
      expect(m.charts.bars[i]?.mean).toBe(d.mean);
      expect(m.charts.bars[i]?.min).toBe(d.min);
      expect(m.dimensions[i]?.ratings).toHaveLength(d.ratings.length);
    });
    expect(m.summary.composite[0]?.value).toBe(aggregate.composite.raw?.toFixed(2));
  });
});
