// The hand-added projects of one API origin on disk: names and ids only (never a license key or a token — those
// are in the keychain, origin-secrets.ts), in `manual-projects-<16 hex naming the origin>.json` in the data
// folder, written atomically. A file that cannot be read is set aside and the app carries on with none.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { readFileIfExists, setAside, writeFileAtomic } from './atomic-file';
import { MAX_MANUAL_NUMBER } from './manual-id';
import type { Clock } from './ports';

export const MANUAL_FORMAT = 'picky-tray-manual-projects';

export const ManualEntrySchema = z.object({
  number: z.int().check(z.positive(), z.maximum(MAX_MANUAL_NUMBER)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The project id from the device status of its token. */
  projectId: z.optional(z.int().check(z.nonnegative())),
  /** The number connected when the token was last checked. */
  connectedNumber: z.optional(z.string().check(z.maxLength(40))),
  /** The token was saved without a check ("Save and check later"). */
  tokenUnchecked: z.optional(z.boolean()),
  addedAt: z.string(),
});
export type ManualEntry = z.infer<typeof ManualEntrySchema>;

const ManualFileSchema = z.object({
  format: z.literal(MANUAL_FORMAT),
  version: z.literal(1),
  origin: z.string(),
  /** Numbers are never reused, so an old keychain entry can never be read back for a new project. */
  nextNumber: z.int().check(z.positive()),
  projects: z.array(ManualEntrySchema),
});
export type ManualFile = z.infer<typeof ManualFileSchema>;

export function manualFileName(origin: string): string {
  return `manual-projects-${createHash('sha256').update(origin).digest('hex').slice(0, 16)}.json`;
}

export interface ManualReadResult {
  file: ManualFile;
  /** Set when a file existed but could not be used and was set aside. */
  warning?: string;
}

export interface ManualStore {
  read(origin: string): Promise<ManualReadResult>;
  write(file: ManualFile): Promise<void>;
}

export function emptyManualFile(origin: string): ManualFile {
  return { format: MANUAL_FORMAT, version: 1, origin, nextNumber: 1, projects: [] };
}

export function createManualStore(options: { dir: string; clock: Clock }): ManualStore {
  const path = (origin: string) => join(options.dir, manualFileName(origin));
  return {
    async read(origin) {
      const file = path(origin);
      const bytes = await readFileIfExists(file);
      if (bytes === undefined) return { file: emptyManualFile(origin) };
      let parsed: ManualFile | undefined;
      try {
        const result = ManualFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
        if (result.success && result.data.origin === origin) parsed = result.data;
      } catch {
        // Not JSON: handled below like any other unusable file.
      }
      if (parsed) {
        const highest = Math.max(0, ...parsed.projects.map((p) => p.number));
        return { file: { ...parsed, nextNumber: Math.max(parsed.nextNumber, highest + 1) } };
      }
      const aside = await setAside(file, 'unreadable hand-added projects', options.clock.now());
      return {
        file: emptyManualFile(origin),
        warning: `The list of projects added by hand could not be read and was set aside${
          aside ? ` (${aside})` : ''
        }; add them again. Their license keys and tokens are still in the keychain.`,
      };
    },
    async write(data) {
      await writeFileAtomic(path(data.origin), `${JSON.stringify(data, null, 2)}\n`);
    },
  };
}
