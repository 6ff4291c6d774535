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
# `sudo env …`: sudo resets the environment, so DEBIAN_FRONTEND must be set on its far side.
as_root=(env DEBIAN_FRONTEND=noninteractive)
[ "$(id -u)" -eq 0 ] || as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Quiet when it works; apt's own words when it does not.
run_apt() {
  if ! "${as_root[@]}" apt-get "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "apt-get $1 failed (its output is above). Fix that, or install these packages by hand: ${missing[*]}." >&2
    exit 1
  fi
}
echo "Installing system packages: ${missing[*]}"
run_apt update -qq
run_apt install -y -qq --no-install-recommends "${missing[@]}"
