// `npm run demo` hands the emulator's demo token to the app without argv and without touching the user's
// keychain: an env var, read once at start-up and deleted, and only honoured in an unpackaged run.
export const SESSION_TOKEN_ENV = 'PICKY_TRAY_SESSION_TOKEN';

export function takeSessionToken(env: Record<string, string | undefined>, isPackaged: boolean): string | undefined {
  const token = env[SESSION_TOKEN_ENV]?.trim();
  delete env[SESSION_TOKEN_ENV];
  if (isPackaged || !token) return undefined;
  return token;
}
