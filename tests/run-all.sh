#!/usr/bin/env bash
# Every gate and suite: type-check, lint, production build, unit + component + server tests (Vitest, the server
# suite on the embedded database and on a throwaway PostgreSQL), browser tests (Playwright, Debian Chromium).
# Prints one closing line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export CI=${CI:-1}
bash .ci/install-system-deps.sh || exit 1
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1
mkdir -p .tmp/reports
rm -f .tmp/reports/unit.json .tmp/reports/e2e.json
gate_passed=0 gate_failed=0
gate() { # name, command...
  local name=$1; shift
  echo "── $name"
  if "$@"; then gate_passed=$((gate_passed + 1)); else gate_failed=$((gate_failed + 1)); echo "✗ $name failed"; fi
}

pg_dir=""
if [ -z "${DATABASE_URL_TEST:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pg_dir=$(mktemp -d /tmp/branch-log-pg.XXXXXX)
  port=$((20000 + RANDOM % 20000))
  if url=$(bash tests/support/pg-cluster.sh start "$pg_dir" "$port"); then
    export DATABASE_URL_TEST=$url
    echo "PostgreSQL test cluster at $url"
  else
    echo "could not start PostgreSQL; the server suite will run on the embedded database only"
  fi
fi
cleanup() { [ -n "$pg_dir" ] && bash tests/support/pg-cluster.sh stop "$pg_dir"; }
trap cleanup EXIT

gate "type-check" npx vue-tsc --build
gate "lint" npx eslint .
gate "build" npx vite build --logLevel warn
echo "── unit, component and server tests"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/reports/unit.json
echo "── browser tests"
npx playwright test

node tests/support/count-results.mjs "$gate_passed" "$gate_failed" .tmp/reports/unit.json .tmp/reports/e2e.json
