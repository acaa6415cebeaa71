import { readMigrationFiles } from "drizzle-orm/migrator";

import { getDb, MIGRATIONS_FOLDER } from "../../db/client.server";

/** Liveness + readiness: the database answers and every migration in drizzle/ is applied. */
export async function loader() {
  try {
    const db = getDb();
    db.$client.prepare("select 1").get();
    const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
    const applied = (db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    const ok = applied === expected;
    return Response.json(
      { ok, database: "ok", migrations: { applied, expected } },
      { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { ok: false, database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
