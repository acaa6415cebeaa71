// `npm run bench:tti`: how long until the scorecard is interactive on a slow phone connection?
//
// Drives Debian's Chromium (playwright-core, /usr/bin/chromium) against the built server on a fresh
// copy of the demo data, logged in as the demo interviewer, and loads one of his draft scorecards
// with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate) and Chrome DevTools' "Fast 3G"
// preset (CDP Network.emulateNetworkConditions: 1.6 Mbps down and 750 kbps up, each × 0.9, and
// 150 ms × 3.75 = 562.5 ms latency). Each load starts from an empty browser cache (a new context)
// and is followed by a reload, whose scripts come from the cache (immutable assets); one unmeasured
// load first warms the server.
//
// "Interactive" = React has hydrated the page and run its effects (every handler attached, inputs
// made during load picked up): the end of React's first commit, effects included, as React reports
// it to a DevTools hook installed before the page's scripts (onPostCommitFiberRoot), measured from
// navigation start. It needs nothing from the app, so an older build is measured the same way;
// the app's own marker, window.__archpanelHydrated (set by the root's effect, which runs last),
// must agree, and is checked when present.
//
// Each load's requests are read from CDP's network events: the page's request count (document,
// scripts, stylesheets) is printed with the medians, and `--timeline` prints every request of the
// median load (sent, first byte and last byte, on which connection): with 6 HTTP/1.1 connections
// and 562 ms latency per request, the number of requests sets the number of round trips. What the
// renderer's main thread did by then (CDP Performance.getMetrics: all tasks; scripts, style, layout) is
// printed too: after the last script, the rest is CPU.
//
// Options: --runs N (default 5) · --before <git ref>: also measure that commit (exported into a
// temporary folder sharing node_modules, built and served the same way) and print both and the
// ratio · --no-build: use the existing build/ of this checkout · --timeline: the median load's requests.
// Goal (issue 13): median ≤ 3.5 s.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { chromium } from "playwright-core";
import type { Browser as Chromium, CDPSession, Page } from "playwright-core";

import { Browser, freePort, ROOT } from "./lib/server-process";

const GOAL_MS = 3_500;
const CPU_SLOWDOWN = 4;
// Chrome DevTools' "Fast 3G" (bytes per second and ms, with DevTools' adjustment factors)
const FAST_3G = {
  offline: false,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  latency: 150 * 3.75,
};
const INTERVIEWER = "mateo@archpanel.demo";
const PASSWORD = "archpanel-demo";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const RUNS = Number(arg("--runs") ?? 5);

interface Load {
  interactiveMs: number;
  /** the page's HTML fully received, and the last script received (ms from navigation start) */
  htmlMs: number;
  scriptsMs: number;
  /** the app's own marker agreed (null: the build has none) */
  markerSet: boolean | null;
  scripts: number;
  scriptBytes: number;
  /** interactive again after a reload (scripts cached) */
  reloadMs: number;
  /** the cold load's requests, in the order sent */
  requests: Request[];
  /** the renderer's main thread until interactive (CDP Performance.getMetrics, s): all tasks, of which scripts, style, layout */
  busy: { tasks: number; scripts: number; style: number; layout: number };
}

/** One request of a cold load, from CDP's network events (ms from navigation start). */
interface Request {
  url: string;
  type: string;
  connection: number;
  sentMs: number;
  firstByteMs: number;
  doneMs: number;
  bytes: number;
}

// the fields read from CDP's Network events (playwright-core does not export its protocol types)
interface SentEvent {
  requestId: string;
  timestamp: number;
  type?: string;
  request: { url: string };
}
interface ResponseEvent {
  requestId: string;
  timestamp: number;
  response: { connectionId: number; timing?: { requestTime: number; receiveHeadersEnd: number } };
}
interface DoneEvent {
  requestId: string;
  timestamp: number;
  encodedDataLength: number;
}

/** Records the requests of one load from CDP's Network events (Network.enable must be on). */
function recordRequests(cdp: CDPSession): { requests: () => Request[]; stop: () => void } {
  const byId = new Map<string, Partial<Request>>();
  let t0: number | null = null; // CDP monotonic seconds of the document request
  const ms = (t: number) => (t - (t0 ?? t)) * 1000;
  const onSent = (e: SentEvent) => {
    if (e.type === "Document") t0 = e.timestamp;
    byId.set(e.requestId, { url: e.request.url, type: e.type ?? "Other", sentMs: ms(e.timestamp) });
  };
  const onResponse = (e: ResponseEvent) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.connection = e.response.connectionId;
    const timing = e.response.timing;
    r.firstByteMs = timing ? ms(timing.requestTime) + timing.receiveHeadersEnd : ms(e.timestamp);
  };
  const onDone = (e: DoneEvent) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.doneMs = ms(e.timestamp);
    r.bytes = e.encodedDataLength;
  };
  cdp.on("Network.requestWillBeSent", onSent);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.loadingFinished", onDone);
  return {
    requests: () =>
      [...byId.values()]
        .filter((r): r is Request => r.doneMs !== undefined && r.url !== undefined)
        .sort((a, b) => a.sentMs - b.sentMs),
    stop: () => {
      cdp.off("Network.requestWillBeSent", onSent);
      cdp.off("Network.responseReceived", onResponse);
      cdp.off("Network.loadingFinished", onDone);
    },
  };
}

/** "1 document + 12 scripts + 2 stylesheets over 6 connections" */
function requestCount(requests: Request[]): string {
  const n = (type: string) => requests.filter((r) => r.type === type).length;
  const connections = new Set(requests.map((r) => r.connection)).size;
  const other = requests.length - n("Document") - n("Script") - n("Stylesheet");
  return (
    `${requests.length} requests (${n("Document")} document + ${n("Script")} scripts + ${n("Stylesheet")} stylesheets` +
    `${other ? ` + ${other} other` : ""}) over ${connections} connections`
  );
}

function printTimeline(requests: Request[]): void {
  const connections = [...new Set(requests.map((r) => r.connection))];
  for (const r of requests) {
    const name = new URL(r.url).pathname.replace(/^\/build\//, "");
    process.stdout.write(
      `          conn ${connections.indexOf(r.connection) + 1}  sent ${String(Math.round(r.sentMs)).padStart(5)} ms` +
        `  first byte ${String(Math.round(r.firstByteMs)).padStart(5)}  done ${String(Math.round(r.doneMs)).padStart(5)}` +
        `  ${(r.bytes / 1024).toFixed(1).padStart(5)} KiB  ${r.type.padEnd(10)} ${name}\n`,
    );
  }
}

interface Served {
  url: string;
  scorecardPath: string;
  stop: () => Promise<void>;
}

/** Seeds the demo data into a temporary database and starts `dir`'s built server on it. */
async function serve(dir: string): Promise<Served> {
  const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-tti-")), "archpanel.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: dbPath,
    DEMO_PASSWORD: PASSWORD,
    NODE_ENV: "production" as const,
    COOKIE_SECURE: "false",
    SESSION_SECRET: "bench-tti-secret-0123456789abcdef",
  };
  execFileSync(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts"], { cwd: dir, env, stdio: "ignore" });
  const db = new Database(dbPath, { readonly: true });
  const row = db
    .prepare(
      `select s.id from scorecards s join users u on u.id = s.panelist_id
        where u.email = ? and s.status = 'draft' order by s.id limit 1`,
    )
    .get(INTERVIEWER) as { id: string } | undefined;
  db.close();
  if (!row) throw new Error(`the demo data of ${dir} has no draft scorecard for ${INTERVIEWER}`);
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: dir,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600 || proc.exitCode !== null) throw new Error(`the server in ${dir} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    scorecardPath: `/scorecards/${row.id}`,
    stop: () =>
      new Promise((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

// Installed before any page script: React calls these on every commit of a root.
const DEVTOOLS_HOOK = `
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onCommitFiberRoot() {},
    onPostCommitFiberRoot() {
      if (window.__benchInteractiveAt === undefined) {
        window.__benchInteractiveAt = performance.now();
        window.__benchMarkerAtInteractive = window.__archpanelHydrated;
      }
    },
  };
`;

async function measure(browser: Chromium, served: Served): Promise<Load> {
  const login = new Browser(served.url);
  const r = await login.login(INTERVIEWER, PASSWORD);
  if (r.status !== 302) throw new Error(`login failed (${r.status})`);
  const context = await browser.newContext();
  await context.addCookies(
    [...login.cookies].map(([name, value]) => ({
      name,
      value,
      url: served.url,
      httpOnly: true,
      sameSite: "Lax" as const,
    })),
  );
  await context.addInitScript(DEVTOOLS_HOOK);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await cdp.send("Network.enable");
  await cdp.send("Performance.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  const recorder = recordRequests(cdp);
  await page.goto(`${served.url}${served.scorecardPath}`, { waitUntil: "commit", timeout: 120_000 });
  const cold = await interactive(page);
  const busy = await mainThreadBusy(cdp);
  // what loads after hydration (the evidence lint) is not part of the page's load
  const requests = recorder.requests().filter((r) => r.sentMs <= cold.interactiveMs);
  recorder.stop();
  // the same page again (an interviewer reloading mid-interview): scripts come from the cache
  await page.reload({ waitUntil: "commit", timeout: 120_000 });
  const reloadMs = (await interactive(page)).interactiveMs;
  await context.close();
  return { ...cold, reloadMs, requests, busy };
}

/** Main-thread time so far (read right after interactive, so it includes up to one poll, 100 ms). */
async function mainThreadBusy(cdp: CDPSession): Promise<Load["busy"]> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    tasks: value("TaskDuration"),
    scripts: value("ScriptDuration"),
    style: value("RecalcStyleDuration"),
    layout: value("LayoutDuration"),
  };
}

async function interactive(page: Page): Promise<Omit<Load, "reloadMs" | "requests" | "busy">> {
  await page.waitForFunction(
    () => (window as { __benchInteractiveAt?: number }).__benchInteractiveAt !== undefined,
    null,
    {
      timeout: 120_000,
      polling: 100,
    },
  );
  return page.evaluate(() => {
    const w = window as { __benchInteractiveAt?: number; __archpanelHydrated?: boolean };
    const scripts = performance
      .getEntriesByType("resource")
      .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
      .filter((e) => e.initiatorType === "script" || e.name.endsWith(".js"));
    const atInteractive = (w as { __benchMarkerAtInteractive?: boolean }).__benchMarkerAtInteractive;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return {
      interactiveMs: w.__benchInteractiveAt ?? NaN,
      htmlMs: nav?.responseEnd ?? NaN,
      scriptsMs: Math.max(...scripts.map((e) => e.responseEnd)),
      markerSet: "__archpanelHydrated" in w ? atInteractive === true : null,
      scripts: scripts.length,
      scriptBytes: scripts.reduce((n, e) => n + e.transferSize, 0),
    };
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function run(label: string, dir: string, browser: Chromium): Promise<number> {
  const served = await serve(dir);
  try {
    await measure(browser, served); // warm the server (SQLite, compressed assets), unmeasured
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await measure(browser, served));
    const times = loads.map((l) => l.interactiveMs);
    const html = median(loads.map((l) => l.htmlMs));
    const scripts = median(loads.map((l) => l.scriptsMs));
    const reloads = loads.map((l) => l.reloadMs);
    const last = loads[loads.length - 1]!;
    const medianLoad = [...loads].sort((a, b) => a.interactiveMs - b.interactiveMs)[
      Math.floor((loads.length - 1) / 2)
    ]!;
    const marker = loads.every((l) => l.markerSet === null)
      ? "no window.__archpanelHydrated in this build"
      : `window.__archpanelHydrated set when interactive: ${loads.filter((l) => l.markerSet).length}/${loads.length}`;
    process.stdout.write(
      `${label.padEnd(7)} median ${seconds(median(times))} (min ${seconds(Math.min(...times))}, max ${seconds(Math.max(...times))}) over ${RUNS} loads · ` +
        `${last.scripts} scripts, ${(last.scriptBytes / 1024).toFixed(1)} KiB on the wire · ${marker}\n` +
        `        (medians: HTML received ${seconds(html)}, last script received ${seconds(scripts)}, then ${seconds(median(times) - scripts)} to interactive)\n` +
        `        reload (scripts cached): median ${seconds(median(reloads))} (min ${seconds(Math.min(...reloads))}, max ${seconds(Math.max(...reloads))})\n` +
        `        median load: ${requestCount(medianLoad.requests)}\n` +
        `        main thread busy by interactive (medians): ${seconds(median(loads.map((l) => l.busy.tasks * 1000)))} in tasks, ` +
        `of which ${seconds(median(loads.map((l) => l.busy.scripts * 1000)))} running scripts, ` +
        `${seconds(median(loads.map((l) => l.busy.style * 1000)))} style, ${seconds(median(loads.map((l) => l.busy.layout * 1000)))} layout\n`,
    );
    if (process.argv.includes("--timeline")) printTimeline(medianLoad.requests);
    return median(times);
  } finally {
    await served.stop();
  }
}

function build(dir: string): void {
  const r = spawnSync("npx", ["remix", "build"], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`remix build failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
}

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    build(ROOT);
  }
  const before = arg("--before");
  let beforeDir: string | null = null;
  if (before) {
    beforeDir = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-tti-before-"));
    // a plain export of that commit (no worktree registered in the repository)
    execFileSync("sh", ["-c", `git archive "$0" | tar -x -C "$1"`, before, beforeDir], { cwd: ROOT, stdio: "inherit" });
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(beforeDir, "node_modules"));
    build(beforeDir);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  process.stdout.write(
    `Scorecard time to interactive, Chromium, CPU ${CPU_SLOWDOWN}× slower, DevTools "Fast 3G" (latency ${FAST_3G.latency} ms, ` +
      `${((FAST_3G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbps down), empty browser cache per load\n\n`,
  );
  try {
    const beforeMs = beforeDir ? await run("before", beforeDir, browser) : null;
    const nowMs = await run(beforeDir ? "now" : "median", ROOT, browser);
    process.stdout.write(
      `\n${beforeMs !== null ? `now / before: ${(nowMs / beforeMs).toFixed(2)} · ` : ""}goal ≤ ${seconds(GOAL_MS)}: ${nowMs <= GOAL_MS ? "met" : "MISSED"} (${(nowMs / GOAL_MS).toFixed(2)} of the goal)\n`,
    );
    if (nowMs > GOAL_MS) process.exitCode = 1;
  } finally {
    await browser.close();
    if (beforeDir) fs.rmSync(beforeDir, { recursive: true, force: true });
  }
}

void main();
