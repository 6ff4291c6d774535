// Temporary folders for tests: `makeTempDir()` creates one under the OS temp folder; `removeTempDirs()` deletes
// every folder made so far (call it in afterEach/afterAll).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export async function makeTempDir(label = 'test'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `picky-tray-${label.replace(/[^a-z0-9-]/gi, '-')}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) {
    // A test may have made it read-only; give write access back so it can be removed (not needed for root).
    await chmod(dir, 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
