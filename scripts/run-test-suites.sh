#!/usr/bin/env bash
# Runs each suite (already inside the keyring session and virtual display), then prints one closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx vitest run --config vitest.config.mts --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1
if [ -f test/browser/playwright.config.ts ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/playwright.json" \
    npx playwright test --config test/browser/playwright.config.ts --reporter=list,json || status=1
fi
if [ -f test/electron/playwright.config.ts ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/test-results/playwright-electron.json" \
    npx playwright test --config test/electron/playwright.config.ts --reporter=list,json || status=1
fi
node scripts/summarize-tests.mjs test-results/vitest.json test-results/playwright.json test-results/playwright-electron.json || status=1
exit $status
