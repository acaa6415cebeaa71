// The response compressor's two paths, on a bare Express app over real HTTP: a response ended in the
// tick it was written in (every page and data response) is compressed in one call where it ends; a
// response that keeps writing across ticks (a stream) goes out as it is written, each tick's writes
// in one piece, and one larger than what is held back goes to the compressor stream at once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";

import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { compressResponses } from "../../scripts/lib/http-compression";

let server: http.Server;
let base = "";
// the streamed route waits for the test to have read its first part before it writes the rest
let firstPartRead: () => void = () => {};

const PAGE = `<!DOCTYPE html><p>${"Evidence: designed the feature store's backfill path. ".repeat(400)}</p>`;
const LARGE = "rating,dimension,panelist\n".repeat(60_000); // ~1.5 MB: more than is held back

beforeAll(async () => {
  const app = express();
  app.use(compressResponses());
  app.get("/page", (_req, res) => {
    res.type("html");
    // as Remix sends a page: a write, a flush, the end, all in one tick
    res.write(PAGE.slice(0, 5000));
    res.write(PAGE.slice(5000));
    (res as unknown as { flush: () => void }).flush();
    res.end();
  });
  app.get("/large", (_req, res) => {
    res.type("csv");
    res.end(LARGE);
  });
  app.get("/stream", (_req, res) => {
    res.type("text/plain");
    res.write(`first part ${"a".repeat(2000)}\n`);
    new Promise<void>((resolve) => (firstPartRead = resolve)).then(
      () => res.end(`second part ${"b".repeat(2000)}\n`),
      () => {},
    );
  });
  app.get("/small", (_req, res) => {
    res.type("text/plain").send("fine"); // with its length, under 1 KiB
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The response decoded as it arrives; `onText` sees the decoded text so far after each piece. */
function fetchDecoded(
  pathname: string,
  acceptEncoding: string,
  onText: (soFar: string) => void = () => {},
): Promise<{ encoding: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
        const encoding = res.headers["content-encoding"];
        const decoder =
          encoding === "br" ? zlib.createBrotliDecompress() : encoding === "gzip" ? zlib.createGunzip() : null;
        let text = "";
        const source = decoder ? res.pipe(decoder) : res;
        source.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          onText(text);
        });
        source.on("end", () => resolve({ encoding, text }));
        source.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("response compression paths", () => {
  test.each(["br", "gzip"])("a response ended in the tick it was written in arrives whole (%s)", async (encoding) => {
    const r = await fetchDecoded("/page", encoding);
    expect(r.encoding).toBe(encoding);
    expect(r.text).toBe(PAGE);
  });

  test("a response larger than what is held back arrives whole", async () => {
    const r = await fetchDecoded("/large", "br");
    expect(r.encoding).toBe("br");
    expect(r.text.length).toBe(LARGE.length);
    expect(r.text).toBe(LARGE);
  });

  test("a streamed response sends what it wrote before it ends", async () => {
    // the route ends only after this client has decoded its first part: held back to the end, it never would
    const r = await fetchDecoded("/stream", "gzip", (soFar) => {
      if (soFar.includes("first part")) firstPartRead();
    });
    expect(r.encoding).toBe("gzip");
    expect(r.text).toBe(`first part ${"a".repeat(2000)}\nsecond part ${"b".repeat(2000)}\n`);
  }, 10_000);

  test("a small answer goes as it is", async () => {
    const r = await fetchDecoded("/small", "br, gzip");
    expect(r.encoding).toBeUndefined();
    expect(r.text).toBe("fine");
  });
});
