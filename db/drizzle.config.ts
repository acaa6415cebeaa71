import { defineConfig } from "drizzle-kit";

// drizzle-kit resolves these from the current directory: run it from the project root
// (npm run db:generate does).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
  dbCredentials: { url: process.env.DATABASE_PATH ?? "./data/archpanel.db" },
});
