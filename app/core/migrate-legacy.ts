// Before secrets were per origin, Picky Tray kept one Master token (`master-token`), one cache key
// (`offline-cache-key`) and one offline copy (`projects-cache.json`). They move, once, to the origin in effect at
// that moment: the first start of this version. Each legacy item is removed once its per-origin copy is in place,
// so the move never runs again (a later change of address finds nothing to move) and a crash half-way finishes on
// the next start. An existing per-origin entry is never overwritten.
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { exists, setAside } from './atomic-file';
import {
  LEGACY_CACHE_KEY_ACCOUNT,
  LEGACY_MASTER_TOKEN_ACCOUNT,
  cacheKeyAccount,
  masterTokenAccount,
} from './origin-secrets';
import type { Clock, SecretStore } from './ports';
import { LEGACY_CACHE_FILE_NAME, cacheFileName } from './project-cache';

export interface MigrationResult {
  /** What moved to the origin: empty when there was nothing left to migrate. */
  moved: ('master token' | 'cache key' | 'offline copy')[];
}

async function moveSecret(secrets: SecretStore, from: string, to: string): Promise<boolean> {
  const legacy = await secrets.get(from);
  if (legacy === null) return false;
  if ((await secrets.get(to)) === null) await secrets.set(to, legacy);
  await secrets.delete(from);
  return true;
}

/** Moves the legacy token, cache key and offline copy to `origin`. Keychain and disk errors propagate. */
export async function migrateLegacyToOrigin(
  secrets: SecretStore,
  dir: string,
  origin: string,
  clock: Clock,
): Promise<MigrationResult> {
  const moved: MigrationResult['moved'] = [];
  if (await moveSecret(secrets, LEGACY_MASTER_TOKEN_ACCOUNT, masterTokenAccount(origin))) moved.push('master token');
  // The key before the file: a file without its key would be set aside as unreadable.
  if (await moveSecret(secrets, LEGACY_CACHE_KEY_ACCOUNT, cacheKeyAccount(origin))) moved.push('cache key');
  const legacyFile = join(dir, LEGACY_CACHE_FILE_NAME);
  if (await exists(legacyFile)) {
    const target = join(dir, cacheFileName(origin));
    if (await exists(target)) {
      // This origin already has its own copy (written by this version): keep the old one aside, never delete it.
      await setAside(legacyFile, 'migrated', clock.now());
    } else {
      await rename(legacyFile, target);
      moved.push('offline copy');
    }
  }
  return { moved };
}
