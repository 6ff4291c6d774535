// A process killed with SIGKILL while it writes the offline cache, many times in a row: after every kill the
// cache reads back, with no warning, as exactly one whole version — the one before the child started, or one
// the child was writing. Never lost, never half-written. Real keychain, real file system, real processes.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheAccount } from '../../app/core/ports';
import { cacheFileFor, cacheKeyAccountFor } from '../helpers/accounts';
import { createProjectCache } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { type BundledChild, bundleChild } from './helpers/bundle-child';
import { cacheVersion, whichVersion } from './helpers/cache-versions';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus) console.warn('Skipping the cache kill loop: no D-Bus session; run through scripts/with-keyring.sh.');

const ITERATIONS = 30;
/** About 1.7 MB of JSON, 2.3 MB encrypted on disk: a write takes long enough to be killed in its middle. */
const COUNT = 2000;
const account: CacheAccount = { baseUrl: 'https://pickyassist.com/app/api/v2', token: 'kill-loop-token-3b9e71c2a5' };

/** Seeded (mulberry32), so a failing run can be replayed with the same kill moments. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillOutcome {
  completedWrites: number;
  output: string;
}

/** Starts a writer, waits until its loop runs, lets it work for `delayMs`, then kills it with SIGKILL. */
function writeThenKill(child: BundledChild, env: NodeJS.ProcessEnv, delayMs: number): Promise<KillOutcome> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child.file], {
      env: { ...env, ...child.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let armed = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!armed && output.includes('writing\n')) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.on('error', fail);
    proc.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL')
        fail(new Error(`The writer ended by itself (${signal ?? 'no signal'}): ${output.slice(0, 500)}`));
      else done({ completedWrites: output.split('\n').filter((l) => l.startsWith('wrote ')).length, output });
    });
  });
}

describe.skipIf(!haveBus)('cache writer killed with SIGKILL, again and again', () => {
  let child: BundledChild;
  const service = `Picky Tray kill loop ${randomUUID()}`;
  const secrets = createKeytarSecretStore(service);

  beforeAll(async () => {
    child = await bundleChild('test/fault/helpers/cache-writer-child.ts');
  });
  afterAll(async () => {
    await secrets.delete(cacheKeyAccountFor(account.baseUrl)).catch(() => undefined);
    if (child) await rm(child.dir, { recursive: true, force: true });
    await removeTempDirs();
  });

  it(`reads as one whole version after each of ${ITERATIONS} kills`, { timeout: 120_000 }, async () => {
    const dir = join(await makeTempDir('kill-loop'), 'data');
    const cache = createProjectCache({ dir, secrets });
    await cache.write(account, cacheVersion(0, COUNT));
    let current = 0;
    const random = seededRandom(20260127);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PICKY_KILL_DIR: dir,
      PICKY_KILL_SERVICE: service,
      PICKY_KILL_BASE_URL: account.baseUrl,
      PICKY_KILL_TOKEN: account.token,
      PICKY_KILL_COUNT: String(COUNT),
    };
    const seen = { unchanged: 0, changed: 0, writesBeforeKill: 0 };

    for (let i = 0; i < ITERATIONS; i++) {
      const versions = [2 * i + 1, 2 * i + 2];
      // 0-150 ms: from before the first write finishes (one takes about 40 ms here) to a few writes in, so kills
      // land in every phase (writing the temp file, fsync, rename, the next write starting).
      const delayMs = Math.floor(random() * 150);
      const outcome = await writeThenKill(child, { ...env, PICKY_KILL_VERSIONS: versions.join(',') }, delayMs);
      seen.writesBeforeKill += outcome.completedWrites;

      const result = await createProjectCache({ dir, secrets }).read(account);
      const label = `iteration ${i}, killed after ${delayMs} ms and ${outcome.completedWrites} completed writes`;
      expect(result.warning, label).toBeUndefined();
      const version = whichVersion(result.data, [current, ...versions], COUNT);
      expect(version, `${label}: the cache is none of versions ${[current, ...versions].join(', ')}`).toBeDefined();
      // A write the child reported as done is never undone by a later kill.
      if (outcome.completedWrites > 0) expect(version, label).not.toBe(current);
      if (version === current) seen.unchanged++;
      else seen.changed++;
      current = version ?? current;
    }

    console.log(
      `kill loop: ${ITERATIONS} kills; cache unchanged after ${seen.unchanged}, a new version after ${seen.changed}; ` +
        `${seen.writesBeforeKill} writes completed in all.`,
    );
    // Otherwise no kill ever landed after a write, and the loop proved less than it claims.
    expect(seen.changed).toBeGreaterThan(0);

    // Temp files of the killed writers are cleaned up by the next write, and the folder holds just the cache.
    await cache.write(account, cacheVersion(999, 10));
    expect(await readdir(dir)).toEqual([cacheFileFor(account.baseUrl)]);
    expect((await cache.read(account)).data).toEqual(cacheVersion(999, 10));
  });
});
