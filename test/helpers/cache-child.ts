// Child process for project-cache tests that need their own process, driven by the environment (never argv):
//   PICKY_TEST_OP = read | write | write-and-pause, PICKY_TEST_SERVICE, PICKY_TEST_DIR, PICKY_TEST_BASE_URL,
//   PICKY_TEST_TOKEN, PICKY_TEST_OFFSET, PICKY_TEST_COUNT.
// "write-and-pause" stops just before the rename and prints "ready <temp path>", so a test can kill it there.
// Prints one JSON line with the outcome.
import { toErrorInfo } from '../../app/core/errors';
import { createProjectCache } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { makeProjects } from './projects';

async function main(): Promise<void> {
  const env = process.env;
  const op = env.PICKY_TEST_OP ?? 'read';
  const cache = createProjectCache({
    dir: env.PICKY_TEST_DIR ?? '',
    secrets: createKeytarSecretStore(env.PICKY_TEST_SERVICE),
    ...(op === 'write-and-pause'
      ? {
          beforeRename: async (tempPath: string) => {
            setInterval(() => undefined, 60_000); // keeps the process alive until it is killed
            process.stdout.write(`ready ${tempPath}\n`);
            await new Promise<never>(() => undefined);
          },
        }
      : {}),
  });
  const account = { baseUrl: env.PICKY_TEST_BASE_URL ?? '', token: env.PICKY_TEST_TOKEN ?? '' };
  try {
    if (op === 'read') {
      const result = await cache.read(account);
      process.stdout.write(
        `${JSON.stringify({ ok: true, projects: result.data?.projects.length, warning: result.warning })}\n`,
      );
      return;
    }
    await cache.write(account, {
      fetchedAt: new Date().toISOString(),
      projects: makeProjects(Number(env.PICKY_TEST_COUNT ?? '3'), Number(env.PICKY_TEST_OFFSET ?? '0')),
    });
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: toErrorInfo(e) })}\n`);
  }
}

void main();
