#!/usr/bin/env bash
# Runs the curl walkthrough of docs/protocol.md, exactly as written there,
# against a fresh mall-server, and checks it ends with a member-info user.
# Keeps the documentation honest: if the protocol changes, this fails.
set -euo pipefail
server=$1 doc=$2
data=$(mktemp -d)
out=$(mktemp)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data" "$out"' EXIT
"$server" --dev --port 0 --data "$data" >"$out" 2>/dev/null &
pid=$!
for _ in $(seq 50); do grep -q '^listening on' "$out" && break; sleep 0.1; done
export API
API=$(sed -n 's/^listening on //p' "$out")
# The block between "```sh" after the "Walkthrough" heading and its closing fence.
script=$(awk '/^## Walkthrough/{w=1} w&&/^```sh/{f=1;next} f&&/^```/{exit} f' "$doc")
[ -n "$script" ] || { echo "no walkthrough block in $doc" >&2; exit 1; }
last=$(bash -euo pipefail -c "$script" | tail -n 1)
echo "last line: $last"
echo "$last" | jq -e '.step == 3 and .phone == "13800138000" and (.avatarUrl | test("/media/avatars/"))' >/dev/null
