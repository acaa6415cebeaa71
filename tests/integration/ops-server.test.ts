// Operations, against the real built server: structured request logs (no PII, no query strings),
// /healthz (database reachable, migrations current), graceful shutdown on SIGTERM (an in-flight
// save finishes and is stored; new connections are refused; exit code 0).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { ServerHandle } from "./server-process";
import { Browser, logLines, prepareDatabase, ROOT, startServer, tempDbPath } from "./server-process";

const PASSWORD = "ops-test-password-123";
const MEMBER = {
  email: "olivia.ops@example.test",
  name: "Olivia Opsworth",
  role: "member" as const,
  password: PASSWORD,
};

let server: ServerHandle;

beforeAll(async () => {
  const dbPath = tempDbPath("ops");
  await prepareDatabase(dbPath, [MEMBER]);
  server = await startServer({ dbPath });
}, 120_000);

afterAll(async () => {
  await server?.kill();
});

async function settle(): Promise<void> {
  // log lines are written on the response's "close"; give the pipe a moment
  await new Promise((r) => setTimeout(r, 150));
}

describe("request logs", () => {
  test("one JSON line per request: time, request id, method, route, status, duration", async () => {
    const b = new Browser(server.url);
    const r = await b.get("/login");
    await settle();
    const id = r.headers.get("x-request-id");
    const line = logLines(server).find((l) => l.requestId === id);
    expect(line).toBeDefined();
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/login", status: 200 });
    expect(typeof line!.ms).toBe("number");
    expect(new Date(String(line!.t)).toISOString()).toBe(line!.t);
  });

  test("no query strings, identifiers, emails, passwords or names in the logs", async () => {
    const b = new Browser(server.url);
    const secretQuery = "candidate=Ingrid%20S%C3%B8rensen&email=ingrid%40example.com";
    const opaqueId = crypto.randomBytes(16).toString("base64url");
    const r1 = await b.get(`/login?${secretQuery}`);
    const r2 = await b.get(`/loops/${opaqueId}/packet.pdf`);
    const r3 = await b.login(MEMBER.email, MEMBER.password);
    expect(r3.status).toBe(302);
    const anon = new Browser(server.url);
    await anon.get("/login");
    const r4 = await anon.postForm("/login", { email: MEMBER.email, password: "a wrong guess" });
    await settle();
    const all = server.stdout.join("\n");
    for (const secret of [
      "Ingrid",
      "ingrid",
      "S%C3%B8rensen",
      opaqueId,
      MEMBER.email,
      MEMBER.name,
      PASSWORD,
      "a wrong guess",
      "candidate=",
    ]) {
      expect(all, secret).not.toContain(secret);
    }
    const byId = (r: { headers: Headers }) =>
      logLines(server).find((l) => l.requestId === r.headers.get("x-request-id"));
    expect(byId(r1)).toMatchObject({ route: "/login", status: 200 });
    expect(byId(r2)).toMatchObject({ route: "/loops/:id/packet.pdf", status: 401 });
    expect(byId(r3)).toMatchObject({ method: "POST", route: "/login", status: 302 });
    expect(byId(r4)).toMatchObject({ method: "POST", route: "/login", status: 401 });
  });

  test("request ids are unique per request", async () => {
    const b = new Browser(server.url);
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await b.get("/healthz")).headers.get("x-request-id") ?? "");
    expect(ids.size).toBe(5);
  });
});

describe("/healthz", () => {
  test("200 when the database answers and every migration is applied", async () => {
    const r = await new Browser(server.url).get("/healthz");
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as {
      ok: boolean;
      database: string;
      migrations: { applied: number; expected: number };
    };
    expect(body.ok).toBe(true);
    expect(body.database).toBe("ok");
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThanOrEqual(2);
  });

  test("503 when a migration is missing, and again 200 once it is back", async () => {
    const raw = new Database(server.dbPath);
    raw.pragma("busy_timeout = 5000");
    const last = raw.prepare("select * from __drizzle_migrations order by created_at desc limit 1").get() as Record<
      string,
      unknown
    >;
    expect(raw.prepare("delete from __drizzle_migrations where hash = ?").run(last.hash).changes).toBe(1);
    try {
      const r = await new Browser(server.url).get("/healthz");
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
    } finally {
      const cols = Object.keys(last);
      raw
        .prepare(`insert into __drizzle_migrations (${cols.join(",")}) values (${cols.map(() => "?").join(",")})`)
        .run(...cols.map((c) => last[c]));
    }
    raw.close();
    expect((await new Browser(server.url).get("/healthz")).status).toBe(200);
  });

  test("503 when the database cannot answer", async () => {
    const raw = new Database(server.dbPath);
    raw.pragma("busy_timeout = 5000");
    raw.exec("ALTER TABLE __drizzle_migrations RENAME TO __drizzle_migrations_away");
    try {
      const r = await new Browser(server.url).get("/healthz");
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
      expect(r.body).not.toMatch(/no such table|SQLITE/i);
    } finally {
      raw.exec("ALTER TABLE __drizzle_migrations_away RENAME TO __drizzle_migrations");
      raw.close();
    }
  });
});

/** Sends the head and part of a body, returns a function that sends the rest and reads the reply. */
function startSlowPost(url: string, path: string, headers: Record<string, string>, body: string) {
  const u = new URL(url);
  const socket = net.connect(Number(u.port), u.hostname);
  const bytes = Buffer.from(body);
  const split = Math.floor(bytes.length / 2);
  let reply = "";
  const done = new Promise<string>((resolve) => {
    socket.on("data", (c: Buffer) => (reply += c.toString("utf8")));
    socket.on("close", () => resolve(reply));
    socket.on("error", () => resolve(reply));
  });
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: ${u.host}`,
    `Content-Length: ${bytes.length}`,
    "Connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    "",
    "",
  ].join("\r\n");
  const ready = new Promise<void>((resolve) =>
    socket.on("connect", () =>
      socket.write(Buffer.concat([Buffer.from(head), bytes.subarray(0, split)]), () => resolve()),
    ),
  );
  return {
    ready,
    finish: async () => {
      socket.write(bytes.subarray(split));
      return done;
    },
  };
}

describe("start-up", () => {
  test("a busy port: one line saying so and how to go on, no stack trace, a non-zero exit", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const proc = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: tempDbPath("ops-busy") },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      proc.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
      const code = await new Promise<number | null>((r) => proc.on("exit", (c) => r(c)));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `ArchPanel cannot start: port ${port} is in use; set PORT to a free one (e.g. PORT=${port + 1} npm start) or stop the other server.`,
      );
    } finally {
      holder.close();
    }
  }, 60_000);
});

describe("graceful shutdown (runs last: stops the server)", () => {
  test("SIGTERM: new connections are refused, an in-flight save completes and is stored, exit code 0", async () => {
    const b = new Browser(server.url);
    await b.get("/login");
    const body = new URLSearchParams({ csrf: b.csrf, email: MEMBER.email, password: MEMBER.password }).toString();
    const slow = startSlowPost(
      server.url,
      "/login",
      { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookieHeader(), Origin: server.url },
      body,
    );
    await slow.ready;
    await new Promise((r) => setTimeout(r, 200)); // the server has the request head: it is in flight
    server.proc.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // no new connections while draining
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const reply = await slow.finish();
    expect(reply).toMatch(/^HTTP\/1\.1 302/);
    const token = /archpanel_session=([^;]+)/.exec(reply)?.[1];
    expect(token).toBeTruthy();
    const code = await server.exited;
    expect(code).toBe(0);
    // the save made during shutdown is in the database
    const raw = new Database(server.dbPath, { readonly: true });
    const row = raw
      .prepare("select user_id from sessions where id = ?")
      .get(crypto.createHash("sha256").update(token!).digest("hex"));
    raw.close();
    expect(row).toBeDefined();
    const msgs = logLines(server).map((l) => l.msg);
    expect(msgs).toContain("shutting down");
    expect(msgs).toContain("stopped");
    const shutting = logLines(server).find((l) => l.msg === "shutting down");
    expect(shutting?.inFlight).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
