#!/usr/bin/env bash
# Starts the built app for the browser tests on a fresh database seeded with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/index.js ] || npx remix build
DIR="tests/.tmp/e2e-$$"
mkdir -p "$DIR"
export DATABASE_PATH="$DIR/archpanel.db"
export NODE_ENV=production
export COOKIE_SECURE=false
export SESSION_SECRET="e2e-session-secret-0123456789"
# every remembered review is checked against the database: a write path that changes a review unnoticed fails the page
export ARCHPANEL_VERIFY_REVIEW_CACHE=1
npx tsx scripts/seed-demo.ts >/dev/null
exec npx tsx scripts/server.ts
