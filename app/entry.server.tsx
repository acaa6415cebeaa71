import { Writable } from "node:stream";

import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

import { NonceProvider } from "./components/ui/nonce";
import { readLoaderDataAhead } from "./server/loader-data-ahead.server";
import { warmFonts } from "./pdf/fonts.server";
import { packetRenderMode, prewarmPacketRenderer } from "./pdf/render-pool.server";
import { warmShaping } from "./pdf/text/shape.server";

// Parse the packet's fonts and build their shaping tables once, just after start-up (~1 s, in the
// render worker when packets render there), so the first packet download of the process does not pay
// for it. Off in tests that import routes directly (they never load this file).
if (process.env.NODE_ENV === "production") {
  setTimeout(() => {
    try {
      if (packetRenderMode() === "worker") prewarmPacketRenderer();
      else {
        warmFonts();
        warmShaping();
      }
    } catch {
      // a missing optional font is reported when a packet is built; never block start-up on it
    }
  }, 200).unref();
}

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  await readLoaderDataAhead(remixContext);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        // Wait for the whole document: pages are small and bots/printers get complete HTML.
        onAllReady() {
          shellRendered = true;
          clearTimeout(abortTimer);
          // The document is complete: React writes it all now, in this turn, into memory, and it
          // leaves as one body (no stream pumped chunk by chunk across later turns).
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          body.on("error", reject);
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log only after the shell: errors before it are rethrown by onShellError.
          if (shellRendered)
            process.stderr.write(`render error: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      },
    );
    // Cleared once the document is complete, rather than left to fire on a finished render: otherwise
    // every page sent in the last 5 s kept a pending timer holding on to its finished render.
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Server-side log only; the browser sees the generic error boundary (no stack, no SQL).
  const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  process.stderr.write(`${JSON.stringify({ level: "error", path: new URL(request.url).pathname, message })}\n`);
}
