/**
 * `npm run bench:load [-- --seconds 60 --interviewers 50 --viewers 10]` — the built server under a
 * realistic panel-day load, on a seeded file database:
 *  - 50 simulated interviewers, each autosaving their own scorecard every 2 s (versioned JSON
 *    saves to POST /scorecards/:id/save, each with a unique marker in its text);
 *  - hiring managers (10 concurrent viewers over 5 managers, ~1 s think time) opening their loop's
 *    review page (GET /loops/:id, server-rendered HTML), the packet JSON, and the PDF packet when the
 *    build has that route (otherwise a note says it was skipped).
 * First, for --unloaded-seconds (10), one viewer opens review pages alone: the baseline of the
 * review page's p99 under load (goal: at most 2× it).
 * Prints throughput, p50/p99/max per route and errors (any non-2xx or network failure; must be 0),
 * then stops the server gracefully and verifies that every acknowledged save is in the database
 * (stored version and marker = the last acknowledged ones; one audit entry per acknowledged save).
 * Sessions are created in the seed (as a login would) so scrypt does not distort the figures.
 * Exit code 1 on any error or missing save.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { buildLoadWorld, savePayload } from "./lib/load-world";
import { Browser, ensureBuilt, logLines, ROOT, startServer, tempDbPath } from "./lib/server-process";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SECONDS = arg("seconds", 60);
const INTERVIEWERS = arg("interviewers", 50);
const VIEWERS = arg("viewers", 10);
const MANAGERS = 5;
const LOOPS = 10;
const SAVE_EVERY_MS = 2_000;
const THINK_MS = 1_000;

const UNLOADED_SECONDS = arg("unloaded-seconds", 10);
const LOADED_REVIEW = "GET /loops/:id (review page)";
const UNLOADED_REVIEW = "GET /loops/:id (review page, alone)";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RouteStats {
  ms: number[];
  errors: number;
  bytes: number;
  firstError?: string;
}
const stats = new Map<string, RouteStats>();

function record(route: string, ms: number, ok: boolean, bytes: number, detail: string): void {
  const s = stats.get(route) ?? { ms: [], errors: 0, bytes: 0 };
  s.ms.push(ms);
  s.bytes += bytes;
  if (!ok) {
    s.errors++;
    s.firstError ??= detail;
  }
  stats.set(route, s);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function serverQ(list: number[] | undefined): string {
  if (!list?.length) return "-";
  const sorted = [...list].sort((a, b) => a - b);
  return `${quantile(sorted, 0.5).toFixed(1)}/${quantile(sorted, 0.99).toFixed(1)}`;
}

async function timed(
  route: string,
  run: () => ReturnType<Browser["request"]>,
): Promise<{ status: number; body: string } | null> {
  const t0 = performance.now();
  try {
    const r = await run();
    const ok = r.status >= 200 && r.status < 300;
    record(route, performance.now() - t0, ok, Buffer.byteLength(r.body), `${r.status} ${r.body.slice(0, 120)}`);
    return r;
  } catch (e) {
    record(route, performance.now() - t0, false, 0, `${String(e)} ${String((e as { cause?: unknown }).cause ?? "")}`);
    return null;
  }
}

/** The review page's p99 under load against its p99 alone (goal: at most 2×), client and server side. */
function reviewRatio(serverMs: Map<string, number[]>): string {
  const p99 = (ms: number[] | undefined) =>
    ms && ms.length > 0
      ? quantile(
          [...ms].sort((a, b) => a - b),
          0.99,
        )
      : NaN;
  const side = (loaded: number, alone: number) =>
    `${loaded.toFixed(1)} ms under load, ${alone.toFixed(1)} ms alone: ${(loaded / alone).toFixed(2)}×`;
  return (
    `review page p99 (goal under load <= 2× alone): client ${side(p99(stats.get(LOADED_REVIEW)?.ms), p99(stats.get(UNLOADED_REVIEW)?.ms))}; ` +
    `server ${side(p99(serverMs.get(serverKey(LOADED_REVIEW))), p99(serverMs.get(serverKey(UNLOADED_REVIEW))))}`
  );
}

/** A route's key in the server's request logs; the baseline's review pages keep their own. */
const serverKey = (route: string) => (route === UNLOADED_REVIEW ? route : route.split(" (")[0]!);

async function main(): Promise<void> {
  await ensureBuilt();
  const buildText = fs.readFileSync(path.join(ROOT, "build", "index.js"), "utf8");
  const hasPdf = buildText.includes('"routes/loops.$id.packet[.]pdf"');
  const dbPath = tempDbPath("bench-load");
  const seedStart = performance.now();
  const world = await buildLoadWorld(dbPath, {
    panelists: INTERVIEWERS,
    managers: MANAGERS,
    loops: LOOPS,
    cardsPerPanelist: 1,
    submittedPerLoop: 4,
    sessions: true,
  });
  const seedMs = performance.now() - seedStart;
  const server = await startServer({ dbPath });
  const browserFor = (a: { token: string | null; csrf: string }) => {
    const b = new Browser(server.url);
    b.cookies.set("archpanel_session", a.token!);
    b.cookies.set("archpanel_csrf", a.csrf);
    return b;
  };

  // The baseline: review pages alone (one viewer, nobody saving, no PDFs), for the loaded/unloaded ratio.
  const unloadedUntil = performance.now() + UNLOADED_SECONDS * 1000;
  const alone = browserFor(world.managers[0]!);
  for (let n = 0; performance.now() < unloadedUntil; n++) {
    const loops = world.managers[0]!.loops;
    await timed(UNLOADED_REVIEW, () => alone.get(`/loops/${loops[n % loops.length]!}`));
  }

  // the server's request logs up to here belong to the baseline
  const aloneLogs = logLines(server).length;

  const deadline = performance.now() + SECONDS * 1000;
  const acked = new Map<string, { version: number; marker: string; count: number }>();
  let seq = 0;

  const interviewer = async (i: number) => {
    const p = world.panelists[i]!;
    const card = p.cards[0]!;
    const b = browserFor(p);
    let version = card.version;
    await sleep(Math.random() * SAVE_EVERY_MS); // spread the first saves over the interval
    while (performance.now() < deadline) {
      const tick = performance.now();
      const marker = `LOAD-${i}-${++seq}`;
      const r = await timed("POST /scorecards/:id/save", () =>
        b.postJson(`/scorecards/${card.id}/save`, savePayload(version, marker)),
      );
      if (r?.status === 200) {
        version = (JSON.parse(r.body) as { version: number }).version;
        const prev = acked.get(card.id);
        acked.set(card.id, { version, marker, count: (prev?.count ?? 0) + 1 });
      }
      await sleep(Math.max(0, Math.min(SAVE_EVERY_MS - (performance.now() - tick), deadline - performance.now())));
    }
  };

  const viewer = async (i: number) => {
    const m = world.managers[i % MANAGERS]!;
    const b = browserFor(m);
    let n = i;
    await sleep(Math.random() * THINK_MS);
    while (performance.now() < deadline) {
      const loopId = m.loops[n++ % m.loops.length]!;
      await timed(LOADED_REVIEW, () => b.get(`/loops/${loopId}`));
      await timed("GET /loops/:id/packet.json", () => b.get(`/loops/${loopId}/packet.json`));
      if (hasPdf) await timed("GET /loops/:id/packet.pdf", () => b.get(`/loops/${loopId}/packet.pdf`));
      await sleep(Math.max(0, Math.min(THINK_MS, deadline - performance.now())));
    }
  };

  const t0 = performance.now();
  await Promise.all([
    ...Array.from({ length: INTERVIEWERS }, (_, i) => interviewer(i)),
    ...Array.from({ length: VIEWERS }, (_, i) => viewer(i)),
  ]);
  const elapsed = (performance.now() - t0) / 1000;
  const earlyExit = server.proc.exitCode ?? server.proc.signalCode;
  if (earlyExit !== null)
    process.stdout.write(`the server exited DURING the run (${earlyExit}): errors below are refused connections\n`);
  const exit = await server.stop();

  // every acknowledged save is in the database
  const db = new Database(dbPath, { readonly: true });
  let missing = 0;
  const problems: string[] = [];
  try {
    const row = db.prepare("select version, summary from scorecards where id = ?");
    const audits = db.prepare("select count(*) from audit_log where entity_id = ? and action = 'scorecard.save'");
    for (const [cardId, a] of acked) {
      const r = row.get(cardId) as { version: number; summary: string } | undefined;
      const n = audits.pluck().get(cardId) as number;
      if (!r || r.version !== a.version || !r.summary.includes(a.marker) || n !== a.count) {
        missing++;
        problems.push(
          `${cardId}: stored v${r?.version} (${r?.summary}), acknowledged v${a.version} ${a.marker}; ${n} audit entries for ${a.count} saves`,
        );
      }
    }
  } finally {
    db.close();
  }

  // the server's own view (request logs: arrival to response end, no client or network time)
  const serverMs = new Map<string, number[]>();
  for (const [i, l] of logLines(server).entries()) {
    if (typeof l.ms !== "number" || typeof l.route !== "string") continue;
    const key = i < aloneLogs ? serverKey(UNLOADED_REVIEW) : `${String(l.method)} ${l.route}`;
    const list = serverMs.get(key) ?? [];
    list.push(l.ms);
    serverMs.set(key, list);
  }

  let total = 0;
  let errors = 0;
  const lines: string[] = [];
  const pad = (s: string, n: number) => s.padEnd(n);
  lines.push(
    `${pad("route", 32)} ${"requests".padStart(8)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"errors".padStart(6)} ${"server p50/p99 ms".padStart(18)}`,
  );
  for (const [route, s] of stats) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    total += sorted.length;
    errors += s.errors;
    lines.push(
      `${pad(route, 32)} ${String(sorted.length).padStart(8)} ${(sorted.length / (route === UNLOADED_REVIEW ? UNLOADED_SECONDS : elapsed)).toFixed(1).padStart(7)} ${quantile(sorted, 0.5).toFixed(1).padStart(8)} ${quantile(sorted, 0.99).toFixed(1).padStart(8)} ${sorted.at(-1)!.toFixed(1).padStart(8)} ${String(s.errors).padStart(6)} ${serverQ(serverMs.get(serverKey(route))).padStart(18)}`,
    );
    if (s.firstError) lines.push(`  first error: ${s.firstError}`);
  }
  process.stdout.write(
    [
      `bench:load — ${INTERVIEWERS} interviewers autosaving every ${SAVE_EVERY_MS / 1000} s, ${VIEWERS} hiring-manager viewers (${MANAGERS} managers, ${LOOPS} loops, ${THINK_MS} ms think time), ${elapsed.toFixed(1)} s, Node ${process.version}, seed ${seedMs.toFixed(0)} ms`,
      hasPdf ? "" : "note: this build has no /loops/:id/packet.pdf route: PDF packets skipped",
      ...lines,
      reviewRatio(serverMs),
      `total: ${total} requests, ${(total / elapsed).toFixed(1)} req/s, ${errors} errors; ${[...acked.values()].reduce((n, a) => n + a.count, 0)} saves acknowledged, ${missing} missing; server exit ${exit}`,
      ...problems.slice(0, 10),
    ]
      .filter((l) => l !== "")
      .join("\n") + "\n",
  );
  if (errors > 0 || exit !== 0) {
    // what the server said besides request logs, to explain the errors
    const notes = [...server.stdout.filter((l) => !l.includes('"method"')), ...server.stderr].slice(-20);
    process.stdout.write(
      `server output (last ${notes.length} lines that are not request logs):\n${notes.join("\n")}\n`,
    );
  }
  if (errors > 0 || missing > 0 || exit !== 0) process.exit(1);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:load: error ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
