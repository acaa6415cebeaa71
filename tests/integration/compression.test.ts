// Compression against the REAL built server on the demo data: every kind of text response
// (page, single-fetch data, JSON, CSV, .ics, JavaScript and CSS assets) comes back brotli- or
// gzip-encoded as the client asks, with `Vary: Accept-Encoding`; fingerprinted assets are cached
// for a year as immutable; a client that asks for no encoding gets the plain bytes; small and
// refused responses (403, 413) still work. The same server also checks that a document's loader data
// is read before it renders ("documents").
import { spawnSync } from "node:child_process";
import zlib from "node:zlib";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { ServerHandle } from "./server-process";
import { Browser, ROOT, startServer, tempDbPath } from "./server-process";

const PASSWORD = "archpanel-demo";
let server: ServerHandle;
let dbPath = "";

beforeAll(async () => {
  dbPath = tempDbPath("compression");
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, DEMO_PASSWORD: PASSWORD },
    encoding: "utf8",
  });
  expect(seed.status, seed.stderr).toBe(0);
  server = await startServer({ dbPath, env: { DEMO_PASSWORD: PASSWORD } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** Raw bytes and headers, without fetch's automatic decoding. */
async function raw(
  browser: Browser,
  pathname: string,
  acceptEncoding: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${pathname}`,
      { headers: { "Accept-Encoding": acceptEncoding, Cookie: browser.cookieHeader() } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (typeof v === "string") headers.set(k, v);
            else if (Array.isArray(v)) for (const item of v) headers.append(k, item);
          }
          resolve({ status: res.statusCode ?? 0, headers, bytes: Buffer.concat(chunks) });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function decode(encoding: string | null, bytes: Buffer): string {
  if (encoding === "br") return zlib.brotliDecompressSync(bytes).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

function ids(): { loopId: string; scorecardId: string } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const scorecard = db
      .prepare(
        `select s.id from scorecards s join users u on u.id = s.panelist_id
          where u.email = 'mateo@archpanel.demo' and s.status = 'draft' limit 1`,
      )
      .get() as { id: string } | undefined;
    const loop = db
      .prepare(
        `select l.id from loops l join users hm on hm.id = l.hiring_manager_id
          where hm.email = 'lukasz@archpanel.demo' and l.status = 'debrief' limit 1`,
      )
      .get() as { id: string } | undefined;
    if (!scorecard || !loop) throw new Error("the demo data has no draft of Mateo or no debrief of Łukasz");
    return { loopId: loop.id, scorecardId: scorecard.id };
  } finally {
    db.close();
  }
}

async function loggedIn(email: string): Promise<Browser> {
  const b = new Browser(server.url);
  const r = await b.login(email, PASSWORD);
  expect(r.status, r.body).toBe(302);
  return b;
}

describe("compression", () => {
  test("every kind of text response is compressed as the client asks, with Vary: Accept-Encoding", async () => {
    const { loopId, scorecardId } = ids();
    const interviewer = await loggedIn("mateo@archpanel.demo");
    const manager = await loggedIn("lukasz@archpanel.demo");
    const recruiter = await loggedIn("recruiter@archpanel.demo");

    const page = await raw(interviewer, `/scorecards/${scorecardId}`, "gzip");
    expect(page.status).toBe(200);
    const html = decode(page.headers.get("content-encoding"), page.bytes);
    // the page's two largest scripts (the smallest are under the 1 KiB threshold)
    const scripts = [...new Set([...html.matchAll(/"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]!))];
    const sized = await Promise.all(
      scripts.map(async (s) => [s, (await raw(interviewer, s, "identity")).bytes.length] as const),
    );
    const js = sized.sort((a, b) => b[1] - a[1]).map(([s]) => s);
    const css = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(js.length).toBeGreaterThan(3);
    expect(css).toBeTruthy();

    // What the decoded body must be: pages and data carry a fresh nonce or clock, so they must
    // arrive whole (the streamed page up to its last script, the data up to its last field) rather
    // than byte for byte.
    const PAGE_END = "streamController.close()";
    const DATA_END = `"serverNow"`;
    const kinds: [string, Browser, string, RegExp, string][] = [
      ["scorecard page", interviewer, `/scorecards/${scorecardId}`, /^text\/html/, PAGE_END],
      ["single-fetch data", interviewer, `/scorecards/${scorecardId}.data`, /^text\/x-script/, DATA_END],
      ["review page", manager, `/loops/${loopId}`, /^text\/html/, PAGE_END],
      ["packet JSON", manager, `/loops/${loopId}/packet.json`, /^application\/json/, "json"],
      ["ratings CSV", manager, `/loops/${loopId}/ratings.csv`, /^text\/csv/, "same"],
      ["calendar .ics", recruiter, `/loops/${loopId}.ics`, /^text\/calendar/, "same"],
      ["JavaScript asset", interviewer, js[0]!, /^(text|application)\/javascript/, "same"],
      ["JavaScript asset", interviewer, js[1]!, /^(text|application)\/javascript/, "same"],
      ["stylesheet", interviewer, css!, /^text\/css/, "same"],
    ];
    for (const [label, who, pathname, type, body] of kinds) {
      const plain = await raw(who, pathname, "identity");
      expect(plain.status, `${label}: ${pathname}`).toBe(200);
      expect(plain.headers.get("content-type"), label).toMatch(type);
      expect(plain.headers.get("content-encoding"), `${label}: plain when not asked`).toBeNull();
      expect(plain.bytes.length, `${label}: large enough to be compressed`).toBeGreaterThan(1024);
      for (const encoding of ["br", "gzip"]) {
        const r = await raw(who, pathname, encoding === "br" ? "gzip, deflate, br" : "gzip, deflate");
        expect(r.status, label).toBe(200);
        expect(r.headers.get("vary") ?? "", `${label}: Vary`).toMatch(/accept-encoding/i);
        expect(r.headers.get("content-encoding"), `${label}: ${encoding}`).toBe(encoding);
        expect(r.bytes.length, `${label}: smaller`).toBeLessThan(plain.bytes.length);
        const text = decode(encoding, r.bytes);
        if (body === "json") expect(JSON.parse(text)).toEqual(JSON.parse(plain.bytes.toString("utf8")));
        else if (body === "same") expect(text, `${label}: same body`).toBe(plain.bytes.toString("utf8"));
        else expect(text, `${label}: whole`).toContain(body);
      }
    }
  }, 120_000);

  test("fingerprinted assets are cached for a year as immutable, compressed or not; pages are not cached", async () => {
    const anon = new Browser(server.url);
    const login = await raw(anon, "/login", "br");
    expect(login.headers.get("cache-control")).toBe("no-store");
    const html = decode(login.headers.get("content-encoding"), login.bytes);
    const assets = [...html.matchAll(/"(\/build\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      for (const encoding of ["br", "gzip", "identity"]) {
        const r = await raw(anon, asset, encoding);
        expect(r.status, asset).toBe(200);
        expect(r.headers.get("cache-control"), `${asset} (${encoding})`).toMatch(/max-age=31536000/);
        expect(r.headers.get("cache-control"), `${asset} (${encoding})`).toMatch(/immutable/);
      }
    }
  });

  test("refusals and small answers still arrive whole", async () => {
    const anon = new Browser(server.url);
    await anon.get("/login");
    const tooLarge = await anon.request("/login", {
      method: "POST",
      body: "a".repeat(1_100_000),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": "br, gzip" },
    });
    expect(tooLarge.status).toBe(413);
    // the login route answers from the declared length with its own page (nothing was read or saved)
    expect(tooLarge.body).toMatch(/The request is too large \(limit 1 MB\)\. Nothing was saved\./);
    const refused = await anon.postForm("/login", {}, { headers: { Origin: "https://evil.example" } });
    expect(refused.status).toBe(403);
    const health = await raw(anon, "/healthz", "br, gzip");
    expect(health.status).toBe(200);
    expect(JSON.parse(decode(health.headers.get("content-encoding"), health.bytes))).toBeTruthy();
  });
});

// Not compression, but the same real server: a document renders in one turn of the event loop only if
// Remix's StreamTransfer finds the loader data already read (app/server/loader-data-ahead.server.ts).
// Were the cache ignored (a Remix upgrade), the page would still be right but would suspend again: its
// data script would sit in a second, nested Suspense boundary. This catches that.
describe("documents", () => {
  test("a page's loader data is read before it renders: one script carries it all, in one boundary", async () => {
    const { loopId } = ids();
    const manager = await loggedIn("lukasz@archpanel.demo");
    const page = await raw(manager, `/loops/${loopId}`, "identity");
    expect(page.status).toBe(200);
    const html = page.bytes.toString("utf8");
    const tail = html.slice(html.lastIndexOf("</html>"));
    expect(tail).toMatch(
      /^<\/html><!--\$--><script nonce="[^"]+">window\.__remixContext\.streamController\.enqueue\(.+\);<\/script><script nonce="[^"]+">window\.__remixContext\.streamController\.close\(\);<\/script><!--\/\$-->$/s,
    );
    expect(tail).toContain("loaderData");
  });
});
