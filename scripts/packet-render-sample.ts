/**
 * Writes the fixture packet to a file so it can be looked at:
 *
 *   npx tsx scripts/packet-render-sample.ts [out.pdf] [--incomplete] [--empty] [--hostile] [--chars 2000]
 *   pdftoppm -r 60 -png out.pdf /tmp/pk    # page images
 *   pdftotext out.pdf - | less             # text extraction
 */
import fs from "node:fs";

import { renderPacket } from "../app/pdf/packet.server";
import { aggregateFixture, buildPacketFixture } from "./lib/packet-fixture";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a)) ?? "packet-sample.pdf";
  const charsIdx = args.indexOf("--chars");
  const evidenceChars = charsIdx >= 0 ? Number(args[charsIdx + 1]) : undefined;
  const fx = buildPacketFixture({
    incomplete: args.includes("--incomplete"),
    hostile: args.includes("--hostile"),
    empty: args.includes("--empty"),
    evidenceChars,
  });
  const started = performance.now();
  const pdf = await renderPacket(aggregateFixture(fx), fx.facts, fx.rubric, { generatedAt: Date.now() });
  const ms = performance.now() - started;
  fs.writeFileSync(out, pdf);
  process.stdout.write(`wrote ${out}: ${pdf.length} bytes in ${ms.toFixed(0)} ms (cold, includes font loading)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
