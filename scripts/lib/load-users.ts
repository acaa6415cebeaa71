/**
 * One group of `bench:load`'s simulated people (the interviewers, or the hiring-manager viewers),
 * run in its own worker thread so that neither group's answers wait in the other's event loop
 * before they are timed. Started by scripts/bench-load.ts through scripts/lib/ts-worker.mjs; posts
 * its timings, the acknowledged saves and how busy its own event loop was.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

import { LightClient, type LightAnswer } from "./load-client";
import { savePayload } from "./load-payloads";

interface Session {
  token: string | null;
  csrf: string;
}

export interface UsersJob {
  kind: "interviewers" | "viewers";
  url: string;
  /** which of the bench's loaded slices this is (markers stay unique across slices) */
  slice: number;
  /** Date.now() at which the run ends (sent when the run starts) */
  deadline: number;
  saveEveryMs: number;
  thinkMs: number;
  hasPdf: boolean;
  interviewers: (Session & { cardId: string; version: number; index: number })[];
  viewers: (Session & { loops: string[]; index: number })[];
}

export interface RouteStats {
  ms: number[];
  errors: number;
  bytes: number;
  firstError?: string;
}

export interface UsersResult {
  kind: UsersJob["kind"];
  stats: [string, RouteStats][];
  acked: [string, { version: number; marker: string; count: number }][];
  /** event-loop utilization of this thread over the run (0–1) */
  elu: number;
  /** p99 of this thread's event-loop delay, ms */
  delayP99Ms: number;
}

export const LOADED_REVIEW = "GET /loops/:id (review page)";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A person's pause: the mean given, drawn from ±50 %. Fixed pauses put the simulated people in
 * lockstep after any stall (all ten viewers then ask at once, forever), which no panel does.
 */
const pause = (mean: number) => mean * (0.5 + Math.random());

/** Times one request into `stats` (any non-2xx answer or network failure is an error). */
export async function timed(
  stats: Map<string, RouteStats>,
  route: string,
  run: () => Promise<LightAnswer>,
): Promise<LightAnswer | null> {
  const s = stats.get(route) ?? { ms: [], errors: 0, bytes: 0 };
  stats.set(route, s);
  const t0 = performance.now();
  try {
    const r = await run();
    s.ms.push(performance.now() - t0);
    s.bytes += r.bytes;
    if (r.status < 200 || r.status >= 300) {
      s.errors++;
      s.firstError ??= `${r.status} ${(r.text ?? "").slice(0, 120)}`;
    }
    return r;
  } catch (e) {
    s.ms.push(performance.now() - t0);
    s.errors++;
    s.firstError ??= `${String(e)} ${String((e as { cause?: unknown }).cause ?? "")}`;
    return null;
  }
}

async function run(job: UsersJob): Promise<UsersResult> {
  const stats = new Map<string, RouteStats>();
  const acked = new Map<string, { version: number; marker: string; count: number }>();
  const left = () => job.deadline - Date.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const elu0 = performance.eventLoopUtilization();

  const interviewer = async (p: UsersJob["interviewers"][number]) => {
    const client = new LightClient(job.url, p);
    let version = p.version;
    let n = 0;
    await sleep(Math.random() * job.saveEveryMs); // spread the first saves over the interval
    while (left() > 0) {
      const tick = performance.now();
      const marker = `LOAD-${job.slice}-${p.index}-${++n}`;
      const r = await timed(stats, "POST /scorecards/:id/save", () =>
        client.postJson(`/scorecards/${p.cardId}/save`, savePayload(version, marker)),
      );
      if (r?.status === 200 && r.text) {
        version = (JSON.parse(r.text) as { version: number }).version;
        const prev = acked.get(p.cardId);
        acked.set(p.cardId, { version, marker, count: (prev?.count ?? 0) + 1 });
      }
      await sleep(Math.max(0, Math.min(pause(job.saveEveryMs) - (performance.now() - tick), left())));
    }
    client.close();
  };

  const viewer = async (v: UsersJob["viewers"][number]) => {
    const client = new LightClient(job.url, v);
    let n = v.index;
    await sleep(Math.random() * job.thinkMs);
    while (left() > 0) {
      const loopId = v.loops[n++ % v.loops.length]!;
      await timed(stats, LOADED_REVIEW, () => client.get(`/loops/${loopId}`));
      await timed(stats, "GET /loops/:id/packet.json", () => client.get(`/loops/${loopId}/packet.json`));
      if (job.hasPdf) await timed(stats, "GET /loops/:id/packet.pdf", () => client.get(`/loops/${loopId}/packet.pdf`));
      await sleep(Math.max(0, Math.min(pause(job.thinkMs), left())));
    }
    client.close();
  };

  await Promise.all(job.kind === "interviewers" ? job.interviewers.map(interviewer) : job.viewers.map(viewer));
  delay.disable();
  return {
    kind: job.kind,
    stats: [...stats],
    acked: [...acked],
    elu: performance.eventLoopUtilization(elu0).utilization,
    delayP99Ms: delay.percentile(99) / 1e6,
  };
}

// Ready once loaded; the run starts when the bench says so, with the end time it sends (both groups at once).
const port = parentPort;
if (port) {
  port.once("message", (start: { deadline: number }) => {
    void run({ ...(workerData as UsersJob), deadline: start.deadline }).then((result) => port.postMessage(result));
  });
  port.postMessage("ready");
}
