// Response compression for scripts/server.ts, on Node's zlib (no extra dependency):
// - `compressResponses()`: every text response (pages, `.data`, JSON, CSV, .ics, plain text) is sent
//   with brotli or gzip, whichever the browser prefers. A response ended in the tick it was written
//   in (every page and data response: Remix writes them whole) is compressed in one call where it
//   ends, on the request thread; one that keeps writing across ticks (a stream) goes through a
//   compressor stream in zlib's thread pool, what it wrote in each tick compressed and flushed
//   together at the end of that tick (Remix calls `res.flush()` after each chunk), so nothing waits
//   for the end of the response. Responses under 1 KiB with a known length go as they are.
// - `compressedAssets(dir)`: the fingerprinted files under /build are compressed once per process
//   (off the event loop, in zlib's thread pool) and then served from memory with a year-long
//   immutable cache; files that are not text fall through to express.static.
// Both add `Vary: Accept-Encoding`, so a cache never hands a compressed body to a client that did
// not ask for it.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

import type express from "express";

type Encoding = "br" | "gzip";

const MIN_BYTES = 1024;
const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|javascript|ecmascript|xml|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;
const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** The browser's preferred encoding among brotli and gzip (q-values honoured), or null. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const weight = (name: Encoding) => q.get(name) ?? q.get("*") ?? 0;
  const best = (["br", "gzip"] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

function addVary(res: express.Response): void {
  const vary = String(res.getHeader("Vary") ?? "");
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) {
    res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  }
}

// A streamed response's tick of writes compresses to a few tens of KiB at most: one output buffer
// holds it, so one pass through zlib's thread pool gives it all back (the default 16 KiB takes
// several, each waiting for the event loop).
const OUTPUT_CHUNK = 64 * 1024;
// Written bytes wait for the end of the tick up to this much, then go to the compressor at once. A
// response ended within that (every page and data response) is compressed in one call on the spot.
const HOLD_BYTES = 512 * 1024;

// Per response, on the request thread: brotli 4 takes ~1.2 ms for the 135 KB review page against
// ~1.8 ms at 5, for 7 % more bytes (24.7 KB instead of 23.0); gzip 6 (2.2 ms) only for browsers
// without brotli.
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

function createCompressor(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
  return encoding === "br"
    ? zlib.createBrotliCompress({
        chunkSize: OUTPUT_CHUNK,
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY },
      })
    : zlib.createGzip({ chunkSize: OUTPUT_CHUNK, level: GZIP_LEVEL });
}

function compressWhole(encoding: Encoding, body: Buffer): Buffer {
  return encoding === "br"
    ? zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : zlib.gzipSync(body, { level: GZIP_LEVEL });
}

type WriteArgs = [chunk?: unknown, encoding?: unknown, callback?: unknown];

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
  if (typeof chunk === "string")
    return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

/** Middleware: compress text responses on the fly (see the file header). */
export function compressResponses(): express.RequestHandler {
  return (req, res, next) => {
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    let stream: zlib.BrotliCompress | zlib.Gzip | null = null;
    // The compressor stream exists only once something has to go before the end (see the header):
    // each of its round trips through zlib's thread pool waits for the event loop, and under load
    // that meant waiting behind other requests' work.
    let compressing = false;
    let ended = false;
    let decided = false;
    let flushQueued = false;
    let drainPending = false;
    // What was written in this tick, not yet handed to the compressor: all of it when the response
    // ends in this tick; otherwise it goes to the compressor stream at the end of the tick, in one
    // piece (a stream writes many small chunks, and each handed over alone is a round trip).
    let held: Buffer[] = [];
    let heldBytes = 0;
    const takeHeld = (last?: Buffer | null): Buffer | null => {
      if (last) held.push(last);
      const out = held.length === 0 ? null : held.length === 1 ? held[0]! : Buffer.concat(held);
      held = [];
      heldBytes = 0;
      return out;
    };

    const originalWriteHead = res.writeHead;
    const originalWrite = res.write as (chunk: Buffer) => boolean;
    const originalEnd = res.end as (chunk?: Buffer) => express.Response;

    const compressorStream = (): zlib.BrotliCompress | zlib.Gzip => {
      if (stream) return stream;
      const compressor = createCompressor(encoding!);
      stream = compressor;
      compressor.on("data", (chunk: Buffer) => {
        if (!originalWrite.call(res, chunk)) compressor.pause();
      });
      res.on("drain", () => compressor.resume());
      compressor.on("end", () => originalEnd.call(res));
      compressor.on("error", (error) => res.destroy(error));
      res.on("close", () => {
        if (!res.writableFinished) compressor.destroy();
      });
      return compressor;
    };

    // streamed responses: what was written goes out at the end of the tick, in one piece
    const flushAtEndOfTick = () => {
      if (!compressing || flushQueued) return;
      flushQueued = true;
      setImmediate(() => {
        flushQueued = false;
        if (ended || stream?.destroyed) return;
        const pending = takeHeld();
        if (!pending && !stream) return;
        const compressor = compressorStream();
        if (pending) compressor.write(pending);
        compressor.flush();
      });
    };

    const decide = () => {
      if (decided) return;
      decided = true;
      const type = String(res.getHeader("Content-Type") ?? "");
      if (!COMPRESSIBLE.test(type)) return;
      addVary(res);
      const length = Number(res.getHeader("Content-Length") ?? NaN);
      if (
        !encoding ||
        req.method === "HEAD" ||
        res.statusCode < 200 ||
        res.statusCode === 204 ||
        res.statusCode === 304 ||
        res.getHeader("Content-Encoding") ||
        /no-transform/i.test(String(res.getHeader("Cache-Control") ?? "")) ||
        length < MIN_BYTES
      ) {
        return;
      }
      res.setHeader("Content-Encoding", encoding);
      res.removeHeader("Content-Length");
      compressing = true;
    };

    res.writeHead = function writeHead(this: express.Response, ...args: unknown[]) {
      // headers handed to writeHead itself count too
      const last = args[args.length - 1];
      if (args.length > 1 && last && typeof last === "object" && !Array.isArray(last)) {
        for (const [name, value] of Object.entries(last as Record<string, string | number | string[]>)) {
          this.setHeader(name, value);
        }
        args.pop();
      }
      decide();
      return (originalWriteHead as (...a: unknown[]) => express.Response).apply(this, args);
    } as typeof res.writeHead;

    const implicitHeader = () => {
      if (!res.headersSent) (res as unknown as { _implicitHeader: () => void })._implicitHeader();
    };

    res.write = function write(this: express.Response, ...args: WriteArgs) {
      implicitHeader();
      if (!compressing) return (originalWrite as unknown as (...a: WriteArgs) => boolean).apply(this, args);
      const [chunk, enc, cb] = args;
      const buffer = toBuffer(chunk, enc);
      const callback = typeof enc === "function" ? enc : cb;
      let ok = true;
      if (buffer && buffer.length > 0) {
        held.push(buffer);
        heldBytes += buffer.length;
        if (heldBytes >= HOLD_BYTES) {
          const compressor = compressorStream();
          ok = compressor.write(takeHeld()!);
          // writers that wait for 'drain' (stream.pipe) get it once the compressor has room again
          if (!ok && !drainPending) {
            drainPending = true;
            compressor.once("drain", () => {
              drainPending = false;
              res.emit("drain");
            });
          }
        }
      }
      if (typeof callback === "function") process.nextTick(callback as () => void);
      flushAtEndOfTick();
      return ok;
    } as typeof res.write;

    res.end = function end(this: express.Response, ...args: WriteArgs) {
      implicitHeader();
      if (!compressing) return (originalEnd as unknown as (...a: WriteArgs) => express.Response).apply(this, args);
      const [chunk, enc, cb] = args;
      const buffer = toBuffer(chunk, enc);
      const callback = [chunk, enc, cb].find((a) => typeof a === "function");
      if (typeof callback === "function") this.once("finish", callback as () => void);
      ended = true;
      const rest = takeHeld(buffer);
      if (!stream) {
        originalEnd.call(res, compressWhole(encoding!, rest ?? Buffer.alloc(0)));
        return this;
      }
      if (rest) stream.end(rest);
      else stream.end();
      return this;
    } as typeof res.end;

    // Remix flushes after every chunk it writes: the flush comes with the others, at the end of the tick
    (res as express.Response & { flush?: () => void }).flush = flushAtEndOfTick;

    next();
  };
}

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface CompressedAsset {
  type: string;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Middleware for the fingerprinted browser assets (mounted at /build): text files compressed once
 * (brotli quality 6 and gzip -9, at most once per file and process) and kept in memory.
 */
export function compressedAssets(dir: string, maxAgeSeconds = 31_536_000): express.RequestHandler {
  const root = path.resolve(dir);
  // per file: its compressed forms, "small" (under 1 KiB: sent as it is) or null (not found)
  const cache = new Map<string, Promise<CompressedAsset | "small" | null>>();

  const load = (file: string, type: string): Promise<CompressedAsset | "small" | null> => {
    let entry = cache.get(file);
    if (!entry) {
      entry = fs.promises.readFile(file).then(
        async (body) => {
          if (body.length < MIN_BYTES) return "small" as const;
          const [br, gz] = await Promise.all([
            brotliCompress(body, {
              params: {
                // quality 6: within a few per cent of 11 at a twentieth of the time (first request only)
                [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gzip(body, { level: 9 }),
          ]);
          return { type, br, gzip: gz };
        },
        () => null,
      );
      cache.set(file, entry);
    }
    return entry;
  };

  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const type = ASSET_TYPES[path.extname(req.path).toLowerCase()];
    if (!type) return next();
    const file = path.resolve(root, `.${decodeURIComponent(req.path)}`);
    if (!file.startsWith(root + path.sep)) return next();
    addVary(res);
    const encoding = negotiateEncoding(req.headers["accept-encoding"]);
    if (!encoding) return next();
    load(file, type).then(
      (asset) => {
        if (!asset) cache.delete(file);
        if (!asset || asset === "small") return next();
        const body = encoding === "br" ? asset.br : asset.gzip;
        res.setHeader("Content-Type", asset.type);
        res.setHeader("Content-Encoding", encoding);
        res.setHeader("Content-Length", body.length);
        res.setHeader("Cache-Control", `public, max-age=${maxAgeSeconds}, immutable`);
        if (req.method === "HEAD") res.end();
        else res.end(body);
      },
      (error: unknown) => next(error),
    );
  };
}
