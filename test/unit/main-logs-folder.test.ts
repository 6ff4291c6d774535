// "Open logs folder": the folder is made if needed and handed to the file manager; when that fails, the user
// gets a sentence with the path, and the log says why.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logsDirFor } from '../../app/core/data-dir';
import { createLogger, createMemoryLog } from '../../app/core/logger';
import { createOpenLogsFolder } from '../../app/main/logs-folder';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterEach(removeTempDirs);

function setup(openPath: (path: string) => Promise<string>) {
  const memory = createMemoryLog();
  return { memory, log: createLogger({ sinks: [memory.sink] }), openPath };
}

describe('open logs folder', () => {
  it('makes the folder before the first log line exists, and shows it', async () => {
    const folder = logsDirFor(await makeTempDir('logs-folder'));
    const shown: string[] = [];
    const { log } = setup(async () => '');
    const open = createOpenLogsFolder({ folder, log, openPath: async (p) => (shown.push(p), '') });
    expect(await open()).toEqual({ opened: true, folder });
    expect(shown).toEqual([folder]);
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it('says where the logs are when the file manager refuses, and logs why', async () => {
    const folder = logsDirFor(await makeTempDir('logs-folder-refused'));
    const { memory, log } = setup(async () => '');
    const open = createOpenLogsFolder({
      folder,
      log,
      openPath: async () => 'No application is registered for folders',
    });
    expect(await open()).toEqual({
      opened: false,
      folder,
      message: `Picky Tray could not open the logs folder. Its log files are in ${folder}.`,
    });
    expect(memory.text()).toMatch(/WARN {2}Opening the logs folder failed .*No application is registered/);
  });

  it('says the same when the folder cannot be made', async () => {
    const dataDir = await makeTempDir('logs-folder-blocked');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'logs'), 'a file in the way');
    const { memory, log } = setup(async () => '');
    const open = createOpenLogsFolder({ folder: logsDirFor(dataDir), log, openPath: async () => '' });
    expect(await open()).toMatchObject({ opened: false, message: expect.stringContaining(logsDirFor(dataDir)) });
    expect(memory.text()).toContain('EEXIST');
  });
});
