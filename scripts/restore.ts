// `npm run restore -- --from <backup file> [--db <database>] [--force]`
//
// Restores a backup made by `npm run backup`. Stop the server first. Steps:
//  1. the backup must pass `PRAGMA integrity_check` and look like an ArchPanel database whose
//     migrations this code knows (a backup from a newer version is refused);
//  2. an existing database is never overwritten without --force; with --force the replaced file is
//     kept beside it as `<db>.replaced-<timestamp>` (after folding its WAL in);
//  3. the backup is copied to a temporary file next to the target, checked again, fsynced, stale
//     -wal/-shm files of the target are removed, and the copy is renamed over the target (atomic).
import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";

import { defaultDatabasePath, MIGRATIONS_FOLDER } from "../db/client.server";

interface Args {
  from: string;
  db: string;
  force: boolean;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run restore -- --from <backup file> [--db <database file>] [--force]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  let from = "";
  let db = "";
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--from") from = argv[++i] ?? "";
    else if (a === "--db") db = argv[++i] ?? "";
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") usage("Restores an ArchPanel backup.");
    else usage(`Unknown argument: ${a}`);
  }
  if (!from) usage("Missing --from <backup file>.");
  return { from: path.resolve(from), db: db ? path.resolve(db) : defaultDatabasePath(), force };
}

class RestoreError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function fsyncPath(file: string): void {
  try {
    const fd = fs.openSync(file, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // directories cannot be fsynced everywhere; renames stay atomic
  }
}

/** Integrity + shape of a database file; returns the number of applied migrations. */
function verify(file: string, label: string, readonly = true): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
  } catch (error) {
    throw new RestoreError(
      `${label} cannot be opened as a SQLite database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    let check: unknown;
    try {
      check = db.pragma("integrity_check", { simple: true });
    } catch (error) {
      throw new RestoreError(
        `${label} is not a valid SQLite database: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (check !== "ok") throw new RestoreError(`${label} failed its integrity check: ${String(check)}`);
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    for (const t of ["__drizzle_migrations", "users", "candidates", "loops", "scorecards", "audit_log"]) {
      if (!tables.has(t)) throw new RestoreError(`${label} is not an ArchPanel database (no ${t} table).`);
    }
    const applied = (db.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
    if (applied > known) {
      throw new RestoreError(
        `${label} comes from a newer ArchPanel (${applied} migrations; this version knows ${known}). Upgrade first.`,
      );
    }
    return applied;
  } finally {
    db.close();
  }
}

export async function restoreDatabase(
  from: string,
  target: string,
  opts: { force?: boolean } = {},
): Promise<{ replaced: string | null }> {
  if (!fs.existsSync(from)) throw new RestoreError(`No backup at ${from}`);
  if (path.resolve(from) === path.resolve(target))
    throw new RestoreError("The backup and the database are the same file.");
  verify(from, "The backup");
  const exists = fs.existsSync(target) && fs.statSync(target).size > 0;
  if (exists && !opts.force) {
    throw new RestoreError(
      `A database already exists at ${target}. Stop the server, then pass --force to replace it (the old file is kept beside it).`,
      3,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restore-${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  try {
    const copy = new Database(tmp);
    try {
      copy.pragma("journal_mode = WAL");
    } finally {
      // the last read-write connection checkpoints and removes the copy's -wal/-shm
      copy.close();
    }
    verify(tmp, "The restored copy", false);
    fsyncPath(tmp);
  } catch (error) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    throw error;
  }

  let replaced: string | null = null;
  if (exists) {
    // Fold the old database's WAL into its main file so the kept copy is complete on its own.
    try {
      const old = new Database(target, { fileMustExist: true });
      old.pragma("busy_timeout = 5000");
      old.pragma("wal_checkpoint(TRUNCATE)");
      old.close();
    } catch {
      // a damaged database is being replaced: keep whatever is there
    }
    replaced = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.linkSync(target, replaced);
  }
  // A -wal left beside the new file would be replayed onto it: remove them before the switch.
  fs.rmSync(`${target}-wal`, { force: true });
  fs.rmSync(`${target}-shm`, { force: true });
  fs.renameSync(tmp, target);
  fsyncPath(path.dirname(target));
  verify(target, "The restored database", false);
  return { replaced };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  try {
    const r = await restoreDatabase(args.from, args.db, { force: args.force });
    process.stdout.write(
      `Restored ${args.from} -> ${args.db} (integrity ok)${r.replaced ? `; the previous database is kept at ${r.replaced}` : ""}\n`,
    );
  } catch (error) {
    process.stderr.write(`Restore refused: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof RestoreError ? error.exitCode : 1);
  }
}

if (process.argv[1]?.endsWith("restore.ts")) void main();
