// Run by `npm run dist` before electron-builder: a release that cannot be notarized stops here, with a sentence,
// instead of electron-builder skipping notarization with a warning. Signing itself is enforced by
// `forceCodeSigning` in electron-builder.yml. `npm run dist:unsigned` does not run this.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each set of environment variables electron-builder accepts for notarization (any one complete set will do). */
export const NOTARIZE_ENV_SETS: readonly (readonly string[])[] = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
];

/** What a release on `platform` still lacks, as sentences; empty when the build may go ahead. */
export function missingReleaseSettings(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (platform !== 'darwin') return [];
  const complete = NOTARIZE_ENV_SETS.some((set) => set.every((name) => (env[name] ?? '').trim() !== ''));
  if (complete) return [];
  return [
    `A macOS release must be notarized: set ${NOTARIZE_ENV_SETS.map((set) => set.join(' + ')).join(', or ')}. ` +
      'For a local build without signing, run `npm run dist:unsigned`.',
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const missing = missingReleaseSettings(process.platform, process.env);
  for (const line of missing) console.error(line);
  process.exit(missing.length > 0 ? 1 : 0);
}
