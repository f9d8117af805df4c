#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest, inside
# a private D-Bus session with a real (throwaway) Secret Service keyring; then
# fuzzes the parsers briefly (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/deps.sh
./scripts/build.sh
status=0
./scripts/with-keyring.sh ctest --test-dir build --output-on-failure -j "$(nproc)" "$@" || status=$?
# Then a short libFuzzer run of each parser (tests/fuzz/); MALL_FUZZ_SECONDS=0
# skips it, scripts/fuzz.sh --seconds N fuzzes longer. Runs even after a ctest
# failure, so one run reports both; the exit code is ctest's if that failed.
fuzz_seconds=${MALL_FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" -gt 0 ]; then
  fuzz_status=0
  ./scripts/fuzz.sh --seconds "$fuzz_seconds" || fuzz_status=$?
  [ "$status" -ne 0 ] || status=$fuzz_status
fi
exit "$status"
