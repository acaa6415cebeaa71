// Sessions, login and input hygiene, in process (route modules called directly): idle and
// absolute expiry, logout and deactivation revoke at once, rotation at login, login throttling
// per account + address and per address with one generic error, password hashing parameters,
// safe redirects, prototype-pollution-proof form parsing.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";

import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { env } from "../../app/server/env.server";
import { formDataToObject, readBody } from "../../app/server/form.server";
import { THROTTLE, throttledMessage } from "../../app/domain/people/login-throttle";
import { GENERIC_LOGIN_ERROR } from "../../app/server/login.server";
import { hashPassword, verifyPassword } from "../../app/server/password.server";
import { getSessionContext, requireUser, safeRedirect, SESSION_COOKIE } from "../../app/server/session.server";
import { sha256 } from "../../db/ids.server";
import { getDb } from "../../db/client.server";
import { accountThrottles } from "../../db/queries/people/login-throttle.server";
import { sessions, users } from "../../db/schema";

import type { TestUser } from "./harness";
import { BASE, call, createTestUser, CSRF, freshDatabase, get, postForm } from "./harness";

const PASSWORD = "a long enough password";
type RouteFn = Parameters<typeof call>[0];
const asFn = (fn: unknown) => fn as RouteFn;
let passwordHash = "";

beforeAll(async () => {
  freshDatabase();
  passwordHash = await hashPassword(PASSWORD);
});

function tokenOf(user: TestUser): string {
  return /archpanel_session=([^;]+)/.exec(user.cookie)![1]!;
}

function sessionRow(user: TestUser) {
  return getDb()
    .select()
    .from(sessions)
    .where(eq(sessions.id, sha256(tokenOf(user))))
    .get();
}

function isLoggedOut(request: Request): boolean {
  try {
    requireUser(request);
    return false;
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 302)
      return (thrown.headers.get("Location") ?? "").startsWith("/login");
    if (thrown instanceof Response && thrown.status === 401) return true;
    throw thrown;
  }
}

async function login(email: string, password: string, ip = "127.0.0.1", cookie = `archpanel_csrf=${CSRF}`) {
  const body = new URLSearchParams({ csrf: CSRF, email, password });
  const request = new Request(`${BASE}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: body.toString(),
  });
  return call((args) => loginAction({ ...args, context: { clientIp: ip, requestId: "t", cspNonce: "" } }), request);
}

describe("session expiry and revocation", () => {
  test("a fresh session works; idle past the limit it is dead and deleted", () => {
    const u = createTestUser("member");
    expect(isLoggedOut(get("/interviews", u))).toBe(false);
    const now = Date.now();
    getDb()
      .update(sessions)
      .set({ lastSeenAt: now - env().sessionIdleMs + 60_000 })
      .where(eq(sessions.id, sha256(tokenOf(u))))
      .run();
    expect(isLoggedOut(get("/interviews", u)), "just inside the idle limit").toBe(false);
    getDb()
      .update(sessions)
      .set({ lastSeenAt: now - env().sessionIdleMs - 1_000 })
      .where(eq(sessions.id, sha256(tokenOf(u))))
      .run();
    expect(isLoggedOut(get("/interviews", u)), "past the idle limit").toBe(true);
    expect(sessionRow(u)).toBeUndefined();
  });

  test("activity keeps a session alive, but never past its absolute expiry", () => {
    const u = createTestUser("member");
    const now = Date.now();
    // active a minute ago, but the absolute lifetime has run out
    getDb()
      .update(sessions)
      .set({ lastSeenAt: now - 60_000, expiresAt: now - 1 })
      .where(eq(sessions.id, sha256(tokenOf(u))))
      .run();
    expect(isLoggedOut(get("/interviews", u))).toBe(true);
    expect(sessionRow(u)).toBeUndefined();
  });

  test("use refreshes lastSeenAt (at most once a minute)", () => {
    const u = createTestUser("member");
    const old = Date.now() - 5 * 60_000;
    getDb()
      .update(sessions)
      .set({ lastSeenAt: old })
      .where(eq(sessions.id, sha256(tokenOf(u))))
      .run();
    expect(getSessionContext(get("/", u))).not.toBeNull();
    expect(sessionRow(u)!.lastSeenAt).toBeGreaterThan(old);
  });

  test("deactivating a user revokes every session of theirs at once", () => {
    const u = createTestUser("recruiter");
    expect(isLoggedOut(get("/dashboard", u))).toBe(false);
    getDb().update(users).set({ active: false, deactivatedAt: Date.now() }).where(eq(users.id, u.id)).run();
    expect(isLoggedOut(get("/dashboard", u))).toBe(true);
    expect(sessionRow(u)).toBeUndefined();
  });

  test("logout deletes the session row and clears the cookie", async () => {
    const u = createTestUser("member");
    const r = await call(asFn(logoutAction), postForm("/logout", u, {}));
    expect(r.status).toBe(302);
    expect(r.response?.headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect(sessionRow(u)).toBeUndefined();
    expect(isLoggedOut(get("/", u))).toBe(true);
  });

  test("logout without the CSRF token is refused and keeps the session", async () => {
    const u = createTestUser("member");
    const r = await call(asFn(logoutAction), postForm("/logout", u, {}, { csrf: null }));
    expect(r.status).toBe(403);
    expect(sessionRow(u)).toBeDefined();
  });

  test("oversized or malformed session cookies are simply 'not logged in'", () => {
    for (const token of ["x".repeat(5000), "%E0%A4%A", "", "\u0000"]) {
      const req = new Request(`${BASE}/`, { headers: { Cookie: `archpanel_session=${encodeURIComponent(token)}` } });
      expect(getSessionContext(req)).toBeNull();
    }
  });
});

/** A 429 with Retry-After within the current step of the delay (it counts down while hashes run), and the message. */
function expectWaiting(r: Awaited<ReturnType<typeof login>>, stepMs: number, email: string): void {
  expect(r.status).toBe(429);
  const seconds = Number(r.headers.get("Retry-After"));
  expect(seconds).toBeGreaterThan(stepMs / 2000);
  expect(seconds).toBeLessThanOrEqual(stepMs / 1000);
  expect(r.data).toEqual({ errors: { _form: [throttledMessage(seconds * 1000)] }, email });
}

describe("login", () => {
  test("login rotates the session: the cookie the browser came with is revoked", async () => {
    const u = createTestUser("member", "Rota Tion", { passwordHash });
    const r = await login(u.email, PASSWORD, "10.1.0.1", u.cookie);
    expect(r.status).toBe(302);
    const setCookie = r.response!.headers.get("Set-Cookie")!;
    const fresh = /archpanel_session=([^;]+)/.exec(setCookie)![1]!;
    expect(fresh).not.toBe(tokenOf(u));
    expect(sessionRow(u)).toBeUndefined();
    const row = getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(fresh)))
      .get();
    expect(row?.userId).toBe(u.id);
    // the database stores only a hash of the cookie
    expect(row?.id).not.toBe(fresh);
  });

  test("unknown account, wrong password and deactivated account all get the same generic answer", async () => {
    const active = createTestUser("member", "Active", { passwordHash });
    const inactive = createTestUser("member", "Inactive", { passwordHash, active: false });
    const answers = [
      await login("nobody-here@example.test", PASSWORD, "10.2.0.1"),
      await login(active.email, "wrong password!", "10.2.0.2"),
      await login(inactive.email, PASSWORD, "10.2.0.3"),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.data).toEqual({ errors: { _form: [GENERIC_LOGIN_ERROR] }, email: expect.any(String) as unknown });
    }
  });

  test(`${THROTTLE.pairFree} wrong passwords slow down that address for that account only: the owner gets in from another address`, async () => {
    const u = createTestUser("member", "Guessed At", { passwordHash });
    for (let i = 0; i <= THROTTLE.pairFree; i++) {
      const r = await login(u.email, `wrong-${i}-password`, "10.3.0.66");
      expect(r.status).toBe(401);
    }
    // the guesser now waits, with a clear answer and no hint whether the account exists
    const waiting = await login(u.email, PASSWORD, "10.3.0.66");
    expectWaiting(waiting, THROTTLE.firstDelayMs, u.email);
    const unknown = "nobody-at-all@example.test";
    for (let i = 0; i <= THROTTLE.pairFree; i++) await login(unknown, `wrong-${i}-password`, "10.3.0.66");
    const unknownWaiting = await login(unknown, PASSWORD, "10.3.0.66");
    // an email without an account is throttled the same way
    expectWaiting(unknownWaiting, THROTTLE.firstDelayMs, unknown);
    // the owner, from their own address, with the right password
    expect((await login(u.email.toUpperCase(), PASSWORD, "10.3.1.1")).status).toBe(302);
    // another account from the guesser's address is not slowed
    const other = createTestUser("member", "Unaffected", { passwordHash });
    expect((await login(other.email, PASSWORD, "10.3.0.66")).status).toBe(302);
  }, 60_000);

  test(`after ${THROTTLE.addressFree} failures one address waits for every account; refused tries count against no account`, async () => {
    const victim = createTestUser("member", "Sprayed", { passwordHash });
    for (let i = 0; i <= THROTTLE.addressFree; i++) {
      // password spraying: a different account each time, so no per-account limit triggers
      await login(`spray-${i}@example.test`, "Winter2024!", "10.4.0.66");
    }
    for (let i = 0; i < 10; i++) {
      const blocked = await login(victim.email, `guess-${i}`, "10.4.0.66");
      expect(blocked.status).toBe(429);
    }
    // ten refused guesses later the victim's account has no failure on record
    expect(accountThrottles(getDb()).get(victim.id)).toBeUndefined();
    expect((await login(victim.email, PASSWORD, "10.4.0.67")).status).toBe(302);
  }, 60_000);

  test("parallel guesses cannot all slip in while the hashes run: only the free tries are checked", async () => {
    const u = createTestUser("member", "Raced", { passwordHash });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(u.email, `parallel-guess-${i}`, "10.5.0.66")),
    );
    const statuses = answers.map((a) => a.status).sort();
    // five free failures plus the one that starts the wait; every other guess waits unchecked
    expect(statuses).toEqual([
      ...Array<number>(THROTTLE.pairFree + 1).fill(401),
      ...Array<number>(12 - THROTTLE.pairFree - 1).fill(429),
    ]);
  }, 60_000);

  test("colleagues logging in one after another from one address never slow each other down", async () => {
    const colleagues = Array.from({ length: THROTTLE.addressFree + 5 }, (_, i) =>
      createTestUser("member", `Colleague ${i}`, { passwordHash }),
    );
    for (const c of colleagues) expect((await login(c.email, PASSWORD, "10.6.0.1")).status).toBe(302);
    const row = getDb()
      .$client.prepare("select failures from login_throttles where scope = 'address' and address = ?")
      .get("10.6.0.1");
    expect(row).toBeUndefined();
  }, 120_000);

  test("the login form rejects nonsense without a 500 and keeps the typed email", async () => {
    const r = await call(asFn(loginAction), postForm("/login", null, { email: ["a@b.c", "d@e.f"], password: "" }));
    expect(r.status).toBe(400);
    const long = await call(
      asFn(loginAction),
      postForm("/login", null, { email: `${"x".repeat(400)}@example.test`, password: "p" }),
    );
    expect(long.status).toBe(400);
  });
});

describe("passwords", () => {
  test("stored as scrypt with documented parameters (N=2^15, r=8, p=1, 16-byte salt, 32-byte key)", async () => {
    const h = await hashPassword("hunter2 hunter2");
    const [scheme, n, r, p, salt, key] = h.split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(n)).toBe(32768);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(32);
    expect(h).not.toContain("hunter2");
    expect(await hashPassword("hunter2 hunter2")).not.toBe(h); // salted
    expect(await verifyPassword("hunter2 hunter2", h)).toBe(true);
    expect(await verifyPassword("hunter2 hunter3", h)).toBe(false);
    expect(await verifyPassword("hunter2 hunter2", null)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });

  test("Unicode passwords are normalised (NFKC): the same password typed on another keyboard works", async () => {
    const h = await hashPassword("Ångström-pass");
    expect(await verifyPassword("A\u030Angstro\u0308m-pass", h)).toBe(true);
  });
});

describe("safe redirects", () => {
  test.each([
    ["/loops", "/loops"],
    ["/loops?tab=a#x", "/loops?tab=a#x"],
    ["/é", "/%C3%A9"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    ["loops", "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("%j -> %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  test("never null, never external for odd values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
    expect(safeRedirect("/".padEnd(5000, "a"))).toBe("/");
  });
});

describe("form parsing", () => {
  test("prototype-polluting and absurd keys are dropped; nothing leaks onto Object.prototype", () => {
    const fd = new FormData();
    fd.append("__proto__.polluted", "yes");
    fd.append("constructor.prototype.polluted", "yes");
    fd.append("a.__proto__.polluted", "yes");
    fd.append("ratings.x.score", "3");
    fd.append("ratings.x.score", "4");
    fd.append(Array.from({ length: 50 }, () => "d").join("."), "deep");
    fd.append("k".repeat(1000), "long");
    const out = formDataToObject(fd);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["ratings"]);
    expect(out).toEqual({ ratings: { x: { score: ["3", "4"] } } });
  });

  test("JSON bodies lose __proto__/constructor keys before any schema sees them", async () => {
    const request = new Request(`${BASE}/x`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: `archpanel_csrf=${CSRF}`, "x-csrf-token": CSRF },
      body: '{"a":1,"__proto__":{"polluted":true},"b":{"constructor":{"prototype":{"polluted":true}},"c":2}}',
    });
    const { data } = await readBody(request);
    expect(data).toEqual({ a: 1, b: { c: 2 } });
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("malformed JSON is a 400, and CSRF is still checked first on it", async () => {
    const mk = (csrf: string | null) =>
      new Request(`${BASE}/x`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Cookie: `archpanel_csrf=${CSRF}`,
          ...(csrf ? { "x-csrf-token": csrf } : {}),
        },
        body: '{"a":',
      });
    await expect(readBody(mk(CSRF))).rejects.toMatchObject({ status: 400 });
    await expect(readBody(mk(null))).rejects.toMatchObject({ status: 403 });
    const deep = new Request(`${BASE}/x`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: `archpanel_csrf=${CSRF}`, "x-csrf-token": CSRF },
      body: "[".repeat(200_000),
    });
    await expect(readBody(deep)).rejects.toMatchObject({ status: 400 });
  });

  test("a body over the limit is 413 even without a Content-Length header", async () => {
    const request = new Request(`${BASE}/x`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `archpanel_csrf=${CSRF}` },
      body: `csrf=${CSRF}&x=${"a".repeat(env().maxBodyBytes)}`,
    });
    await expect(readBody(request)).rejects.toMatchObject({ status: 413 });
  });
});
