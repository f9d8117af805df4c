#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the app and the tests need, but
# only those that are missing, so a warm run costs one dpkg-query call.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config clang-format jq curl
  # the app's font, cut from Noto Sans CJK SC at build time (resources/fonts)
  python3-fonttools
  # fuzzing (scripts/fuzz.sh): clang, its libFuzzer/ASan/UBSan runtimes (only
  # recommended by clang, so named here) and llvm-symbolizer for the reports
  clang libclang-rt-14-dev llvm-14
  # Qt 6.4 and friends
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-networkauth-dev libqt6sql6-sqlite qtkeychain-qt6-dev libssl-dev libgl-dev qt6-svg-dev libqt6svg6
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qttest qml6-module-qtquick-dialogs qml6-module-qtqml-models qml6-module-qtqml
  # runtime for the real keychain, the real window and Chinese text
  dbus dbus-bin gnome-keyring xvfb xauth fonts-noto-cjk
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
