/**
 * The packet's fingerprint: SHA-256 of the canonical JSON of everything it is rendered from.
 *
 * Server-only: node:crypto.
 */
import { createHash } from "node:crypto";

import { artifactFingerprintInput } from "../domain/packet/artifacts";
import type { PacketOptions } from "../domain/packet/model";
import type { LoopAggregate, LoopFacts } from "../domain/review/types";
import type { RubricContent } from "../domain/rubric/model";

/** Feeds a hash in ~32K-character chunks: no array of pieces and no megabyte-long joined string. */
class HashSink {
  private acc = "";
  constructor(private readonly hash: ReturnType<typeof createHash>) {}
  push(...pieces: string[]): void {
    for (const p of pieces) this.acc += p;
    if (this.acc.length > 32_768) this.flush();
  }
  flush(): void {
    if (this.acc) this.hash.update(this.acc, "utf8");
    this.acc = "";
  }
}

/** Canonical JSON: object keys sorted at every level (arrays keep their order); undefined is dropped. */
function writeCanonical(value: unknown, out: HashSink): void {
  if (value === null || value === undefined) {
    out.push("null");
  } else if (typeof value !== "object") {
    out.push(JSON.stringify(value) ?? "null");
  } else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      writeCanonical(value[i], out);
    }
    out.push("]");
  } else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    out.push("{");
    let first = true;
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(k), ":");
      writeCanonical(v, out);
    }
    out.push("}");
  }
}

const DAY = 86_400_000;

/**
 * The packet prints the last save of a scorecard not yet submitted by its UTC day (its state line;
 * "Data as of" ignores drafts' saves), so the fingerprint reads it to the day too: interviewers
 * autosaving drafts during a panel leave the packet's pages, bytes and fingerprint as they were, and
 * the cached PDF is sent rather than rendered again (when it was read to the minute, bench:load's
 * render worker re-rendered each loop's packet about every 12 s, taking CPU from the cores the
 * request thread runs on).
 */
function asPrinted(aggregate: LoopAggregate): LoopAggregate {
  return {
    ...aggregate,
    scorecards: aggregate.scorecards.map((sc) =>
      sc.status === "submitted" ? sc : { ...sc, lastSavedAt: Math.floor(sc.lastSavedAt / DAY) * DAY },
    ),
  };
}

/**
 * SHA-256 (hex) of the canonical JSON of everything the packet is rendered from. Printed on every
 * page, so two printouts can be compared. The generation time is not part of it: the same data
 * gives the same fingerprint (and the same pages) whenever it is rendered.
 */
export function packetFingerprint(
  aggregate: LoopAggregate,
  facts: LoopFacts,
  rubric: RubricContent,
  options: Pick<PacketOptions, "calibrationWithheld" | "artifacts"> = {},
): string {
  // Options are part of the input only when set, so the common fingerprint stays stable. Attached
  // pictures count by their content hash, caption and placement (their bytes are not re-hashed).
  const artifacts = options.artifacts?.length ? artifactFingerprintInput(options.artifacts) : undefined;
  const opts =
    options.calibrationWithheld || artifacts
      ? { ...(options.calibrationWithheld ? { calibrationWithheld: true } : {}), ...(artifacts ? { artifacts } : {}) }
      : undefined;
  const hash = createHash("sha256");
  const sink = new HashSink(hash);
  writeCanonical({ packet: 1, aggregate: asPrinted(aggregate), facts, rubric, options: opts }, sink);
  sink.flush();
  return hash.digest("hex");
}
