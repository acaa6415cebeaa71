// Login throttling against the REAL built server (scripts/server.ts + build/): the guesser is
// slowed, the owner is never locked out. Client addresses come from X-Forwarded-For only as far
// as TRUST_PROXY says (Express's `trust proxy`): a hop count, a list of proxy addresses, or none.
// Waiting is simulated by moving the stored wait into the past (state, not time).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { THROTTLE, throttledMessage } from "../../app/domain/people/login-throttle";

import type { HttpResult, ServerHandle } from "./server-process";
import { Browser, prepareDatabase, startServer, tempDbPath } from "./server-process";

const PASSWORD = "correct horse battery staple";
const person = (key: string, role: "admin" | "recruiter" | "member" = "member") => ({
  email: `${key}@throttle.test`,
  name: `Person ${key}`,
  role,
  password: PASSWORD,
});
const ADMIN = person("admin", "admin");
const RECRUITER = person("recruiter", "recruiter");
const OWNER = person("owner");
const DELAYED = person("delayed");
const SPRAYED = person("sprayed");
const COLLEAGUE = person("colleague");
const BESIEGED = person("besieged");
const CLEARED = person("cleared");
const LISTED = person("listed");
const DIRECT = person("direct");

let proxied: ServerHandle;
let ids: Record<string, string> = {};

beforeAll(async () => {
  const dbPath = tempDbPath("throttle");
  ids = await prepareDatabase(dbPath, [ADMIN, RECRUITER, OWNER, DELAYED, SPRAYED, COLLEAGUE, BESIEGED, CLEARED]);
  // one reverse proxy in front of the server: the test client plays it and writes X-Forwarded-For
  proxied = await startServer({ dbPath, env: { TRUST_PROXY: "1" } });
}, 120_000);

afterAll(async () => {
  await proxied?.stop();
});

async function loginFrom(
  server: ServerHandle,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<HttpResult & { browser: Browser }> {
  const browser = new Browser(server.url);
  await browser.get("/login");
  const r = await browser.postForm(
    "/login",
    { email, password },
    { headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} },
  );
  return { ...r, browser };
}

function retryAfter(r: HttpResult): number {
  return Number(r.headers.get("retry-after"));
}

/** A 429 whose Retry-After lies in the current step of the delay (it counts down while hashes run). */
function expectThrottled(r: HttpResult, stepMs: number): void {
  expect(r.status, r.body.slice(0, 200)).toBe(429);
  expect(retryAfter(r)).toBeGreaterThan(stepMs / 2000);
  expect(retryAfter(r)).toBeLessThanOrEqual(stepMs / 1000);
  // the page says what happened and how long to wait
  expect(r.body).toContain(throttledMessage(retryAfter(r) * 1000).split(",")[0]);
}

/** Lets a stored wait run out: what the guesser would get by waiting, without the test waiting. */
function endWaits(server: ServerHandle, where: { account?: string; address?: string }): void {
  const db = new Database(server.dbPath);
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare(
      "update login_throttles set blocked_until = 0 where (? is null or account = ?) and (? is null or address = ?)",
    ).run(where.account ?? null, where.account ?? null, where.address ?? null, where.address ?? null);
  } finally {
    db.close();
  }
}

function auditActions(server: ServerHandle, entityId: string): string[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    db.pragma("busy_timeout = 5000");
    return (
      db.prepare("select action from audit_log where entity_id = ? order by id").all(entityId) as { action: string }[]
    ).map((r) => r.action);
  } finally {
    db.close();
  }
}

describe("an attacker's address against the owner's address (TRUST_PROXY=1)", () => {
  test("wrong passwords slow the guessing address down; the owner from their own address gets in", async () => {
    const attacker = "198.51.100.66";
    for (let i = 0; i <= THROTTLE.pairFree; i++) {
      const r = await loginFrom(proxied, OWNER.email, `guess-${i}`, attacker);
      expect(r.status).toBe(401);
    }
    // the next try waits, even with the right password: a 429 with Retry-After and a clear message
    expectThrottled(await loginFrom(proxied, OWNER.email, PASSWORD, attacker), THROTTLE.firstDelayMs);
    // the owner, from another address, is not affected at all
    const owner = await loginFrom(proxied, OWNER.email, PASSWORD, "198.51.100.7");
    expect(owner.status).toBe(302);
    expect(owner.browser.cookies.get("archpanel_session")).toBeTruthy();
  }, 60_000);

  test("each further failure doubles the wait; a refused try does not extend it", async () => {
    const attacker = "198.51.100.67";
    for (let i = 0; i <= THROTTLE.pairFree; i++) await loginFrom(proxied, DELAYED.email, `guess-${i}`, attacker);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const step = THROTTLE.firstDelayMs * 2 ** round;
      const first = await loginFrom(proxied, DELAYED.email, "still guessing", attacker);
      expectThrottled(first, step);
      // retrying while refused leaves the wait as it was
      const second = await loginFrom(proxied, DELAYED.email, "guessing again", attacker);
      expectThrottled(second, step);
      expect(retryAfter(second)).toBeLessThanOrEqual(retryAfter(first));
      waits.push(retryAfter(first));
      endWaits(proxied, { account: DELAYED.email, address: attacker });
      expect((await loginFrom(proxied, DELAYED.email, "one more guess", attacker)).status).toBe(401);
    }
    // 30 s, 1 min, 2 min (each read a moment after it was set)
    expect(waits.map((w) => Math.ceil(w / 30))).toEqual([1, 2, 4]);
    // the owner was never locked out
    expect((await loginFrom(proxied, DELAYED.email, PASSWORD, "198.51.100.8")).status).toBe(302);
  }, 60_000);
});

describe("addresses behind a trusted proxy", () => {
  test("colleagues behind the same proxy are told apart by the address the proxy forwards", async () => {
    const sprayer = "192.0.2.66";
    for (let i = 0; i <= THROTTLE.addressFree; i++)
      expect((await loginFrom(proxied, `spray-${i}@throttle.test`, "Winter2024!", sprayer)).status).toBe(401);
    // the spraying address now waits for every account...
    const refused = await loginFrom(proxied, SPRAYED.email, PASSWORD, sprayer);
    expect(refused.status).toBe(429);
    // ...while a colleague behind the same proxy logs in
    expect((await loginFrom(proxied, COLLEAGUE.email, PASSWORD, "192.0.2.7")).status).toBe(302);
    // and the refused tries did not count against the sprayed account: its owner gets in from anywhere
    expect((await loginFrom(proxied, SPRAYED.email, PASSWORD, "192.0.2.8")).status).toBe(302);
  }, 90_000);

  test("a client cannot escape its address by writing its own X-Forwarded-For: the proxy's entry counts", async () => {
    const real = "192.0.2.99";
    for (let i = 0; i <= THROTTLE.pairFree; i++) {
      // the client prepends a fresh address each time; its proxy appends the real one
      const r = await loginFrom(proxied, COLLEAGUE.email, `guess-${i}`, `10.99.0.${i + 1}, ${real}`);
      expect(r.status).toBe(401);
    }
    const spoofed = await loginFrom(proxied, COLLEAGUE.email, PASSWORD, `10.99.1.1, ${real}`);
    expect(spoofed.status).toBe(429);
  }, 60_000);

  test("under attack from many addresses, the owner still gets in from a clean address; each new guessing address gets one try", async () => {
    // as many failures as the account alarm, spread over addresses so no single pair waits
    const addresses = Math.ceil(THROTTLE.accountAlarm / THROTTLE.pairFree);
    for (let a = 0; a < addresses; a++) {
      const results = await Promise.all(
        Array.from({ length: THROTTLE.pairFree }, (_, i) =>
          loginFrom(proxied, BESIEGED.email, `guess-${a}-${i}`, `203.0.113.${a + 1}`),
        ),
      );
      for (const r of results) expect(r.status).toBe(401);
    }
    // a fresh guessing address: one try, then it waits
    expect((await loginFrom(proxied, BESIEGED.email, "fresh guess", "203.0.113.200")).status).toBe(401);
    expect((await loginFrom(proxied, BESIEGED.email, "second guess", "203.0.113.200")).status).toBe(429);
    // the owner from a clean address, first try
    expect((await loginFrom(proxied, BESIEGED.email, PASSWORD, "203.0.113.201")).status).toBe(302);
  }, 120_000);
});

describe("an admin clears a login wait", () => {
  test("the owner behind the guesser's address is waiting; an admin clears it from the People page and they get in", async () => {
    const shared = "198.51.100.120";
    for (let i = 0; i <= THROTTLE.pairFree; i++) await loginFrom(proxied, CLEARED.email, `guess-${i}`, shared);
    expect((await loginFrom(proxied, CLEARED.email, PASSWORD, shared)).status).toBe(429);

    const admin = (await loginFrom(proxied, ADMIN.email, PASSWORD, "198.51.100.1")).browser;
    const page = await admin.get("/people");
    expect(page.status).toBe(200);
    const row = page.body.slice(page.body.indexOf(`data-email="${CLEARED.email}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain("Clear login wait");

    // refused without the CSRF token, and for a recruiter: the wait stays
    const noToken = await admin.postForm(
      "/people?index",
      { intent: "clear-throttle", userId: ids[CLEARED.email]! },
      { csrf: null },
    );
    expect(noToken.status).toBe(403);
    const recruiter = (await loginFrom(proxied, RECRUITER.email, PASSWORD, "198.51.100.2")).browser;
    const notAllowed = await recruiter.postForm("/people?index", {
      intent: "clear-throttle",
      userId: ids[CLEARED.email]!,
    });
    expect(notAllowed.status).toBe(403);
    expect((await loginFrom(proxied, CLEARED.email, PASSWORD, shared)).status).toBe(429);
    expect(auditActions(proxied, ids[CLEARED.email]!)).not.toContain("user.login_throttle_clear");

    const cleared = await admin.postForm("/people?index", { intent: "clear-throttle", userId: ids[CLEARED.email]! });
    expect(cleared.status).toBe(302);
    expect(cleared.headers.get("location")).toBe("/people?notice=clear-throttle");
    expect(auditActions(proxied, ids[CLEARED.email]!)).toContain("user.login_throttle_clear");
    expect((await loginFrom(proxied, CLEARED.email, PASSWORD, shared)).status).toBe(302);
  }, 90_000);
});

describe("TRUST_PROXY settings", () => {
  test("not set: X-Forwarded-For is ignored, so a spoofed header does not give a fresh address", async () => {
    const dbPath = tempDbPath("throttle-direct");
    await prepareDatabase(dbPath, [DIRECT]);
    const direct = await startServer({ dbPath });
    try {
      for (let i = 0; i <= THROTTLE.pairFree; i++) {
        const r = await loginFrom(direct, DIRECT.email, `guess-${i}`, `10.77.0.${i + 1}`);
        expect(r.status).toBe(401);
      }
      // every try came from the same socket address, whatever the header said
      expect((await loginFrom(direct, DIRECT.email, PASSWORD, "10.77.1.1")).status).toBe(429);
    } finally {
      await direct.stop();
    }
  }, 90_000);

  test("a list of proxy addresses: the right-most address that is not a trusted proxy counts", async () => {
    const dbPath = tempDbPath("throttle-listed");
    await prepareDatabase(dbPath, [LISTED]);
    const listed = await startServer({ dbPath, env: { TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" } });
    try {
      // client -> proxy 10.1.1.1 -> proxy 127.0.0.1 -> server; the client's own entries come first
      for (let i = 0; i <= THROTTLE.pairFree; i++) {
        const r = await loginFrom(listed, LISTED.email, `guess-${i}`, `192.0.2.${i + 1}, 198.51.100.50, 10.1.1.1`);
        expect(r.status).toBe(401);
      }
      expect((await loginFrom(listed, LISTED.email, PASSWORD, "192.0.2.200, 198.51.100.50, 10.1.1.1")).status).toBe(
        429,
      );
      expect((await loginFrom(listed, LISTED.email, PASSWORD, "198.51.100.51, 10.1.1.1")).status).toBe(302);
    } finally {
      await listed.stop();
    }
  }, 90_000);

  test("TRUST_PROXY=true and malformed values stop the server at start-up with the reason", async () => {
    for (const value of ["true", "10.0.0.300"]) {
      const dbPath = tempDbPath("throttle-bad");
      await prepareDatabase(dbPath, []);
      const failure = await startServer({ dbPath, env: { TRUST_PROXY: value } }).then(
        async (s) => {
          await s.stop();
          return "started";
        },
        (error: unknown) => String(error),
      );
      expect(failure, value).toMatch(/TRUST_PROXY/);
    }
  }, 90_000);
});
