// The real keychain (a private GNOME Keyring from scripts/with-keyring.sh), and what users see without one.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyKeychainError, createKeytarSecretStore, createMemorySecretStore } from '../../app/core/secret-store';
import { runTsx } from '../helpers/run-tsx';

const service = `Picky Tray test ${randomUUID()}`;
const store = createKeytarSecretStore(service);
const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn('Skipping the real-keychain round trips: no D-Bus session; run through scripts/with-keyring.sh.');

describe.skipIf(!haveBus)('keytar secret store (real keychain)', () => {
  afterAll(async () => {
    for (const account of ['a', 'b', 'unicode']) await store.delete(account).catch(() => undefined);
  });

  it('sets, gets, overwrites and deletes a secret', async () => {
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'first-value');
    expect(await store.get('a')).toBe('first-value');
    await store.set('a', 'second-value');
    expect(await store.get('a')).toBe('second-value');
    expect(await store.delete('a')).toBe(true);
    expect(await store.get('a')).toBeNull();
    expect(await store.delete('a')).toBe(false);
  });

  it('keeps accounts apart and stores unicode exactly', async () => {
    const secret = 'pässwörd-秘密-🔑-\u00e9\u0301';
    await store.set('unicode', secret);
    await store.set('b', 'other');
    expect(await store.get('unicode')).toBe(secret);
    expect(await store.get('b')).toBe('other');
    // A different service never sees them.
    expect(await createKeytarSecretStore(`${service} other`).get('unicode')).toBeNull();
  });
});

describe('keychain out of reach', () => {
  const childEnv = (bus: string | undefined): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, PICKY_TEST_SERVICE: service };
    // No display either, or libdbus could autolaunch a fresh bus through X11.
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    if (bus === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
    else env.DBUS_SESSION_BUS_ADDRESS = bus;
    return env;
  };

  it.each([
    ['a bus address pointing at a missing socket', 'unix:path=/nonexistent/picky-tray-test-bus'],
    ['no bus address at all', undefined],
  ])('reports keychain-unavailable with the fix when there is %s', async (_label, bus) => {
    for (const op of ['get', 'set', 'delete']) {
      const result = await runTsx('test/helpers/keychain-child.ts', childEnv(bus), [op]);
      expect(result.stderr).toBe('');
      const line = JSON.parse(result.stdout.trim()) as { ok: boolean; error?: { code: string; message: string } };
      expect(line.ok).toBe(false);
      expect(line.error?.code).toBe('keychain-unavailable');
      expect(line.error?.message).toContain('could not reach the system keychain (Secret Service)');
      expect(line.error?.message).toContain('sudo apt install gnome-keyring');
      expect(line.error?.message).toContain('never stores your token in a file');
      expect(result.stdout).not.toContain('child-secret-9f3b2c71');
    }
  });
});

describe('keychain error wording', () => {
  it('classifies a locked keyring as unavailable and other failures as failed, per platform', () => {
    const locked = classifyKeychainError(new Error('Cannot create an item in a locked collection'), 'linux');
    expect(locked.code).toBe('keychain-unavailable');
    const mac = classifyKeychainError(new Error('User interaction is not allowed.'), 'darwin');
    expect(mac.code).toBe('keychain-unavailable');
    expect(mac.message).toContain('macOS Keychain');
    const win = classifyKeychainError(new Error('A specified logon session does not exist.'), 'win32');
    expect(win.message).toContain('Credential Manager');
    const other = classifyKeychainError(new Error('Stub received bad data.'), 'win32');
    expect(other.code).toBe('keychain-failed');
  });

  it('never repeats the secret, even if the underlying error did', () => {
    const error = classifyKeychainError(new Error('weird failure near s3cr3t-token'), 'linux', 's3cr3t-token');
    expect(error.message).not.toContain('s3cr3t-token');
    expect(JSON.stringify(error.details)).not.toContain('s3cr3t-token');
  });

  it('has an in-memory store with the same behaviour for unit tests', async () => {
    const memory = createMemorySecretStore({ a: '1' });
    expect(await memory.get('a')).toBe('1');
    await memory.set('a', '2');
    expect(await memory.get('a')).toBe('2');
    expect(await memory.delete('a')).toBe(true);
    expect(await memory.delete('a')).toBe(false);
    expect(await memory.get('a')).toBeNull();
  });
});
