#!/usr/bin/env bash
# Screenshots of the real app in a real X window (Xvfb): home, categories,
# goods, login, the authorization popup, cart, me and the QA panel, at phone
# and desktop size, in Chinese and English, into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh --target mall-shots
out=${1:-docs/screenshots}
for size in phone desktop; do
  for lang in zh en; do
    xvfb-run -a -s "-screen 0 1400x1000x24" ./build/bin/mall-shots --out "$out" --lang "$lang" --size "$size"
  done
done
