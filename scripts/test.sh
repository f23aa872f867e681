#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root) to every test passing:
# installs the packages, builds, and runs the unit, integration and browser
# tests; then builds again with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs the unit and integration tests on that build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

BLUEMEET_TEST_PG_URL=$(./scripts/test-postgres.sh start)
export BLUEMEET_TEST_PG_URL
trap './scripts/test-postgres.sh stop' EXIT

echo "== web apps: type checks and unit tests"
(cd web/client && npm ci --no-audit --no-fund --loglevel=error && npm run --silent typecheck && npm test --silent)
(cd web/portal && npm ci --no-audit --no-fund --loglevel=error && npm run --silent typecheck && npm test --silent)

echo "== build (warnings are errors) and all tests"
BUILD_DIR=build ./scripts/build.sh -DBLUEMEET_WERROR=ON
ctest --test-dir build --output-on-failure -j 2

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build: unit and integration tests"
# Without the browser tests and the suites that wait on real poll cycles
# (label timing): the sanitized build is too slow for their waits.
BUILD_DIR=build-asan ./scripts/build.sh -DBLUEMEET_WERROR=ON -DBLUEMEET_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j 2 -LE "e2e|timing"
