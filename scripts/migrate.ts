// Applies drizzle/ migrations to the configured database (DATABASE_PATH or ./data/archpanel.db),
// then publishes the rubric versions that ship with ArchPanel and the database lacks (rubric v2).
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";
import { publishShippedRubrics } from "../db/queries/rubric/rubrics.server";

function main(): void {
  const file = defaultDatabasePath();
  const db = openDatabase(file);
  migrateDatabase(db);
  const published = publishShippedRubrics(db);
  db.$client.close();
  process.stdout.write(`Migrations applied to ${file}\n`);
  for (const line of published) process.stdout.write(`${line}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
