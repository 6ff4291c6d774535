// Remembers which notifications were already shown (small JSON in the data dir, written atomically),
// so a restart does not announce the same expiry twice. A bad file just means "nothing shown yet".
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../core/atomic-file';
import { silentLogger } from '../core/logger';
import type { Logger } from '../core/ports';

const FILE_NAME = 'notified.json';
const MAX_KEYS = 2000;
const FileSchema = z.object({ version: z.literal(1), keys: z.array(z.string().max(300)).max(MAX_KEYS) });

export interface NotifiedKeysStore {
  load(): Promise<Set<string>>;
  save(keys: ReadonlySet<string>): Promise<void>;
}

export function createNotifiedKeysStore(dataDir: string, log: Logger = silentLogger): NotifiedKeysStore {
  const file = path.join(dataDir, FILE_NAME);
  return {
    async load() {
      try {
        const raw = await readFileIfExists(file);
        if (!raw) return new Set();
        const parsed = FileSchema.safeParse(JSON.parse(raw.toString('utf8')));
        if (!parsed.success) log.warn('The list of notifications already shown is not in the expected shape');
        return parsed.success ? new Set(parsed.data.keys) : new Set();
      } catch (error) {
        // Worst case, a notification shown before is shown once more.
        log.warn('Reading the list of notifications already shown failed', { error });
        return new Set();
      }
    },
    async save(keys) {
      // Newest last: past the cap, the oldest are forgotten first.
      const list = [...keys].slice(-MAX_KEYS);
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, keys: list })}\n`);
    },
  };
}
