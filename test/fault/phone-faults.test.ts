// device-status failing — never answering, answering an HTML error page, refusing every project token — through the
// real core against the emulator over HTTP: the project list, a refresh and what the QR needs (the project's license
// key, the focus) carry on while the phone check hangs or fails, and the phone's state then says what went wrong
// in a sentence, with no token in it. The list's own state is untouched by a phone's failure.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchDeviceStatus } from '../../app/core/api-client';
import { parseMasterToken } from '../../app/core/master-token';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

/** A phone check gives up after this long here (the app's own is 10 s), so "it hangs" costs a second and a half. */
const STATUS_TIMEOUT_MS = 1500;
const PROJECT_TOKENS = buildDemoProjects().flatMap((p) => p.api_tokens.map((t) => t.token));
/** The demo's unpaired phone: the project whose QR a user would open to pair it. */
const QR_PROJECT = 912;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await removeTempDirs();
});

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function phoneCore(): Promise<{ core: PickyCore; emulator: RunningEmulator }> {
  // The keychain is not what this tests: the token lives in memory; everything else is real (HTTP, files).
  const emulator = await startEmulator({ port: 0 });
  cleanups.push(() => emulator.close());
  const core = await openPickyCore({
    dataDir: await makeTempDir('phone-fault'),
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets: createMemorySecretStore({}),
    fetchDeviceStatus: (request) => fetchDeviceStatus({ ...request, timeoutMs: STATUS_TIMEOUT_MS }),
  });
  cleanups.push(() => core.dispose());
  expect((await core.setToken(parseMasterToken(DEMO_TOKEN))).kind).toBe('ok');
  return { core, emulator };
}

const FAULTS = [
  { fault: 'hang', what: 'never answers', code: 'timeout', says: /Can.t reach Picky Assist/ },
  { fault: 'html', what: 'answers an HTML error page', code: 'http-status', says: /refused|answer/i },
  { fault: 'refuse', what: 'refuses every project token', code: 'auth', says: /token/i },
] as const;

describe('device-status faults never block the list, a refresh or the QR', () => {
  for (const f of FAULTS) {
    it(`device-status ${f.what}: the list refreshes, the QR's project is there, the phone says '${f.code}'`, async () => {
      const { core, emulator } = await phoneCore();
      emulator.setScenario({ deviceStatusFault: f.fault });
      const handlers = createCoreHandlers(core, {
        mode: 'preview',
        version: '0.0.0',
        platform: process.platform,
        openExternal: async () => false,
        // The preview's answer: no QR window of its own, the page shows the code in place.
        openQr: async () => false,
      });

      // The QR of the unpaired phone is open: its project is the focus, checked at once, in the background.
      core.startBackgroundRefresh();
      expect(await dispatchInvoke(handlers, 'focusPhone', { projectId: QR_PROJECT })).toEqual({
        ok: true,
        value: { focused: true },
      });
      await until('the first status call', () => (emulator.statusStats().demo?.calls ?? 0) >= 1);

      // While that call hangs (or just failed), everything else answers at once.
      const refreshed = await core.refresh();
      expect(refreshed).toMatchObject({ kind: 'ok', source: 'network' });
      expect(refreshed.projects).toHaveLength(buildDemoProjects().length);
      if (f.fault === 'hang') expect(core.getState().phones?.[String(QR_PROJECT)]).toBeUndefined();
      const qr = core.getProject(QR_PROJECT);
      expect(qr?.licenseKey).toBeTruthy();
      expect(await dispatchInvoke(handlers, 'openQr', { projectId: QR_PROJECT })).toEqual({
        ok: true,
        value: { handled: false },
      });
      const soon = await dispatchInvoke(handlers, 'checkPhone', { projectId: QR_PROJECT });
      expect(soon).toMatchObject({ ok: true, value: { at: expect.stringMatching(/^\d{4}-/) } });

      // Then the phone's state says what went wrong; the list's state is not touched by it.
      const phone = await until('the phone state', () => {
        const p = core.getState().phones?.[String(QR_PROJECT)];
        return p?.error ? p : undefined;
      });
      expect(phone).toMatchObject({ state: 'unknown', error: { code: f.code } });
      expect(phone.error?.message).toMatch(f.says);
      expect(phone.error?.message).toMatch(/^[A-Z“].{20,}[.!]$/s);
      expect(core.getState()).toMatchObject({ kind: 'ok', source: 'network' });
      expect(core.getState().error).toBeUndefined();
      const sent = JSON.stringify(core.getState().phones);
      for (const token of [DEMO_TOKEN, ...PROJECT_TOKENS]) expect(sent).not.toContain(token);
      expect((await core.refresh()).kind).toBe('ok');
      core.stopBackgroundRefresh();
    });
  }

  it('a hanging check does not hold a phone command or another project’s list entry', async () => {
    const { core, emulator } = await phoneCore();
    emulator.setScenario({ deviceStatusFault: 'hang' });
    const hanging = core.phones.checkProject(715);
    let settled = false;
    void hanging.finally(() => (settled = true)).catch(() => undefined);
    await until('the status call', () => (emulator.statusStats().demo?.calls ?? 0) >= 1);
    // device-action is not device-status: the command goes through while the check hangs.
    await core.phones.command(716, 'restart');
    expect(settled).toBe(false);
    expect(core.getProject(716)?.name).toBeTruthy();
    const state = await hanging;
    expect(state).toMatchObject({ state: 'unknown', error: { code: 'timeout' } });
  });
});
