// `npm run demo` hands the emulator's demo token to the app without argv, without the environment (readable in
// /proc/<pid>/environ for the process's whole life) and without touching the user's keychain: the demo writes it
// to a 0600 file in its private (0700) temporary folder and passes only the file's path; the main process reads
// the file once at start-up and deletes it, keeping the token in memory only. Only an unpackaged run honours it;
// a packaged app deletes the file unread.
import { closeSync, constants, fstatSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MasterToken, checkMasterToken } from '../core/master-token';

export const SESSION_TOKEN_FILE_ENV = 'PICKY_TRAY_SESSION_TOKEN_FILE';
const FILE_NAME = 'session-token';
const MAX_TOKEN_BYTES = 4096;

/** Writes the token for one run: a new file (never an existing one), readable by this user only. */
export function writeSessionTokenFile(privateDir: string, token: string): string {
  const path = join(privateDir, FILE_NAME);
  writeFileSync(path, token, { mode: 0o600, flag: 'wx' });
  return path;
}

/** The token from the file named in the environment, read once; the variable and the file are removed. */
export function takeSessionToken(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): MasterToken | undefined {
  const path = env[SESSION_TOKEN_FILE_ENV]?.trim();
  delete env[SESSION_TOKEN_FILE_ENV];
  if (!path) return undefined;
  let token: string | undefined;
  try {
    if (!isPackaged) token = readPrivateFile(path);
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already gone, or not ours to delete: either way nothing of it is kept.
    }
  }
  if (token === undefined) return undefined;
  // A blank or absurd session token is no token: the app asks for one, as it does without the file.
  const checked = checkMasterToken(token);
  return checked.ok ? checked.token : undefined;
}

/** The file's text when it is a small regular file of this user's that nobody else can read (no symlink). */
function readPrivateFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    // Windows has no owner and mode bits here; the demo's temporary folder is the user's own there.
    const posix = process.platform !== 'win32';
    const ownedByUs = !posix || typeof process.getuid !== 'function' || info.uid === process.getuid();
    const privateMode = !posix || (info.mode & 0o077) === 0;
    if (!info.isFile() || !ownedByUs || !privateMode || info.size > MAX_TOKEN_BYTES) return undefined;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
