import { afterEach, describe, expect, it } from 'vitest';
import { PickyError } from '../../app/core/errors';
import type { Project } from '../../app/core/model';
import { openPickyCore } from '../../app/core/picky-core';
import type { FetchProjectsRequest } from '../../app/core/ports';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { createLaunchAtLoginService } from '../../app/main/launch-at-login-service';
import { type ShellHooks, createCoreHandlers } from '../../app/shared/core-handlers';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { minimalProject } from '../helpers/projects';

const TOKEN = 'handlers-master-token-5e1f9a';

function project(id: number, patch: Partial<Project> = {}): Project {
  return minimalProject(id, { licenseKey: `LK-${id}`, ...patch });
}

async function setup() {
  const calls: FetchProjectsRequest[] = [];
  const fetchProjects = async (req: FetchProjectsRequest) => {
    calls.push(req);
    if (req.token !== TOKEN)
      throw new PickyError('auth', 'Picky Assist rejected that Master API token. Copy it again from your account.');
    return [project(1), project(2, { service: 'whatsapp-official', licenseKey: undefined, name: 'Official' })];
  };
  const core = await openPickyCore({
    dataDir: await makeTempDir('handlers'),
    env: {},
    secrets: createMemorySecretStore(),
    fetchProjects,
  });
  const hooks = { external: [] as string[], qr: [] as number[], login: [] as boolean[] };
  const shell: ShellHooks = {
    mode: 'preview',
    version: '9.9.9',
    platform: 'linux',
    openExternal: async (url) => (hooks.external.push(url), true),
    openQr: async (id) => (hooks.qr.push(id), false),
    launchAtLogin: {
      supported: true,
      current: async () => core.getSettingsView().settings.launchAtLogin,
      async set(enabled) {
        hooks.login.push(enabled);
        await core.updateSettings({ launchAtLogin: enabled });
      },
    },
  };
  const handlers = createCoreHandlers(core, shell);
  const outputs: unknown[] = [];
  const invoke = async (name: unknown, input?: unknown) => {
    const envelope = await dispatchInvoke(handlers, name, input);
    outputs.push(envelope);
    return envelope;
  };
  return { core, calls, hooks, invoke, outputs };
}

afterEach(removeTempDirs);

describe('core handlers', () => {
  it('answers app info from the shell', async () => {
    const t = await setup();
    expect(await t.invoke('getAppInfo')).toEqual({
      ok: true,
      value: { version: '9.9.9', mode: 'preview', platform: 'linux' },
    });
  });

  it('sets the token after the server accepts it, and only ever reports whether one is stored (and its last 4)', async () => {
    const t = await setup();
    expect(await t.invoke('getTokenStatus')).toEqual({ ok: true, value: { stored: false, host: 'pickyassist.com' } });
    expect(await t.invoke('getState')).toMatchObject({ ok: true, value: { kind: 'no-token' } });
    const set = await t.invoke('setToken', { token: `  ${TOKEN}\n` });
    expect(set).toMatchObject({ ok: true, value: { kind: 'ok', source: 'network' } });
    expect(await t.invoke('getTokenStatus')).toEqual({
      ok: true,
      value: { stored: true, host: 'pickyassist.com', tokenEnding: TOKEN.slice(-4) },
    });
    expect(await t.invoke('refresh')).toMatchObject({ ok: true, value: { kind: 'ok' } });
    expect(t.calls.every((c) => c.token === TOKEN)).toBe(true);
  });

  it('returns the server’s sentence when the token is rejected and keeps the previous one', async () => {
    const t = await setup();
    await t.invoke('setToken', { token: TOKEN });
    expect(await t.invoke('setToken', { token: 'wrong-token' })).toEqual({
      ok: false,
      error: { code: 'auth', message: 'Picky Assist rejected that Master API token. Copy it again from your account.' },
    });
    expect(await t.invoke('refresh')).toMatchObject({ ok: true, value: { kind: 'ok' } });
    expect(t.calls.at(-1)?.token).toBe(TOKEN);
  });

  it('never lets a bad payload reach a handler', async () => {
    const t = await setup();
    const bad: [string, unknown][] = [
      ['setToken', { token: 123 }],
      ['setToken', { token: '' }],
      ['setToken', { token: TOKEN, extra: true }],
      ['setToken', undefined],
      ['openQr', { projectId: -1 }],
      ['openQr', { projectId: '1' }],
      ['openQr', { projectId: 1.5 }],
      ['openExternal', { url: 42 }],
      ['updateSettings', { refreshIntervalMinutes: 0 }],
      ['updateSettings', { launchAtLogin: 'yes' }],
      ['updateSettings', { apiBaseUrl: 'javascript:alert(1)' }],
      ['updateSettings', { somethingElse: 1 }],
      ['getState', { unexpected: 1 }],
    ];
    for (const [name, input] of bad) {
      const envelope = await t.invoke(name, input);
      expect(envelope, name).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    expect(await t.invoke('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await t.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(t.calls).toHaveLength(0);
    expect(t.hooks).toEqual({ external: [], qr: [], login: [] });
    expect(t.core.getSettingsView().settings).toEqual({
      refreshIntervalMinutes: 15,
      launchAtLogin: false,
      notifications: true,
    });
    expect(await t.invoke('getTokenStatus')).toEqual({ ok: true, value: { stored: false, host: 'pickyassist.com' } });
  });

  it('opens only safe web links', async () => {
    const t = await setup();
    expect(await t.invoke('openExternal', { url: 'https://pickyassist.com/app/login' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@pickyassist.com/',
      ' https://x.example/',
    ]) {
      expect(await t.invoke('openExternal', { url })).toMatchObject({
        ok: false,
        error: { code: 'bad-input', message: expect.stringMatching(/only opens web links/) },
      });
    }
    expect(t.hooks.external).toEqual(['https://pickyassist.com/app/login']);
  });

  it('opens the QR of a known project only', async () => {
    const t = await setup();
    await t.invoke('setToken', { token: TOKEN });
    expect(await t.invoke('openQr', { projectId: 1 })).toEqual({ ok: true, value: { handled: false } });
    expect(await t.invoke('openQr', { projectId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no project 99/) },
    });
    expect(await t.invoke('openQr', { projectId: 2 })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/no pairing QR/) },
    });
    expect(t.hooks.qr).toEqual([1]);
  });

  it('updates settings, applying launch at login through the shell', async () => {
    const t = await setup();
    const r = await t.invoke('updateSettings', { launchAtLogin: true, refreshIntervalMinutes: 5 });
    expect(r).toMatchObject({
      ok: true,
      value: {
        settings: { launchAtLogin: true, refreshIntervalMinutes: 5 },
        launchAtLoginSupported: true,
        baseUrlFromEnv: false,
      },
    });
    expect(t.hooks.login).toEqual([true]);
    const url = await t.invoke('updateSettings', { apiBaseUrl: 'http://127.0.0.1:4010/app/api/v2/' });
    expect(url).toMatchObject({
      ok: true,
      value: { effectiveBaseUrl: 'http://127.0.0.1:4010/app/api/v2', host: '127.0.0.1:4010' },
    });
    expect(await t.invoke('getSettings')).toMatchObject({
      ok: true,
      value: { settings: { apiBaseUrl: 'http://127.0.0.1:4010/app/api/v2/' } },
    });
    expect(await t.invoke('updateSettings', { apiBaseUrl: null })).toMatchObject({
      ok: true,
      value: { effectiveBaseUrl: 'https://pickyassist.com/app/api/v2' },
    });
  });

  it('refuses plain http:// to another computer over IPC, saying which address and why; loopback is fine', async () => {
    const t = await setup();
    await t.invoke('setToken', { token: TOKEN });
    const calls = t.calls.length;
    const refused = await t.invoke('updateSettings', { apiBaseUrl: 'http://192.0.2.1/app/api/v2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('The API address entered in Settings ("http://192.0.2.1/app/api/v2") was refused');
    expect(message).toMatch(/plain http:\/\/ would send your token unencrypted/);
    expect(t.core.getSettingsView().settings.apiBaseUrl).toBeUndefined();
    expect(t.calls).toHaveLength(calls);
    for (const ok of ['http://127.0.0.2:9/x', 'http://[::1]:9/x', 'http://localhost:9/x', 'https://192.0.2.1/x']) {
      expect(await t.invoke('updateSettings', { apiBaseUrl: ok }), ok).toMatchObject({ ok: true });
    }
    expect(await t.invoke('getSettings')).toMatchObject({ ok: true, value: { host: '192.0.2.1' } });
  });

  it('settings show the real launch-at-login state, and turning it on registers a login item removed by hand', async () => {
    const t = await setup();
    let real = false;
    const applied: boolean[] = [];
    // The one owner of launch at login (app/main), over a backend standing in for the OS.
    const launchAtLogin = createLaunchAtLoginService(
      {
        supported: true,
        isEnabled: async () => real,
        async apply(enabled) {
          applied.push(enabled);
          real = enabled;
        },
        repair: async () => undefined,
      },
      {
        saved: () => t.core.getSettingsView().settings.launchAtLogin,
        save: (enabled) => t.core.updateSettings({ launchAtLogin: enabled }),
      },
    );
    const handlers = createCoreHandlers(t.core, {
      mode: 'electron',
      version: '9.9.9',
      platform: 'linux',
      openExternal: async () => true,
      openQr: async () => true,
      launchAtLogin,
    });
    const invoke = (name: unknown, input?: unknown) => dispatchInvoke(handlers, name, input);
    expect(await invoke('updateSettings', { launchAtLogin: true })).toMatchObject({
      ok: true,
      value: { settings: { launchAtLogin: true }, launchAtLoginSupported: true },
    });
    expect(applied).toEqual([true]);
    // The user deletes the autostart file (or switches it off in the desktop's startup settings) by hand.
    real = false;
    expect(await invoke('getSettings')).toMatchObject({ ok: true, value: { settings: { launchAtLogin: false } } });
    expect(t.core.getSettingsView().settings.launchAtLogin).toBe(false);
    real = true;
    expect(await invoke('getSettings')).toMatchObject({ ok: true, value: { settings: { launchAtLogin: true } } });
    // Saved says on, the OS says off: asking for on must register it again, not be taken as "no change".
    real = false;
    expect(await invoke('updateSettings', { launchAtLogin: true })).toMatchObject({
      ok: true,
      value: { settings: { launchAtLogin: true } },
    });
    expect(applied).toEqual([true, true]);
    expect(real).toBe(true);
    // The tray's toggle goes through the same owner: the OS first, then the setting.
    expect(await launchAtLogin.toggle()).toBe(false);
    expect([real, t.core.getSettingsView().settings.launchAtLogin]).toEqual([false, false]);
  });

  it('a shell without launch at login (the preview) refuses to turn it on, with a sentence', async () => {
    const t = await setup();
    const handlers = createCoreHandlers(t.core, {
      mode: 'preview',
      version: '9.9.9',
      platform: 'linux',
      openExternal: async () => true,
      openQr: async () => false,
    });
    expect(await dispatchInvoke(handlers, 'updateSettings', { launchAtLogin: true })).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/not available here/) },
    });
    expect(await dispatchInvoke(handlers, 'getSettings', undefined)).toMatchObject({
      ok: true,
      value: { launchAtLoginSupported: false, settings: { launchAtLogin: false } },
    });
  });

  it('clears the cache and what is shown, and clears the token', async () => {
    const t = await setup();
    await t.invoke('setToken', { token: TOKEN });
    expect(await t.invoke('clearCache')).toMatchObject({ ok: true, value: { projects: [], source: 'none' } });
    expect(await t.invoke('getTokenStatus')).toEqual({
      ok: true,
      value: { stored: true, host: 'pickyassist.com', tokenEnding: TOKEN.slice(-4) },
    });
    expect(await t.invoke('clearToken')).toMatchObject({ ok: true, value: { kind: 'no-token' } });
    expect(await t.invoke('getTokenStatus')).toEqual({ ok: true, value: { stored: false, host: 'pickyassist.com' } });
  });

  it('never puts the token in any output', async () => {
    const t = await setup();
    await t.invoke('setToken', { token: TOKEN });
    for (const name of [
      'getAppInfo',
      'getState',
      'refresh',
      'getTokenStatus',
      'getSettings',
      'clearCache',
      'clearToken',
    ])
      await t.invoke(name);
    await t.invoke('setToken', { token: `${TOKEN}x` });
    await t.invoke('setToken', { token: TOKEN, extra: TOKEN });
    expect(t.outputs.length).toBeGreaterThan(8);
    expect(JSON.stringify(t.outputs)).not.toContain(TOKEN);
  });
});
