/**
 * The hiring packet PDF: `renderPacket(aggregate, facts, rubric, { generatedAt })` -> Buffer.
 *
 * Pipeline: buildPacketModel (pure, app/domain/packet/model.ts) -> one draw function per section
 * (app/pdf/sections/, in the order below), each tagging what it draws (./tags.server.ts) -> running
 * heads and footers after layout (bufferPages) -> outline, XMP and output intent
 * (./archive.server.ts). A tagged PDF/UA-1 and PDF/A-2a file.
 *
 * Determinism: fonts are subset without random tags and nothing reads the clock, so the same input
 * and the same `generatedAt` give a byte-identical PDF. Between two requests for the same data only
 * the generation time differs ("Generated" on the cover, CreationDate/ModDate, the XMP dates and the
 * file /ID derived from them); the pages' content and the fingerprint (./fingerprint.server.ts,
 * printed on every page) are the same.
 *
 * Server-only: imports pdfkit (kept external by the Remix compiler).
 */
import PDFDocument from "pdfkit";

import { type PacketModel, type PacketOptions, buildPacketModel } from "../domain/packet/model";
import type { LoopAggregate, LoopFacts } from "../domain/review/types";
import type { RubricContent } from "../domain/rubric/model";

import { type ArchivalInfo, infoDictionary, makeArchival } from "./archive.server";
import { Flow, THEME, bookmark, compressPageContents, decoratePages } from "./layout.server";
import { collectDocumentBytes, collectPageContents } from "./page-sink.server";
import { Tags } from "./tags.server";
import { withParagraphCache } from "./text/break.server";
import { heading } from "./sections/blocks.server";
import { packetFingerprint } from "./fingerprint.server";
import { drawCover } from "./sections/cover.server";
import { drawSummary } from "./sections/summary.server";
import { drawCharts } from "./sections/charts.server";
import { drawAgenda } from "./sections/agenda.server";
import { drawDimensions } from "./sections/dimensions.server";
import { drawFlags } from "./sections/flags.server";
import { drawExercises } from "./sections/exercises.server";
import { drawScorecards } from "./sections/scorecards.server";
import { drawDecision } from "./sections/decision.server";
import { drawAppendix } from "./sections/appendix.server";

/** The packet's language: its own words are British English; names and quotes keep theirs. */
export const PACKET_LANG = "en-GB";

// ------------------------------------------------------------------ entry point

/**
 * Render the hiring packet. Synchronous work, returned as a Promise because pdfkit streams.
 *
 * @example
 * const pdf = await renderPacket(aggregateLoop(input, calibration), facts, rubric, { generatedAt: Date.now() });
 * return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf" } });
 */
export function renderPacket(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions,
): Promise<Buffer> {
  const model = buildPacketModel(aggregate, facts, rubric, options);
  const fingerprint = packetFingerprint(aggregate, facts, rubric, options);
  return renderPacketModel(model, fingerprint);
}

/** Render an already-built model (tests, bench). */
export async function renderPacketModel(model: PacketModel, fingerprint: string): Promise<Buffer> {
  const info: ArchivalInfo = {
    title: model.meta.title,
    author: model.meta.author,
    subject: model.meta.subject,
    keywords: model.meta.keywords,
    creator: "ArchPanel",
    producer: "ArchPanel (PDFKit)",
    created: new Date(model.meta.generatedAt),
    lang: PACKET_LANG,
  };
  const doc = new PDFDocument({
    size: THEME.page.size,
    margins: THEME.page.margin,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: "1.7",
    lang: PACKET_LANG,
    tagged: true,
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica (Latin-1 only) for nothing.
    font: null as unknown as string,
    info: infoDictionary(info),
  });
  // the header went through the stream; everything after it is collected directly
  const body = collectDocumentBytes(doc);
  makeArchival(doc, info);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat([...chunks, body.contents()])));
    doc.on("error", reject);
  });

  collectPageContents(doc);
  withParagraphCache(() => {
    const tags = new Tags(doc);
    const flow = new Flow(doc, tags);
    const t = model.sectionTitles;
    tags.group("Sect", {}, () => drawCover(flow, model, fingerprint));
    section(flow, t.summary, () => drawSummary(flow, model));
    section(flow, t.charts, () => drawCharts(flow, model.charts));
    section(flow, t.agenda, () => drawAgenda(flow, model));
    section(flow, t.dimensions, (outline) => drawDimensions(flow, model.dimensions, outline, t.dimensions));
    section(flow, t.flags, () => drawFlags(flow, model));
    section(flow, t.exercises, (outline) => drawExercises(flow, model.exercises, outline, t.exercises));
    section(flow, t.scorecards, (outline) => drawScorecards(flow, model, outline, t.scorecards));
    section(flow, t.decision, () => drawDecision(flow, model));
    section(flow, t.appendix, () => drawAppendix(flow, model, fingerprint));
    flow.flushPending();
    decoratePages(flow, model.header.candidateName, model.header.confidential, fingerprint);
  });
  compressPageContents(doc);
  doc.end();
  return done;
}

// ------------------------------------------------------------------ sections

/** A major section (Sect): new page, bearing, bookmark, H1. */
function section(flow: Flow, title: string, body: (outline: PDFKit.PDFOutline) => void): void {
  flow.newPage();
  flow.setBearing(title);
  const outline = bookmark(flow, title);
  flow.tags.group("Sect", {}, () => {
    heading(flow, title, 1, { after: 10 });
    body(outline);
  });
}
