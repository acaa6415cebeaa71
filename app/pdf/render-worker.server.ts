/**
 * The packet renderer's worker thread (started by render-pool.server.ts): renders each model it is
 * sent and posts the PDF bytes back, transferred rather than copied.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parentPort } from "node:worker_threads";

import type { PacketModel } from "../domain/packet/model";

import { warmFonts } from "./fonts.server";
import { renderPacketModel } from "./packet.server";
import { warmShaping } from "./text/shape.server";

interface RenderJob {
  id: number;
  model: PacketModel;
  fingerprint: string;
}

/** Sent once when the server starts: load the fonts and build their tables before any download. */
interface WarmJob {
  warm: true;
}

const port = parentPort;
if (!port) throw new Error("render-worker.server.ts runs as a worker thread (see render-pool.server.ts)");

/**
 * A render is background work: on a machine with fewer cores than busy threads it must yield to the
 * request thread, or every page waits while packets render (bench:load). Linux gives each thread its
 * own nice value: this thread's id, from /proc/thread-self, niced to 10. Elsewhere it keeps the
 * process's priority.
 */
function yieldToRequests(): void {
  try {
    const threadId = Number(path.basename(fs.readlinkSync("/proc/thread-self")));
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, 10);
  } catch {
    // no /proc/thread-self (not Linux) or not permitted: render at the same priority
  }
}
yieldToRequests();

port.on("message", (job: RenderJob | WarmJob) => {
  if ("warm" in job) {
    try {
      warmFonts();
      warmShaping();
    } catch {
      // a missing optional font is reported when a packet is built
    }
    return;
  }
  renderPacketModel(job.model, job.fingerprint).then(
    (pdf) => {
      // a Buffer may view part of a shared pool: transfer only a buffer of its own
      const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : Buffer.from(pdf);
      const bytes = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
      port.postMessage({ id: job.id, pdf: bytes }, [bytes.buffer as ArrayBuffer]);
    },
    (error: unknown) => {
      port.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    },
  );
});
