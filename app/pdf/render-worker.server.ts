/**
 * The packet renderer's worker thread (started by render-pool.server.ts): renders each model it is
 * sent and posts the PDF bytes back, transferred rather than copied.
 */
import { parentPort } from "node:worker_threads";

import type { PacketModel } from "../domain/packet/model";

import { renderPacketModel } from "./packet.server";

interface RenderJob {
  id: number;
  model: PacketModel;
  fingerprint: string;
}

const port = parentPort;
if (!port) throw new Error("render-worker.server.ts runs as a worker thread (see render-pool.server.ts)");

port.on("message", (job: RenderJob) => {
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
