// Packets render in a worker thread in the server (PACKET_RENDER=worker): the same bytes as a render
// in this thread, and the request thread keeps answering while a packet renders.
import { afterAll, describe, expect, it } from "vitest";

import { buildPacketModel } from "../../app/domain/packet/model";
import { packetFingerprint } from "../../app/pdf/fingerprint.server";
import { renderPacketModel } from "../../app/pdf/packet.server";
import { renderPacketOffThread, retirePacketRenderer } from "../../app/pdf/render-pool.server";
import { aggregateFixture, buildPacketFixture } from "../../scripts/lib/packet-fixture";

const OPTIONS = { generatedAt: Date.UTC(2026, 0, 5, 9, 0) };

/** How many event-loop turns pass while `work` is pending: a blocked thread turns only a few times. */
async function turnsWhile(work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  let turns = 0;
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    turns++;
  }
  await work;
  return turns;
}

describe("packet render worker", () => {
  const fx = buildPacketFixture({ evidenceChars: 400 });
  const aggregate = aggregateFixture(fx);
  const model = buildPacketModel(aggregate, fx.facts, fx.rubric, OPTIONS);
  const fingerprint = packetFingerprint(aggregate, fx.facts, fx.rubric, {});
  const previous = process.env.PACKET_RENDER;
  afterAll(() => {
    retirePacketRenderer();
    if (previous === undefined) delete process.env.PACKET_RENDER;
    else process.env.PACKET_RENDER = previous;
  });

  it("renders the same bytes as this thread, and this thread keeps turning meanwhile", async () => {
    process.env.PACKET_RENDER = "inline";
    const inline = renderPacketModel(model, fingerprint);
    const inlineTurns = await turnsWhile(inline);

    process.env.PACKET_RENDER = "worker";
    const offThread = renderPacketOffThread(model, fingerprint);
    const workerTurns = await turnsWhile(offThread);

    expect(Buffer.compare(await offThread, await inline)).toBe(0);
    // rendering here runs the layout in one synchronous stretch; in the worker, the loop keeps going
    expect(inlineTurns).toBeLessThan(50);
    expect(workerTurns).toBeGreaterThan(inlineTurns * 4);
  });

  it("a retired renderer finishes what it has; the next packet gets a fresh worker", async () => {
    process.env.PACKET_RENDER = "worker";
    const first = renderPacketOffThread(model, fingerprint);
    retirePacketRenderer();
    const second = renderPacketOffThread(model, fingerprint);
    const [a, b] = await Promise.all([first, second]);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it("a render that fails in the worker rejects with the worker's reason", async () => {
    process.env.PACKET_RENDER = "worker";
    const broken = { ...model, dimensions: null } as unknown as typeof model;
    await expect(renderPacketOffThread(broken, fingerprint)).rejects.toThrow(/Packet render failed in the worker/);
    // and the worker still serves the next one
    expect((await renderPacketOffThread(model, fingerprint)).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
