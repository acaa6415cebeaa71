import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: {
    // vitest ignores tsconfig paths: mirror the alias
    alias: { "~": path.join(root, "app") },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/setup-unit.ts"],
    // generous: a loaded 2-core CI machine runs the heavier integration tests several times slower
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // every remembered review is checked against the database (db/queries/review/loop-review.server.ts),
    // in the servers the integration tests start too
    env: { ARCHPANEL_VERIFY_REVIEW_CACHE: "1" },
  },
});
