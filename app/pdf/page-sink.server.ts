/// <reference types="pdfkit" />
/**
 * Every page's content stream collected in one growable byte buffer, instead of pdfkit's list of
 * one small Uint8Array per operator (each converted from a string char by char): pdfkit's drawing
 * operators arrive as strings and are written as latin1 bytes; our text engine copies its bytes in
 * directly (`pageSinkOf`). `compressPageContents` (layout.server.ts) deflates the collected bytes.
 * Uses pdfkit internals (`page.content.write/buffer`, the "pageAdded" event), pinned to pdfkit 0.20;
 * the output bytes are the same as pdfkit's own buffering.
 */
export class PageSink {
  private buf: Buffer;
  len = 0;

  constructor(initialBytes = 16_384) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  write(chunk: Uint8Array | string): void {
    if (typeof chunk === "string") {
      // pdfkit's PDFReference.write appends "\n" to every string chunk
      this.reserve(chunk.length + 1);
      this.len += this.buf.write(chunk, this.len, "latin1");
      this.buf[this.len++] = 0x0a;
    } else {
      this.bytes(chunk, chunk.length);
    }
  }

  /** Appends the first `n` bytes of `src` (copied: the caller may reuse it). */
  bytes(src: Uint8Array, n: number): void {
    this.reserve(n);
    this.buf.set(n === src.length ? src : src.subarray(0, n), this.len);
    this.len += n;
  }

  contents(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

export const PAGE_SINK = Symbol("archpanel.pageSink");

interface SinkableRef {
  buffer: Uint8Array[];
  write(chunk: Uint8Array | string): void;
  [PAGE_SINK]?: PageSink;
}

/** The sink collecting a page content stream's bytes, if `collectPageContents` set one up. */
export function pageSinkOf(content: unknown): PageSink | undefined {
  return (content as SinkableRef)[PAGE_SINK];
}

function attachSink(page: PDFKit.PDFPage): void {
  const content = (page as unknown as { content: SinkableRef }).content;
  if (content[PAGE_SINK]) return;
  const sink = new PageSink();
  for (const chunk of content.buffer) sink.bytes(chunk, chunk.length);
  content.buffer = [];
  content[PAGE_SINK] = sink;
  content.write = (chunk) => sink.write(chunk);
}

/** From now on, the current page and every new page collect their content in a PageSink. */
export function collectPageContents(doc: PDFKit.PDFDocument): void {
  attachSink(doc.page);
  doc.on("pageAdded", () => attachSink(doc.page));
}

interface DocumentInternals {
  _offset: number;
  _write(data: Uint8Array | string): void;
}

/**
 * From now on, the document's own output (every object, the xref and the trailer) is collected in
 * one growable buffer instead of being pushed through its Readable stream object by object: each
 * push was a char-by-char string conversion, a Buffer and a "data" event, thousands per tagged
 * packet. Same bytes and offsets as pdfkit's `_write` (pdfkit 0.20 internals). Whatever the document
 * wrote before (its header) still arrives through the stream, ahead of these bytes: call right
 * after constructing the document and put the stream's chunks first.
 */
export function collectDocumentBytes(doc: PDFKit.PDFDocument): PageSink {
  const internals = doc as unknown as DocumentInternals;
  const sink = new PageSink(1 << 19);
  internals._write = (data) => {
    const before = sink.len;
    sink.write(data);
    internals._offset += sink.len - before;
  };
  return sink;
}
