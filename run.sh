#!/usr/bin/env bash
# Installs what is missing, builds, and opens the mall. The app starts its
# own mall-server inside (dev mode, with the QA panel), so nothing else is
# needed. Extra arguments go to mall-client (e.g. --api URL, --lang en).
# Without a display, the backend alone is started instead.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/deps.sh
./scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting mall-server (dev mode) on port ${PORT:-8787} instead of the app." >&2
  echo "With a display, ./run.sh opens the app; walk the API with curl: docs/protocol.md, 'Walkthrough'." >&2
  exec ./build/bin/mall-server --dev --port "${PORT:-8787}"
fi
exec ./build/bin/mall-client "$@"
