// The document's loader data read ahead of the render (app/server/loader-data-ahead.server.ts): what
// Remix's <StreamTransfer> finds already read must be the whole stream, decoded as it would decode it,
// and the stream it would otherwise read must still hold every byte.
import type { EntryContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";

import { readLoaderDataAhead } from "../../../app/server/loader-data-ahead.server";

function streamOf(chunks: Uint8Array[], failWith?: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

function contextWith(stream: ReadableStream<Uint8Array> | undefined): EntryContext {
  return { serverHandoffStream: stream, renderMeta: {} } as unknown as EntryContext;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("readLoaderDataAhead", () => {
  // "Łukasz" split inside the two bytes of "Ł", across the stream's chunks
  const bytes = new TextEncoder().encode('[{"_1":2},"loaderData",{"hiringManager":"Łukasz Nowak"}]\n');
  const cut = bytes.indexOf(0xc5) + 1;
  const chunks = [bytes.slice(0, 10), bytes.slice(10, cut), bytes.slice(cut)];

  it("hands StreamTransfer the whole stream as one finished chunk, multi-byte letters across chunks intact", async () => {
    const context = contextWith(streamOf(chunks));
    await readLoaderDataAhead(context);
    const entry = context.renderMeta?.streamCache?.[0];
    expect(entry?.error).toBeUndefined();
    expect(entry?.result).toEqual({ done: true, value: new TextDecoder().decode(bytes) });
    expect(entry?.result?.value).toContain("Łukasz Nowak");
  });

  it("leaves an unread copy of every byte for a StreamTransfer that does not look at what was read", async () => {
    const context = contextWith(streamOf(chunks));
    const original = context.serverHandoffStream;
    await readLoaderDataAhead(context);
    expect(context.serverHandoffStream).not.toBe(original);
    expect(await readAll(context.serverHandoffStream!)).toBe(new TextDecoder().decode(bytes));
  });

  it("passes on a stream's failure for the render to report, as StreamTransfer would", async () => {
    const failure = new Error("Server Timeout");
    const context = contextWith(streamOf([bytes.slice(0, 5)], failure));
    await readLoaderDataAhead(context);
    const entry = context.renderMeta?.streamCache?.[0];
    expect(entry?.result).toBeUndefined();
    expect(entry?.error).toBe(failure);
  });

  it("does nothing without a data stream or with data already read", async () => {
    const none = contextWith(undefined);
    await readLoaderDataAhead(none);
    expect(none.renderMeta?.streamCache).toBeUndefined();

    const read = contextWith(streamOf(chunks));
    const cache = { 0: Object.assign(Promise.resolve(), { result: { done: true, value: "x" } }) };
    read.renderMeta!.streamCache = cache;
    const stream = read.serverHandoffStream;
    await readLoaderDataAhead(read);
    expect(read.renderMeta?.streamCache).toBe(cache);
    expect(read.serverHandoffStream).toBe(stream);
  });
});
