// The PDF hiring packet: what a reader (pdftotext, pdfinfo, pdf.js) finds in it, its structure
// (tagged PDF/UA-1, PDF/A-2a: ./pdf-conformance.ts), bearings on every page, honest times,
// determinism, empty and hostile loops, and the authorization of GET /loops/:id/packet.pdf.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { loader as pdfLoaderFn } from "../../app/routes/loops.$id.packet[.]pdf";
import { packetFingerprint } from "../../app/pdf/fingerprint.server";
import { renderPacket } from "../../app/pdf/packet.server";
import { clearTextCaches } from "../../app/pdf/text/caches.server";
import {
  aggregateFixture,
  buildPacketFixture,
  FIXTURE_CANDIDATE,
  FIXTURE_PANELISTS,
  SCRIPT_SAMPLES,
  type PacketFixtureOptions,
} from "../../scripts/lib/packet-fixture";

import { call, createTestUser, freshDatabase, get, seedRubricV1, type TestUser } from "./harness";
import { checkPdf, type ConformanceReport } from "./pdf-conformance";
import { buildLoop, EVIDENCE, handler } from "./review-fixtures";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-packet-"));
let n = 0;

function writePdf(pdf: Buffer): string {
  const file = path.join(work, `p${++n}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

/** pdftotext of the whole document; pages are separated by form feeds. */
function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", writePdf(pdf), "-"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", writePdf(pdf)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const info: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) info[m[1]] = m[2];
  }
  return info;
}

/** Whitespace-free text: line breaks never decide whether a phrase is "there". */
const squash = (s: string): string => s.replace(/\s+/g, "");

/** The request time in these tests: a fixed clock. */
const NOW = Date.UTC(2026, 11, 3, 9, 30);

async function render(opts: PacketFixtureOptions = {}, generatedAt = NOW) {
  const fx = buildPacketFixture(opts);
  const aggregate = aggregateFixture(fx);
  const pdf = await renderPacket(aggregate, fx.facts, fx.rubric, { generatedAt });
  return { fx, aggregate, pdf, fingerprint: packetFingerprint(aggregate, fx.facts, fx.rubric) };
}

/** Page texts without the one line that says when the file was generated. */
function pagesWithoutGenerated(pdf: Buffer): string[] {
  return pdfText(pdf)
    .split("\f")
    .map((p) => p.replace(/^Generated\n+\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC$/m, "Generated"));
}

let full: Awaited<ReturnType<typeof render>>;
let fullText: string;
let fullReport: ConformanceReport;

beforeAll(async () => {
  full = await render();
  fullText = pdfText(full.pdf);
  fullReport = await checkPdf(full.pdf);
});

describe("the full-loop packet", () => {
  it("is a PDF with title, author and subject metadata, created at the request's time", () => {
    expect(full.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const info = pdfInfo(full.pdf);
    expect(info.Title).toBe(`Hiring packet: ${FIXTURE_CANDIDATE} — Lead Machine Learning Architect`);
    expect(info.Author).toBe("ArchPanel");
    expect(info.Subject).toContain(FIXTURE_CANDIDATE);
    expect(info["Page size"]).toContain("(A4)");
    expect(info.CreationDate).toMatch(/Dec\s+3 09:30:00 2026 UTC/);
    expect(info.ModDate).toBe(info.CreationDate);
  });

  it("contains the candidate, every dimension, every panelist, evidence excerpts and the fingerprint", () => {
    const text = squash(fullText);
    expect(text).toContain(squash(FIXTURE_CANDIDATE));
    for (const d of full.fx.rubric.dimensions) expect(text, d.name).toContain(squash(d.name));
    for (const p of FIXTURE_PANELISTS) expect(text, p.name).toContain(squash(p.name));
    for (const d of full.aggregate.dimensions) {
      for (const r of d.ratings) {
        const start = r.evidence.trim().split("\n")[0]?.slice(0, 80) ?? "";
        expect(text, `${d.name} / ${r.panelistName}`).toContain(squash(start));
      }
    }
    expect(fullText).toContain(full.fingerprint);
    // evidence quoting Greek and Cyrillic text (CJK and Hangul are in the panelists' names)
    expect(fullText).toContain(SCRIPT_SAMPLES.greek);
    expect(fullText).toContain(SCRIPT_SAMPLES.cyrillic);
  });

  it("has the ten sections in order", () => {
    const order = [
      "Executive summary",
      "Scores at a glance",
      "Debrief agenda",
      "Dimensions in detail",
      "Red flags and signals",
      "Exercises",
      "Scorecards",
      "Decision and calibration",
      "Appendix: rubric and audit",
    ];
    const lines = fullText.split("\n").map((l) => l.trim());
    let last = lines.indexOf("HIRING PACKET");
    expect(last).toBeGreaterThanOrEqual(0);
    for (const title of order) {
      const at = lines.indexOf(title, last + 1);
      expect(at, title).toBeGreaterThan(last);
      last = at;
    }
  });

  it("has a header and a footer with page X of Y and the fingerprint on every page", () => {
    const pages = fullText.split("\f").filter((p) => p.trim().length > 0);
    const total = Number(pdfInfo(full.pdf).Pages);
    expect(pages).toHaveLength(total);
    expect(total).toBeGreaterThan(30);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${total}`);
      expect(page, `page ${i + 1}`).toContain("Confidential");
      expect(page, `page ${i + 1}`).toContain(FIXTURE_CANDIDATE);
      expect(page, `page ${i + 1}`).toContain(full.fingerprint);
    });
  });

  it("has an outline (bookmarks) with every section, dimension and scorecard", () => {
    const raw = full.pdf.toString("latin1");
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    expect(raw).toContain("/PageMode /UseOutlines");
    for (const t of [
      "Executive summary",
      "Debrief agenda",
      "Dimensions in detail",
      "Scorecards",
      "Appendix: rubric and audit",
    ]) {
      expect(raw, t).toContain(`/Title (${t})`);
    }
    const outlineItems = raw.match(/\/Title \(/g)?.length ?? 0;
    const hexTitles = raw.match(/\/Title <feff/gi)?.length ?? 0;
    // 10 sections + 7 dimensions + 4 exercises + 8 scorecards
    expect(outlineItems + hexTitles).toBeGreaterThanOrEqual(29);
  });

  it("is byte-identical for identical input and generation time, even with cold caches", async () => {
    const again = await render();
    expect(again.pdf.equals(full.pdf)).toBe(true);
    clearTextCaches();
    const cold = await render();
    expect(cold.pdf.equals(full.pdf)).toBe(true);
  });

  it("says when it was generated and, apart, what data it holds; a later request changes only the generation time", async () => {
    const cover = fullText.split("\f")[0] ?? "";
    expect(cover).toMatch(/Generated\s+3 Dec 2026, 09:30 UTC/);
    expect(cover).toMatch(/Data as of\s+15 Mar 2025, 01:00 UTC \(the latest change included\)/);
    const later = await render({}, NOW + 86_400_000);
    expect(later.fingerprint).toBe(full.fingerprint);
    expect(later.pdf.equals(full.pdf)).toBe(false);
    expect(pdfText(later.pdf)).toMatch(/Generated\s+4 Dec 2026, 09:30 UTC/);
    expect(pagesWithoutGenerated(later.pdf)).toEqual(pagesWithoutGenerated(full.pdf));
  });

  it("changes (fingerprint and bytes) when the data changes", async () => {
    const other = await render({ seed: 7 });
    expect(other.fingerprint).not.toBe(full.fingerprint);
    expect(other.pdf.equals(full.pdf)).toBe(false);
  });
});

describe("accessible and archivable (tagged PDF/UA-1, PDF/A-2a)", () => {
  it("passes every check of the validator: qpdf, the structure and parent trees, marked content, metadata", () => {
    expect(fullReport.findings).toEqual([]);
    expect(fullReport.pdfinfo.Tagged).toBe("yes");
    expect(fullReport.metadata).toMatchObject({
      "dc:title": `Hiring packet: ${FIXTURE_CANDIDATE} — Lead Machine Learning Architect`,
      "pdfaid:part": "2",
      "pdfaid:conformance": "A",
      "pdfuaid:part": "1",
    });
  });

  it("the validator fails a PDF that is not tagged (it checks, it does not rubber-stamp)", async () => {
    const { default: PDFDocument } = await import("pdfkit");
    const doc = new PDFDocument({ pdfVersion: "1.7" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => doc.on("end", r));
    doc.rect(10, 10, 50, 50).fill("#336699");
    doc.end();
    await ended;
    const rules = new Set((await checkPdf(Buffer.concat(chunks))).findings.map((f) => f.rule));
    for (const r of ["06-002", "01-006", "11-006", "07-001", "6.2.3", "01-001"]) expect(rules, r).toContain(r);
  });

  it("has its headings in order: the sections (H1) and their parts (H2, H3), as a reader lists them", () => {
    const h1 = fullReport.headings.filter((h) => h.level === 1).map((h) => h.text);
    expect(h1).toEqual([
      FIXTURE_CANDIDATE,
      "Executive summary",
      "Scores at a glance",
      "Debrief agenda",
      "Dimensions in detail",
      "Red flags and signals",
      "Exercises",
      "Scorecards",
      "Decision and calibration",
      "Appendix: rubric and audit",
    ]);
    const h2 = fullReport.headings.filter((h) => h.level === 2).map((h) => h.text);
    for (const d of full.fx.rubric.dimensions) expect(h2).toContain(d.name);
    for (const p of FIXTURE_PANELISTS) expect(h2).toContain(p.name);
    // reading order: the text a screen reader gets follows the sections in order
    const reading = squash(fullReport.readingText);
    let at = 0;
    for (const t of h1) {
      const i = reading.indexOf(squash(t), at);
      expect(i, t).toBeGreaterThanOrEqual(at);
      at = i;
    }
  });

  it("gives every figure alternative text that states the data, and every table header cells with a scope", () => {
    const figures: string[] = [];
    const tables: { th: number; scoped: boolean }[] = [];
    const walk = (n: ConformanceReport["tree"]): void => {
      if (n.role === "Figure") figures.push(n.alt ?? "");
      if (n.role === "Table") {
        const cells = n.children.flatMap((c) => (c.role === "TR" ? [c] : c.children)).flatMap((r) => r.children);
        const th = cells.filter((c) => c.role === "TH");
        tables.push({ th: th.length, scoped: th.every((c) => c.scope === "Row" || c.scope === "Column") });
      }
      n.children.forEach(walk);
    };
    walk(fullReport.tree);
    expect(figures.length).toBeGreaterThanOrEqual(3);
    const heatmap = figures.find((f) => f.startsWith("Heatmap of ratings")) ?? "";
    for (const p of FIXTURE_PANELISTS) expect(heatmap).toContain(p.name);
    expect(heatmap).toMatch(/ML system architecture [1-4]/);
    expect(figures.find((f) => f.includes("mean rating"))).toMatch(/Governance and risk: mean \d\.\d\d/);
    expect(figures.find((f) => f.includes("recommendations"))).toMatch(/Strong hire \d+, Hire \d+/);
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t).toEqual({ th: expect.any(Number) as number, scoped: true });
    expect(tables.every((t) => t.th > 0)).toBe(true);
  });

  it("marks running heads and footers as artifacts: a reader skips them, the tagged text has them nowhere", () => {
    const total = fullReport.artifactText.length;
    fullReport.artifactText.forEach((a, i) => {
      expect(a, `page ${i + 1}`).toContain(`Page ${i + 1} of ${total}`);
      expect(a, `page ${i + 1}`).toContain(full.fingerprint);
    });
    fullReport.taggedText.forEach((t, i) => expect(t, `page ${i + 1}`).not.toContain(`Page ${i + 1} of`));
    // the evidence is real content, not decoration
    const ev = full.aggregate.dimensions[0]?.ratings[0]?.evidence.slice(0, 60) ?? "";
    expect(squash(fullReport.readingText)).toContain(squash(ev));
  });

  it("passes for an incomplete, an empty and a hostile loop too", async () => {
    for (const opts of [{ incomplete: true }, { empty: true }, { hostile: true }] as PacketFixtureOptions[]) {
      const { pdf } = await render(opts);
      expect((await checkPdf(pdf)).findings, JSON.stringify(opts)).toEqual([]);
    }
  });
});

describe("the executive summary page", () => {
  it("carries the decision, who recorded it, its override and its rationale, not only the decision page", () => {
    const decision = full.fx.facts.decision;
    expect(decision?.override).toBeTruthy();
    // the page that starts with the section's running head; it is page 2, after the cover
    const pages = fullText.split("\f");
    const summary = pages.find((p) => p.trim().startsWith("Executive summary")) ?? "";
    expect(pages.indexOf(summary)).toBe(1);
    const text = squash(summary);
    expect(text).toContain(squash("Decision Hire (override)"));
    expect(text).toContain(squash(`Recorded by ${decision!.decidedBy}`));
    expect(text).toContain(squash(`Override: ${decision!.override!.text}`));
    expect(text).toContain(squash(decision!.rationale));
  });
});

describe("bearings on every page (the 64-page fixture)", () => {
  const pages = (): string[] => fullText.split("\f").filter((p) => p.trim().length > 0);

  it("every page's running head names its section; continuation pages say whose and which, and (continued)", () => {
    const all = pages();
    expect(all.length).toBeGreaterThanOrEqual(60);
    const sections = fullReport.headings.filter((h) => h.level === 1).map((h) => h.text);
    // sections whose parts (H2: a dimension, an exercise, a panelist) the running head names
    const withParts = new Set(["Dimensions in detail", "Exercises", "Scorecards"]);
    // in Scorecards the head names the panelist's exercise too
    const exercise = (s: string): string => (s === "Scorecards" ? " · [^()]+" : "");
    let section = "";
    let part = "";
    let continuations = 0;
    all.forEach((page, i) => {
      // line 0 of the extracted text: the running head
      const lines = page
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      const h = lines[0] ?? "";
      // what the page starts with, as the structure tree says
      const first = (fullReport.pageContent[i] ?? []).find((c) => c.text);
      if (i === 0) expect(h).toBe("Cover");
      else if (first?.role === "H1" && sections.includes(first.text)) {
        section = first.text;
        part = "";
        expect(h, `page ${i + 1}`).toBe(section);
      } else if (withParts.has(section) && first?.role === "H2") {
        part = first.text;
        expect(h, `page ${i + 1}`).toMatch(
          new RegExp(`^${escapeRe(section)} · ${escapeRe(part)}${exercise(section)}$`),
        );
      } else {
        // a page that starts inside something: its head says what, and that it continues
        continuations++;
        if (withParts.has(section)) expect(part, `page ${i + 1}`).not.toBe("");
        expect(h, `page ${i + 1}`).toMatch(
          new RegExp(`^${escapeRe(section)}${part ? ` · ${escapeRe(part)}${exercise(section)}` : ""} \\(continued\\)$`),
        );
      }
      // the next page continues the last part begun on this one
      const begun = (fullReport.pageContent[i] ?? []).filter((c) => c.role === "H2").pop();
      if (begun && withParts.has(section)) part = begun.text;
    });
    expect(continuations).toBeGreaterThan(30);
  });

  it("never ends a page with a heading: each heading stands on the page of what follows it", () => {
    fullReport.pageContent.forEach((content, i) => {
      const last = content.filter((c) => c.text).pop();
      expect(last?.role, `page ${i + 1} ends with ${last?.role} "${last?.text}"`).not.toMatch(/^H[1-6]$/);
    });
  });

  it("never splits a table row across pages: each audit entry and each rubric anchor is whole on one page", () => {
    const all = pages().map(squash);
    const cells = [
      ...full.fx.rubric.dimensions.flatMap((d) => [d.anchors.belowBar, d.anchors.meetsBar, d.anchors.exceeds]),
      ...full.fx.rubric.redFlags.map((f) => f.description),
      "amended Leadership and enablement 3 → 4 and the evidence for Leadership and enablement",
      "recorded the decision: Hire, overriding open dealbreaker “Has never handled a production incident",
    ];
    for (const c of cells)
      expect(
        all.some((p) => p.includes(squash(c))),
        c.slice(0, 50),
      ).toBe(true);
  });
});

describe("pages grow with content", () => {
  it("more evidence means more pages", async () => {
    const pages = async (chars: number) => Number(pdfInfo((await render({ evidenceChars: chars })).pdf).Pages);
    const small = await pages(150);
    const medium = await pages(1000);
    const large = await pages(4000);
    expect(small).toBeLessThan(medium);
    expect(medium).toBeLessThan(large);
  });
});

describe("an empty loop (0 of 8 scorecards in)", () => {
  it("says so plainly on its first page, lists the drafts one line each and breaks no word without a hyphen", async () => {
    const { pdf } = await render({ empty: true });
    const text = pdfText(pdf);
    const pages = text.split("\f").filter((p) => p.trim());
    expect(squash(pages[0] ?? "")).toContain(squash("No scorecards are in yet (0 of 8 submitted)"));
    // the summary: no empty headings, the decision pending, nothing cut
    const summary = pages[1] ?? "";
    expect(squash(summary)).toContain(squash("No recommendations yet"));
    expect(squash(summary)).toContain(squash("No dimension has a submitted rating yet."));
    expect(squash(summary)).toContain(squash("No decision has been recorded yet."));
    expect(summary).not.toContain("…");
    // drafts: one line each, all on the first page of the Scorecards section
    const scorecards = pages.filter((p) => /^Scorecards/.test(p.trim()));
    expect(scorecards).toHaveLength(1);
    for (const p of FIXTURE_PANELISTS) expect(scorecards[0]).toContain(p.name);
    expect(pages.length).toBeLessThan(30);
    // no line ends inside a word without a hyphen
    const words = text.split(/\s+/);
    for (const w of ["recommendations", "scorecards", "submitted"]) expect(words).toContain(w);
    expect(text).not.toMatch(/recommend\n+ations/);
  });
});

describe("an incomplete loop", () => {
  it("says DRAFT on the cover with who is missing, and the decision is pending", async () => {
    const { pdf } = await render({ incomplete: true });
    const text = pdfText(pdf);
    const cover = text.split("\f")[0] ?? "";
    expect(cover).toContain("DRAFT — incomplete");
    expect(squash(cover)).toContain(squash("王芳 (Incident scenario drill, draft)"));
    expect(squash(cover)).toContain(squash("José Núñez"));
    expect(text).toContain("Pending");
    expect(text).toContain("No decision has been recorded yet.");
    expect(squash(text)).toContain(squash("Recused (conflict of interest)"));
    // drafts and the recusal are one line each with their state and last save, nothing of their content
    expect(squash(text)).toContain(squash("Not submitted or recused (not counted)"));
    expect(squash(text)).toMatch(/Draft—notsubmitted,notcounted·lastsaved/);
    expect(text).not.toMatch(/previous employer/);
  });

  it("keeps its pages, bytes and fingerprint while a draft autosaves within the printed day", async () => {
    const fx = buildPacketFixture({ incomplete: true, evidenceChars: 200 });
    const aggregate = aggregateFixture(fx);
    const day = Date.UTC(2026, 11, 3);
    const savedAt = async (at: number) => {
      const saved = {
        ...aggregate,
        scorecards: aggregate.scorecards.map((sc) => (sc.status === "draft" ? { ...sc, lastSavedAt: at } : sc)),
      };
      const pdf = await renderPacket(saved, fx.facts, fx.rubric, { generatedAt: NOW });
      return { pdf, fingerprint: packetFingerprint(saved, fx.facts, fx.rubric) };
    };
    const early = await savedAt(day + 9 * 3_600_000 + 1_000);
    const late = await savedAt(day + 23 * 3_600_000 + 59 * 60_000);
    const nextDay = await savedAt(day + 24 * 3_600_000 + 1_000);
    expect(late.fingerprint).toBe(early.fingerprint);
    expect(late.pdf.equals(early.pdf)).toBe(true);
    expect(squash(pdfText(early.pdf))).toMatch(/lastsaved3Dec2026/);
    // the next day is printed, so the packet changes with it
    expect(nextDay.fingerprint).not.toBe(early.fingerprint);
    expect(squash(pdfText(nextDay.pdf))).toMatch(/lastsaved4Dec2026/);
  });
});

describe("hostile content", () => {
  it("RTL, emoji, 10k-char notes, long words, many breaks and markup give a valid PDF with the names intact", async () => {
    const { pdf, fx, fingerprint } = await render({ hostile: true });
    const info = pdfInfo(pdf);
    expect(Number(info.Pages)).toBeGreaterThan(10);
    const text = pdfText(pdf);
    for (const name of [
      "Σοφία Παπαδοπούλου",
      "Дмитрий Иванов",
      "王芳",
      "김민준",
      "Łukasz Wiśniewski",
      "Zoë Ångström",
    ]) {
      expect(text, name).toContain(name);
    }
    for (const s of Object.values(SCRIPT_SAMPLES)) expect(text).toContain(s);
    // markup and PDF syntax are printed as text, not interpreted
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("%PDF-1.7");
    expect(text).toContain(fingerprint);
    expect(fx.facts.candidate.name).toContain("<script>");
    // exactly one PDF header: nothing the user typed ended up as raw PDF syntax
    expect(pdf.toString("latin1").match(/%PDF-/g)).toHaveLength(1);
    // pdftotext reads every page without errors
    execFileSync("pdftotext", ["-q", writePdf(pdf), "/dev/null"]);
  });

  it("keeps text inside the page: no text line is wider than the content box", async () => {
    const { pdf } = await render({ hostile: true });
    const file = writePdf(pdf);
    const xml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const pageW = 595.28;
    let worst = 0;
    for (const m of xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)) {
      worst = Math.max(worst, Number(m[2]));
      expect(Number(m[1])).toBeGreaterThanOrEqual(0);
    }
    // right margin 18 mm = 51 pt; allow a little for glyph overhang
    expect(worst).toBeLessThanOrEqual(pageW - 51 + 3);
  });
});

// ------------------------------------------------------------------ the route

const pdfLoader = handler(pdfLoaderFn);
let hm: TestUser;
let pending: TestUser;
let submitted: TestUser;
let unrelated: TestUser;
let loopId: string;

describe("GET /loops/:id/packet.pdf", () => {
  beforeAll(() => {
    freshDatabase();
    const { versionId } = seedRubricV1();
    hm = createTestUser("member", "Hana Manager");
    submitted = createTestUser("member", "Σοφία Submitted");
    pending = createTestUser("member", "Pat Pending");
    unrelated = createTestUser("member", "Uma Unrelated");
    loopId = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      candidateName: "Zoë Ångström-Ivanova",
      interviews: [
        {
          exercise: "architecture_case_study",
          panel: [
            { panelistId: submitted.id, scores: { ml_system_architecture: 3, cloud_platform: 4, communication: 3 } },
            { panelistId: pending.id, status: "draft", recommendation: null, scores: { ml_system_architecture: 2 } },
          ],
        },
      ],
    }).loopId;
  });

  const run = (user: TestUser | null, id = loopId) => call(pdfLoader, get(`/loops/${id}/packet.pdf`, user), { id });

  it("401 for anonymous visitors", async () => {
    expect((await run(null)).status).toBe(401);
  });

  it("403 for a panelist before their own submission", async () => {
    const res = await run(pending);
    expect(res.status).toBe(403);
    expect(await res.response?.text()).toMatch(/Submit your own scorecard/);
  });

  it("404 for an unknown loop, a malformed id and an unrelated interviewer", async () => {
    expect((await run(hm, "no-such-loop")).status).toBe(404);
    expect((await run(hm, "../../etc/passwd")).status).toBe(404);
    expect((await run(unrelated)).status).toBe(404);
  });

  it("200 with a PDF attachment for the hiring manager, never cached", async () => {
    const res = await run(hm);
    expect(res.status).toBe(200);
    const r = res.response;
    expect(r?.headers.get("Content-Type")).toBe("application/pdf");
    expect(r?.headers.get("Cache-Control")).toBe("no-store");
    expect(r?.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Zoe-Angstrom-Ivanova-packet.pdf"; filename*=UTF-8''${encodeURIComponent("Zoë Ångström-Ivanova")}-packet.pdf`,
    );
    const pdf = Buffer.from((await r?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(r?.headers.get("Content-Length")).toBe(String(pdf.length));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Zoë Ångström-Ivanova");
    expect(text).toContain("Σοφία Submitted");
    expect(squash(text)).toContain(squash(EVIDENCE.slice(0, 60)));
    // one scorecard is still a draft: the packet says so and names who
    expect(text).toContain("DRAFT — incomplete");
    expect(text).toContain("Pat Pending");
  });

  it("200 for a panelist after their submission; the same data gives the same pages and fingerprint", async () => {
    const a = await run(submitted);
    expect(a.status).toBe(200);
    const b = await run(submitted);
    const pa = Buffer.from((await a.response?.arrayBuffer()) ?? new ArrayBuffer(0));
    const pb = Buffer.from((await b.response?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(pa.length).toBeGreaterThan(1000);
    // "Generated" is the time of each request; everything else is the same
    expect(pagesWithoutGenerated(pb)).toEqual(pagesWithoutGenerated(pa));
    expect(pdfText(pa)).toMatch(/Generated\s+\d{1,2} \w{3} 20\d\d, \d\d:\d\d UTC/);
  });

  it("withholds interviewer calibration from a panelist's copy, and says so", async () => {
    const panelistText = pdfText(
      Buffer.from((await (await run(submitted)).response?.arrayBuffer()) ?? new ArrayBuffer(0)),
    );
    expect(squash(panelistText)).toContain(
      squash("Interviewer calibration is shown to the hiring manager, recruiters and admins only."),
    );
    expect(panelistText).not.toContain("Comparable ratings");
    const managerText = pdfText(Buffer.from((await (await run(hm)).response?.arrayBuffer()) ?? new ArrayBuffer(0)));
    expect(managerText).toContain("Comparable ratings");
    expect(managerText).not.toContain("shown to the hiring manager, recruiters and admins only");
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
