// Remembers which notifications were already shown (small JSON in the data dir, written atomically),
// so a restart does not announce the same expiry twice. A bad file just means "nothing shown yet".
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../core/atomic-file';

const FILE_NAME = 'notified.json';
const MAX_KEYS = 2000;
const MAX_KEY_LENGTH = 300;
// The envelope strictly, the keys one by one: one odd key (from an older version, or a hand edit) is dropped on its
// own instead of taking every other memory with it — which would announce every event again after a restart.
const FileSchema = z.object({ version: z.literal(1), keys: z.array(z.unknown()) });
const KeySchema = z.string().min(1).max(MAX_KEY_LENGTH);

/** The usable keys of a parsed file, newest last, at most MAX_KEYS. */
export function usableKeys(data: unknown): Set<string> {
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) return new Set();
  const keys: string[] = [];
  for (const key of parsed.data.keys) {
    const ok = KeySchema.safeParse(key);
    if (ok.success) keys.push(ok.data);
  }
  return new Set(keys.slice(-MAX_KEYS));
}

export interface NotifiedKeysStore {
  load(): Promise<Set<string>>;
  save(keys: ReadonlySet<string>): Promise<void>;
}

export function createNotifiedKeysStore(dataDir: string): NotifiedKeysStore {
  const file = path.join(dataDir, FILE_NAME);
  return {
    async load() {
      try {
        const raw = await readFileIfExists(file);
        if (!raw) return new Set();
        return usableKeys(JSON.parse(raw.toString('utf8')));
      } catch {
        // Unreadable or not JSON: nothing remembered, which at worst repeats a notice once. Nothing to tell the
        // user, and the next save writes a good file.
        return new Set();
      }
    },
    async save(keys) {
      // Newest last: past the cap, the oldest are forgotten first.
      const list = [...keys].filter((k) => k.length <= MAX_KEY_LENGTH).slice(-MAX_KEYS);
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, keys: list })}\n`);
    },
  };
}
