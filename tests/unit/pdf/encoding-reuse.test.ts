// The text engine reuses laid-out lines and their encoded glyph runs across documents (glyph
// orders, app/pdf/text/emit.server.ts): a packet must come out byte for byte as it does in a
// process that has rendered nothing else, whatever other packets were rendered before it.
import { describe, expect, it } from "vitest";

import { renderPacket } from "../../../app/pdf/packet.server";
import { clearTextCaches } from "../../../app/pdf/text/caches.server";
import { aggregateFixture, buildPacketFixture } from "../../../scripts/lib/packet-fixture";

const AT = { generatedAt: Date.UTC(2026, 0, 5, 9, 0) };

function packet(opts: Parameters<typeof buildPacketFixture>[0]): () => Promise<Buffer> {
  const fx = buildPacketFixture({ evidenceChars: 400, ...opts });
  const aggregate = aggregateFixture(fx);
  return () => renderPacket(aggregate, fx.facts, fx.rubric, AT);
}

describe("encoded text reused across documents", () => {
  it("gives the same bytes as a first render, after other packets drew other glyphs first", async () => {
    const full = packet({});
    const hostile = packet({ hostile: true });
    const other = packet({ seed: 1001, incomplete: true });
    const first = await full();
    const firstOther = await other();
    // other text in between: the hostile packet draws other glyphs first (a new glyph order)
    await hostile();
    expect((await full()).equals(first)).toBe(true);
    expect((await other()).equals(firstOther)).toBe(true);
    expect((await full()).equals(first)).toBe(true);
    // and with the caches dropped (new shaped words, lines and glyph orders)
    clearTextCaches();
    expect((await other()).equals(firstOther)).toBe(true);
    expect((await full()).equals(first)).toBe(true);
  });
});
