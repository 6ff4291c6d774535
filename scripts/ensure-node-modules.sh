#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than package-lock.json: exactly the locked versions
# (`npm ci`) when there is a lockfile, `npm install` otherwise.
# `npm ci` starts from an empty node_modules, which would throw away Electron's downloaded binary; it is kept
# across the install when the locked Electron version is the same (otherwise run-app.sh downloads the new one).
# ELECTRON_SKIP_BINARY_DOWNLOAD, when set by the caller, is passed on to npm unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/.package-lock.json ] && { [ ! -f package-lock.json ] || [ ! package-lock.json -nt node_modules/.package-lock.json ]; }; then
  exit 0
fi
echo "Installing npm dependencies…"
if [ ! -f package-lock.json ]; then
  npm install --no-audit --no-fund
  exit 0
fi

electron_version() { node -p 'require("./node_modules/electron/package.json").version' 2>/dev/null || true; }
kept=""
old_version=""
if [ -d node_modules/electron/dist ] && [ -f node_modules/electron/path.txt ]; then
  old_version="$(electron_version)"
  kept="$(mktemp -d)"
  mv node_modules/electron/dist node_modules/electron/path.txt "$kept"/
fi
restore() {
  [ -n "$kept" ] || return 0
  if [ -d node_modules/electron ] && [ ! -e node_modules/electron/dist ] && [ "$(electron_version)" = "$old_version" ]; then
    mv "$kept"/dist "$kept"/path.txt node_modules/electron/
  fi
  rm -rf "$kept"
}
trap restore EXIT
if [ -n "$kept" ]; then
  # The binary is about to be put back: do not download it again.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
else
  npm ci --no-audit --no-fund
fi
