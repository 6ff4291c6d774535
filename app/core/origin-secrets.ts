// Keychain entry names for secrets that belong to one API origin (scheme, host, port): the entry names the
// origin it was checked against, so a secret is only ever read back for that origin and never sent elsewhere.
// One naming for every kind, so later kinds (a hand-added project's license key or API token) fit the same way:
// `<kind>@<origin>`, e.g. `master-token@https://pickyassist.com`, `project-api-token:42@https://api.example.com`.
// Pure: no keychain access here.

/** Every kind of per-origin secret. A kind with an id names one item (a project) of that origin. */
export type OriginSecretKind =
  'master-token' | 'offline-cache-key' | `project-license-key:${number}` | `project-api-token:${number}`;

const KIND_PATTERN = /^[a-z][a-z-]*(:\d{1,16})?$/;

/** The keychain account for one secret of one origin. The origin must be a URL origin (`URL.origin`). */
export function originSecretAccount(kind: OriginSecretKind, origin: string): string {
  if (!KIND_PATTERN.test(kind)) throw new Error(`Not a secret kind: ${kind}`);
  if (!/^https?:\/\/[^/@\s]+$/.test(origin)) throw new Error('Not an origin (scheme://host[:port])');
  return `${kind}@${origin}`;
}

export const masterTokenAccount = (origin: string): string => originSecretAccount('master-token', origin);
export const cacheKeyAccount = (origin: string): string => originSecretAccount('offline-cache-key', origin);

/** The names used before secrets were per origin; migrate-legacy.ts moves them, once, to the origin in effect. */
export const LEGACY_MASTER_TOKEN_ACCOUNT = 'master-token';
export const LEGACY_CACHE_KEY_ACCOUNT = 'offline-cache-key';
