// The autosave over real HTTP against the built server. POST /scorecards/:id/save is answered by
// Express straight from the route module's `autosave` (scripts/lib/direct-action.ts), not through
// Remix: this proves that path keeps every check the route has (session, CSRF token and origin,
// ownership, zod, versions, body limit, UTF-8) and answers exactly as Remix does for the same
// request (a query string sends it through Remix).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { buildLoadWorld, savePayload, type LoadWorld } from "../../scripts/lib/load-world";
import type { HttpResult, ServerHandle } from "./server-process";
import { Browser, startServer, tempDbPath } from "./server-process";

const PASSWORD = "autosave-http-password-0123";

let server: ServerHandle;
let world: LoadWorld;
let alice: Browser;
let bob: Browser;
let aliceCard: string;

function stored(card: string): { version: number; summary: string; audits: number } {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const row = db.prepare("SELECT version, summary FROM scorecards WHERE id = ?").get(card) as {
      version: number;
      summary: string;
    };
    const audits = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_id = ?").get(card) as { n: number }).n;
    return { ...row, audits };
  } finally {
    db.close();
  }
}

async function refusedAndUnchanged(send: () => Promise<HttpResult>, status: number): Promise<HttpResult> {
  const before = stored(aliceCard);
  const r = await send();
  expect(r.status, r.body).toBe(status);
  expect(stored(aliceCard)).toEqual(before);
  return r;
}

beforeAll(async () => {
  const dbPath = tempDbPath("autosave-http");
  world = await buildLoadWorld(dbPath, {
    panelists: 2,
    managers: 1,
    loops: 2,
    cardsPerPanelist: 1,
    submittedPerLoop: 1,
    password: PASSWORD,
  });
  server = await startServer({ dbPath });
  const [a, b] = world.panelists;
  aliceCard = a!.cards[0]!.id;
  alice = new Browser(server.url);
  expect((await alice.login(a!.email, PASSWORD)).status).toBe(302);
  bob = new Browser(server.url);
  expect((await bob.login(b!.email, PASSWORD)).status).toBe(302);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("the autosave over HTTP (answered without Remix's router)", () => {
  test("a valid save is stored and answered with its version, with the security headers", async () => {
    const r = await alice.postJson(`/scorecards/${aliceCard}/save`, savePayload(0, "first"));
    expect(r.status, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, version: 1, status: "draft" });
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored(aliceCard)).toMatchObject({ version: 1, summary: "summary first" });
  });

  test("CSRF: no token, a wrong token, a foreign Origin or a cross-site fetch are refused with 403", async () => {
    const url = `/scorecards/${aliceCard}/save`;
    await refusedAndUnchanged(() => alice.postJson(url, savePayload(1, "no-token"), { csrf: null }), 403);
    await refusedAndUnchanged(() => alice.postJson(url, savePayload(1, "wrong"), { csrf: "x".repeat(32) }), 403);
    await refusedAndUnchanged(
      () => alice.postJson(url, savePayload(1, "origin"), { headers: { Origin: "https://evil.example" } }),
      403,
    );
    await refusedAndUnchanged(
      () => alice.postJson(url, savePayload(1, "site"), { headers: { "Sec-Fetch-Site": "cross-site" } }),
      403,
    );
  });

  test("no session is 401; another panelist's scorecard and a malformed id are 404", async () => {
    const anonymous = new Browser(server.url);
    await anonymous.get("/login");
    await refusedAndUnchanged(() => anonymous.postJson(`/scorecards/${aliceCard}/save`, savePayload(1, "anon")), 401);
    await refusedAndUnchanged(() => bob.postJson(`/scorecards/${aliceCard}/save`, savePayload(1, "bob")), 404);
    const malformed = await alice.postJson(`/scorecards/not-an-id/save`, savePayload(1, "malformed"));
    expect(malformed.status).toBe(404);
  });

  test("invalid input is 400 with field errors; a stale version is 409 with the server's copy", async () => {
    const url = `/scorecards/${aliceCard}/save`;
    const bad = await refusedAndUnchanged(
      () => alice.postJson(url, { ...savePayload(1, "bad"), ratings: { x: { score: "9" } } }),
      400,
    );
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false });
    await refusedAndUnchanged(() => alice.postJson(url, { ...savePayload(1, "v"), version: -1 }), 400);
    await refusedAndUnchanged(() => alice.request(url, jsonInit(alice, "{not json")), 400);
    const utf8 = new Uint8Array([
      ...Buffer.from('{"intent":"save","version":1,"summary":"'),
      0xff,
      ...Buffer.from('"}'),
    ]);
    await refusedAndUnchanged(() => alice.request(url, jsonInit(alice, utf8)), 400);
    const stale = await refusedAndUnchanged(() => alice.postJson(url, savePayload(0, "stale")), 409);
    expect(JSON.parse(stale.body)).toMatchObject({ ok: false, conflict: { version: 1 } });
  });

  test("a body over the limit is 413, declared or streamed, and nothing is saved", async () => {
    const url = `/scorecards/${aliceCard}/save`;
    const big = { ...savePayload(1, "big"), summary: "y".repeat(1_100_000) };
    await refusedAndUnchanged(() => alice.postJson(url, big), 413);
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 3_000_000) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    await refusedAndUnchanged(async () => {
      try {
        const res = await fetch(`${server.url}${url}`, {
          ...jsonInit(alice, stream),
          duplex: "half",
        } as RequestInit);
        return { status: res.status, headers: res.headers, body: await res.text().catch(() => ""), setCookies: [] };
      } catch {
        // the server may reset the upload after answering 413
        return { status: 413, headers: new Headers(), body: "", setCookies: [] };
      }
    }, 413);
    expect((await alice.get("/healthz")).status).toBe(200);
  });

  test("answers exactly as the same route through Remix (a query string takes that path)", async () => {
    const url = `/scorecards/${aliceCard}/save`;
    const cases: [string, Browser, unknown, { csrf?: string | null }][] = [
      ["invalid", alice, { ...savePayload(1, "x"), ratings: { x: { score: "9" } } }, {}],
      ["stale", alice, savePayload(0, "x"), {}],
      ["not yours", bob, savePayload(1, "x"), {}],
      ["no token", alice, savePayload(1, "x"), { csrf: null }],
      ["timer", alice, { intent: "timer", op: "nonsense" }, {}],
    ];
    for (const [label, who, payload, opts] of cases) {
      const direct = await who.postJson(url, payload, opts);
      const remix = await who.postJson(`${url}?via=remix`, payload, opts);
      expect(direct.status, label).toBe(remix.status);
      expect(direct.body, label).toBe(remix.body);
      expect(direct.headers.get("content-type"), label).toBe(remix.headers.get("content-type"));
    }
    const direct = await alice.postJson(url, savePayload(1, "direct"));
    const remix = await alice.postJson(`${url}?via=remix`, savePayload(2, "remix"));
    expect([direct.status, remix.status]).toEqual([200, 200]);
    expect(stored(aliceCard)).toMatchObject({ version: 3, summary: "summary remix" });
  });
});

function jsonInit(
  who: Browser,
  body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
): RequestInit & { headers: Record<string, string> } {
  return {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      Origin: who.base,
      "x-csrf-token": who.csrf,
      Cookie: who.cookieHeader(),
    },
  };
}
