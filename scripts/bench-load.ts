/**
 * `npm run bench:load [-- --seconds 60 --unloaded-seconds 15 --slices 3 --interviewers 50 --viewers 10 --cpu-prof]`
 * — the built server, as `npm start` runs it, under a realistic panel-day load on a seeded file database:
 *  - 50 simulated interviewers, each autosaving their own scorecard every 2 s on average (1–3 s;
 *    versioned JSON saves to POST /scorecards/:id/save, each with a unique marker in its text);
 *  - hiring managers (10 concurrent viewers over 5 managers, 1 s think time on average, 0.5–1.5 s) opening their loop's
 *    review page (GET /loops/:id, server-rendered HTML), the packet JSON, and the PDF packet when the
 *    build has that route (otherwise a note says it was skipped).
 * The baseline: one viewer opening review pages alone (nobody saving, no packets); the goal is the
 * review page's p99 under load at most 2× its p99 alone. The two alternate in --slices slices
 * (alone, then loaded, --unloaded-seconds and --seconds split between them) after an untimed
 * warm-up, so both sides see the same machine: the cores are shared, and what else runs on them
 * changes from minute to minute.
 * The simulated people run in two worker threads (interviewers, viewers) with a light node:http
 * client, so the generator is not what is measured; the bench prints its CPU and its event loops'
 * load beside the server's, and the server's own timings (its request logs) beside the client's.
 * Prints throughput, p50/p99/max per route and errors (any non-2xx or network failure; must be 0),
 * then stops the server gracefully and verifies that every acknowledged save is in the database
 * (stored version and marker = the last acknowledged ones; one audit entry per acknowledged save).
 * Sessions are created in the seed (as a login would) so scrypt does not distort the figures.
 * --cpu-prof writes the server's CPU profiles (main thread, render worker) to .bench-load-prof-*.
 * Exit code 1 on any error or missing save.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import Database from "better-sqlite3";

import { LightClient } from "./lib/load-client";
import { LOADED_REVIEW, timed, type RouteStats, type UsersJob, type UsersResult } from "./lib/load-users";
import { buildLoadWorld } from "./lib/load-world";
import { quantileOfSorted as quantile, quantileRatioInterval } from "./lib/ratio-interval";
import { ensureBuilt, logLines, ROOT, startServer, tempDbPath } from "./lib/server-process";

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

const UNLOADED_SECONDS = arg("unloaded-seconds", 15);
const SLICES = Math.round(arg("slices", 3));
const UNLOADED_REVIEW = "GET /loops/:id (review page, alone)";

const stats = new Map<string, RouteStats>();

function serverQ(list: number[] | undefined): string {
  if (!list?.length) return "-";
  const sorted = [...list].sort((a, b) => a - b);
  return `${quantile(sorted, 0.5).toFixed(1)}/${quantile(sorted, 0.99).toFixed(1)}`;
}

/**
 * The review page's p99 under load against its p99 alone (goal: at most 2×), client and server side,
 * each with a 95 % bootstrap interval (scripts/lib/ratio-interval.ts): one run's p99 of ~600 pages is
 * its sixth slowest, so a ratio a few hundredths either side of 2 is within the run's noise.
 */
function reviewRatio(serverMs: Map<string, number[]>): string {
  const side = (loaded: number[] | undefined, alone: number[] | undefined) => {
    const r = quantileRatioInterval(loaded ?? [], alone ?? []);
    return `${r.loaded.toFixed(1)} ms under load, ${r.alone.toFixed(1)} ms alone: ${r.ratio.toFixed(2)}× (95 % interval ${r.low.toFixed(2)}–${r.high.toFixed(2)}×)`;
  };
  return (
    `review page p99 (goal under load <= 2× alone): client ${side(stats.get(LOADED_REVIEW)?.ms, stats.get(UNLOADED_REVIEW)?.ms)}; ` +
    `server ${side(serverMs.get(serverKey(LOADED_REVIEW)), serverMs.get(serverKey(UNLOADED_REVIEW)))}`
  );
}

/** A route's key in the server's request logs; the baseline's review pages keep their own. */
const serverKey = (route: string) => (route === UNLOADED_REVIEW ? route : route.split(" (")[0]!);

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of the whole line, in clock ticks (100 Hz on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * The server's request thread: seconds on a core and seconds runnable but waiting for one (Linux
 * schedstat; null elsewhere). The wait is what the machine's other work costs the request thread.
 */
function requestThreadSchedule(pid: number | undefined): { run: number; wait: number } | null {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
    return run === undefined || wait === undefined ? null : { run: run / 1e9, wait: wait / 1e9 };
  } catch {
    return null;
  }
}

/**
 * One group of simulated people in its own worker thread (scripts/lib/load-users.ts): resolves once
 * the worker has loaded, with a function that starts the run and resolves with its results.
 */
function startUsers(job: Omit<UsersJob, "deadline">): Promise<(deadline: number) => Promise<UsersResult>> {
  const worker = new Worker(path.join(ROOT, "scripts", "lib", "ts-worker.mjs"), {
    workerData: { ...job, deadline: 0, entry: pathToFileURL(path.join(ROOT, "scripts", "lib", "load-users.ts")).href },
  });
  const failed = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the ${job.kind} worker exited (${code}) without results`)));
  });
  const ready = new Promise<void>((resolve) => worker.once("message", () => resolve()));
  return Promise.race([ready, failed]).then(() => (deadline: number) => {
    const done = new Promise<UsersResult>((resolve) =>
      worker.once("message", (result: UsersResult) => {
        resolve(result);
        void worker.terminate();
      }),
    );
    worker.postMessage({ deadline });
    return Promise.race([done, failed]);
  });
}

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
  // the server as `npm start` runs it: no overrides of its own defaults from this shell
  delete process.env.PACKET_RENDER;
  const profDir = process.argv.includes("--cpu-prof") ? fs.mkdtempSync(path.join(ROOT, ".bench-load-prof-")) : null;
  const server = await startServer({
    dbPath,
    nodeArgs: profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
  });
  const started = logLines(server).find((l) => l.msg === "listening") ?? {};

  // Warm-up, not timed: what the viewers open, once per loop and manager (first compilation, caches,
  // the calibration, and each packet's first render: without it, the ten loops' first renders all
  // landed in the first second of the first loaded slice, a one-off per content that bench:packet
  // measures as its cold figure).
  for (const m of world.managers) {
    const c = new LightClient(server.url, m);
    for (const loopId of m.loops) {
      await c.get(`/loops/${loopId}`);
      await c.get(`/loops/${loopId}/packet.json`);
      if (hasPdf) await c.get(`/loops/${loopId}/packet.pdf`);
    }
    c.close();
  }
  // which of the server's request logs belong to the baseline (the others: warm-up, then load)
  const warmupLogs = logLines(server).length;
  const aloneLogRanges: [number, number][] = [];

  const acked = new Map<string, { version: number; marker: string; count: number }>();
  const interviewers = world.panelists.slice(0, INTERVIEWERS).map((p, index) => ({
    token: p.token,
    csrf: p.csrf,
    cardId: p.cards[0]!.id,
    version: p.cards[0]!.version,
    index,
  }));
  const results: UsersResult[] = [];
  let elapsed = 0;
  let serverCpu: number | null = 0;
  let benchCpuSeconds = 0;
  let requestThread: { run: number; wait: number } | null = { run: 0, wait: 0 };
  for (let slice = 0; slice < SLICES; slice++) {
    // the baseline: review pages alone (one viewer, nobody saving, no PDFs)
    const from = logLines(server).length;
    const alone = new LightClient(server.url, world.managers[0]!);
    const unloadedUntil = performance.now() + (UNLOADED_SECONDS / SLICES) * 1000;
    for (let n = 0; performance.now() < unloadedUntil; n++) {
      const loops = world.managers[0]!.loops;
      await timed(stats, UNLOADED_REVIEW, () => alone.get(`/loops/${loops[n % loops.length]!}`));
    }
    alone.close();
    aloneLogRanges.push([from, logLines(server).length]);

    // the load: interviewers and viewers, each group in its own worker thread, started together
    const common = {
      url: server.url,
      slice,
      saveEveryMs: SAVE_EVERY_MS,
      thinkMs: THINK_MS,
      hasPdf,
      interviewers: [],
      viewers: [],
    };
    const starts = await Promise.all([
      startUsers({ ...common, kind: "interviewers", interviewers }),
      startUsers({
        ...common,
        kind: "viewers",
        viewers: Array.from({ length: VIEWERS }, (_, index) => {
          const m = world.managers[index % MANAGERS]!;
          return { token: m.token, csrf: m.csrf, loops: m.loops, index };
        }),
      }),
    ]);
    const serverCpu0 = processCpuSeconds(server.proc.pid);
    const sched0 = requestThreadSchedule(server.proc.pid);
    const benchCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const deadline = Date.now() + (SECONDS / SLICES) * 1000;
    const sliceResults = await Promise.all(starts.map((start) => start(deadline)));
    elapsed += (performance.now() - t0) / 1000;
    const benchCpu = process.cpuUsage(benchCpu0);
    benchCpuSeconds += (benchCpu.user + benchCpu.system) / 1e6;
    const serverCpu1 = processCpuSeconds(server.proc.pid);
    const sched1 = requestThreadSchedule(server.proc.pid);
    requestThread =
      requestThread && sched0 && sched1
        ? { run: requestThread.run + sched1.run - sched0.run, wait: requestThread.wait + sched1.wait - sched0.wait }
        : null;
    serverCpu =
      serverCpu === null || serverCpu0 === null || serverCpu1 === null ? null : serverCpu + serverCpu1 - serverCpu0;
    results.push(...sliceResults);
    for (const r of sliceResults) {
      for (const [route, s] of r.stats) {
        const all = stats.get(route) ?? { ms: [], errors: 0, bytes: 0 };
        all.ms.push(...s.ms);
        all.errors += s.errors;
        all.bytes += s.bytes;
        all.firstError ??= s.firstError;
        stats.set(route, all);
      }
      for (const [cardId, a] of r.acked) {
        acked.set(cardId, { ...a, count: (acked.get(cardId)?.count ?? 0) + a.count });
        // the next slice's saves continue from the acknowledged version
        const card = interviewers.find((i) => i.cardId === cardId);
        if (card) card.version = a.version;
      }
    }
  }
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
    if (i < warmupLogs) continue;
    const isAlone = aloneLogRanges.some(([from, to]) => i >= from && i < to);
    const key = isAlone ? serverKey(UNLOADED_REVIEW) : `${String(l.method)} ${l.route}`;
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
      `bench:load — ${INTERVIEWERS} interviewers autosaving every ${SAVE_EVERY_MS / 1000} s, ${VIEWERS} hiring-manager viewers (${MANAGERS} managers, ${LOOPS} loops, ${THINK_MS} ms think time; pauses ±50 %), ${elapsed.toFixed(1)} s loaded and ${UNLOADED_SECONDS} s alone in ${SLICES} alternating slices, Node ${process.version}, seed ${seedMs.toFixed(0)} ms`,
      `server as started (its own log): NODE_ENV ${String(started.nodeEnv)}, packets rendered ${String(started.packetRender)}, journal ${String(started.journalMode)}, synchronous ${String(started.synchronous)}, database ${dbPath}`,
      hasPdf ? "" : "note: this build has no /loops/:id/packet.pdf route: PDF packets skipped",
      ...lines,
      reviewRatio(serverMs),
      `CPU over the loaded ${elapsed.toFixed(1)} s: server ${serverCpu === null ? "n/a" : `${serverCpu.toFixed(1)} s`}; request thread on a core ${requestThread ? `${requestThread.run.toFixed(1)} s, waiting for one ${requestThread.wait.toFixed(1)} s` : "n/a"}; load generator (this process, 2 worker threads) ${benchCpuSeconds.toFixed(1)} s; ` +
        (["interviewers", "viewers"] as const)
          .map((kind) => {
            const mine = results.filter((r) => r.kind === kind);
            const elu = mine.reduce((a, r) => a + r.elu, 0) / mine.length;
            const delay = Math.max(...mine.map((r) => r.delayP99Ms));
            return `${kind}' event loop ${(elu * 100).toFixed(0)} % busy, delay p99 ≤ ${delay.toFixed(1)} ms`;
          })
          .join("; "),
      profDir ? `server CPU profiles (main thread and render worker): ${profDir}` : "",
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
