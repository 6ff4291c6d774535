// `npm run demo` hands the emulator's demo token to the app without argv and without touching the user's
// keychain: an env var, read once at start-up and deleted, and only honoured in an unpackaged run.
import { type MasterToken, parseMasterToken } from '../core/master-token';

export const SESSION_TOKEN_ENV = 'PICKY_TRAY_SESSION_TOKEN';

export function takeSessionToken(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): MasterToken | undefined {
  const raw = env[SESSION_TOKEN_ENV];
  delete env[SESSION_TOKEN_ENV];
  if (isPackaged || !raw) return undefined;
  try {
    return parseMasterToken(raw);
  } catch {
    // A blank session token is no token: the app asks for one, as it does without the variable.
    return undefined;
  }
}
