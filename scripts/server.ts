// Production server: Express + the Remix request handler. `npm start` (PORT, HOST, DATABASE_PATH).
// Applies migrations before listening; security headers, CSRF origin check, body limit, request
// logs and graceful shutdown live here so every route gets them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";

import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";

import { ARTIFACT_UPLOAD_MAX_BODY } from "../app/domain/scorecard/artifact-image";
import { cookieSecureSetting, secureCookies } from "../app/server/cookie-secure.server";
import { closeDb, defaultDatabasePath, getDb, migrateDatabase } from "../db/client.server";
import { findUserByEmail } from "../db/queries/people/users.server";
import { compressedAssets, compressResponses } from "./lib/http-compression";
import { createOutboxWorker } from "../app/server/outbox-worker.server";

import { directAutosave } from "./lib/direct-action";
import { trustProxySetting } from "./lib/trust-proxy";

const root = process.cwd();
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "127.0.0.1";
const MAX_BODY = Number(process.env.MAX_BODY_BYTES ?? 1_048_576);
// A scorecard artifact (a whiteboard photo) is larger than any form: its multipart upload gets its
// own limit, checked again by the route (app/routes/scorecards.$id.artifacts.tsx).
const ARTIFACT_UPLOAD = /^\/scorecards\/[^/]+\/artifacts$/;
function bodyLimitOf(req: express.Request): number {
  const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
  return multipart && ARTIFACT_UPLOAD.test(req.path) ? Math.max(MAX_BODY, ARTIFACT_UPLOAD_MAX_BODY) : MAX_BODY;
}
const CSRF_COOKIE = "archpanel_csrf";
const SYNCHRONOUS_NAMES = ["OFF", "NORMAL", "FULL", "EXTRA"];

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...fields })}\n`);
}

/** Ids in paths are opaque; keep the shape of the route, not the identifiers, in logs. */
function routeOf(pathname: string): string {
  return pathname
    .split("/")
    .map((seg) => (/^[A-Za-z0-9_-]{16,}$/.test(seg) ? ":id" : seg))
    .join("/");
}

// When full collections are cheap, V8 sets the next one at ~1.1-1.3x what the last one kept: under a
// panel-day load (bench:load) that was a full collection every 0.5-2 s, each 4-20 ms of pause plus
// marking steps on the request thread. Twice what was kept spaces them out (19-27 to 6-7 a run, by
// --trace-gc) for a few tens of MB more heap. V8 reads the flag each time it sets the next limit.
const HEAP_GROWING_PERCENT = 100;
v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

async function main(): Promise<void> {
  const cookieSecure = cookieSecureSetting(process.env.COOKIE_SECURE);
  // packets render in a worker thread, so a download never holds up autosaves (render-pool.server.ts)
  process.env.PACKET_RENDER ??= "worker";
  migrateDatabase(getDb());
  const buildPath = path.join(root, "build", "index.js");
  // `npm run dev` (remix dev --manual sets NODE_ENV=development): re-import the build after each
  // rebuild (a cache-busting query) and tell remix dev it is live, as Remix's manual mode expects.
  const isDev = process.env.NODE_ENV === "development";
  const importBuild = async (): Promise<ServerBuild> =>
    (await import(
      `${pathToFileURL(buildPath).href}${isDev ? `?t=${fs.statSync(buildPath).mtimeMs}` : ""}`
    )) as ServerBuild;
  let build = await importBuild();
  if (isDev) {
    fs.watchFile(buildPath, { interval: 300 }, () => {
      void importBuild().then((next) => {
        build = next;
        void broadcastDevReady(next);
      });
    });
  }

  const app = express();
  app.disable("x-powered-by");
  try {
    app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`);
  }

  let inFlight = 0;
  let shuttingDown = false;

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = crypto.randomUUID();
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.requestId = requestId;
    res.locals.cspNonce = nonce;
    inFlight++;
    res.on("close", () => {
      inFlight--;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (req.path.startsWith("/build/")) return;
      log({
        level: "info",
        requestId,
        method: req.method,
        route: routeOf(req.path),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    if (shuttingDown) res.setHeader("Connection", "close");
    // Pages and downloads carry hiring opinions and candidate PII: never cached by browsers or
    // proxies unless a route says otherwise (static assets under /build set their own policy).
    if (!req.path.startsWith("/build/")) {
      const writeHead = res.writeHead;
      res.writeHead = function patchedWriteHead(this: typeof res, ...args: unknown[]) {
        if (!this.hasHeader("Cache-Control")) this.setHeader("Cache-Control", "no-store");
        return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
      } as typeof res.writeHead;
    }
    res.setHeader("X-Request-Id", requestId);
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // req.secure: TLS on the socket, or X-Forwarded-Proto from a proxy trusted through TRUST_PROXY
    res.locals.secureCookies = secureCookies(cookieSecure, req.secure);
    if (res.locals.secureCookies) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    next();
  });

  // Every visitor gets a CSRF double-submit cookie (forms echo it; see app/server/csrf.server.ts).
  app.use((req, res, next) => {
    const header = req.headers.cookie ?? "";
    if (!new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=`).test(header)) {
      const token = crypto.randomBytes(24).toString("base64url");
      res.append(
        "Set-Cookie",
        `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${res.locals.secureCookies ? "; Secure" : ""}`,
      );
      req.headers.cookie = header ? `${header}; ${CSRF_COOKIE}=${token}` : `${CSRF_COOKIE}=${token}`;
    }
    next();
  });

  // A refused cross-origin post: a plain page for a person who followed a form from elsewhere,
  // the same short text as before for scripts (fetch with JSON or the CSRF header).
  const REFUSED_TEXT = "Cross-origin request refused";
  const REFUSED_HTML = [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Request refused · ArchPanel</title></head>',
    "<body>",
    "<main>",
    `<h1>${REFUSED_TEXT}</h1>`,
    "<p>This form was sent from another website or from a page that does not belong to ArchPanel, so nothing was saved or changed.</p>",
    "<p>If you meant to do this, open ArchPanel directly and try again from there.</p>",
    '<p><a href="/">Go to ArchPanel</a></p>',
    "</main>",
    "</body>",
    "</html>",
  ].join("\n");
  function refuseCrossOrigin(req: express.Request, res: express.Response): void {
    const accept = String(req.headers.accept ?? "");
    const wantsHtml = accept.includes("text/html") && !req.headers["x-csrf-token"];
    if (wantsHtml) res.status(403).type("text/html").send(REFUSED_HTML);
    else res.status(403).type("text/plain").send(REFUSED_TEXT);
  }

  // Mutations: refuse other origins outright, and bodies over the limit with 413.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    // Browsers label cross-site requests even where they omit Origin.
    if (req.headers["sec-fetch-site"] === "cross-site") {
      refuseCrossOrigin(req, res);
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== "null") {
      let host = "";
      try {
        host = new URL(origin).host;
      } catch {
        host = "";
      }
      if (host !== req.headers.host) {
        refuseCrossOrigin(req, res);
        return;
      }
    } else if (origin === "null") {
      refuseCrossOrigin(req, res);
      return;
    }
    const limit = bodyLimitOf(req);
    const length = Number(req.headers["content-length"] ?? "0");
    if (length > limit) {
      // The route answers from the declared length alone (a page with its own "too large" message,
      // or a 413): the body is drained unread, and a connection sending far too much is cut.
      res.locals.bodyRefused = true;
      let drained = 0;
      req.on("data", (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > 64 * limit) req.destroy();
      });
      return next();
    }
    let seen = 0;
    req.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit && !res.headersSent) {
        res.status(413).type("text/plain").send("Request body too large");
        req.destroy();
      }
    });
    next();
  });

  // Text responses go out brotli/gzip-compressed; fingerprinted assets are compressed once and kept.
  app.use(compressResponses());
  app.use("/build", compressedAssets(path.join(root, "build", "public", "build")));

  // The autosave skips Remix's router: the route module's own handler, called directly (after
  // compression, like every answer; its usual JSON is under the size worth compressing).
  app.post(
    "/scorecards/:id/save",
    directAutosave(() => build),
  );

  // Only /build/ holds files (the project has no public/ folder): a static handler for every other
  // path stat()ed the disk for each page and autosave before giving up (~0.4 ms a page by CPU profile).
  app.use("/build", express.static(path.join(root, "build", "public", "build"), { immutable: true, maxAge: "1y" }));

  /** The request as Remix sees it once its body was refused: same method, URL and headers, no body. */
  function withoutBody(req: express.Request): express.Request {
    return Object.assign(Readable.from([]), {
      method: req.method,
      headers: req.headers,
      originalUrl: req.originalUrl,
      protocol: req.protocol,
      hostname: req.hostname,
      ip: req.ip,
      socket: req.socket,
      get: req.get.bind(req),
    }) as unknown as express.Request;
  }

  const remixHandler = createRequestHandler({
    build: isDev ? () => Promise.resolve(build) : build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      requestId: String(res.locals.requestId),
      cspNonce: String(res.locals.cspNonce),
    }),
  });
  app.all("*", (req, res, next) => {
    // Once the body-limit guard has answered 413 the request is over: whatever the (now aborted)
    // Remix handler reports afterwards is noise, not an error to send or log.
    const done = (error?: unknown) => {
      if (res.headersSent) return;
      next(error);
    };
    remixHandler(res.locals.bodyRefused ? withoutBody(req) : req, res, done).catch(done);
  });

  // Last resort: a plain 500 with the request id; never a stack trace, SQL or a file path.
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const requestId = String(res.locals.requestId ?? "");
    log({
      level: "error",
      requestId,
      method: req.method,
      route: routeOf(req.path),
      error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown",
    });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res
      .status(500)
      .type("text/plain")
      .send(`Something went wrong on our side (request ${requestId}). Saved work is safe; try again.`);
  });

  const server = app.listen(PORT, HOST, () => {
    const shownHost = HOST === "0.0.0.0" || HOST === "::" ? "localhost" : HOST;
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : PORT;
    const sqlite = getDb().$client;
    log({
      level: "info",
      msg: "listening",
      url: `http://${shownHost}:${port}`,
      database: defaultDatabasePath(),
      // what a benchmark or an operator checks this server against (bench:load prints it)
      nodeEnv: process.env.NODE_ENV ?? "",
      // as app/pdf/render-pool.server.ts reads it (importing that module here would load pdfkit twice)
      packetRender: process.env.PACKET_RENDER === "worker" ? "worker" : "inline",
      journalMode: sqlite.pragma("journal_mode", { simple: true }),
      synchronous: SYNCHRONOUS_NAMES[Number(sqlite.pragma("synchronous", { simple: true }))] ?? "unknown",
    });
    process.stdout.write(`\nArchPanel is running at http://${shownHost}:${port}\n`);
    if (isDev) void broadcastDevReady(build);
    // With the demo data loaded, say how to get in (the demo password is public: README, seed output).
    if (findUserByEmail(getDb(), "recruiter@archpanel.demo")) {
      const password = process.env.DEMO_PASSWORD ?? "archpanel-demo";
      process.stdout.write(
        `Log in at http://${shownHost}:${port}/login as recruiter@archpanel.demo, lukasz@archpanel.demo (hiring manager) or mateo@archpanel.demo (interviewer), password: ${password}\n`,
      );
    }
  });
  server.keepAliveTimeout = 5_000;
  // A port taken by another program (often an earlier `npm run demo`) is a setup mistake, not a crash.
  server.on("error", (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${PORT} is in use; set PORT to a free one (e.g. PORT=${PORT + 1} npm start) or stop the other server`
        : error.code === "EACCES"
          ? `port ${PORT} needs more privileges; set PORT above 1023`
          : error.code === "EADDRNOTAVAIL"
            ? `HOST ${HOST} is not an address of this machine; set HOST`
            : null;
    if (!reason) throw error;
    process.stderr.write(`ArchPanel cannot start: ${reason}.\n`);
    closeDb();
    process.exit(1);
  });

  // E-mails and webhooks leave through the outbox, delivered in the background of this process.
  const outboxWorker = createOutboxWorker({ db: getDb(), log });
  outboxWorker.start();

  // SIGTERM: stop accepting, let in-flight saves finish, then close the database cleanly.
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log({ level: "info", msg: "shutting down", signal, inFlight });
    server.close(() => {
      // a delivery in flight finishes (and is recorded) before the database closes
      void outboxWorker.stop().then(() => {
        closeDb();
        log({ level: "info", msg: "stopped" });
        process.exit(0);
      });
    });
    server.closeIdleConnections();
    setTimeout(() => {
      log({ level: "warn", msg: "forced exit after 10s", inFlight });
      closeDb();
      process.exit(1);
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ArchPanel failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
