#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Picky Tray's tests (or the app) need, only those missing.
# Usage: scripts/ensure-system-packages.sh test|app
set -euo pipefail
mode=${1:-test}
declare -A probe=(
  [libsecret-1-dev]=/usr/include/libsecret-1/libsecret/secret.h
  [gnome-keyring]=/usr/bin/gnome-keyring-daemon
  [dbus]=/usr/bin/dbus-run-session
)
if [ "$mode" = test ]; then
  probe[chromium]=/usr/bin/chromium
  probe[xvfb]=/usr/bin/Xvfb
  probe[xauth]=/usr/bin/xauth
  probe[zbar-tools]=/usr/bin/zbarimg
  probe[procps]=/usr/bin/pkill
fi
missing=()
for pkg in "${!probe[@]}"; do [ -e "${probe[$pkg]}" ] || missing+=("$pkg"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Picky Tray needs these system packages, and this is not a Debian/Ubuntu system: ${missing[*]}. Install them with your package manager, then run this again." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
