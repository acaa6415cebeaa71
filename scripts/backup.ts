// `npm run backup -- --out <file> [--db <database>] [--force]`
//
// An online, consistent backup while the server runs: SQLite's backup API (better-sqlite3
// `db.backup()`) copies every page in one step inside a read transaction, so the copy is a
// snapshot of one committed state; in WAL mode the server keeps writing meanwhile. The copy is
// written beside the target, checked with `PRAGMA integrity_check`, switched to a self-contained
// single file (journal_mode=DELETE), fsynced and only then renamed into place.
import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { defaultDatabasePath } from "../db/client.server";

interface Args {
  out: string;
  db: string;
  force: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run backup -- --out <file> [--db <database file>] [--force]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let out = "";
  let db = "";
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") out = argv[++i] ?? "";
    else if (a === "--db") db = argv[++i] ?? "";
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") usage("Takes an online, consistent backup of the ArchPanel database.");
    else usage(`Unknown argument: ${a}`);
  }
  if (!out) usage("Missing --out <file>.");
  return { out: path.resolve(out), db: db ? path.resolve(db) : defaultDatabasePath(), force };
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}

export async function backupDatabase(
  source: string,
  out: string,
  opts: { force?: boolean } = {},
): Promise<{ bytes: number; pages: number; ms: number }> {
  const started = Date.now();
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  if (path.resolve(source) === path.resolve(out))
    throw new Error("The backup must go to another file than the database.");
  if (fs.existsSync(out) && !opts.force) throw new Error(`${out} already exists; pass --force to replace it.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const src = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    src.pragma("busy_timeout = 10000");
    // One step with every page: the copy is taken inside a single read transaction, so it is one
    // committed state even while the server writes (WAL readers do not block writers).
    const result = await src.backup(tmp, { progress: () => 0x7fffffff });
    pages = result.totalPages;
  } finally {
    src.close();
  }
  const copy = new Database(tmp);
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`The backup failed its integrity check: ${String(check)}`);
    // a single self-contained file: no -wal needed beside it
    copy.pragma("journal_mode = DELETE");
  } catch (error) {
    copy.close();
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  copy.close();
  fsyncFile(tmp);
  fs.renameSync(tmp, out);
  fsyncDir(path.dirname(out));
  return { bytes: fs.statSync(out).size, pages, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  try {
    const r = await backupDatabase(args.db, args.out, { force: args.force });
    process.stdout.write(
      `Backup written: ${args.out} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.pages} pages, ${r.ms} ms, integrity ok)\n`,
    );
  } catch (error) {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith("backup.ts")) void main();
