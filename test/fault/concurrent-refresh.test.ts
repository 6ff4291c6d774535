// Hundreds of refreshes at once (a user hammering the button, the tray, the window and a timer together) make
// exactly one request to the server, and every caller gets the same answer. Real emulator, real keychain.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';

import { createKeytarSecretStore } from '../../app/core/secret-store';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { API_PREFIX, type RunningEmulator, startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the concurrent refresh tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const GET_PROJECTS = `${API_PREFIX}/pm/get-projects`;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await removeTempDirs();
});

async function setup(): Promise<{ core: PickyCore; emulator: RunningEmulator }> {
  // Some latency, so the request is certainly still open while all the callers arrive.
  const emulator = await startEmulator({ port: 0, scenario: { latencyMs: 150 } });
  cleanups.push(() => emulator.close());
  const secrets = createKeytarSecretStore(`Picky Tray concurrency ${randomUUID()}`);
  cleanups.push(async () => {
    await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
    await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  });
  const core = await openPickyCore({
    dataDir: await makeTempDir('concurrency'),
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets,
  });
  cleanups.push(() => core.dispose());
  await core.setToken(parseMasterToken(DEMO_TOKEN));
  return { core, emulator };
}

describe.skipIf(!haveBus)('many refreshes at once', () => {
  it('300 concurrent core.refresh() calls make exactly one request', async () => {
    const { core, emulator } = await setup();
    const before = emulator.requestCount(GET_PROJECTS);
    const results = await Promise.all(Array.from({ length: 300 }, () => core.refresh()));
    expect(emulator.requestCount(GET_PROJECTS) - before).toBe(1);
    expect(results[0]).toMatchObject({ kind: 'ok', source: 'network' });
    for (const r of results) expect(r).toEqual(results[0]);
    // And the next refresh, once that one is over, is a new request.
    await core.refresh();
    expect(emulator.requestCount(GET_PROJECTS) - before).toBe(2);
  });

  it('200 concurrent refresh invokes through the IPC handlers make exactly one request', async () => {
    const { core, emulator } = await setup();
    const handlers = createCoreHandlers(core, {
      mode: 'preview',
      version: '0.0.0',
      platform: process.platform,
      openExternal: async () => false,
      openQr: async () => false,
    });
    const before = emulator.requestCount(GET_PROJECTS);
    const envelopes = await Promise.all(Array.from({ length: 200 }, () => dispatchInvoke(handlers, 'refresh', null)));
    expect(emulator.requestCount(GET_PROJECTS) - before).toBe(1);
    for (const e of envelopes) expect(e).toMatchObject({ ok: true, value: { kind: 'ok' } });
  });

  it('refreshes that pile up while the server is failing still make one request, and all report the failure', async () => {
    const { core, emulator } = await setup();
    emulator.setScenario({ http500Html: true });
    const before = emulator.requestCount(GET_PROJECTS);
    const results = await Promise.all(Array.from({ length: 300 }, () => core.refresh()));
    expect(emulator.requestCount(GET_PROJECTS) - before).toBe(1);
    for (const r of results) expect(r).toMatchObject({ kind: 'refused', failures: 1, error: { code: 'http-status' } });
  });
});
