#!/usr/bin/env bash
# npm test: type check, lint, unit + integration (Vitest), build, server tests (Vitest against the
# production server), browser tests (Playwright).
# Ends with one line summing every runner: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0
mkdir -p reports
rm -f reports/*.json reports/checks.txt

check() { # a named check that is not a test runner counts as one test
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "pass $name" >> reports/checks.txt; else echo "fail $name" >> reports/checks.txt; fi
}

check typecheck npx tsc
check lint npx eslint . --max-warnings 0
echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
check build npx remix vite:build
if grep -q "^pass build" reports/checks.txt; then
  echo "== server tests (crash safety, backup and restore; production build)"
  npx vitest run --config vitest.server.config.ts --reporter=default --reporter=json --outputFile.json=reports/vitest-server.json
  echo "== browser tests"
  PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test
else
  echo "skipping server and browser tests: the build failed"
fi
node tests/summary.mjs reports/checks.txt reports/vitest.json reports/vitest-server.json reports/playwright.json
