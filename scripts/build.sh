#!/usr/bin/env bash
# Configures (once) and builds with Ninja into build/. Incremental after the
# first run. BUILD_DIR and BUILD_TYPE may be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
cmake --build "$build_dir" "$@"
