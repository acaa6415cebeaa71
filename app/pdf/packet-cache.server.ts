/**
 * Rendered packets kept by their content fingerprint. Rendering a full loop's packet costs
 * 100–350 ms of CPU (off the request thread in the server: render-pool.server.ts), and identical
 * input gives a byte-identical PDF (packet.server.ts), so a packet whose inputs have not changed
 * since the last download is sent from memory, and
 * concurrent downloads of the same packet share one render. Any change (a submit, an amend, a
 * decision, an erasure, a draft's last save on another printed day) changes the fingerprint, so
 * nothing stale is ever served; the fingerprint
 * covers the viewer-dependent option (calibration withheld), so viewers never share a packet they
 * should not see.
 *
 * Server-only: holds hiring data in process memory, like the review page's data.
 */
import { buildPacketModel, type PacketOptions } from "../domain/packet/model";
import type { LoopAggregate, LoopFacts } from "../domain/review/types";
import type { RubricContent } from "../domain/rubric/model";

import { packetFingerprint } from "./fingerprint.server";
import { renderPacketOffThread, retirePacketRenderer } from "./render-pool.server";
import { clearTextCaches } from "./text/caches.server";

/** Upper bound of the cached PDFs' bytes (a 64-page packet is ~0.5 MB). */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

// fingerprint → the PDF (or its render in flight); Map order is the least recently used first
const cache = new Map<string, Promise<Buffer>>();
const sizes = new Map<string, number>();
let cachedBytes = 0;

function evict(): void {
  for (const fingerprint of cache.keys()) {
    if (cachedBytes <= MAX_CACHED_BYTES) return;
    const size = sizes.get(fingerprint);
    if (size === undefined) continue; // still rendering
    cache.delete(fingerprint);
    sizes.delete(fingerprint);
    cachedBytes -= size;
  }
}

/** The packet PDF, rendered once per distinct content (see the header comment). */
export function cachedPacket(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: PacketOptions,
): Promise<Buffer> {
  const fingerprint = packetFingerprint(aggregate, facts, rubric, options);
  const hit = cache.get(fingerprint);
  if (hit) {
    cache.delete(fingerprint);
    cache.set(fingerprint, hit);
    return hit;
  }
  const rendering = renderPacketOffThread(buildPacketModel(aggregate, facts, rubric, options), fingerprint);
  cache.set(fingerprint, rendering);
  rendering.then(
    (pdf) => {
      if (cache.get(fingerprint) !== rendering) return;
      sizes.set(fingerprint, pdf.length);
      cachedBytes += pdf.length;
      evict();
    },
    () => {
      if (cache.get(fingerprint) === rendering) cache.delete(fingerprint);
    },
  );
  return rendering;
}

/**
 * Drops every cached packet and retires the render worker with its text caches: an erasure leaves
 * no copy of the erased text in memory.
 */
export function clearPacketCache(): void {
  retirePacketRenderer();
  clearTextCaches();
  cache.clear();
  sizes.clear();
  cachedBytes = 0;
}
