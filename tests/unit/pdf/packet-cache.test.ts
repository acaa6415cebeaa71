// Packets kept by content fingerprint: the same input is rendered once and sent as the same
// bytes; any change in the input (or the viewer's calibration option) is a different packet.
import { describe, expect, it } from "vitest";

import { cachedPacket, clearPacketCache } from "../../../app/pdf/packet-cache.server";
import { renderPacket } from "../../../app/pdf/packet.server";
import { aggregateFixture, buildPacketFixture } from "../../../scripts/lib/packet-fixture";

// "Generated" is an input of the render; a fixed time keeps the bytes comparable
const AT = { generatedAt: Date.UTC(2026, 0, 5, 9, 0) };

describe("cachedPacket", () => {
  const fx = buildPacketFixture({ evidenceChars: 200 });
  const aggregate = aggregateFixture(fx);

  it("renders the same content once, concurrent downloads included, with the renderer's bytes", async () => {
    clearPacketCache();
    const [a, b] = await Promise.all([
      cachedPacket(aggregate, fx.facts, fx.rubric, AT),
      cachedPacket(aggregate, fx.facts, fx.rubric, AT),
    ]);
    expect(b).toBe(a);
    expect(await cachedPacket(aggregate, fx.facts, fx.rubric, AT)).toBe(a);
    expect(a.equals(await renderPacket(aggregate, fx.facts, fx.rubric, AT))).toBe(true);
  });

  it("renders again when the content or the viewer's options change, and after clearing", async () => {
    clearPacketCache();
    const first = await cachedPacket(aggregate, fx.facts, fx.rubric, AT);
    const withheld = await cachedPacket(aggregate, fx.facts, fx.rubric, { ...AT, calibrationWithheld: true });
    expect(withheld.equals(first)).toBe(false);
    const renamed = { ...fx.facts, candidate: { ...fx.facts.candidate, name: "Another Candidate" } };
    const other = await cachedPacket(aggregate, renamed, fx.rubric, AT);
    expect(other.equals(first)).toBe(false);
    clearPacketCache();
    const again = await cachedPacket(aggregate, fx.facts, fx.rubric, AT);
    expect(again).not.toBe(first);
    expect(again.equals(first)).toBe(true);
  });
});
