// The desktop app's log file: `logs/main.log` in the data folder, through electron-log's file transport (its
// plain-Node build, so this file runs and is tested without Electron). At LOG_MAX_BYTES the file is renamed to
// main.old.log and a new one starts, so the logs never take more than twice that. Records arrive already
// redacted (app/core/logger.ts); this only writes them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { type LogSink, formatLogLine } from '../core/logger';

export const LOG_FILE_NAME = 'main.log';
export const LOG_MAX_BYTES = 1024 * 1024;

export function createLogFileSink(logsDir: string, maxBytes = LOG_MAX_BYTES): LogSink {
  try {
    // Only the owner may read it: it says which projects exist and when things failed.
    mkdirSync(logsDir, { recursive: true, mode: 0o700 });
  } catch {
    // A read-only or broken data folder: the app must still start. electron-log tries again at each write and
    // reports on the console when it cannot; the app's own messages say what is wrong with the folder.
  }
  const file = electronLog.create({ logId: `picky-tray:${logsDir}` });
  file.transports.console.level = false;
  if (file.transports.ipc) file.transports.ipc.level = false;
  file.transports.remote.level = false;
  file.transports.file.level = 'debug';
  file.transports.file.resolvePathFn = () => join(logsDir, LOG_FILE_NAME);
  file.transports.file.maxSize = maxBytes;
  file.transports.file.format = '{text}';
  file.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  return (record) => file[record.level](formatLogLine(record));
}
