#!/usr/bin/env bash
# Installs what is missing, builds, and starts the mall. Until the QML app
# lands, this starts the reference backend in --dev mode on port 8787.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/deps.sh
./scripts/build.sh
echo "mall-server (dev mode): the API and the platform simulator; Ctrl+C stops it." >&2
echo "Walk through the login steps with curl: see docs/protocol.md, 'Walkthrough'." >&2
exec ./build/bin/mall-server --dev --port "${PORT:-8787}" "$@"
