/**
 * Autosave benchmark: ArchPanel's real autosave endpoint (the built app, scripts/server.ts)
 * against the floor (scripts/lib/autosave-floor.ts: node:http + better-sqlite3 doing the same
 * zod-validated, version-checked upsert), in the same run, driven in alternating slices.
 *
 *   npx remix build && npx tsx scripts/bench-autosave.ts [--n 40] [--duration 10] [--rounds 5] [--profile dir]
 *
 * Each side gets a fresh database seeded with N draft scorecards (one loop, one interview, N
 * panelists). N simulated interviewers log in through the real /login form (ArchPanel) and then
 * each keeps one connection saving its own scorecard as fast as answers come back, carrying the
 * version of its last acknowledged save (exactly what the browser does, minus the debounce).
 *
 * Afterwards the database is checked against every acknowledged save: each acknowledged version
 * has its audit entry, versions are contiguous, and the stored scorecard is the newest save (its
 * content included). Prints requests/s and p50/p99 latency for both sides and the ratio.
 * Goal: ArchPanel >= 50% of the floor's throughput, zero errors, zero lost writes.
 *
 * Like with like: both sides commit with synchronous = FULL (an fsync per commit) AND both
 * group-commit: saves that arrive in the same event-loop turn share one transaction (a savepoint
 * each) and are answered after its commit (app/server/scorecard.server.ts; the floor copies the
 * scheme). So the ratio is the per-request cost of ArchPanel's stack (Express, session, CSRF,
 * zod, drizzle) against bare node:http, not a difference in fsyncs. `TMPDIR=/dev/shm` puts both
 * databases on tmpfs (fsync free).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import { closeDb, getDb, migrateDatabase } from "../db/client.server";
import { createSession } from "../db/queries/people/users.server";
import { insertPublishedRubric, rubricVersionIds } from "../db/queries/rubric/rubrics.server";
import { candidates, interviews, loops, scorecards, users } from "../db/schema";
import { LEAD_ML_ARCHITECT_V1 } from "../app/domain/rubric/lead-ml-architect-v1";
import { hashPassword } from "../app/server/password.server";
import { newId } from "../db/ids.server";

import { quantileOfSorted } from "./lib/ratio-interval";

const root = process.cwd();
const EXERCISE = "incident_scenario_drill";
const PASSWORD = "bench-password-0123456789";
const CSRF = "bench-csrf-token-0123456789abcdef";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const N = arg("n", 40);
const DURATION = arg("duration", 10);
const ROUNDS = arg("rounds", 5);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

interface Seeded {
  file: string;
  cards: { id: string; email: string; userId: string }[];
}

/** A fresh database: rubric v1, one in-progress loop, one interview with N panelists (drafts). */
async function seed(label: string, passwordHash: string): Promise<Seeded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-autosave-${label}-`));
  const file = path.join(dir, "bench.db");
  closeDb();
  process.env.DATABASE_PATH = file;
  const db = getDb();
  migrateDatabase(db);
  const cards: Seeded["cards"] = [];
  db.transaction((tx) => {
    const { versionId } = insertPublishedRubric(tx, { content: LEAD_ML_ARCHITECT_V1, createdBy: null });
    const ids = rubricVersionIds(tx, versionId);
    const hmId = newId();
    tx.insert(users)
      .values({ id: hmId, email: "hm@bench.test", name: "Bench Manager", role: "member", passwordHash, active: true })
      .run();
    const candidateId = newId();
    tx.insert(candidates).values({ id: candidateId, name: "Bench Candidate" }).run();
    const loopId = newId();
    tx.insert(loops)
      .values({ id: loopId, candidateId, rubricVersionId: versionId, hiringManagerId: hmId, status: "in_progress" })
      .run();
    const interviewId = newId();
    tx.insert(interviews)
      .values({
        id: interviewId,
        loopId,
        exerciseId: ids.exercises.get(EXERCISE)!,
        position: 0,
        scheduledAt: Date.now(),
        durationMinutes: 45,
      })
      .run();
    for (let i = 0; i < N; i++) {
      const userId = newId();
      const email = `interviewer${i}@bench.test`;
      tx.insert(users)
        .values({ id: userId, email, name: `Interviewer ${i}`, role: "member", passwordHash, active: true })
        .run();
      const id = newId();
      tx.insert(scorecards).values({ id, interviewId, panelistId: userId, status: "draft", version: 0 }).run();
      cards.push({ id, email, userId });
    }
  });
  return { file, cards };
}

/** Sessions written straight to the floor's database (the floor has no login page). */
function floorSessions(s: Seeded): string[] {
  const db = getDb();
  const now = Date.now();
  return s.cards.map((c) => {
    const token = createSession(db, { userId: c.userId, now, expiresAt: now + 86_400_000 });
    return `archpanel_session=${token}; archpanel_csrf=${CSRF}`;
  });
}

async function waitFor(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/** `--profile <dir>`: the servers write V8 CPU profiles there (open them in Chrome DevTools). */
const PROFILE_DIR = (() => {
  const i = process.argv.indexOf("--profile");
  return i >= 0 ? path.resolve(process.argv[i + 1] ?? "bench-profiles") : null;
})();

function start(script: string, env: Record<string, string>): ChildProcess {
  const prof = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    }, 12_000).unref();
  });
}

/** Logs in through the real form; returns the Cookie header (session + CSRF). */
async function login(base: string, email: string): Promise<string> {
  const body = new URLSearchParams({ csrf: CSRF, email, password: PASSWORD, redirectTo: "/interviews" });
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `archpanel_csrf=${CSRF}` },
    body: body.toString(),
    redirect: "manual",
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith("archpanel_session="));
  if (!set) throw new Error(`login failed for ${email}: HTTP ${res.status}`);
  return `${set.split(";")[0]}; archpanel_csrf=${CSRF}`;
}

// ------------------------------------------------------------------ the load

const EVIDENCE_BASE =
  "Opened with the dashboards: prediction distribution, feature null rates and the upstream schema change log. " +
  "Split the problem into data, model and infrastructure within five minutes, and named the rollback criterion before touching anything. ";

function payload(version: number, seq: number, card: string) {
  return {
    intent: "save",
    version,
    ratings: {
      observability_reliability: { score: "4", evidence: `${EVIDENCE_BASE}Save ${seq}.` },
      mlops_lifecycle: { score: "3", evidence: EVIDENCE_BASE },
      communication: { score: "3", evidence: EVIDENCE_BASE },
      leadership_enablement: { score: "", evidence: "" },
    },
    redFlags: { ignores_cost: { checked: true, note: "Cost of the re-training run never came up." } },
    signals: { knows_ml_failure_modes: true, clear_for_all_audiences: true },
    focus: { detection: true, triage: true, mitigation: true },
    recommendation: "hire",
    summary: `Summary of ${card}, revision ${seq}.`,
    overrideJustification: "",
    notes: [
      { id: "bench-note-1", minute: 3, body: "Asked for the dashboards first.", at: 1_700_000_000_000 },
      { id: "bench-note-2", minute: 9, body: "Rolled back before investigating further.", at: 1_700_000_060_000 },
      { id: "bench-note-3", minute: 21, body: "Status update to the business was crisp.", at: 1_700_000_120_000 },
    ],
  };
}

interface Ledger {
  /** per scorecard: the client's state (version of the last acknowledged save, save counter) */
  clients: Map<string, { version: number; seq: number }>;
  /** per scorecard: acknowledged versions in order, and what each sent */
  acked: Map<string, { version: number; summary: string }[]>;
  /** per scorecard: the save on its way when the run stopped (may or may not have landed) */
  inFlight: Map<string, { version: number; summary: string }>;
  errors: Map<number, number>;
}

interface Slice {
  latencies: number[];
  seconds: number;
  /** socket errors and timeouts */
  errors: number;
  /** CPU seconds the server process used during the slice (user + system, all its threads) */
  cpu: number;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** server CPU milliseconds per answered request: the cost that load on the machine does not change */
  cpuPerRequest: number;
}

function summarize(slices: Slice[]): Result {
  const latencies = slices.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const seconds = slices.reduce((n, x) => n + x.seconds, 0);
  return {
    rps: latencies.length / seconds,
    // read as bench:load reads them (the value at floor(q·n)); 0 when nothing was answered
    p50: latencies.length ? Math.round(quantileOfSorted(latencies, 0.5) * 10) / 10 : 0,
    p99: latencies.length ? Math.round(quantileOfSorted(latencies, 0.99) * 10) / 10 : 0,
    requests: latencies.length,
    errors: slices.reduce((n, x) => n + x.errors, 0),
    cpuPerRequest: (slices.reduce((n, x) => n + x.cpu, 0) * 1000) / Math.max(1, latencies.length),
  };
}

/** One HTTP/1.1 keep-alive connection per interviewer (an Agent with one socket per client). */
function post(
  agent: http.Agent,
  base: URL,
  pathname: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: "POST",
        path: pathname,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * N interviewers, each on its own keep-alive connection, saving its own scorecard back to back:
 * every save carries the version of the previous acknowledged save (a closed loop, like the
 * browser). Runs for DURATION seconds; a save still on its way at the end is recorded as in flight.
 */
/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function drive(
  server: ChildProcess,
  baseUrl: string,
  cards: { id: string }[],
  cookies: string[],
  ledger: Ledger,
  seconds: number,
): Promise<Slice> {
  const base = new URL(baseUrl);
  const latencies: number[] = [];
  let socketErrors = 0;
  const cpu0 = cpuSeconds(server.pid);
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    cards.map(async (card, i) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const headers = {
        "content-type": "application/json",
        accept: "application/json",
        "x-csrf-token": CSRF,
        cookie: cookies[i]!,
      };
      const state = ledger.clients.get(card.id) ?? { version: 0, seq: 0 };
      ledger.clients.set(card.id, state);
      while (performance.now() < until) {
        state.seq++;
        const body = payload(state.version, state.seq, card.id);
        ledger.inFlight.set(card.id, { version: state.version + 1, summary: body.summary });
        const t0 = performance.now();
        let res: { status: number; text: string };
        try {
          res = await post(agent, base, `/scorecards/${card.id}/save`, headers, JSON.stringify(body));
        } catch {
          socketErrors++;
          continue;
        }
        latencies.push(performance.now() - t0);
        if (res.status !== 200) {
          ledger.errors.set(res.status, (ledger.errors.get(res.status) ?? 0) + 1);
          continue;
        }
        const parsed = JSON.parse(res.text) as { version: number };
        ledger.inFlight.delete(card.id);
        const list = ledger.acked.get(card.id) ?? [];
        list.push({ version: parsed.version, summary: body.summary });
        ledger.acked.set(card.id, list);
        state.version = parsed.version;
      }
      agent.destroy();
    }),
  );
  return {
    latencies,
    seconds: (performance.now() - started) / 1000,
    errors: socketErrors,
    cpu: cpuSeconds(server.pid) - cpu0,
  };
}

/** Every acknowledged save is in the database: audit entry per version, final row = newest save. */
function verify(file: string, cards: { id: string }[], ledger: Ledger): { acked: number; lost: string[] } {
  const db = new Database(file, { readonly: true });
  const lost: string[] = [];
  let acked = 0;
  const row = db.prepare("SELECT version, summary FROM scorecards WHERE id = ?");
  const audited = db.prepare(
    "SELECT json_extract(after, '$.version') AS v FROM audit_log WHERE entity_id = ? AND action = 'scorecard.save'",
  );
  const evidence = db.prepare(
    "SELECT r.evidence FROM ratings r JOIN rubric_dimensions d ON d.id = r.dimension_id WHERE r.scorecard_id = ? AND d.key = 'observability_reliability'",
  );
  for (const c of cards) {
    const list = ledger.acked.get(c.id) ?? [];
    acked += list.length;
    const stored = row.get(c.id) as { version: number; summary: string };
    const versions = new Set((audited.all(c.id) as { v: number }[]).map((r) => r.v));
    list.forEach((a, i) => {
      if (a.version !== i + 1) lost.push(`${c.id}: acknowledged version ${a.version} out of order (expected ${i + 1})`);
      if (!versions.has(a.version)) lost.push(`${c.id}: acknowledged version ${a.version} has no audit entry`);
    });
    const last = list[list.length - 1];
    const pending = ledger.inFlight.get(c.id);
    // the newest save: the last acknowledged one, or the one cut off by the end of the run if it landed
    const newest = pending && stored.version === pending.version ? pending : last;
    const expectedVersion = newest?.version ?? 0;
    if (stored.version !== expectedVersion)
      lost.push(`${c.id}: stored version ${stored.version}, newest save ${expectedVersion}`);
    if (newest && stored.summary !== newest.summary)
      lost.push(`${c.id}: stored summary "${stored.summary}" is not the newest save "${newest.summary}"`);
    const seq = newest ? Number(/revision (\d+)/.exec(newest.summary)?.[1]) : null;
    const ev = evidence.get(c.id) as { evidence: string } | undefined;
    if (seq !== null && ev && !ev.evidence.endsWith(`Save ${seq}.`))
      lost.push(`${c.id}: stored evidence is not from the newest save`);
  }
  db.close();
  return { acked, lost };
}

function report(name: string, r: Result, v: { acked: number; lost: string[] }, ledger: Ledger): void {
  const errs = [...ledger.errors].map(([s, n]) => `${n}× HTTP ${s}`).join(", ") || "none";
  process.stdout.write(
    `${name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ` +
      `server CPU ${r.cpuPerRequest.toFixed(2)} ms/request   ` +
      `${r.requests} timed requests, ${v.acked} acknowledged saves checked (incl. warm-up); errors: ${errs}; socket errors/timeouts ${r.errors}; lost writes ${v.lost.length}\n`,
  );
  for (const l of v.lost.slice(0, 10)) process.stdout.write(`   LOST: ${l}\n`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) {
    process.stderr.write("build/index.js is missing: run `npx remix build` first.\n");
    process.exit(2);
  }
  process.stdout.write(
    `bench:autosave — ${N} interviewers, one connection each, ${DURATION} s per side in ${ROUNDS} alternating slices, ${os.cpus().length} CPUs (load ${os.loadavg()[0]!.toFixed(1)})\n`,
  );
  const passwordHash = await hashPassword(PASSWORD);

  // Both servers run side by side (the idle one costs nothing) and are driven in alternating
  // slices, so that load from elsewhere on the machine falls on both sides alike.
  const floorDb = await seed("floor", passwordHash);
  const floorCookies = floorSessions(floorDb);
  closeDb();
  const appDb = await seed("app", passwordHash);
  closeDb();
  const floorPort = await freePort();
  const appPort = await freePort();
  const floor = start("scripts/lib/autosave-floor.ts", {
    FLOOR_DB: floorDb.file,
    FLOOR_PORT: String(floorPort),
    FLOOR_EXERCISE: EXERCISE,
  });
  const app = start("scripts/server.ts", {
    DATABASE_PATH: appDb.file,
    PORT: String(appPort),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    COOKIE_SECURE: "false",
    SESSION_SECRET: "bench-session-secret-0123456789",
  });
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const appBase = `http://127.0.0.1:${appPort}`;
  const newLedger = (): Ledger => ({ clients: new Map(), acked: new Map(), inFlight: new Map(), errors: new Map() });
  const floorLedger = newLedger();
  const appLedger = newLedger();
  const floorSlices: Slice[] = [];
  const appSlices: Slice[] = [];
  try {
    await waitFor(`${floorBase}/`, floor);
    await waitFor(`${appBase}/healthz`, app);
    const appCookies: string[] = [];
    for (const c of appDb.cards) appCookies.push(await login(appBase, c.email));
    // warm-up (JIT, statement caches), not measured
    await drive(floor, floorBase, floorDb.cards, floorCookies, floorLedger, 1);
    await drive(app, appBase, appDb.cards, appCookies, appLedger, 1);
    const slice = DURATION / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      floorSlices.push(await drive(floor, floorBase, floorDb.cards, floorCookies, floorLedger, slice));
      appSlices.push(await drive(app, appBase, appDb.cards, appCookies, appLedger, slice));
    }
  } finally {
    await Promise.all([stop(floor), stop(app)]);
  }
  const floorResult = summarize(floorSlices);
  const appResult = summarize(appSlices);
  const floorCheck = verify(floorDb.file, floorDb.cards, floorLedger);
  const appCheck = verify(appDb.file, appDb.cards, appLedger);

  process.stdout.write("\n");
  report("floor", floorResult, floorCheck, floorLedger);
  report("ArchPanel", appResult, appCheck, appLedger);
  const ratio = appResult.rps / floorResult.rps;
  const p99Ratio = appResult.p99 / Math.max(0.1, floorResult.p99);
  process.stdout.write(
    `\nArchPanel / floor throughput: ${(ratio * 100).toFixed(1)}% (goal >= 50%); p99 ${p99Ratio.toFixed(2)}× the floor's (goal <= 3×); ` +
      `server CPU per save ${(appResult.cpuPerRequest / Math.max(0.001, floorResult.cpuPerRequest)).toFixed(2)}× the floor's\n`,
  );
  const failed =
    ratio < 0.5 ||
    p99Ratio > 3 ||
    appLedger.errors.size > 0 ||
    floorLedger.errors.size > 0 ||
    appCheck.lost.length > 0 ||
    floorCheck.lost.length > 0 ||
    appResult.errors > 0;
  process.stdout.write(failed ? "RESULT: goal NOT met\n" : "RESULT: goal met (zero errors, zero lost writes)\n");
  for (const f of [floorDb.file, appDb.file]) fs.rmSync(path.dirname(f), { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:autosave failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
