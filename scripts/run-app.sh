#!/usr/bin/env bash
# `npm start`: system packages, npm packages, Electron's binary, a full build, then the desktop app.
# Where Electron's binary cannot be had (it downloads from GitHub; some machines reach only the npm registry), it
# runs the demo instead, so the first command always shows the product: the emulator and the browser preview with
# the demo account (scripts/demo.ts), which prints the address to open and why it is not the desktop app.
# Arguments are passed on to the app (e.g. `npm start -- --hidden`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-packages.sh app

# npm packages without the binary (so a failed download cannot fail the install), then the binary on its own.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 bash scripts/ensure-node-modules.sh

electron_binary() {
  # node_modules/electron resolves to the binary's path once its postinstall has downloaded it.
  node -e 'try { const p = require("electron"); if (require("fs").existsSync(p)) process.stdout.write(p); } catch {}'
}

if [ -z "$(electron_binary)" ] && [ -f node_modules/electron/install.js ]; then
  echo "Downloading Electron's binary (from GitHub)…"
  # Its output is not needed: whether the binary is there afterwards is what counts.
  env -u ELECTRON_SKIP_BINARY_DOWNLOAD node node_modules/electron/install.js >/dev/null 2>&1 || true
fi
binary="$(electron_binary)"
if [ -z "$binary" ]; then
  npm run build
  exec node_modules/.bin/tsx scripts/demo.ts
fi

npm run build

extra=()
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ]; then
  # Chromium refuses to run as root with its sandbox on; say so rather than fail obscurely.
  echo "Note: running as root, so Electron starts with --no-sandbox. Run as a normal user to keep Chromium's sandbox." >&2
  extra=(--no-sandbox)
fi
exec "$binary" . ${extra[@]+"${extra[@]}"} "$@"
