// Child process for the cache atomicity test: writes a new cache through the real keychain and pauses just
// before the rename, printing "ready <temp path>", so the test can kill it (SIGKILL) at the worst moment.
// Inputs come from the environment (never argv): PICKY_TEST_SERVICE, PICKY_TEST_DIR, PICKY_TEST_BASE_URL,
// PICKY_TEST_TOKEN, PICKY_TEST_OFFSET, PICKY_TEST_COUNT.
import { createProjectCache } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { makeProjects } from './projects';

async function main(): Promise<void> {
  const env = process.env;
  const cache = createProjectCache({
    dir: env.PICKY_TEST_DIR ?? '',
    secrets: createKeytarSecretStore(env.PICKY_TEST_SERVICE),
    beforeRename: async (tempPath) => {
      setInterval(() => undefined, 60_000); // keeps the process alive until it is killed
      process.stdout.write(`ready ${tempPath}\n`);
      await new Promise<never>(() => undefined);
    },
  });
  await cache.write(
    { baseUrl: env.PICKY_TEST_BASE_URL ?? '', token: env.PICKY_TEST_TOKEN ?? '' },
    {
      fetchedAt: new Date().toISOString(),
      projects: makeProjects(Number(env.PICKY_TEST_COUNT ?? '3'), Number(env.PICKY_TEST_OFFSET ?? '0')),
    },
  );
  process.stdout.write('finished without pausing\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
