// Web security against the REAL built server (scripts/server.ts + build/): security headers on
// every kind of response, CSRF (token and origin), cookie flags, session rotation and revocation
// over HTTP, the body limit, open redirects, and production error pages without internals.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { HttpResult, ServerHandle } from "./server-process";
import { Browser, prepareDatabase, startServer, tempDbPath } from "./server-process";

const PASSWORD = "correct horse battery staple";
const ADMIN = { email: "admin@sec.test", name: "Ada Admin", role: "admin" as const, password: PASSWORD };
const MEMBER = { email: "member@sec.test", name: "Max Member", role: "member" as const, password: PASSWORD };

let server: ServerHandle;

beforeAll(async () => {
  const dbPath = tempDbPath("sec");
  await prepareDatabase(dbPath, [ADMIN, MEMBER]);
  server = await startServer({ dbPath });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

function expectSecurityHeaders(r: HttpResult, label: string): void {
  const csp = r.headers.get("content-security-policy");
  expect(csp, `${label}: CSP`).toBeTruthy();
  const d = directives(csp!);
  const scriptSrc = d.get("script-src") ?? d.get("default-src");
  expect(scriptSrc, `${label}: script-src`).toBeDefined();
  expect(scriptSrc, `${label}: no unsafe-inline scripts`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${label}: no unsafe-eval`).not.toContain("'unsafe-eval'");
  expect(d.get("frame-ancestors"), `${label}: frame-ancestors`).toEqual(["'none'"]);
  expect(d.get("object-src"), `${label}: object-src`).toEqual(["'none'"]);
  expect(d.get("base-uri"), `${label}: base-uri`).toEqual(["'self'"]);
  expect(r.headers.get("x-content-type-options"), `${label}: nosniff`).toBe("nosniff");
  expect(r.headers.get("x-frame-options"), `${label}: XFO`).toBe("DENY");
  expect(r.headers.get("referrer-policy"), `${label}: Referrer-Policy`).toMatch(
    /^(same-origin|no-referrer|strict-origin)/,
  );
  const pp = r.headers.get("permissions-policy") ?? "";
  for (const feature of ["camera=()", "microphone=()", "geolocation=()"])
    expect(pp, `${label}: ${feature}`).toContain(feature);
  expect(r.headers.get("x-powered-by"), `${label}: no X-Powered-By`).toBeNull();
  expect(r.headers.get("x-request-id"), `${label}: request id`).toMatch(/^[0-9a-f-]{36}$/);
}

function cookieAttrs(setCookie: string): { name: string; value: string; attrs: Set<string>; maxAge: number | null } {
  const [pair, ...rest] = setCookie.split(";");
  const i = pair!.indexOf("=");
  const attrs = new Set(rest.map((a) => a.trim().toLowerCase()));
  const ma = [...attrs].find((a) => a.startsWith("max-age="));
  return {
    name: pair!.slice(0, i).trim(),
    value: pair!.slice(i + 1).trim(),
    attrs,
    maxAge: ma ? Number(ma.split("=")[1]) : null,
  };
}

async function loggedIn(who: { email: string; password: string }): Promise<Browser> {
  const b = new Browser(server.url);
  const r = await b.login(who.email, who.password);
  expect(r.status, r.body).toBe(302);
  expect(b.cookies.get("archpanel_session")).toBeTruthy();
  return b;
}

describe("security headers", () => {
  test("every kind of response carries them (page, redirect, 404, JSON, data request, static asset, 403, 413)", async () => {
    const anon = new Browser(server.url);
    const page = await anon.get("/login");
    expect(page.status).toBe(200);
    const responses: [string, HttpResult][] = [["login page", page]];
    responses.push(["redirect to login", await anon.get("/loops")]);
    responses.push(["healthz JSON", await anon.get("/healthz")]);
    responses.push(["single-fetch data", await anon.get("/login.data")]);
    responses.push(["manifest", await anon.get("/__manifest?p=%2Flogin&version=x")]);
    const css = /href="(\/build\/[^"]+\.css)"/.exec(page.body)?.[1];
    expect(css, "the login page links a stylesheet").toBeTruthy();
    const asset = await anon.get(css!);
    expect(asset.status).toBe(200);
    responses.push(["static asset", asset]);
    responses.push(["missing asset", await anon.get("/build/nope.js")]);
    responses.push(["CSRF refusal", await anon.postForm("/login", { email: "x@y.z", password: "p" }, { csrf: null })]);
    responses.push([
      "cross-origin refusal",
      await anon.postForm("/login", {}, { headers: { Origin: "https://evil.example" } }),
    ]);
    responses.push([
      "413",
      await anon.request("/login", {
        method: "POST",
        body: "a".repeat(1_100_000),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ]);
    const member = await loggedIn(MEMBER);
    const missing = await member.get("/no/such/page");
    expect(missing.status).toBe(404);
    responses.push(["404 page", missing]);
    for (const [label, r] of responses) expectSecurityHeaders(r, label);
  });

  test("every <script> on a page carries the per-response CSP nonce (no inline script runs without it)", async () => {
    const anon = new Browser(server.url);
    const a = await anon.get("/login");
    const b = await anon.get("/login");
    const nonceOf = (r: HttpResult) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    const n1 = nonceOf(a);
    expect(n1).toBeTruthy();
    expect(nonceOf(b)).not.toBe(n1);
    const scripts = [...a.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${n1}"`);
    expect(a.body).not.toMatch(/\son[a-z]+="/i); // no inline event handlers
  });

  test("pages are never cached; fingerprinted assets are", async () => {
    const anon = new Browser(server.url);
    const page = await anon.get("/login");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect((await anon.get("/healthz")).headers.get("cache-control")).toBe("no-store");
    const member = await loggedIn(MEMBER);
    expect((await member.get("/interviews")).headers.get("cache-control") ?? "no-store").toContain("no-store");
    const css = /href="(\/build\/[^"]+\.css)"/.exec(page.body)?.[1];
    expect((await anon.get(css!)).headers.get("cache-control")).toContain("immutable");
  });
});

describe("CSRF", () => {
  test("a post without the token, or with a wrong one, is refused with 403 and changes nothing", async () => {
    const member = await loggedIn(MEMBER);
    const sessionBefore = member.cookies.get("archpanel_session");
    const noToken = await member.postForm("/logout", {}, { csrf: null });
    expect(noToken.status).toBe(403);
    const wrong = await member.postForm("/logout", {}, { csrf: "A".repeat(member.csrf.length) });
    expect(wrong.status).toBe(403);
    const otherLength = await member.postForm("/logout", {}, { csrf: "short" });
    expect(otherLength.status).toBe(403);
    const jsonNoHeader = await member.postJson("/logout", {}, { csrf: null });
    expect(jsonNoHeader.status).toBe(403);
    // still logged in: none of the refused posts ended the session
    expect(member.cookies.get("archpanel_session")).toBe(sessionBefore);
    const home = await member.get("/");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).not.toContain("/login");
  });

  test("the token from another visitor's cookie does not work either", async () => {
    const member = await loggedIn(MEMBER);
    const other = new Browser(server.url);
    await other.get("/login");
    expect(other.csrf).not.toBe(member.csrf);
    const r = await member.postForm("/logout", {}, { csrf: other.csrf });
    expect(r.status).toBe(403);
  });

  test("another origin is refused at the server even with a valid token", async () => {
    const member = await loggedIn(MEMBER);
    const variants: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: `http://127.0.0.1:${server.port + 1}` },
      { Origin: "null" },
      { Origin: "not a url" },
      { Origin: server.url, "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of variants) {
      const r = await member.postForm("/logout", {}, { headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).toContain("Cross-origin request refused");
    }
    // a person whose browser followed a form from elsewhere gets a page that explains and links home
    const page = await member.postForm(
      "/logout",
      {},
      { headers: { Origin: "https://evil.example", Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } },
    );
    expect(page.status).toBe(403);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.body).toContain("Cross-origin request refused");
    expect(page.body).toContain("nothing was saved or changed");
    expect(page.body).toContain('<a href="/">');
    expect(page.body).not.toMatch(/<script|style=/i);
    const json = await member.postJson("/logout", {}, { headers: { Origin: "https://evil.example" } });
    expect(json.status).toBe(403);
    expect(json.headers.get("content-type")).toMatch(/^text\/plain/);
    // same origin with the token works
    const ok = await member.postForm("/logout", {});
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/login");
  });
});

describe("cookies and sessions over HTTP", () => {
  test("session and CSRF cookies are HttpOnly, SameSite=Lax, Path=/ and (here, COOKIE_SECURE=false) not Secure", async () => {
    const b = new Browser(server.url);
    const first = await b.get("/login");
    const csrf = first.setCookies.map(cookieAttrs).find((c) => c.name === "archpanel_csrf");
    expect(csrf).toBeDefined();
    expect(csrf!.value.length).toBeGreaterThanOrEqual(32);
    for (const a of ["httponly", "samesite=lax", "path=/"]) expect(csrf!.attrs).toContain(a);
    const login = await b.login(MEMBER.email, MEMBER.password);
    const session = login.setCookies.map(cookieAttrs).find((c) => c.name === "archpanel_session");
    expect(session).toBeDefined();
    expect(session!.value.length).toBeGreaterThanOrEqual(40);
    for (const a of ["httponly", "samesite=lax", "path=/"]) expect(session!.attrs).toContain(a);
    expect(session!.attrs).not.toContain("secure");
    expect(session!.maxAge).toBeGreaterThan(0);
    expect(session!.maxAge).toBeLessThanOrEqual(7 * 24 * 3600);
  });

  test("logging in again rotates the session: the old cookie is dead at once", async () => {
    const b = await loggedIn(MEMBER);
    const first = b.cookies.get("archpanel_session")!;
    const again = await b.login(MEMBER.email, MEMBER.password);
    expect(again.status).toBe(302);
    const second = b.cookies.get("archpanel_session")!;
    expect(second).not.toBe(first);
    const withOld = await b.get("/", { Cookie: `archpanel_session=${first}; archpanel_csrf=${b.csrf}` });
    expect(withOld.status).toBe(302);
    expect(withOld.headers.get("location")).toMatch(/^\/login/);
    const withNew = await b.get("/");
    expect(withNew.headers.get("location")).not.toMatch(/^\/login/);
  });

  test("a session id planted before login (fixation) is never adopted", async () => {
    const b = new Browser(server.url);
    await b.get("/login");
    b.cookies.set("archpanel_session", "attacker-chosen-value-0123456789abcdefghijklmnop");
    await b.login(MEMBER.email, MEMBER.password);
    expect(b.cookies.get("archpanel_session")).not.toBe("attacker-chosen-value-0123456789abcdefghijklmnop");
  });

  test("logout revokes the session server-side (a copied cookie stops working)", async () => {
    const b = await loggedIn(ADMIN);
    const token = b.cookies.get("archpanel_session")!;
    const out = await b.postForm("/logout", {});
    expect(out.status).toBe(302);
    const cleared = out.setCookies.map(cookieAttrs).find((c) => c.name === "archpanel_session");
    expect(cleared?.maxAge).toBe(0);
    const replay = await b.get("/dashboard", { Cookie: `archpanel_session=${token}; archpanel_csrf=${b.csrf}` });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fdashboard/);
  });

  test("after login, redirectTo never leaves the site", async () => {
    for (const evil of [
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "https://evil.example",
      "/%0d%0aSet-Cookie:x=y",
      "/é/ü",
    ]) {
      const b = new Browser(server.url);
      await b.get("/login");
      const r = await b.postForm("/login", { email: MEMBER.email, password: MEMBER.password, redirectTo: evil });
      expect(r.status, evil).toBe(302);
      const loc = r.headers.get("location") ?? "";
      expect(loc.startsWith("/"), `${evil} -> ${loc}`).toBe(true);
      expect(loc.startsWith("//"), `${evil} -> ${loc}`).toBe(false);
      // eslint-disable-next-line no-control-regex
      expect(loc, `${evil} -> ${loc}`).not.toMatch(/[\u0000-\u001f\\]/);
      expect(new URL(loc, server.url).origin).toBe(server.url);
    }
  });
});

describe("request body limit", () => {
  test("a body over the limit gets 413 (declared length) and the server keeps serving", async () => {
    const b = new Browser(server.url);
    await b.get("/login");
    const big = `csrf=${b.csrf}&email=${"a".repeat(1_100_000)}`;
    const r = await b.request("/login", {
      method: "POST",
      body: big,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(r.status).toBe(413);
    const json = await b.request("/logout", {
      method: "POST",
      body: JSON.stringify({ x: "y".repeat(1_100_000) }),
      headers: { "Content-Type": "application/json", "x-csrf-token": b.csrf },
    });
    expect(json.status).toBe(413);
    expect((await b.get("/healthz")).status).toBe(200);
  });

  test("a streamed (chunked) body over the limit is cut off with 413 and leaves no error behind", async () => {
    const b = new Browser(server.url);
    await b.get("/login");
    const stderrBefore = server.stderr.length;
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 3_000_000) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    let status = 0;
    try {
      const res = await fetch(`${server.url}/login`, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookieHeader() },
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      // the server may reset the upload after answering; the answer is what matters
      status = 413;
    }
    expect(status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect((await b.get("/healthz")).status).toBe(200);
    expect(server.stderr.slice(stderrBefore).join("\n")).not.toMatch(/\n\s+at |TypeError|ERR_HTTP_HEADERS_SENT/);
  });
});

describe("production error pages", () => {
  test("a server fault shows a generic page: no stack trace, no SQL, no file paths", async () => {
    const member = await loggedIn(MEMBER);
    // Break the database under the running server (the sessions table disappears).
    const raw = new Database(server.dbPath);
    raw.pragma("busy_timeout = 5000");
    raw.exec("ALTER TABLE sessions RENAME TO sessions_gone");
    try {
      for (const p of ["/interviews", "/login", "/interviews.data", "/no/such/page"]) {
        const r = await member.get(p);
        expect(r.status, p).toBeGreaterThanOrEqual(500);
        expect(r.body, p).not.toMatch(
          /SQLITE|SqliteError|no such table|sessions_gone|\bselect\b[^<]*\bfrom\b|\n\s+at |\/work\/|node_modules|\.tsx?:\d+/i,
        );
        expectSecurityHeaders(r, p);
      }
      const page = await member.get("/interviews");
      expect(page.body).toContain("Something went wrong");
    } finally {
      raw.exec("ALTER TABLE sessions_gone RENAME TO sessions");
      raw.close();
    }
    // and the server recovers once the database is whole again
    expect((await member.get("/healthz")).status).toBe(200);
  });
});

describe("Secure cookies in production follow the scheme the request came over (COOKIE_SECURE unset)", () => {
  function cookieOf(r: HttpResult, name: string) {
    return r.setCookies.map(cookieAttrs).find((c) => c.name === name);
  }

  test("over https (X-Forwarded-Proto from a trusted proxy): Secure cookies and HSTS", async () => {
    const dbPath = tempDbPath("sec-secure");
    await prepareDatabase(dbPath, [MEMBER]);
    const secure = await startServer({ dbPath, env: { COOKIE_SECURE: "", TRUST_PROXY: "loopback" } });
    try {
      const b = new Browser(secure.url);
      const https = { "X-Forwarded-Proto": "https" };
      const first = await b.get("/login", https);
      expect(first.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
      expect(cookieOf(first, "archpanel_csrf")?.attrs).toContain("secure");
      const login = await b.postForm("/login", { email: MEMBER.email, password: MEMBER.password }, { headers: https });
      expect(login.status).toBe(302);
      for (const a of ["secure", "httponly", "samesite=lax"])
        expect(cookieOf(login, "archpanel_session")?.attrs).toContain(a);

      // plain http to the same server (the demo opened through a LAN address): not Secure, and login sticks
      const plain = new Browser(secure.url);
      const page = await plain.get("/login");
      expect(page.headers.get("strict-transport-security")).toBeNull();
      expect(cookieOf(page, "archpanel_csrf")?.attrs).not.toContain("secure");
      const plainLogin = await plain.login(MEMBER.email, MEMBER.password);
      expect(plainLogin.status).toBe(302);
      expect(cookieOf(plainLogin, "archpanel_session")?.attrs).not.toContain("secure");
      expect((await plain.get("/interviews")).status).toBe(200);
    } finally {
      await secure.stop();
    }
  }, 60_000);

  test("X-Forwarded-Proto from a client that is not a trusted proxy does not count; COOKIE_SECURE=true always sets Secure", async () => {
    const dbPath = tempDbPath("sec-secure-2");
    await prepareDatabase(dbPath, [MEMBER]);
    const untrusted = await startServer({ dbPath, env: { COOKIE_SECURE: "" } });
    try {
      const r = await new Browser(untrusted.url).get("/login", { "X-Forwarded-Proto": "https" });
      expect(cookieOf(r, "archpanel_csrf")?.attrs).not.toContain("secure");
      expect(r.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await untrusted.stop();
    }
    const always = await startServer({ dbPath, env: { COOKIE_SECURE: "true" } });
    try {
      const b = new Browser(always.url);
      const first = await b.get("/login");
      expect(cookieOf(first, "archpanel_csrf")?.attrs).toContain("secure");
      expect(first.headers.get("strict-transport-security")).toMatch(/max-age=/);
      const login = await b.login(MEMBER.email, MEMBER.password);
      expect(cookieOf(login, "archpanel_session")?.attrs).toContain("secure");
    } finally {
      await always.stop();
    }
  }, 60_000);

  test("a COOKIE_SECURE that is not true, false or auto stops the start with one line", async () => {
    const error = await startServer({ dbPath: tempDbPath("sec-secure-3"), env: { COOKIE_SECURE: "yes" } }).then(
      async (s) => {
        await s.kill();
        return "";
      },
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toContain('COOKIE_SECURE must be true, false or auto (got "yes")');
  }, 60_000);
});
