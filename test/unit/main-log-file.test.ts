// The desktop app's log file (electron-log's file transport, its plain-Node build): real files in a temporary
// folder. It rotates at the cap, so the logs folder never holds more than two files of about that size.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logsDirFor } from '../../app/core/data-dir';
import { createLogger } from '../../app/core/logger';
import { LOG_FILE_NAME, createLogFileSink } from '../../app/main/log-file';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterEach(removeTempDirs);

describe('the log file', () => {
  it('is logs/main.log in the data folder, one line per record, readable by its owner only', async () => {
    const dataDir = await makeTempDir('log-file');
    const logsDir = logsDirFor(dataDir);
    expect(logsDir).toBe(join(dataDir, 'logs'));
    const log = createLogger({ sinks: [createLogFileSink(logsDir)], level: 'debug' });
    log.info('Picky Tray is starting', { version: '1.2.3' });
    log.child('tray').warn('Drawing the tray failed', { error: new Error('no icon') });
    const text = await readFile(join(logsDir, LOG_FILE_NAME), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}Picky Tray is starting \{"version":"1\.2\.3"\}$/);
    expect(lines[1]).toContain('WARN  tray: Drawing the tray failed {"error":{"name":"Error","message":"no icon"');
    if (process.platform !== 'win32') {
      expect((await stat(join(logsDir, LOG_FILE_NAME))).mode & 0o777).toBe(0o600);
      expect((await stat(logsDir)).mode & 0o777).toBe(0o700);
    }
  });

  it('rotates at its size cap: main.log and main.old.log, never more, and the newest line is kept', async () => {
    const logsDir = logsDirFor(await makeTempDir('log-rotate'));
    const cap = 4096;
    const log = createLogger({ sinks: [createLogFileSink(logsDir, cap)] });
    for (let i = 0; i < 500; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    expect((await readdir(logsDir)).sort()).toEqual(['main.log', 'main.old.log']);
    for (const name of ['main.log', 'main.old.log']) {
      // A file is rotated once it is past the cap, so it ends at most one line over it.
      expect((await stat(join(logsDir, name))).size).toBeLessThan(cap + 200);
    }
    expect(await readFile(join(logsDir, 'main.log'), 'utf8')).toContain('line 499 ');
  });

  it('a folder that cannot be made costs the log, never the app', async () => {
    const dataDir = await makeTempDir('log-blocked');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'logs'), 'a file where the folder should be');
    const log = createLogger({ sinks: [createLogFileSink(logsDirFor(dataDir))] });
    expect(() => log.error('nowhere to go')).not.toThrow();
  });
});
