import { readMigrationFiles } from "drizzle-orm/migrator";

import type { Db } from "../client.server";
import { MIGRATIONS_FOLDER } from "../client.server";

export type DatabaseHealth =
  | { ok: boolean; database: "ok"; migrations: { applied: number; expected: number } }
  | { ok: false; database: "unreachable" };

// The migration files ship with the build and do not change while it runs: read and hashed once per
// process, not on every probe (~1 ms of the request thread each).
let expectedMigrations: number | undefined;

/**
 * Liveness + readiness: the database answers and every migration in drizzle/ is applied. Never
 * throws: opening the database is part of the check, and an error says only "unreachable" (no
 * SQLite message leaks to the probe).
 */
export function databaseHealth(open: () => Db): DatabaseHealth {
  try {
    const db = open();
    db.$client.prepare("select 1").get();
    const expected = (expectedMigrations ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length);
    const applied = (db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    return { ok: applied === expected, database: "ok", migrations: { applied, expected } };
  } catch {
    return { ok: false, database: "unreachable" };
  }
}
