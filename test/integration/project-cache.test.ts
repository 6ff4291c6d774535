// The encrypted offline cache against the real keychain and the real file system.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPickyError } from '../../app/core/errors';
import { type CacheAccount, type CachedProjects, type ProjectCache } from '../../app/core/ports';
import { createProjectCache } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { makeProjects } from '../helpers/projects';
import { runTsx, runTsxUntilThenKill } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { cacheKeyAccountFor, cacheFileFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus) console.warn('Skipping the project cache tests: no D-Bus session; run through scripts/with-keyring.sh.');

const TOKEN = 'master-token-7c1e5a90b3d24f6e8a1b';
const account: CacheAccount = { baseUrl: 'https://pickyassist.com/app/api/v2', token: TOKEN };

function sample(count = 3, offset = 0): CachedProjects {
  return { fetchedAt: '2025-06-01T10:00:00.000Z', projects: makeProjects(count, offset) };
}

async function brokenFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith(`${cacheFileFor(account.baseUrl)}.broken-`));
}

describe.skipIf(!haveBus)('encrypted project cache', () => {
  let service: string;
  let dir: string;
  let path: string;
  let cache: ProjectCache;
  const secrets = () => createKeytarSecretStore(service);

  beforeEach(async () => {
    service = `Picky Tray test ${randomUUID()}`;
    dir = join(await makeTempDir('cache'), 'data');
    path = join(dir, cacheFileFor(account.baseUrl));
    cache = createProjectCache({ dir, secrets: secrets() });
  });
  afterEach(async () => {
    await secrets()
      .delete(cacheKeyAccountFor(account.baseUrl))
      .catch(() => undefined);
    await removeTempDirs();
  });

  it('reads nothing and warns about nothing when there is no cache yet', async () => {
    expect(await cache.read(account)).toEqual({});
  });

  it('round-trips the project list and its fetch time', async () => {
    const data = sample(25);
    await cache.write(account, data);
    expect(await cache.read(account)).toEqual({ data });
    // A new instance (a restarted app) reads it too, with the key from the keychain.
    expect(await createProjectCache({ dir, secrets: secrets() }).read(account)).toEqual({ data });
    // The same server spelled differently is the same account.
    const respelled = { ...account, baseUrl: 'HTTPS://PickyAssist.com:443/app/api/v2/' };
    expect((await cache.read(respelled)).data).toEqual(data);
  });

  it('keeps nothing readable on disk: no license key, project name, token or token hash; owner-only file', async () => {
    const data = sample(5);
    await cache.write(account, data);
    const bytes = await readFile(path);
    const text = bytes.toString('latin1');
    const first = data.projects[0];
    expect(first?.licenseKey).toBeTruthy();
    for (const p of data.projects) {
      for (const secret of [p.licenseKey, p.name, p.companyName, p.apiTokens[0]?.token, p.qrCodeBase64]) {
        if (secret) expect(text).not.toContain(secret);
      }
    }
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(text).not.toContain(createHash('sha256').update(TOKEN).digest('hex'));
    const envelope = JSON.parse(text) as Record<string, unknown>;
    expect(envelope).toMatchObject({ format: 'picky-tray-cache', version: 1 });
    if (process.platform !== 'win32') {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
    // Two writes of the same data never produce the same bytes (fresh IV).
    await cache.write(account, data);
    expect((await readFile(path)).equals(bytes)).toBe(false);
  });

  it('keeps one copy per origin: another server has none, and never replaces or sets aside this one', async () => {
    const other = { ...account, baseUrl: 'https://staging.example.com/app/api/v2' };
    await cache.write(account, sample(2));
    const before = await readFile(path);
    expect(await cache.read(other)).toEqual({});
    await cache.write(other, sample(5));
    expect((await cache.read(other)).data?.projects).toHaveLength(5);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect((await cache.read(account)).data?.projects).toHaveLength(2);
    expect(await brokenFiles(dir)).toEqual([]);
    await cache.clear(other.baseUrl);
    expect((await cache.read(account)).data?.projects).toHaveLength(2);
    await secrets().delete(cacheKeyAccountFor(other.baseUrl));
  });

  it.each([
    ['a different token', { ...account, token: `${TOKEN}-other` }],
    ['another path on the same origin', { ...account, baseUrl: 'https://pickyassist.com/app/api/v3' }],
  ])('does not show the cache to %s: warns and sets the file aside', async (_label, other) => {
    await cache.write(account, sample());
    const before = await readFile(path);
    const result = await cache.read(other);
    expect(result.data).toBeUndefined();
    expect(result.warning).toMatch(/different account or server.*set aside.*rebuilt on the next successful refresh/);
    const broken = await brokenFiles(dir);
    expect(broken).toHaveLength(1);
    expect((await readFile(join(dir, broken[0] ?? ''))).equals(before)).toBe(true);
    expect(await cache.read(other)).toEqual({});
  });

  type Damage = (bytes: Buffer) => Promise<void> | void;
  const rewriteEnvelope = (edit: (e: Record<string, unknown>) => void) => async (bytes: Buffer) => {
    const envelope = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    edit(envelope);
    await writeFile(path, JSON.stringify(envelope));
  };
  const flipByte = (field: 'data' | 'tag' | 'iv', at: number) =>
    rewriteEnvelope((e) => {
      const raw = Buffer.from(String(e[field]), 'base64');
      raw[at % raw.length] = (raw[at % raw.length] ?? 0) ^ 0x01;
      e[field] = raw.toString('base64');
    });
  const cases: Array<[string, Damage, RegExp]> = [
    ['a flipped byte in the data', flipByte('data', 100), /damaged or changed after it was saved/],
    ['a flipped byte in the tag', flipByte('tag', 3), /damaged or changed after it was saved/],
    ['a flipped byte in the IV', flipByte('iv', 0), /damaged or changed after it was saved/],
    ['a changed account fingerprint', rewriteEnvelope((e) => (e.account = 'a'.repeat(64))), /different account/],
    ['another version', rewriteEnvelope((e) => (e.version = 2)), /different version of Picky Tray/],
    ['a truncated file', (b) => writeFile(path, b.subarray(0, Math.floor(b.length / 2))), /file is damaged/],
    ['garbage', () => writeFile(path, Buffer.from([0xff, 0x00, 0x13, 0x37, 0x80])), /file is damaged/],
    ['an empty file', () => writeFile(path, ''), /file is empty/],
    ['JSON that is not a cache', () => writeFile(path, '{"projects": []}'), /file is damaged/],
    [
      'its key missing from the keychain',
      async () => void (await secrets().delete(cacheKeyAccountFor(account.baseUrl))),
      /key is no longer in the system keychain/,
    ],
    [
      'its key replaced in the keychain',
      () => secrets().set(cacheKeyAccountFor(account.baseUrl), Buffer.alloc(32, 7).toString('base64')),
      /its key has changed/,
    ],
  ];
  it.each(cases)('survives %s: warning, file set aside, next good write repairs it', async (_label, damage, why) => {
    await cache.write(account, sample());
    await damage(await readFile(path));
    const damaged = await readFile(path);

    const result = await cache.read(account);
    expect(result.data).toBeUndefined();
    expect(result.warning).toMatch(
      /^The offline copy of your projects could not be read \(.+\) and was set aside; it will be rebuilt on the next successful refresh\.$/,
    );
    expect(result.warning).toMatch(why);
    const broken = await brokenFiles(dir);
    expect(broken).toHaveLength(1);
    expect((await readFile(join(dir, broken[0] ?? ''))).equals(damaged)).toBe(true);

    const fresh = sample(4, 50);
    await cache.write(account, fresh);
    expect(await cache.read(account)).toEqual({ data: fresh });
    expect(await brokenFiles(dir)).toHaveLength(1);
  });

  it('keeps every set-aside file when damage happens twice', async () => {
    await mkdir(dir, { recursive: true });
    for (let round = 0; round < 2; round++) {
      await writeFile(path, 'not json');
      expect((await cache.read(account)).warning).toBeTruthy();
    }
    expect(await brokenFiles(dir)).toHaveLength(2);
  });

  it('clear() removes the file and forgets the key', async () => {
    await cache.write(account, sample());
    await cache.clear(account.baseUrl);
    expect(await cache.read(account)).toEqual({});
    expect(await secrets().get(cacheKeyAccountFor(account.baseUrl))).toBeNull();
    await cache.clear(account.baseUrl); // nothing left to clear: still fine
    await cache.write(account, sample(2));
    expect((await cache.read(account)).data?.projects).toHaveLength(2);
  });

  it('leaves the previous cache whole when a writer is killed between write and rename', async () => {
    const previous = sample(3);
    await cache.write(account, previous);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PICKY_TEST_OP: 'write-and-pause',
      PICKY_TEST_SERVICE: service,
      PICKY_TEST_DIR: dir,
      PICKY_TEST_BASE_URL: account.baseUrl,
      PICKY_TEST_TOKEN: TOKEN,
      PICKY_TEST_COUNT: '2000',
      PICKY_TEST_OFFSET: '100',
    };
    const child = await runTsxUntilThenKill('test/helpers/cache-child.ts', env, 'ready ');
    expect(child.stderr).toBe('');
    expect(child.sawMarker).toBe(true);
    expect(child.signal).toBe('SIGKILL');
    const tempPath = /ready (.+)\n/.exec(child.stdout)?.[1] ?? '';
    // The new file was complete on disk, only the rename was missing.
    expect((await stat(tempPath)).size).toBeGreaterThan(100_000);

    expect(await cache.read(account)).toEqual({ data: previous });
    expect(await brokenFiles(dir)).toHaveLength(0);

    // The next write cleans up what the dead writer left behind.
    await cache.write(account, sample(1));
    expect((await readdir(dir)).sort()).toEqual([cacheFileFor(account.baseUrl)]);
  });

  it('reports a read-only data folder on write as a disk error naming it, and still reads', async () => {
    const data = sample(3);
    await cache.write(account, data);
    const restore = await makeReadOnly(dir);
    try {
      const error = await cache.write(account, sample(1)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isPickyError(error) && error.code).toBe('disk');
      expect(error instanceof Error && error.message).toMatch(
        new RegExp(`^Picky Tray could not save to ${dir}: .+ try again\\.$`),
      );
      expect(await cache.read(account)).toEqual({ data });
      expect((await readdir(dir)).sort()).toEqual([cacheFileFor(account.baseUrl)]);
    } finally {
      await restore();
    }
  });

  it('warns instead of throwing when the keychain is out of reach on read; write throws', async () => {
    await cache.write(account, sample(3));
    const base: NodeJS.ProcessEnv = {
      ...process.env,
      PICKY_TEST_SERVICE: service,
      PICKY_TEST_DIR: dir,
      PICKY_TEST_BASE_URL: account.baseUrl,
      PICKY_TEST_TOKEN: TOKEN,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/picky-tray-test-bus',
    };
    delete base.DISPLAY;
    delete base.WAYLAND_DISPLAY;
    const read = await runTsx('test/helpers/cache-child.ts', { ...base, PICKY_TEST_OP: 'read' });
    const readLine = JSON.parse(read.stdout.trim()) as { ok: boolean; projects?: number; warning?: string };
    expect(readLine.ok).toBe(true);
    expect(readLine.projects).toBeUndefined();
    expect(readLine.warning).toMatch(
      /^The offline copy of your projects could not be opened\. Picky Tray could not reach the system keychain/,
    );
    // The file is fine, only its key was out of reach: it stays where it is.
    expect(await brokenFiles(dir)).toHaveLength(0);
    expect((await cache.read(account)).data?.projects).toHaveLength(3);

    const write = await runTsx('test/helpers/cache-child.ts', { ...base, PICKY_TEST_OP: 'write' });
    const writeLine = JSON.parse(write.stdout.trim()) as { ok: boolean; error?: { code: string } };
    expect(writeLine).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(read.stdout + write.stdout).not.toContain(TOKEN);
  });
});

/** Makes `dir` unwritable for this process: chmod for a normal user; root ignores modes, so `chattr +i` there. */
async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o500);
    return () => chmod(dir, 0o700);
  }
  execFileSync('chattr', ['+i', dir]);
  return async () => void execFileSync('chattr', ['-i', dir]);
}
