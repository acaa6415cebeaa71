/**
 * Where packets are rendered. A full loop's packet is 100–350 ms of synchronous CPU (text shaping,
 * layout, compression); on the request thread that is 100–350 ms in which no autosave, review page
 * or health check is answered. With PACKET_RENDER=worker (what `npm start` sets) a worker thread
 * renders them, one at a time, and the request thread only waits; otherwise (tests, scripts) they
 * render in this thread. The worker is started on the first packet and kept; it holds its own text
 * and font caches, so {@link retirePacketRenderer} (after an erasure) starts a fresh one and lets
 * the old one finish what it has, then exit with everything it remembered.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import type { PacketModel } from "../domain/packet/model";

import { renderPacketModel } from "./packet.server";

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Renderer {
  worker: Worker;
  pending: Map<number, Pending>;
  retired: boolean;
}

let current: Renderer | null = null;
let nextJob = 0;

export function packetRenderMode(): "worker" | "inline" {
  return process.env.PACKET_RENDER === "worker" ? "worker" : "inline";
}

function settle(renderer: Renderer): void {
  // an idle worker must not keep the process alive; a retired one leaves once it has answered
  if (renderer.pending.size > 0) return;
  if (renderer.retired) void renderer.worker.terminate();
  else renderer.worker.unref();
}

function startRenderer(): Renderer {
  // resolved from the project root: the server build is one bundled file in build/
  const root = process.cwd();
  const worker = new Worker(path.join(root, "scripts", "lib", "ts-worker.mjs"), {
    workerData: { entry: pathToFileURL(path.join(root, "app", "pdf", "render-worker.server.ts")).href },
  });
  const renderer: Renderer = { worker, pending: new Map(), retired: false };
  worker.on("message", (message: { id: number; pdf?: Uint8Array; error?: string }) => {
    const job = renderer.pending.get(message.id);
    if (!job) return;
    renderer.pending.delete(message.id);
    if (message.pdf) job.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
    else job.reject(new Error(`Packet render failed in the worker: ${message.error ?? "unknown error"}`));
    settle(renderer);
  });
  const fail = (error: Error) => {
    if (current === renderer) current = null;
    for (const job of renderer.pending.values()) job.reject(error);
    renderer.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`The packet renderer stopped (exit code ${code})`)));
  return renderer;
}

/** The packet's PDF, rendered off the request thread when PACKET_RENDER=worker. */
export function renderPacketOffThread(model: PacketModel, fingerprint: string): Promise<Buffer> {
  if (packetRenderMode() === "inline") return renderPacketModel(model, fingerprint);
  const renderer = (current ??= startRenderer());
  const id = nextJob++;
  return new Promise<Buffer>((resolve, reject) => {
    renderer.pending.set(id, { resolve, reject });
    renderer.worker.ref();
    renderer.worker.postMessage({ id, model, fingerprint });
  });
}

/**
 * Starts the renderer and has it load the fonts and build their shaping tables (~1 s of background
 * work at nice 10), so the first packet download after a start does not wait for them.
 */
export function prewarmPacketRenderer(): void {
  if (packetRenderMode() === "inline") return;
  const renderer = (current ??= startRenderer());
  renderer.worker.postMessage({ warm: true });
  settle(renderer);
}

/** The next packet starts a fresh worker; the current one exits once its renders are answered. */
export function retirePacketRenderer(): void {
  const renderer = current;
  if (!renderer) return;
  current = null;
  renderer.retired = true;
  settle(renderer);
}
