import { readMigrationFiles } from "drizzle-orm/migrator";

import { MIGRATIONS_FOLDER, type Db } from "../../client.server";

export type DatabaseHealth =
  { reachable: true; migrations: { applied: number; expected: number } } | { reachable: false };

/**
 * Whether the database answers, and how many of the migrations in drizzle/ it has applied. Never
 * throws: a database that cannot be opened or queried reads as unreachable (the error itself is
 * not for the public health check).
 */
export function databaseHealth(connect: () => Db): DatabaseHealth {
  try {
    const db = connect();
    db.$client.prepare("select 1").get();
    const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
    const applied = (db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    return { reachable: true, migrations: { applied, expected } };
  } catch {
    return { reachable: false };
  }
}
