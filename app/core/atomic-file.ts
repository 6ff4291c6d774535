// Crash-safe file writes (temp file + fsync + rename), setting broken files aside instead of deleting them,
// and reads that treat a missing file as "nothing there". Every failure is a PickyError 'disk' naming the folder.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PickyError } from './errors';

export interface WriteFileAtomicOptions {
  /** File mode of the new file; 0o600 by default (only the user can read it). */
  mode?: number;
  /** Test hook: runs after the temp file is complete and synced, just before the rename. */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

const TEMP_SUFFIX = '.tmp';

function tempPrefix(fileName: string): string {
  return `.${fileName}.`;
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/** A sentence for a failed file operation in `dir`: what went wrong there and what the user can do. */
export function diskError(dir: string, e: unknown, verb: 'save to' | 'read from' | 'set aside a file in'): PickyError {
  if (e instanceof PickyError) return e;
  const code = errnoCode(e) ?? 'unknown';
  const start = `Picky Tray could not ${verb} ${dir}`;
  let message: string;
  switch (code) {
    case 'EROFS':
      message = `${start}: the folder is read-only. Make it writable, or point PICKY_TRAY_HOME at a writable folder, then try again.`;
      break;
    case 'EACCES':
    case 'EPERM':
      message = `${start}: permission denied. Make sure your user account may write to this folder (or point PICKY_TRAY_HOME at one it may), then try again.`;
      break;
    case 'ENOSPC':
    case 'EDQUOT':
      message = `${start}: the disk is full. Free some space, then try again.`;
      break;
    case 'ENOTDIR':
    case 'EEXIST':
      message = `${start}: a file is in the way where a folder should be. Move that file away, then try again.`;
      break;
    case 'EISDIR':
      message = `${start}: a folder is in the way where a file should be. Move that folder away, then try again.`;
      break;
    default:
      message = `${start} (${code}). Check that the folder exists and is writable, then try again.`;
  }
  return new PickyError('disk', message, { dir, errno: code }, { cause: e });
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return errnoCode(e) === 'EPERM';
  }
}

/** Removes temp files that a crashed writer (a process that no longer exists) left beside `fileName`. */
async function removeStaleTemps(dir: string, fileName: string): Promise<void> {
  const prefix = tempPrefix(fileName);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    // Tidying is best effort: a folder that cannot be listed fails the write itself, which reports it.
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    // Best effort, as above: a leftover that cannot be removed is tried again at the next write.
    await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Not possible on Windows (and some file systems): best effort.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some systems (Windows, some network file systems) cannot sync a folder; the file itself was synced, and
    // a failure here changes nothing the user could act on.
  }
}

/**
 * Writes `data` to `path` so that readers see either the old file or the new one, whole, even after a crash:
 * temp file in the same folder, fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const fileName = basename(path);
  let tempPath: string | undefined;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await removeStaleTemps(dir, fileName);
    tempPath = join(dir, `${tempPrefix(fileName)}${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    // 'wx': never follow or reuse something already at the temp name.
    const handle = await open(tempPath, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(tempPath);
    await rename(tempPath, path);
    tempPath = undefined;
  } catch (e) {
    // The write's own error is what matters and is thrown below; a temp file left behind is removed next time.
    if (tempPath !== undefined) await rm(tempPath, { force: true }).catch(() => undefined);
    throw diskError(dir, e, 'save to');
  }
  await fsyncDir(dir);
}

/** True when something (file, folder or link) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    // Nothing there, or nothing lstat may see: either way nothing to set aside or to avoid overwriting.
    return false;
  }
}

function stamp(now: number): string {
  // 2025-01-31T12-00-00-123Z: sortable and valid on every file system (no colons).
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a broken file out of the way without deleting it: `<name>.broken-<timestamp>` beside it.
 * Returns the new path, or undefined when there was no file. Throws PickyError 'disk' when the rename fails.
 */
export async function setAside(path: string, reason?: string, now: number = Date.now()): Promise<string | undefined> {
  if (!(await exists(path))) return undefined;
  const base = `${path}.broken-${stamp(now)}`;
  let target = base;
  for (let n = 2; await exists(target); n++) target = `${base}-${n}`;
  try {
    await rename(path, target);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    const error = diskError(dirname(path), e, 'set aside a file in');
    throw reason ? new PickyError('disk', error.message, { ...error.details, reason }, { cause: e }) : error;
  }
  return target;
}

/** The file's bytes, or undefined when it does not exist. Other failures throw PickyError 'disk'. */
export async function readFileIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw diskError(dirname(path), e, 'read from');
  }
}
