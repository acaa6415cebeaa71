// The packet's view model (app/domain/packet/model.ts): pure, deterministic, and the cover says
// DRAFT with who is missing when the loop is incomplete.
import { describe, expect, it } from "vitest";

import {
  buildPacketModel,
  coverStatusNote,
  cleanText,
  excerpt,
  formatUtcDate,
  formatUtcDateRange,
  formatUtcDateTime,
  packetContentDisposition,
  packetFileNames,
  packetDataAsOf,
} from "../../../app/domain/packet/model";
import { buildHeatmap } from "../../../app/domain/review/heatmap";
import { stripInvisible } from "../../../app/domain/shared/format";
import {
  aggregateFixture,
  buildPacketFixture,
  FIXTURE_CANDIDATE,
  FIXTURE_OVERRIDE,
  FIXTURE_PANELISTS,
} from "../../../scripts/lib/packet-fixture";

/** the request's time in these tests: a fixed clock, after every date in the fixture */
const NOW = Date.UTC(2026, 11, 3, 9, 30);

function model(opts: Parameters<typeof buildPacketFixture>[0] = {}, generatedAt = NOW) {
  const fx = buildPacketFixture(opts);
  const aggregate = aggregateFixture(fx);
  return { fx, aggregate, model: buildPacketModel(aggregate, fx.facts, fx.rubric, { generatedAt }) };
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

  it("says when it was generated (the request's time) and, apart, what data it holds (the latest change)", () => {
    const { fx, aggregate, model: m } = model();
    expect(m.meta.generatedAt).toBe(NOW);
    expect(m.meta.generatedAtLabel).toBe("3 Dec 2026, 09:30 UTC");
    expect(m.meta.dataAsOf).toBe(packetDataAsOf(aggregate, fx.facts));
    expect(m.meta.dataAsOf).toBe(fx.facts.decision?.decidedAt);
    const facts = Object.fromEntries(m.cover.facts.map((f) => [f.label, f.value]));
    expect(facts.Generated).toBe("3 Dec 2026, 09:30 UTC");
    expect(facts["Data as of"]).toMatch(/^15 Mar 2025, 01:00 UTC/);
    // another request time changes only the generation time
    const later = model({}, NOW + 3_600_000).model;
    expect(later.meta.generatedAtLabel).toBe("3 Dec 2026, 10:30 UTC");
    expect({ ...later, meta: null, cover: null }).toEqual({ ...m, meta: null, cover: null });
  });

  it("never dates the data by an interview still to come", () => {
    const { fx, aggregate } = model({ incomplete: true });
    const future = Date.UTC(2030, 0, 1);
    const facts = { ...fx.facts, lastInterviewAt: future };
    expect(packetDataAsOf(aggregate, facts)).toBeLessThan(future);
    expect(packetDataAsOf(aggregate, facts)).toBe(packetDataAsOf(aggregate, fx.facts));
  });

  it("does not date the data by a draft's autosave, which it prints only by the day", () => {
    const { fx, aggregate } = model({ incomplete: true });
    const before = packetDataAsOf(aggregate, fx.facts);
    const later = before + 3 * 3_600_000;
    const saved = {
      ...aggregate,
      scorecards: aggregate.scorecards.map((sc) => (sc.status === "draft" ? { ...sc, lastSavedAt: later } : sc)),
    };
    expect(saved.scorecards.some((sc) => sc.status === "draft")).toBe(true);
    expect(packetDataAsOf(saved, fx.facts)).toBe(before);
    const lines = buildPacketModel(saved, fx.facts, fx.rubric, { generatedAt: NOW }).uncountedScorecards;
    expect(lines.filter((u) => u.status === "draft").every((u) => u.stateLine.endsWith(formatUtcDate(later)))).toBe(
      true,
    );
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
    // each ranked dimension says how many scorecards its mean rests on
    for (const h of [...m.summary.strongest, ...m.summary.weakest]) expect(h.basis).toMatch(/^from [2-9] scorecards$/);
    expect(m.summary.rankingNote).toMatch(/^Ranked by the mean of each dimension, /);
    // the Hire goes against a raised dealbreaker: the override is beside the decision, on its page and the summary
    expect(m.decision.decided).toBe(true);
    expect(m.decision.headline).toBe("Hire (override)");
    const override = {
      title: `Override of: ${FIXTURE_OVERRIDE.grounds[0]?.text}`,
      grounds: FIXTURE_OVERRIDE.grounds.map((g) => g.text),
      text: FIXTURE_OVERRIDE.text,
    };
    expect(m.decision.override).toEqual(override);
    expect(m.summary.decision.override).toEqual(override);
    // the decision and its rationale are on the summary page too
    expect(m.summary.decision).toMatchObject({ decided: true, headline: "Hire (override)" });
    expect(m.summary.decision.rationale).toMatch(/^The panel agreed/);
    expect(m.summary.decision.byLine).toBe("Recorded by Margaret Chen-Adeyemi, 15 Mar 2025, 01:00 UTC");
    expect(m.cover.statusNote).toBe("");
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
      expect(u.stateLine).toMatch(/ · last saved \d{1,2} \w{3} \d{4}$/);
    }
    // the recusal's note is its author's: no trace of it anywhere in the packet
    expect(JSON.stringify(m)).not.toMatch(/previous employer/);
  });

  it("says plainly on the cover when no or few scorecards are in, and has nothing empty to rank", () => {
    const { model: m } = model({ empty: true });
    expect(m.cover.statusNote).toMatch(/^No scorecards are in yet \(0 of 8 submitted\)/);
    expect(m.summary.strongest).toEqual([]);
    expect(m.summary.weakest).toEqual([]);
    expect(m.summary.noHighlights).toBe("No dimension has a submitted rating yet.");
    expect(m.summary.decision).toMatchObject({ decided: false, headline: "Pending" });
    expect(m.scorecards).toEqual([]);
    expect(m.uncountedScorecards).toHaveLength(8);
    expect(m.charts.heatmapAlt).toMatch(/no counted ratings/);
    expect(coverStatusNote(1, 5)).toMatch(/^Only 1 of 5 scorecards are in: .* one panelist/);
    expect(coverStatusNote(3, 5)).toBe("");
  });

  it("states each chart's data in words, for its alternative text", () => {
    const { fx, model: m } = model();
    for (const p of FIXTURE_PANELISTS) expect(m.charts.heatmapAlt).toContain(p.name);
    for (const d of fx.rubric.dimensions) {
      expect(m.charts.heatmapAlt).toContain(d.name);
      expect(m.charts.barsAlt).toContain(`${d.name}: mean`);
    }
    expect(m.charts.heatmapAlt).toMatch(/ML system architecture [1-4]/);
  });

  it("prints the audit trail as sentences, with the verdict and what an amendment changed", () => {
    const { model: m } = model();
    const sentences = m.appendix.audit.map((a) => a.sentence);
    expect(sentences).toContain(
      "Zoë Ångström amended Leadership and enablement 3 → 4 and the evidence for Leadership and enablement: " +
        "reason: Added evidence from my written notes on the rollback discussion; Leadership raised after re-reading them.",
    );
    // a dealbreaker was raised and the decision is Hire: the recorded override, with its grounds and its rationale
    expect(sentences.find((x) => x.startsWith("Margaret Chen-Adeyemi recorded the decision"))).toBe(
      "Margaret Chen-Adeyemi recorded the decision: Hire, overriding open dealbreaker “Has never handled a " +
        `production incident or regression” raised by two panelists. Override: ${FIXTURE_OVERRIDE.text} ` +
        "Rationale: Clears the bar on architecture, MLOps and communication; governance gaps covered by a 90-day plan.",
    );
    expect(sentences).toContain("Łukasz Wiśniewski submitted the scorecard: Hire");
    expect(sentences.join("\n")).not.toMatch(/scorecard\.submit|loop\.decide|\{"/);
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
