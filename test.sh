#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest, inside
# a private D-Bus session with a real (throwaway) Secret Service keyring.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/deps.sh
./scripts/build.sh
exec ./scripts/with-keyring.sh ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
