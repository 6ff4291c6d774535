// Cost of the encrypted offline cache against the same data kept as plain JSON, for 10,000 projects.
// Encrypted: write + read through createProjectCache (AES-256-GCM, zod parse on read; in-memory key store so
// the keychain's D-Bus round trips do not blur the figure). Plain: writeFileAtomic + readFile + JSON.parse.
// Both sides write atomically with fsync, so the ratio shows what encryption and validation add.
// Run: npx tsx test/bench/cache-bench.ts
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../app/core/atomic-file';
import type { CachedProjects } from '../../app/core/ports';
import { createProjectCache } from '../../app/core/project-cache';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { makeProjects } from '../helpers/projects';

export interface CacheBenchResult {
  /** encryptedMs / plainMs */
  ratio: number;
  /** Median write + read through the encrypted cache. */
  encryptedMs: number;
  /** Median write + read of the same data as plain JSON. */
  plainMs: number;
  projects: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function benchCache(
  options: { projects?: number; rounds?: number; warmup?: number } = {},
): Promise<CacheBenchResult> {
  const count = options.projects ?? 10_000;
  const rounds = options.rounds ?? 9;
  const warmup = options.warmup ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'picky-tray-cache-bench-'));
  try {
    const data: CachedProjects = { fetchedAt: new Date().toISOString(), projects: makeProjects(count) };
    const account = { baseUrl: 'https://pickyassist.com/app/api/v2', token: 'bench-token-0123456789abcdef' };
    const cache = createProjectCache({ dir: join(dir, 'encrypted'), secrets: createMemorySecretStore() });
    const plainPath = join(dir, 'plain', 'projects.json');

    const encrypted = async (): Promise<void> => {
      await cache.write(account, data);
      const result = await cache.read(account);
      if (result.data?.projects.length !== count)
        throw new Error(`encrypted round trip lost projects: ${result.warning ?? ''}`);
    };
    const plain = async (): Promise<void> => {
      await writeFileAtomic(plainPath, JSON.stringify(data));
      const back = JSON.parse(await readFile(plainPath, 'utf8')) as CachedProjects;
      if (back.projects.length !== count) throw new Error('plain round trip lost projects');
    };

    const times = { encrypted: [] as number[], plain: [] as number[] };
    for (let round = 0; round < warmup + rounds; round++) {
      // Alternate which side goes first so neither always runs on a warmer cache.
      const order = round % 2 === 0 ? (['encrypted', 'plain'] as const) : (['plain', 'encrypted'] as const);
      for (const side of order) {
        const start = performance.now();
        await (side === 'encrypted' ? encrypted() : plain());
        if (round >= warmup) times[side].push(performance.now() - start);
      }
    }
    const encryptedMs = median(times.encrypted);
    const plainMs = median(times.plain);
    return { ratio: encryptedMs / plainMs, encryptedMs, plainMs, projects: count };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /cache-bench\.ts$/.test(process.argv[1])) {
  benchCache().then(
    (r) =>
      console.log(
        `cache: ${r.projects} projects, encrypted write+read ${r.encryptedMs.toFixed(1)} ms, ` +
          `plain JSON ${r.plainMs.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)}`,
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
