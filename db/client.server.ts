import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle inside `db.transaction((tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** Migrations live in <project root>/drizzle; the server always runs from the project root. */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

export function defaultDatabasePath(): string {
  return path.resolve(process.cwd(), process.env.DATABASE_PATH ?? "data/archpanel.db");
}

/**
 * Opens a SQLite database with the pragmas ArchPanel relies on. Never migrates: callers
 * (the server at start-up, scripts, tests) call `migrateDatabase` explicitly.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL, not NORMAL: in WAL mode NORMAL already survives a process crash, but an acknowledged
  // scorecard save must also survive an OS crash or power loss; FULL fsyncs the WAL on every
  // commit. Measured cost is well inside the autosave budget (see bench:autosave).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  // Backups, scripts and the server may touch the file at once: wait rather than fail.
  sqlite.pragma("busy_timeout = 5000");
  return drizzle({ client: sqlite, schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

declare global {
  var __archpanelDb: Db | undefined;
}

/** The process-wide database handle (kept across dev rebuilds). */
export function getDb(): Db {
  if (!globalThis.__archpanelDb) {
    globalThis.__archpanelDb = openDatabase(defaultDatabasePath());
  }
  return globalThis.__archpanelDb;
}

export function closeDb(): void {
  globalThis.__archpanelDb?.$client.close();
  globalThis.__archpanelDb = undefined;
}
