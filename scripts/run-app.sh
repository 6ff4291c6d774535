#!/usr/bin/env bash
# `npm start`: system packages, npm packages WITH Electron's binary, a full build, then the desktop app.
# Arguments are passed on to the app (e.g. `npm start -- --hidden`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh app

# The app needs the real Electron binary: never skip its download here (the test runner may have).
unset ELECTRON_SKIP_BINARY_DOWNLOAD
bash scripts/ensure-node-modules.sh

electron_binary() {
  # node_modules/electron resolves to the binary's path once its postinstall has downloaded it.
  node -e 'try { const p = require("electron"); if (require("fs").existsSync(p)) process.stdout.write(p); } catch {}'
}

if [ -z "$(electron_binary)" ] && [ -f node_modules/electron/install.js ]; then
  echo "Downloading Electron's binary (from GitHub)…"
  if ! out="$(node node_modules/electron/install.js 2>&1)"; then
    echo "The download failed: $(printf '%s\n' "$out" | grep -m1 -iE 'error' || printf '%s' "$out" | tail -n1)" >&2
  fi
fi
binary="$(electron_binary)"
if [ -z "$binary" ]; then
  cat >&2 <<'MSG'
Picky Tray cannot start: Electron's binary is not installed.
It downloads from GitHub (github.com/electron/electron/releases), which this machine cannot reach.
Run `npm start` on a machine with internet access, or try the app in your browser with `npm run preview`
(the same screens, served locally; tray and QR window are desktop-only).
MSG
  exit 1
fi

npm run build

extra=()
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ]; then
  # Chromium refuses to run as root with its sandbox on; say so rather than fail obscurely.
  echo "Note: running as root, so Electron starts with --no-sandbox. Run as a normal user to keep Chromium's sandbox." >&2
  extra=(--no-sandbox)
fi
exec "$binary" . ${extra[@]+"${extra[@]}"} "$@"
