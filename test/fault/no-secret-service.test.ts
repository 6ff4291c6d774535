// No Secret Service at all (no D-Bus session): the CLI and the core say exactly that and how to fix it, exit
// non-zero, and never fall back to keeping the token in a file. Real child processes whose D-Bus address points
// at a socket that does not exist; the emulator is up, so only the keychain is missing.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { REPO_ROOT, runWithInput } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { listFiles, scanDirForToken } from '../security/helpers/token-scan';
import { type BundledChild, bundleChild } from './helpers/bundle-child';

/** The environment of a session without any keychain: no bus, no keyring daemon, no display to autolaunch one. */
function withoutKeychain(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/picky-tray/bus',
    NO_COLOR: '1',
  };
  for (const name of ['GNOME_KEYRING_CONTROL', 'GNOME_KEYRING_PID', 'SSH_AUTH_SOCK', 'DISPLAY', 'WAYLAND_DISPLAY'])
    delete env[name];
  return env;
}

const run = runWithInput;

let emulator: RunningEmulator;
let coreChild: BundledChild;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  coreChild = await bundleChild('test/fault/helpers/core-child.ts');
});
afterAll(async () => {
  await emulator?.close();
  if (coreChild) await rm(coreChild.dir, { recursive: true, force: true });
  await removeTempDirs();
});

const SAYS_NO_KEYCHAIN = /could not reach the system keychain \(Secret Service\)/;
const SAYS_FIX = /Install and unlock GNOME Keyring or KWallet/;
const SAYS_NO_FILE = /never stores your token in a file/;

describe('no Secret Service (no D-Bus session)', () => {
  it('the CLI says so and how to fix it, exits non-zero, and writes the token nowhere', async () => {
    const home = await makeTempDir('no-bus-cli');
    const env = withoutKeychain({ PICKY_TRAY_HOME: home, PICKY_API_URL: emulator.baseUrl });
    const cli = (args: string[], stdin = '') =>
      run(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], env, stdin);
    // Independent processes: run them side by side.
    const [set, status, projects, tokenStatus] = await Promise.all([
      cli(['token', 'set'], `${DEMO_TOKEN}\n`),
      cli(['status']),
      cli(['projects']),
      cli(['token', 'status']),
    ]);
    for (const [name, r] of Object.entries({ 'token set': set, status, projects, 'token status': tokenStatus })) {
      expect(r.code, `${name}: ${r.stderr}`).not.toBe(0);
      expect(r.stderr, name).toMatch(SAYS_NO_KEYCHAIN);
      expect(r.stderr, name).toMatch(SAYS_FIX);
      expect(r.stderr, name).toMatch(SAYS_NO_FILE);
      // One sentence, not a stack trace.
      expect(r.stderr, name).not.toMatch(/\n\s+at /);
      expect(`${r.stdout}${r.stderr}`, name).not.toContain(DEMO_TOKEN);
    }
    // Nothing fell back to a file: no file anywhere in the data folder holds the token in any form.
    expect(await scanDirForToken(home, DEMO_TOKEN)).toEqual([]);
    // And the CLI did not pretend: no offline copy was written without a key to encrypt it.
    expect((await listFiles(home)).filter((f) => /cache/i.test(f))).toEqual([]);
  });

  it('the core in a child process shows the keychain error as its state and refuses to store the token', async () => {
    const dir = await makeTempDir('no-bus-core');
    const env = withoutKeychain({
      ...coreChild.env,
      PICKY_CHILD_DIR: dir,
      PICKY_CHILD_SERVICE: 'Picky Tray no bus',
      PICKY_API_URL: emulator.baseUrl,
      PICKY_CHILD_OPS: 'state,set-token,refresh',
    });
    const r = await run(process.execPath, [coreChild.file], env, `${DEMO_TOKEN}\n`);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map(
        (l) =>
          JSON.parse(l) as {
            op: string;
            ok: boolean;
            state?: { kind: string; error?: { code: string; message: string } };
            error?: { code: string; message: string };
          },
      );
    const byOp = Object.fromEntries(lines.map((l) => [l.op, l]));
    expect(byOp.open?.state).toMatchObject({ kind: 'offline', error: { code: 'keychain-unavailable' } });
    expect(byOp.open?.state?.error?.message).toMatch(SAYS_NO_KEYCHAIN);
    expect(byOp['set-token']).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(byOp['set-token']?.error?.message).toMatch(SAYS_FIX);
    expect(byOp.refresh?.state).toMatchObject({ kind: 'offline', error: { code: 'keychain-unavailable' } });
    expect(r.stdout + r.stderr).not.toContain(DEMO_TOKEN);
    expect(await scanDirForToken(dir, DEMO_TOKEN)).toEqual([]);
  });
});
