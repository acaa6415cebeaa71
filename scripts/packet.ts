// `npm run packet -- --loop <id> --out <file.pdf>`
// `npm run packet -- --all --out-dir <dir>`
//
// Writes hiring packet PDFs from the database at DATABASE_PATH (default ./data/archpanel.db), the
// same bytes the server's /loops/:id/packet.pdf gives a hiring manager, recruiter or admin (the
// packet includes interviewer calibration). With --all, one file per loop named
// `<loop id>-<candidate>-packet.pdf`, with a progress bar on stderr.
import fs from "node:fs";
import path from "node:path";

import { defaultDatabasePath, openDatabase } from "../db/client.server";
import type { Db } from "../db/client.server";

// The queries and the renderer load after the arguments are checked: a usage error or --help
// answers at once instead of after compiling the whole packet pipeline.
const pipeline = () =>
  Promise.all([
    import("../db/queries/loop/list.server"),
    import("../db/queries/review/loop-review.server"),
    import("../app/domain/packet/model"),
    import("../app/pdf/packet.server"),
    import("../app/server/artifacts.server"),
  ]).then(([list, review, model, pdf, artifacts]) => ({
    listLoopsForStaff: list.listLoopsForStaff,
    getLoopReview: review.getLoopReview,
    packetFileNames: model.packetFileNames,
    renderPacket: pdf.renderPacket,
    packetArtifacts: artifacts.packetArtifacts,
  }));
type Pipeline = Awaited<ReturnType<typeof pipeline>>;

const USAGE = `Usage:
  npm run packet -- --loop <loop id> --out <file.pdf> [--force] [--generated-at <ISO time>]
  npm run packet -- --all --out-dir <directory> [--force] [--generated-at <ISO time>]
"Generated" is now, or --generated-at (e.g. 2026-12-03T09:00:00Z) for a reproducible file.
Reads the database at DATABASE_PATH (now: ${defaultDatabasePath()}).`;

type Args = (
  { mode: "one"; loop: string; out: string; force: boolean } | { mode: "all"; outDir: string; force: boolean }
) & { generatedAt: number };

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function value(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith("--")) usage(`${flag} needs a value.`);
  return v;
}

function parseArgs(argv: string[]): Args {
  let loop = "";
  let out = "";
  let outDir = "";
  let all = false;
  let force = false;
  let generatedAt = Date.now();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--loop") loop = value(argv, i++, a);
    else if (a === "--out") out = value(argv, i++, a);
    else if (a === "--out-dir") outDir = value(argv, i++, a);
    else if (a === "--all") all = true;
    else if (a === "--force") force = true;
    else if (a === "--generated-at") {
      const v = value(argv, i++, a);
      // a full ISO 8601 date and time with its zone: no local-time guess
      generatedAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)
        ? Date.parse(v)
        : Number.NaN;
      if (!Number.isFinite(generatedAt)) usage(`Not an ISO time with a zone: ${v}`);
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`Writes hiring packet PDFs.\n${USAGE}\n`);
      process.exit(0);
    } else usage(`Unknown argument: ${a ?? ""}`);
  }
  if (all && loop) usage("Use either --loop <id> or --all, not both.");
  if (all) {
    if (!outDir) usage("--all needs --out-dir <directory>.");
    if (out) usage("--out is for one loop; with --all use --out-dir <directory>.");
    return { mode: "all", outDir: path.resolve(outDir), force, generatedAt };
  }
  if (!loop) usage("Missing --loop <loop id> (or --all).");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(loop)) usage(`Not a loop id: ${loop}`);
  if (!out) usage("Missing --out <file.pdf>.");
  if (outDir) usage("--out-dir is for --all; for one loop use --out <file.pdf>.");
  return { mode: "one", loop, out: path.resolve(out), force, generatedAt };
}

function openExisting(): Db {
  const file = defaultDatabasePath();
  if (!fs.existsSync(file)) {
    process.stderr.write(
      `No database at ${file}. Set DATABASE_PATH, or run npm run db:migrate && npm run seed:demo.\n`,
    );
    process.exit(1);
  }
  return openDatabase(file);
}

/** Writes via a temporary file and a rename, so a reader never sees half a PDF. */
function writeAtomic(file: string, data: Buffer, force: boolean): void {
  if (fs.existsSync(file) && !force) throw new Error(`${file} already exists; pass --force to replace it.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

async function renderLoop(
  { getLoopReview, renderPacket, packetArtifacts }: Pipeline,
  db: Db,
  loopId: string,
  generatedAt: number,
): Promise<{ pdf: Buffer; candidate: string } | null> {
  const review = getLoopReview(db, loopId);
  if (!review) return null;
  return {
    pdf: await renderPacket(review.aggregate, review.facts, review.rubric, {
      generatedAt,
      artifacts: packetArtifacts(db, review),
    }),
    candidate: review.facts.candidate.name,
  };
}

function bar(done: number, total: number, label: string): string {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const name = label.length > 40 ? `${label.slice(0, 39)}…` : label;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${name}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const db = openExisting();
  const p = await pipeline();
  try {
    if (args.mode === "one") {
      const started = performance.now();
      const r = await renderLoop(p, db, args.loop, args.generatedAt);
      if (!r) {
        process.stderr.write(`No loop with id ${args.loop} in ${defaultDatabasePath()}.\n`);
        process.exitCode = 1;
        return;
      }
      writeAtomic(args.out, r.pdf, args.force);
      process.stdout.write(
        `Wrote ${args.out} (${r.candidate}, ${(r.pdf.length / 1024).toFixed(0)} KiB, ${(performance.now() - started).toFixed(0)} ms)\n`,
      );
      return;
    }

    const loops = p.listLoopsForStaff(db, "").sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const tty = process.stderr.isTTY === true;
    const started = performance.now();
    let failed = 0;
    const show = (done: number, label: string): void => {
      if (tty) process.stderr.write(`\r\x1b[2K${bar(done, loops.length, label)}`);
      else process.stderr.write(`${bar(done, loops.length, label)}\n`);
    };
    show(0, "");
    for (let i = 0; i < loops.length; i++) {
      const l = loops[i];
      if (!l) continue;
      try {
        const r = await renderLoop(p, db, l.id, args.generatedAt);
        if (!r) throw new Error("loop disappeared");
        writeAtomic(path.join(args.outDir, `${l.id}-${p.packetFileNames(r.candidate).ascii}`), r.pdf, args.force);
      } catch (error) {
        failed++;
        if (tty) process.stderr.write("\n");
        process.stderr.write(
          `Loop ${l.id} (${l.candidateName}): ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
      show(i + 1, l.candidateName);
    }
    if (tty) process.stderr.write("\n");
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`Wrote ${loops.length - failed} of ${loops.length} packets to ${args.outDir} in ${secs} s\n`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Packet failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
