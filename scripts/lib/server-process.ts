// Spawns the REAL built server (scripts/server.ts + build/index.js) on a free port with its own
// database file, for tests that must see what a browser sees: headers, cookies, the CSRF origin
// check, the body limit, request logs, error pages, signals. Also a tiny cookie-jar HTTP client.
//
// The server runs as ONE process (`node --import tsx scripts/server.ts`), so SIGKILL/SIGTERM hit
// the server itself, not a wrapper.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BUILD = path.join(ROOT, "build", "index.js");
const LOCK = path.join(os.tmpdir(), "archpanel-build.lock");

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Builds the app unless build/index.js exists. Parallel test files wait for one build (lock dir). */
export async function ensureBuilt(): Promise<void> {
  if (fs.existsSync(BUILD)) return;
  for (let i = 0; i < 600; i++) {
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // someone else is building: wait for it
      await sleep(200);
      if (fs.existsSync(BUILD)) return;
      continue;
    }
    try {
      if (!fs.existsSync(BUILD)) {
        const r = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
        if (r.status !== 0) throw new Error(`remix build failed:\n${r.stdout}\n${r.stderr}`);
      }
      return;
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
  throw new Error("timed out waiting for another process to build the app");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDbPath(label = "srv"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `archpanel-${label}-`));
  return path.join(dir, "archpanel.db");
}

export interface ServerHandle {
  url: string;
  port: number;
  dbPath: string;
  proc: ChildProcess;
  /** every stdout line so far */
  stdout: string[];
  stderr: string[];
  /** resolves with the exit code (or signal name) when the process ends */
  exited: Promise<number | string>;
  /** SIGTERM and wait for exit */
  stop(): Promise<number | string>;
  /** SIGKILL and wait for exit */
  kill(): Promise<number | string>;
}

export interface StartOptions {
  dbPath?: string;
  env?: Record<string, string>;
  /** default "production" */
  nodeEnv?: "production" | "development" | "test";
  port?: number;
  startTimeoutMs?: number;
  /** extra Node flags for the server process (e.g. `--cpu-prof`, which NODE_OPTIONS refuses) */
  nodeArgs?: string[];
}

/** Starts the built server; resolves once it answers /healthz. */
export async function startServer(opts: StartOptions = {}): Promise<ServerHandle> {
  await ensureBuilt();
  const port = opts.port ?? (await freePort());
  const dbPath = opts.dbPath ?? tempDbPath();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: dbPath,
    SESSION_SECRET: "server-test-secret-0123456789abcdef",
    COOKIE_SECURE: "false",
    ...opts.env,
  };
  childEnv.NODE_ENV = opts.nodeEnv ?? "production";
  const proc: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), "--import", "tsx", "scripts/server.ts"],
    {
      cwd: ROOT,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let buf = "";
    return (chunk: Buffer) => {
      buf += chunk.toString("utf8");
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      into.push(...lines);
    };
  };
  proc.stdout?.on("data", collect(stdout));
  proc.stderr?.on("data", collect(stderr));
  const exited = new Promise<number | string>((resolve) => {
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  let exitedEarly: number | string | null = null;
  void exited.then((c) => (exitedEarly = c));
  for (;;) {
    if (exitedEarly !== null) {
      throw new Error(`server exited during start (${exitedEarly}):\n${stdout.join("\n")}\n${stderr.join("\n")}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server did not start within the timeout:\n${stdout.join("\n")}\n${stderr.join("\n")}`);
    }
    await sleep(100);
  }
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return exited;
  };
  return {
    url,
    port,
    dbPath,
    proc,
    stdout,
    stderr,
    exited,
    stop: () => signalAndWait("SIGTERM"),
    kill: () => signalAndWait("SIGKILL"),
  };
}

/** Parsed JSON log lines the server printed (non-JSON lines skipped). */
export function logLines(handle: ServerHandle): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of handle.stdout) {
    if (!line.startsWith("{")) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // partial line
    }
  }
  return out;
}

// ------------------------------------------------------------------ a browser-like HTTP client

export interface HttpResult {
  status: number;
  headers: Headers;
  body: string;
  setCookies: string[];
}

/** Keeps cookies like a browser (per name, last write wins; Max-Age=0 deletes) and never follows redirects. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get csrf(): string {
    return this.cookies.get("archpanel_csrf") ?? "";
  }

  async request(pathname: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const jar = this.cookieHeader();
    if (jar && !("Cookie" in headers)) headers.Cookie = jar;
    const res = await fetch(`${this.base}${pathname}`, { ...init, headers, redirect: "manual" });
    const body = await res.text();
    const setCookies = res.headers.getSetCookie();
    for (const sc of setCookies) {
      const [pair, ...attrs] = sc.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, body, setCookies };
  }

  get(pathname: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.request(pathname, { headers });
  }

  /** A same-origin form post with the CSRF field (unless csrf: null). */
  postForm(
    pathname: string,
    fields: Record<string, string>,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const body = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null) body.append("csrf", csrf);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return this.request(pathname, {
      method: "POST",
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.base, ...(opts.headers ?? {}) },
    });
  }

  postJson(
    pathname: string,
    payload: unknown,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    return this.request(pathname, {
      method: "POST",
      body: JSON.stringify(payload),
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        Origin: this.base,
        ...(csrf !== null ? { "x-csrf-token": csrf } : {}),
        ...(opts.headers ?? {}),
      },
    });
  }

  /** GET /login (for the CSRF cookie), then log in; returns the login response. */
  async login(email: string, password: string): Promise<HttpResult> {
    if (!this.csrf) await this.get("/login");
    return this.postForm("/login", { email, password });
  }
}

// ------------------------------------------------------------------ database preparation

export interface PersonSpec {
  email: string;
  name: string;
  role: "admin" | "recruiter" | "member";
  password?: string;
  active?: boolean;
}

/**
 * Migrates a database file for a spawned server and adds people (with hashed passwords), outside
 * the test process's own `getDb()` handle. Returns email -> user id.
 */
export async function prepareDatabase(dbPath: string, people: PersonSpec[]): Promise<Record<string, string>> {
  const { migrateDatabase, openDatabase } = await import("../../db/client.server");
  const { hashPassword } = await import("../../app/server/password.server");
  const { newId } = await import("../../db/ids.server");
  const { users } = await import("../../db/schema");
  const db = openDatabase(dbPath);
  try {
    migrateDatabase(db);
    const ids: Record<string, string> = {};
    for (const p of people) {
      const id = newId();
      const passwordHash = p.password ? await hashPassword(p.password) : null;
      db.insert(users)
        .values({ id, email: p.email, name: p.name, role: p.role, passwordHash, active: p.active ?? true })
        .run();
      ids[p.email] = id;
    }
    return ids;
  } finally {
    db.$client.close();
  }
}
