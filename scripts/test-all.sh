#!/usr/bin/env bash
# `npm test`: every test. Typecheck, lint, unit + integration (vitest), crash test, and the
# browser end-to-end suite against the built app. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n=== %s ===\n' "$1"; }
[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
bash scripts/ensure-chromium.sh
bash scripts/ensure-poppler.sh
stage "typecheck"; npx tsc -p tsconfig.json
stage "format (prettier --check)"; npx prettier --check --log-level warn .
stage "lint"; npx eslint --config .eslint.config.js --max-warnings 0 .
stage "migrations in sync with db/schema.ts"; npx drizzle-kit check --config db/drizzle.config.ts
stage "build"; npx remix build
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT
stage "unit + integration (vitest)"; npx vitest run --config tests/vitest.config.ts 2>&1 | tee "$LOGS/vitest.log"
if [ -f scripts/crash-test.ts ]; then stage "crash test"; npx tsx scripts/crash-test.ts; fi
stage "end-to-end (Playwright + Chromium)"; npx playwright test --config tests/playwright.config.ts 2>&1 | tee "$LOGS/e2e.log"
# One closing line with the counts of both runners (every stage above stops the run on failure).
count() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -oE "$2" | grep -oE '[0-9]+' | head -n 1 || true; }
unit=$(count "$LOGS/vitest.log" 'Tests +[0-9]+ passed')
e2e=$(count "$LOGS/e2e.log" '^ *[0-9]+ passed')
printf '\nAll test stages passed.\n%d passed, 0 failed\n' "$(( ${unit:-0} + ${e2e:-0} ))"
