// Secrets in the OS keychain through keytar, behind the SecretStore port; plus an in-memory store for unit tests.
// keytar is a native module: it is loaded on first use, so importing this file never fails where it is missing.
import { PickyError } from './errors';
import { KEYCHAIN_SERVICE, type SecretStore } from './ports';

type Keytar = typeof import('keytar');

let keytarPromise: Promise<Keytar> | undefined;

function loadKeytar(): Promise<Keytar> {
  keytarPromise ??= import('keytar').then((mod: Keytar & { default?: Keytar }) => mod.default ?? mod);
  // A failed load is not cached: the next call tries again (e.g. after the user installs the missing library).
  keytarPromise.catch(() => {
    keytarPromise = undefined;
  });
  return keytarPromise;
}

/** The fix a user can apply when the keychain cannot be reached, worded for their platform. */
export function keychainFix(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access (or sign out and back in), then try again.';
    case 'win32':
      return 'Make sure you are signed in to Windows with your own account and that Credential Manager is running, then try again.';
    default:
      return (
        'Install and unlock GNOME Keyring or KWallet (on Debian/Ubuntu: `sudo apt install gnome-keyring`), ' +
        'make sure you are in a desktop session, then try again.'
      );
  }
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'the system keychain (Secret Service)';
}

// Messages seen from keytar when the keychain itself is out of reach, as opposed to one operation failing.
// Linux (libsecret/GLib), measured on Debian 12: unreachable bus ("Could not connect: No such file or directory",
// "Could not connect to 127.0.0.1: Connection refused"), no bus and no display ("Cannot autolaunch D-Bus without
// X11 $DISPLAY", "Error spawning command line “dbus-launch …”"), a malformed bus address ("Address element … does
// not contain a colon"), a bus with no unlocked keyring ("Object does not exist at path
// “/org/freedesktop/secrets/collection/login”", "Cannot create an item in a locked collection").
const UNAVAILABLE_PATTERNS: readonly RegExp[] = [
  /could not connect/i,
  /connection refused/i,
  /autolaunch/i,
  /dbus-launch/i,
  /d-?bus/i,
  /address element/i,
  /org\.freedesktop\.secrets/i,
  /secret service/i,
  /service ?unknown/i,
  /not provided by any \.service files/i,
  /name has no owner/i,
  /locked collection/i,
  /collection is locked/i,
  /secrets\/collection/i,
  /\bprompt\b/i,
  /dismissed/i,
  /no such (secret )?collection/i,
  /not (be )?unlocked/i,
  // macOS: a locked keychain where no dialog can be shown, or the keychain file is gone.
  /user interaction is not allowed/i,
  /no keychain (could be found|is available)/i,
  /keychain.*(cannot be found|could not be found|is locked)/i,
  // Windows: no interactive logon session (service account, some remote shells).
  /logon session does not exist/i,
];

/** Turns whatever keytar threw into a PickyError with a sentence a user can act on. Never includes the secret. */
export function classifyKeychainError(
  error: unknown,
  platform: NodeJS.Platform = process.platform,
  secret?: string,
): PickyError {
  const raw = error instanceof Error ? error.message : String(error);
  // keytar's messages do not echo the password; redact anyway so a future change cannot leak it.
  const reason = secret ? raw.split(secret).join('[redacted]') : raw;
  const details = { reason: reason.slice(0, 300), platform };
  const where = keychainName(platform);
  if (UNAVAILABLE_PATTERNS.some((p) => p.test(reason))) {
    return new PickyError(
      'keychain-unavailable',
      `Picky Tray could not reach ${where}. ${keychainFix(platform)} Picky Tray never stores your token in a file.`,
      details,
    );
  }
  return new PickyError(
    'keychain-failed',
    `${capitalize(where)} refused the request (${reason.slice(0, 200)}). Try again; if it keeps happening, ` +
      'restart your session or check the keychain for a damaged Picky Tray entry.',
    details,
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function moduleMissing(platform: NodeJS.Platform, cause: unknown): PickyError {
  return new PickyError(
    'keychain-unavailable',
    `Picky Tray could not load its keychain module, so it cannot reach ${keychainName(platform)}. ` +
      (platform === 'linux' ? 'Install libsecret (on Debian/Ubuntu: `sudo apt install libsecret-1-0`) or ' : '') +
      'reinstall Picky Tray, then try again. Picky Tray never stores your token in a file.',
    { platform },
    // The loader's own error (a missing libsecret, a module built for another Node) is for the log.
    { cause },
  );
}

/** The real keychain: a few lines around keytar. */
export function createKeytarSecretStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  const platform = process.platform;
  async function withKeytar<T>(run: (keytar: Keytar) => Promise<T>, secret?: string): Promise<T> {
    let keytar: Keytar;
    try {
      keytar = await loadKeytar();
    } catch (e) {
      throw moduleMissing(platform, e);
    }
    try {
      return await run(keytar);
    } catch (e) {
      throw classifyKeychainError(e, platform, secret);
    }
  }
  return {
    get: (account) => withKeytar((k) => k.getPassword(service, account)),
    set: (account, secret) => withKeytar((k) => k.setPassword(service, account, secret), secret),
    delete: (account) => withKeytar((k) => k.deletePassword(service, account)),
  };
}

/** An in-memory SecretStore for unit tests and benchmarks. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const secrets = new Map<string, string>(Object.entries(initial));
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
