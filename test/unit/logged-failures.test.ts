// Failures that used to vanish now reach the log, with what was being done: IPC calls that failed, the offline
// copy that cannot be opened, a settings file that cannot be used. Memory logger; real files where files matter.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PickyError } from '../../app/core/errors';
import { createLogger, createMemoryLog } from '../../app/core/logger';
import { openPickyCore } from '../../app/core/picky-core';
import { cacheFileName, createProjectCache } from '../../app/core/project-cache';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { SETTINGS_FILE_NAME } from '../../app/core/settings-store';
import type { InvokeHandlers } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { withFailureLog } from '../../app/shared/logged-handlers';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterEach(removeTempDirs);

const TOKEN = 'logged-failures-master-token-77a1';

function memoryLogger() {
  const memory = createMemoryLog();
  return { memory, logger: createLogger({ sinks: [memory.sink], level: 'debug' }) };
}

describe('failures reach the log', () => {
  it('an IPC call that fails: the page gets the sentence, the log the error (explained at info, a bug at error); inputs are not logged', async () => {
    const { memory, logger } = memoryLogger();
    const failing = {
      setToken: async () => {
        throw new PickyError('auth', 'Picky Assist rejected that Master API token.');
      },
      clearCache: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    } as unknown as InvokeHandlers;
    const handlers = withFailureLog(failing, logger.child('ipc'));
    expect(await dispatchInvoke(handlers, 'setToken', { token: TOKEN })).toEqual({
      ok: false,
      error: { code: 'auth', message: 'Picky Assist rejected that Master API token.' },
    });
    expect(await dispatchInvoke(handlers, 'clearCache', undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(memory.records.map((r) => [r.level, r.scope, r.message])).toEqual([
      ['info', 'ipc', '"setToken" failed'],
      ['error', 'ipc', '"clearCache" failed unexpectedly'],
    ]);
    expect(memory.text()).toContain('"code":"auth"');
    expect(memory.text()).toContain('cannot read properties of undefined');
    expect(memory.text()).not.toContain(TOKEN);
  });

  it('an offline copy that cannot be opened is logged with the reason from the system', async () => {
    const dir = await makeTempDir('log-cache');
    await mkdir(join(dir, cacheFileName('https://example.test')));
    const { memory, logger } = memoryLogger();
    const cache = createProjectCache({ dir, secrets: createMemorySecretStore(), logger });
    const result = await cache.read({ baseUrl: 'https://example.test/api', token: TOKEN });
    expect(result.warning).toBeDefined();
    expect(memory.text()).toMatch(/WARN {2}Opening the offline copy failed /);
    // The system's own reason is kept, under the sentence the user saw.
    expect(memory.text()).toContain('EISDIR');
    expect(memory.records[0]?.context).toHaveProperty('error');
  });

  it('a settings file that cannot be used is logged when the core opens, with what it means', async () => {
    const dir = await makeTempDir('log-settings');
    await writeFile(join(dir, SETTINGS_FILE_NAME), '{ not json');
    const { memory, logger } = memoryLogger();
    const core = await openPickyCore({
      dataDir: dir,
      env: {},
      secrets: createMemorySecretStore(),
      fetchProjects: async () => [],
      logger,
    });
    await core.dispose();
    expect(memory.text()).toMatch(/WARN {2}The settings file could not be used; defaults are in use \{"warning":/);
  });
});
