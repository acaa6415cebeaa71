/**
 * The hiring packet PDF: `renderPacket(aggregate, facts, rubric)` -> Buffer.
 *
 * Pipeline: buildPacketModel (pure, app/domain/packet/model.ts) -> one draw function per section
 * (app/pdf/sections/, in the order below) -> page header/footer after layout (bufferPages) ->
 * outline, metadata. Deterministic: fonts are subset without random tags, CreationDate/ModDate
 * come from the data (never the clock), so identical input gives a byte-identical PDF; the
 * fingerprint (./fingerprint.server.ts) is printed on every page.
 *
 * Server-only: imports pdfkit (kept external by the Remix compiler).
 */
import PDFDocument from "pdfkit";

import { type PacketModel, type PacketOptions, buildPacketModel } from "../domain/packet/model";
import type { LoopAggregate, LoopFacts } from "../domain/review/types";
import type { RubricContent } from "../domain/rubric/model";

import { Flow, S, THEME, bookmark, compressPageContents, decoratePages } from "./layout.server";
import { collectPageContents } from "./page-sink.server";
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

// ------------------------------------------------------------------ entry point

/**
 * Render the hiring packet. Synchronous work, returned as a Promise because pdfkit streams.
 *
 * @example
 * const pdf = await renderPacket(aggregateLoop(input, calibration), facts, rubric);
 * return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf" } });
 */
export function renderPacket(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions = {},
): Promise<Buffer> {
  const model = buildPacketModel(aggregate, facts, rubric, options);
  const fingerprint = packetFingerprint(aggregate, facts, rubric, options);
  return renderPacketModel(model, fingerprint);
}

/** Render an already-built model (tests, bench). */
export async function renderPacketModel(model: PacketModel, fingerprint: string): Promise<Buffer> {
  const date = new Date(model.meta.generatedAt);
  const doc = new PDFDocument({
    size: THEME.page.size,
    margins: THEME.page.margin,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica (Latin-1 only) for nothing.
    font: null as unknown as string,
    info: {
      Title: model.meta.title,
      Author: model.meta.author,
      Subject: model.meta.subject,
      Keywords: model.meta.keywords,
      Creator: "ArchPanel",
      Producer: "ArchPanel (PDFKit)",
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  collectPageContents(doc);
  withParagraphCache(() => {
    const flow = new Flow(doc);
    const t = model.sectionTitles;
    drawCover(flow, model, fingerprint);
    section(flow, t.summary, () => drawSummary(flow, model));
    section(flow, t.charts, () => drawCharts(flow, model.charts));
    section(flow, t.agenda, () => drawAgenda(flow, model));
    section(flow, t.dimensions, (outline) => drawDimensions(flow, model.dimensions, outline));
    section(flow, t.flags, () => drawFlags(flow, model));
    section(flow, t.exercises, (outline) => drawExercises(flow, model.exercises, outline));
    section(flow, t.scorecards, (outline) => drawScorecards(flow, model, outline));
    section(flow, t.decision, () => drawDecision(flow, model));
    section(flow, t.appendix, () => drawAppendix(flow, model, fingerprint));
    decoratePages(doc, model.header.candidateName, model.header.confidential, fingerprint);
  });
  compressPageContents(doc);
  doc.end();
  return done;
}

// ------------------------------------------------------------------ sections

/** A major section: new page, H1, bookmark. */
function section(flow: Flow, title: string, body: (outline: PDFKit.PDFOutline) => void): void {
  flow.newPage();
  const outline = bookmark(flow, title);
  heading(flow, title, S.h1, 10);
  body(outline);
}
