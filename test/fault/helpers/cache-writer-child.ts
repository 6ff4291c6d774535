// Child process for the kill loop: writes two versions of a large project cache, alternately, forever, through
// the real createProjectCache and the real keychain, until the test kills it with SIGKILL.
// Driven by the environment (never argv): PICKY_KILL_DIR, PICKY_KILL_SERVICE, PICKY_KILL_BASE_URL,
// PICKY_KILL_TOKEN, PICKY_KILL_COUNT, PICKY_KILL_VERSIONS ("7,8"). Prints "writing" once the loop starts and
// "wrote <version>" after each completed write.
import { createProjectCache } from '../../../app/core/project-cache';
import { createKeytarSecretStore } from '../../../app/core/secret-store';
import { cacheVersion } from './cache-versions';

async function main(): Promise<void> {
  const env = process.env;
  const cache = createProjectCache({
    dir: env.PICKY_KILL_DIR ?? '',
    secrets: createKeytarSecretStore(env.PICKY_KILL_SERVICE),
  });
  const account = { baseUrl: env.PICKY_KILL_BASE_URL ?? '', token: env.PICKY_KILL_TOKEN ?? '' };
  const count = Number(env.PICKY_KILL_COUNT ?? '1000');
  const versions = (env.PICKY_KILL_VERSIONS ?? '1,2').split(',').map(Number);
  // Built before the loop, so the kill lands in file work, not in generating data.
  const data = versions.map((v) => cacheVersion(v, count));
  process.stdout.write('writing\n');
  for (let k = 0; ; k++) {
    const index = k % data.length;
    await cache.write(account, data[index]!);
    process.stdout.write(`wrote ${versions[index]}\n`);
  }
}

main().catch((e: unknown) => {
  process.stdout.write(`failed ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
