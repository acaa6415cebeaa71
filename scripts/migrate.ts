// Applies drizzle/ migrations to the configured database (DATABASE_PATH or ./data/archpanel.db).
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";

function main(): void {
  const file = defaultDatabasePath();
  const db = openDatabase(file);
  migrateDatabase(db);
  db.$client.close();
  process.stdout.write(`Migrations applied to ${file}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
