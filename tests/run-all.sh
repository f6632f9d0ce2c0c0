#!/usr/bin/env bash
# `npm test`: everything — type check, lint + layer arrows, the PWA build, then every test
# (unit, integration on loopback, browser in Debian's Chromium) in one Vitest run whose JSON
# report (test-results/vitest.json) .ci/run counts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/ensure-chromium.sh
bash tests/ensure-xmllint.sh
echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint + layers"; npm run --silent lint
echo "== build PWA"; npx vite build --logLevel warn
echo "== tests"
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
