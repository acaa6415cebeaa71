/**
 * The autosave (POST /scorecards/:id/save) answered straight from Express, without Remix's request
 * handler: it runs on every pause in typing of every interviewer in the room, and Remix's router
 * plus a fetch Request and Response built per save (undici: ~0.2 ms each here) cost more than the
 * save itself (bench:autosave, profiled).
 *
 * The handler is the route module's own `autosave` export, from the build Remix serves: the same
 * function `action` calls and the same module instance (the same database handle and group-commit
 * queue), so the session, CSRF, authorization and zod validation have one implementation. All that
 * scripts/server.ts does before Remix (security headers, CSRF cookie, origin check, body limit,
 * logs) has already run when this handler is reached. A request with a query string (`?_data`,
 * `?index`) goes on to Remix.
 */
import type { ServerBuild } from "@remix-run/node";
import type express from "express";

import type { AutosaveAnswer } from "../../app/routes/scorecards.$id.save";
import type { RequestWithBody } from "../../app/server/request.server";

const ROUTE_ID = "routes/scorecards.$id.save";

interface AutosaveModule {
  autosave(request: RequestWithBody, params: Record<string, string | undefined>): Promise<AutosaveAnswer>;
  AUTOSAVE_HEADERS: Record<string, string>;
}

/** Node's request as the route module reads it: URL, method, headers and the body's bytes. */
function nodeRequest(req: express.Request, bytes: Buffer): RequestWithBody {
  return {
    method: req.method,
    url: `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`,
    headers: {
      get(name: string): string | null {
        const value = req.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    },
    // only read without a declared length (chunked); the common case reads arrayBuffer()
    get body() {
      return bytes.length > 0 ? new Blob([new Uint8Array(bytes)]).stream() : null;
    },
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
  };
}

/** The body's bytes, or null when the request went away or was already answered (413). */
function readBytes(req: express.Request, res: express.Response): Promise<Buffer | null> {
  // scripts/server.ts refused a declared length over the limit: the route answers from the header
  if (res.locals.bodyRefused) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(res.headersSent ? null : Buffer.concat(chunks)));
    req.once("close", () => resolve(null));
    req.once("error", () => resolve(null));
  });
}

/** A thrown refusal (401, 403, 404, 413…), as Remix sends it for a resource route. */
async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.append("Set-Cookie", cookies);
  res.setHeader("X-Remix-Catch", "yes");
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function directAutosave(build: () => ServerBuild): express.RequestHandler {
  return (req, res, next) => {
    const mod = build().routes[ROUTE_ID]?.module as Partial<AutosaveModule> | undefined;
    if (!mod?.autosave || !mod.AUTOSAVE_HEADERS || req.originalUrl.includes("?")) return next();
    const { autosave, AUTOSAVE_HEADERS } = mod;
    void (async () => {
      const bytes = await readBytes(req, res);
      if (bytes === null) return;
      let answer: AutosaveAnswer;
      try {
        answer = await autosave(nodeRequest(req, bytes), req.params);
      } catch (thrown) {
        // anything but a Response is a bug: the server's last-resort 500
        if (!(thrown instanceof Response)) throw thrown;
        if (!res.headersSent) await sendResponse(res, thrown);
        return;
      }
      if (res.headersSent) return;
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...AUTOSAVE_HEADERS, "Content-Length": Buffer.byteLength(text) });
      res.end(text);
    })().catch((error: unknown) => {
      if (!res.headersSent) next(error);
    });
  };
}
