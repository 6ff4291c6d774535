// The data folder and the offline cache going wrong on a real disk, with the real keychain and the emulator:
// a read-only data folder, a file where the folder should be, and a cache file replaced by garbage, by a
// truncated copy, by another account's copy, by another user's copy. Each gives a clear message (a state
// warning or error), nothing crashes, another account's projects are never shown, and the next good refresh
// writes a cache that reads back fine.
//
// Read-only as root: tests run as root here, and chmod does not stop root from writing. So, as root, the child
// process runs in its own mount namespace (`unshare --mount`) with the data folder bind-mounted read-only over
// itself: writes fail with EROFS, exactly as on a read-only disk, and the mount vanishes with the child.
// As another user, chmod 0o500 is used instead.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { type SecretStore } from '../../app/core/ports';

import { createKeytarSecretStore } from '../../app/core/secret-store';
import type { SyncState } from '../../app/core/sync-state';
import { DEMO_TOKEN, SECOND_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { type BundledChild, bundleChild } from './helpers/bundle-child';
import { tokenAccountFor, cacheKeyAccountFor, cacheFileFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the disk fault tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const isRoot = process.getuid?.() === 0;
const canUnshare = isRoot && spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']).status === 0;
const readOnlyMechanism = !isRoot
  ? 'chmod 0o500'
  : canUnshare
    ? 'a read-only bind mount in a private mount namespace'
    : undefined;
if (haveBus && !readOnlyMechanism) {
  console.warn(
    'Skipping the read-only data folder test: running as root without permission to create a mount namespace (unshare --mount).',
  );
}

/** The keychain service each store was made for, so a child process can open the same entries. */
const serviceNames = new WeakMap<SecretStore, string>();
let emulator: RunningEmulator;
let child: BundledChild;
const stores: SecretStore[] = [];
const cores: PickyCore[] = [];

function newSecrets(): { service: string; secrets: SecretStore } {
  const service = `Picky Tray disk fault ${randomUUID()}`;
  const secrets = createKeytarSecretStore(service);
  stores.push(secrets);
  serviceNames.set(secrets, service);
  return { service, secrets };
}

async function open(dataDir: string, secrets: SecretStore): Promise<PickyCore> {
  const core = await openPickyCore({ dataDir, env: { PICKY_API_URL: emulator.baseUrl }, secrets });
  cores.push(core);
  return core;
}

/** A data folder with a good offline copy of the demo account; the core that wrote it is closed. */
async function folderWithGoodCache(
  label: string,
  token = DEMO_TOKEN,
  secrets = newSecrets().secrets,
): Promise<{ dir: string; good: SyncState; secrets: SecretStore }> {
  const dir = join(await makeTempDir(label), 'Picky Tray');
  const core = await open(dir, secrets);
  const good = await core.setToken(parseMasterToken(token));
  expect(good).toMatchObject({ kind: 'ok', source: 'network' });
  expect(good.warning).toBeUndefined();
  await core.dispose();
  return { dir, good, secrets };
}

/** The next good refresh repairs: it succeeds without a warning, and a restarted core reads its copy cleanly. */
async function expectRepairedByRefresh(dir: string, secrets: SecretStore): Promise<void> {
  const core = await open(dir, secrets);
  const fresh = await core.refresh();
  expect(fresh).toMatchObject({ kind: 'ok', source: 'network' });
  expect(fresh.warning).toBeUndefined();
  await core.dispose();
  const restarted = await open(dir, secrets);
  const state = restarted.getState();
  expect(state.warning).toBeUndefined();
  expect(state).toMatchObject({ kind: 'ok', source: 'cache', fetchedAt: fresh.fetchedAt });
  expect(state.projects).toEqual(fresh.projects);
}

interface ChildLine {
  op: string;
  ok: boolean;
  state?: SyncState & { projects: number[] };
  error?: { code: string; message: string };
}

function runCoreChild(
  dir: string,
  service: string,
  ops: string,
  readOnly: 'unshare' | 'none',
): Promise<{ lines: ChildLine[]; stderr: string; code: number | null }> {
  const env = {
    ...process.env,
    ...child.env,
    PICKY_CHILD_DIR: dir,
    PICKY_CHILD_SERVICE: service,
    PICKY_API_URL: emulator.baseUrl,
    PICKY_CHILD_OPS: ops,
  };
  const [command, args] =
    readOnly === 'unshare'
      ? [
          'unshare',
          [
            '--mount',
            '--propagation',
            'private',
            'sh',
            '-c',
            'mount --bind -o ro "$1" "$1" && exec "$2" "$3"',
            'sh',
            dir,
            process.execPath,
            child.file,
          ],
        ]
      : [process.execPath, [child.file]];
  return new Promise((done, fail) => {
    const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    proc.on('error', fail);
    proc.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ChildLine);
      done({ lines, stderr, code });
    });
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  child = await bundleChild('test/fault/helpers/core-child.ts');
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.dispose()));
  for (const secrets of stores.splice(0)) {
    await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
    await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  }
  await removeTempDirs();
});
afterAll(async () => {
  await emulator?.close();
  if (child) await rm(child.dir, { recursive: true, force: true });
});

describe.skipIf(!haveBus)('disk faults', () => {
  it.skipIf(!readOnlyMechanism)(
    `read-only data folder (${readOnlyMechanism ?? 'unavailable'}): clear messages, no crash, old copy intact`,
    async () => {
      const { dir, good, secrets } = await folderWithGoodCache('read-only');
      const cacheBefore = await readFile(join(dir, cacheFileFor(emulator.baseUrl)));
      const serviceName = serviceOf(secrets);
      if (!isRoot) await chmod(dir, 0o500);
      const run = await runCoreChild(dir, serviceName, 'refresh,settings,clear-cache', isRoot ? 'unshare' : 'none');
      if (!isRoot) await chmod(dir, 0o700);
      expect(run.code, run.stderr).toBe(0);
      const [opened, refreshed, settings, cleared] = run.lines;

      // Reading still works: the offline copy is shown.
      expect(opened).toMatchObject({
        op: 'open',
        ok: true,
        state: { kind: 'ok', source: 'cache', fetchedAt: good.fetchedAt },
      });
      expect(opened?.state?.projects).toEqual(good.projects.map((p) => p.id));
      // The refresh succeeds and says, in a warning, that the copy could not be saved and why.
      expect(refreshed).toMatchObject({ op: 'refresh', ok: true, state: { kind: 'ok', source: 'network' } });
      expect(refreshed?.state?.warning).toMatch(/could not be saved for offline use/);
      expect(refreshed?.state?.warning).toMatch(isRoot ? /read-only/ : /permission denied/);
      // Saving a setting fails with a sentence naming the folder and the fix.
      expect(settings).toMatchObject({ op: 'settings', ok: false });
      expect(settings?.error?.message).toContain(dir);
      expect(settings?.error?.message).toMatch(isRoot ? /read-only/ : /permission denied/);
      // Clearing the cache fails the same clear way.
      expect(cleared).toMatchObject({ op: 'clear-cache', ok: false, error: { code: 'disk' } });
      expect(cleared?.error?.message).toMatch(/could not remove its offline copy/);
      expect(run.lines).toHaveLength(4);

      // Nothing was damaged or left behind.
      expect(await readFile(join(dir, cacheFileFor(emulator.baseUrl)))).toEqual(cacheBefore);
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await expectRepairedByRefresh(dir, secrets);
    },
  );

  it('a file where the data folder should be: the refresh works and warns, and removing the file repairs it', async () => {
    const { secrets } = newSecrets();
    const parent = await makeTempDir('blocked');
    await writeFile(join(parent, 'blocker'), 'not a folder');
    const dir = join(parent, 'blocker', 'Picky Tray');
    const core = await open(dir, secrets);
    const state = await core.setToken(parseMasterToken(DEMO_TOKEN));
    expect(state).toMatchObject({ kind: 'ok', source: 'network' });
    expect(state.projects.length).toBeGreaterThan(0);
    expect(state.warning).toMatch(/could not be saved for offline use/);
    expect(state.warning).toMatch(/a file is in the way where a folder should be/);
    await expect(core.updateSettings({ notifications: false })).rejects.toMatchObject({ code: 'disk' });
    await core.dispose();

    await rm(join(parent, 'blocker'));
    await mkdir(join(parent, 'blocker'));
    await expectRepairedByRefresh(dir, secrets);
  });

  interface Damage {
    what: string;
    /** Words the warning must contain. */
    says: RegExp;
    apply(cachePath: string, helpers: { secrets: SecretStore }): Promise<void>;
  }

  const damages: Damage[] = [
    {
      what: 'replaced by garbage bytes',
      says: /could not be read \(the file is damaged\)/,
      apply: async (path) =>
        writeFile(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))),
    },
    {
      what: 'replaced by an empty file',
      says: /could not be read \(the file is empty\)/,
      apply: async (path) => writeFile(path, ''),
    },
    {
      what: 'truncated to half its length',
      says: /could not be read/,
      apply: async (path) => {
        const bytes = await readFile(path);
        await truncate(path, Math.floor(bytes.length / 2));
      },
    },
    {
      what: 'with one byte of the encrypted data changed',
      says: /damaged or changed after it was saved/,
      apply: async (path) => {
        const text = await readFile(path, 'utf8');
        const at = text.indexOf('"data":"') + 20;
        await writeFile(path, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
      },
    },
    {
      what: 'replaced by the copy of another Picky Assist account',
      says: /belongs to a different account/,
      apply: async (path, { secrets }) => {
        // Same keychain (same cache key), another account's token: as after switching accounts and back.
        const other = await folderWithGoodCache('other-account', SECOND_TOKEN, secrets);
        expect(other.good.projects.length).toBeGreaterThan(0);
        await copyFile(join(other.dir, cacheFileFor(emulator.baseUrl)), path);
        await secrets.set(tokenAccountFor(emulator.baseUrl), DEMO_TOKEN);
      },
    },
    {
      what: 'replaced by the copy of another user (another keychain)',
      says: /belongs to a different account or server, or its key has changed/,
      apply: async (path) => {
        const other = await folderWithGoodCache('other-user');
        await copyFile(join(other.dir, cacheFileFor(emulator.baseUrl)), path);
      },
    },
    {
      what: 'replaced by a folder',
      says: /could not be read/,
      apply: async (path) => {
        await rm(path);
        await mkdir(path);
      },
    },
  ];

  for (const damage of damages) {
    it(`cache file ${damage.what}: a warning, no projects from it, and the next refresh repairs it`, async () => {
      const { dir, good, secrets } = await folderWithGoodCache('damaged');
      const path = join(dir, cacheFileFor(emulator.baseUrl));
      await damage.apply(path, { secrets });

      const core = await open(dir, secrets);
      const state = core.getState();
      expect(state.warning).toMatch(damage.says);
      expect(state.warning).toMatch(/rebuilt on the next successful refresh|replaced on the next successful refresh/);
      expect(state.warning).not.toContain(DEMO_TOKEN);
      // Nothing from the unusable file is shown (in particular never another account's projects).
      expect(state.projects).toEqual([]);
      expect(state.source).toBe('none');
      await core.dispose();
      // The bad file was set aside, not deleted: a user can still look at it.
      expect((await readdir(dir)).some((n) => n.startsWith(`${cacheFileFor(emulator.baseUrl)}.broken-`))).toBe(true);

      await expectRepairedByRefresh(dir, secrets);
      const repaired = await open(dir, secrets);
      expect(repaired.getState().projects.map((p) => p.id)).toEqual(good.projects.map((p) => p.id));
    });
  }
});

function serviceOf(secrets: SecretStore): string {
  const name = serviceNames.get(secrets);
  if (!name) throw new Error('This secret store was not made by newSecrets().');
  return name;
}
