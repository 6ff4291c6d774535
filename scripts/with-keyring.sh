#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked, throwaway GNOME Keyring,
# so tests use a real Secret Service without touching the user's own keychain.
# Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail
if [ -z "${PICKY_KEYRING_INNER:-}" ]; then
  export PICKY_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi
unset PICKY_KEYRING_INNER
scratch=$(mktemp -d "${TMPDIR:-/tmp}/picky-keyring.XXXXXX")
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Were anything to ask for the Secret Service before our daemon owns its bus name, D-Bus would start another
# daemon for it, with a locked keyring that can only be opened by a password prompt nobody can answer. So: the
# activation environment points at our scratch folder, and nothing runs until our daemon owns the name.
dbus-update-activation-environment HOME XDG_DATA_HOME XDG_RUNTIME_DIR 2>/dev/null || true
# A throwaway password: this keyring lives and dies with this one run.
eval "$(printf 'throwaway-%s' "$RANDOM" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
export GNOME_KEYRING_CONTROL
owns_secrets() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 1 100); do owns_secrets && break; sleep 0.05; done
# Then one throwaway secret stored and removed, so the login keyring exists before the first test needs it.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -d "$here/node_modules/keytar" ]; then
  for _ in $(seq 1 50); do
    if (cd "$here" && node -e "const k=require('keytar');k.setPassword('picky-keyring-probe','probe','x').then(()=>k.deletePassword('picky-keyring-probe','probe')).then(()=>process.exit(0),()=>process.exit(1))") 2>/dev/null; then
      break
    fi
    sleep 0.2
  done
fi
status=0
"$@" || status=$?
# Keyring daemons outlive the command: stop those that belong to this run (their environment names our scratch
# folder, or our private bus when D-Bus activated one).
for pid in $(pgrep -f gnome-keyring-daemon 2>/dev/null); do
  if grep -qaF -e "$scratch" -e "$DBUS_SESSION_BUS_ADDRESS" "/proc/$pid/environ" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
  fi
done
rm -rf "$scratch"
exit $status
