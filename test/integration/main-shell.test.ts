// The real bundled main process (dist/main.cjs, rebundled here from the current sources) run under Node with
// a recording stand-in for Electron (test/electron/fake-electron.ts), against the real emulator over HTTP,
// with a temporary data folder and the demo token handed over in memory. Electron's binary is not needed:
// this checks the wiring and the decisions the main process takes, not Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOOK_GLOBAL, type TestHook } from '../../app/main/test-hook';
import { findMenuItem } from '../../app/main/tray-menu';
import { eventChannel, invokeChannel } from '../../app/shared/ipc-channels';
import { INVOKE_NAMES } from '../../app/shared/ipc-contract';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { fake, fakeEvent, FakeBrowserWindow, FakeTray, type MenuTemplateItem } from '../electron/fake-electron';
import { findToken } from '../security/helpers/token-scan';
import { writeSessionTokenFile } from '../../app/main/session-token';

const root = path.resolve(__dirname, '../..');
const nodeRequire = createRequire(__filename);
const ModuleInternals = nodeRequire('node:module') as {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
};

const hook = () => (globalThis as Record<string, unknown>)[TEST_HOOK_GLOBAL] as TestHook;

async function until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Gave up waiting for ${what}.`);
}

const ENV_KEYS = [
  'PICKY_API_URL',
  'PICKY_TRAY_HOME',
  'PICKY_TRAY_SESSION_TOKEN_FILE',
  'PICKY_TRAY_E2E',
  'XDG_CONFIG_HOME',
] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const originalLoad = ModuleInternals._load;
let emulator: RunningEmulator;
let dataDir: string;
let configHome: string;
const withKey = buildDemoProjects().find((p) => p.license_key)!;
const qrId = Number(withKey.project_id);

function invoke(channel: string, input: unknown, sender: { id: number; url: string; top?: boolean }) {
  const handler = fake.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`No handler for ${channel}`);
  const event = {
    sender: { id: sender.id },
    senderFrame: { url: sender.url, parent: sender.top === false ? {} : null },
  };
  return handler(event, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}
/** Waits for any refresh in flight to finish, so the next one really asks the emulator again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const res = await invoke(invokeChannel('getState'), undefined, trusted());
    if ((res.value as { kind: string }).kind !== 'refreshing') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('Gave up waiting for the refresh to finish.');
}
const mainWindow = () => FakeBrowserWindow.all.find((w) => w.webContents.id === hook().mainWebContentsId())!;
const trusted = () => ({ id: hook().mainWebContentsId()!, url: 'app://picky/index.html#/' });

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (or `npm run build`) first.');
  }
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { stdio: 'pipe' });
  emulator = await startEmulator({ port: 0 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'picky-main-'));
  configHome = mkdtempSync(path.join(os.tmpdir(), 'picky-xdg-'));
  Object.assign(process.env, {
    PICKY_API_URL: emulator.baseUrl,
    PICKY_TRAY_HOME: dataDir,
    PICKY_TRAY_SESSION_TOKEN_FILE: writeSessionTokenFile(dataDir, DEMO_TOKEN),
    PICKY_TRAY_E2E: '1',
    XDG_CONFIG_HOME: configHome,
  });
  ModuleInternals._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean) {
    return request === 'electron' ? fake : originalLoad.call(this, request, parent, isMain);
  };
  nodeRequire(path.join(root, 'dist', 'main.cjs'));
  await until('the tray to list the emulator projects', () =>
    hook()
      ?.menu()
      .some((i) => i.id === `project:${qrId}`),
  );
});

afterAll(async () => {
  fake.app.quit();
  await fake.app.whenQuit();
  ModuleInternals._load = originalLoad;
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(configHome, { recursive: true, force: true });
});

describe('main process start-up', () => {
  it('takes the demo token from its file (then deleted) and starts without an error box', () => {
    expect(process.env.PICKY_TRAY_SESSION_TOKEN_FILE).toBeUndefined();
    expect(existsSync(path.join(dataDir, 'session-token'))).toBe(false);
    expect(fake.dialog.errors).toEqual([]);
    expect(fake.app.paths.userData).toBe(path.resolve(dataDir));
  });

  it('registers app:// as a standard, secure scheme and serves the renderer from it', () => {
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('denies every permission', () => {
    const s = fake.session.defaultSession;
    let granted: unknown;
    s.permissionRequest?.({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(s.permissionCheck?.({}, 'notifications', 'app://picky')).toBe(false);
    expect(s.devicePermission?.({})).toBe(false);
  });

  it('lets only our own page write to the clipboard, so the Copy buttons work; reading it stays refused', () => {
    const s = fake.session.defaultSession;
    const own = { requestingUrl: 'app://picky/index.html#/project/1', isMainFrame: true };
    const ask = (permission: string, details: { requestingUrl: string; isMainFrame: boolean }) => {
      let granted: unknown;
      s.permissionRequest?.({}, permission, (ok: boolean) => (granted = ok), details);
      return granted;
    };
    expect(ask('clipboard-sanitized-write', own)).toBe(true);
    expect(s.permissionCheck?.({}, 'clipboard-sanitized-write', 'app://picky', own)).toBe(true);
    expect(ask('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(ask('clipboard-sanitized-write', { ...own, isMainFrame: false })).toBe(false);
    expect(
      s.permissionCheck?.({}, 'clipboard-sanitized-write', 'https://evil.example', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(ask('clipboard-read', own)).toBe(false);
    expect(s.permissionCheck?.({}, 'clipboard-read', 'app://picky', own)).toBe(false);
  });

  it('opens the main window with the secure preferences and the bundled preload, on app://picky', () => {
    const w = mainWindow();
    expect(w.webContents.url).toBe('app://picky/index.html#/');
    const prefs = w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true,
    });
    expect(prefs.preload).toBe(path.join(root, 'dist', 'preload.cjs'));
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(w.isVisible()).toBe(true);
  });
});

describe('the app:// protocol', () => {
  const get = (url: string, method = 'GET') => fake.protocol.handlers.get('app')!(new Request(url, { method }));

  it('serves index.html with the strict CSP', async () => {
    const res = await get('app://picky/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toBe(readFileSync(path.join(root, 'dist', 'renderer', 'index.html'), 'utf8'));
  });

  it('refuses traversal, other hosts and writes; 404 for what is not there', async () => {
    expect((await get('app://picky/..%2f..%2fpackage.json')).status).toBe(403);
    expect((await get('app://other/index.html')).status).toBe(403);
    expect((await get('app://picky/index.html', 'POST')).status).toBe(405);
    expect((await get('app://picky/assets/nope.js')).status).toBe(404);
  });
});

describe('the tray', () => {
  it('shows an existing icon for the state, a tooltip and the menu, and sets the menu on every change', () => {
    const tray = FakeTray.all[0]!;
    expect(existsSync(tray.image.path)).toBe(true);
    expect(path.basename(tray.image.path)).toMatch(/^(ok|attention)-22\.png$/);
    expect(tray.tooltip).toMatch(/^Picky Tray — \d+ projects/);
    const last = tray.menus.at(-1)!;
    expect(last.map((i) => i.id)).toEqual(
      hook()
        .menu()
        .map((i) => i.id),
    );
    expect(tray.menus.length).toBeGreaterThan(1);
  });

  it('a click on the icon shows the window (Linux: show, never hide)', () => {
    const w = mainWindow();
    w.close();
    expect(w.isVisible()).toBe(false);
    FakeTray.all[0]!.emit('click');
    expect(w.isVisible()).toBe(true);
    FakeTray.all[0]!.emit('click');
    expect(w.isVisible()).toBe(true);
  });

  it('sets the tooltip only when its text changes (each set re-sends the whole menu on Linux)', async () => {
    const tray = FakeTray.all[0]!;
    await settle();
    const checked = () => (findMenuItem(hook().menu(), 'launch-at-login') as { checked: boolean }).checked;
    const tooltips = tray.tooltips.length;
    const menus = tray.menus.length;
    // Actions re-render the tray; the state is the same, so only the checkbox's change reaches the tray. (Phone
    // checks run meanwhile and may change a phone's line or count: those changes are real, and allowed.)
    hook().click('open');
    hook().click('launch-at-login');
    await until('the checkbox', () => checked());
    hook().click('launch-at-login');
    await until('the checkbox to clear', () => !checked());
    const set = tray.tooltips.slice(Math.max(0, tooltips - 1));
    for (let i = 1; i < set.length; i++) expect(set[i], 'a tooltip set to the text it had').not.toBe(set[i - 1]);
    const built = tray.menus.slice(Math.max(0, menus - 1)).map((m) => JSON.stringify(m));
    expect(built.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < built.length; i++) expect(built[i], 'a menu rebuilt unchanged').not.toBe(built[i - 1]);
  });

  it('copies a project API token from main, not through the page (it is cleared after 90 s: secret-clipboard.test.ts)', async () => {
    const project = buildDemoProjects().find((p) => p.api_tokens.length > 0)!;
    const res = await invoke(invokeChannel('copyApiToken'), { projectId: project.project_id, index: 0 }, trusted());
    expect(res).toMatchObject({ ok: true, value: { copied: true } });
    expect(JSON.stringify(res)).not.toContain(project.api_tokens[0]!.token);
    expect(fake.clipboard.text).toBe(project.api_tokens[0]!.token);
  });

  it('copies a license key from the menu', () => {
    hook().click(`project:${qrId}:copy-license`);
    expect(fake.clipboard.text).toBe(withKey.license_key);
  });

  it('opens the QR window full screen on the display under the pointer, on top, keeping the display awake; Esc closes it', async () => {
    const clickQr = (
      hook()
        .menu()
        .find((i) => i.id === `project:${qrId}`) as { items: { id: string }[] }
    ).items.find((i) => i.id.endsWith(':qr'));
    expect(clickQr).toBeDefined();
    // Through the real Electron template the tray got, as a user would.
    const template = FakeTray.all[0]!.menus.at(-1)!;
    const sub = template.find((i) => i.id === `project:${qrId}`)!.submenu as MenuTemplateItem[];
    sub.find((i) => i.id === `project:${qrId}:qr`)!.click!();
    const qr = await until('the QR window', () =>
      FakeBrowserWindow.all.find((w) => w.webContents.url.includes('#/qr/')),
    );
    expect(qr.webContents.url).toBe(`app://picky/index.html#/qr/${qrId}`);
    // Created hidden at the display's size (`fullscreen: true` would show a white window at once), shown when the
    // page is ready, then full screen.
    expect(qr.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 1024, frame: false, show: false });
    expect(qr.options).not.toHaveProperty('fullscreen');
    await until('the QR full screen', () => qr.isFullScreen());
    expect(qr.log).toEqual(['show', 'fullscreen']);
    expect(qr.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(fake.powerSaveBlocker.active.size).toBe(1);
    const esc = fakeEvent();
    qr.webContents.emit('before-input-event', esc, { type: 'keyDown', key: 'Escape' });
    expect(esc.defaultPrevented).toBe(true);
    expect(qr.isDestroyed()).toBe(true);
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('toggles launch at login: writes and removes the XDG autostart entry, and the checkbox follows', async () => {
    const file = path.join(configHome, 'autostart', 'picky-tray.desktop');
    const checked = () =>
      (
        hook()
          .menu()
          .find((i) => i.id === 'launch-at-login') as { checked: boolean }
      ).checked;
    expect(checked()).toBe(false);
    hook().click('launch-at-login');
    await until('the autostart file', () => existsSync(file) && checked());
    expect(readFileSync(file, 'utf8')).toMatch(/^Exec=.* \/app --hidden$/m);
    hook().click('launch-at-login');
    await until('the autostart file to go', () => !existsSync(file) && !checked());
  });

  it('launch at login follows the real autostart file: one switched off by hand is off in the tray and in settings', async () => {
    const file = path.join(configHome, 'autostart', 'picky-tray.desktop');
    const checked = () =>
      (
        hook()
          .menu()
          .find((i) => i.id === 'launch-at-login') as { checked: boolean }
      ).checked;
    const saved = async () =>
      (
        (await invoke(invokeChannel('getSettings'), undefined, trusted())).value as {
          settings: { launchAtLogin: boolean };
        }
      ).settings.launchAtLogin;
    hook().click('launch-at-login');
    await until('the autostart file', () => existsSync(file) && checked());
    expect(await saved()).toBe(true);
    // What GNOME's Startup Applications does to switch an entry off: the file stays, the app must not start.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    );
    await settle();
    hook().click('refresh');
    await until('the checkbox to clear', () => !checked());
    expect(await saved()).toBe(false);
    // Ticking it again writes a working entry.
    hook().click('launch-at-login');
    await until('the checkbox', () => checked());
    expect(readFileSync(file, 'utf8')).toMatch(/^X-GNOME-Autostart-enabled=true$/m);
    expect(await saved()).toBe(true);
    hook().click('launch-at-login');
    await until('the autostart file to go', () => !existsSync(file) && !checked());
  });
});

describe('IPC', () => {
  it('registers a handler for every channel in the contract, and nothing else', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(INVOKE_NAMES.map((n) => invokeChannel(n)).sort());
  });

  it('serves our window', async () => {
    const res = await invoke(invokeChannel('getState'), undefined, trusted());
    expect(res.ok).toBe(true);
    expect((res.value as { projects: { id: number }[] }).projects.map((p) => p.id)).toContain(qrId);
    const info = await invoke(invokeChannel('getAppInfo'), undefined, trusted());
    expect(info).toEqual({ ok: true, value: { version: '0.1.0-test', mode: 'electron', platform: process.platform } });
  });

  it('refuses other senders: unknown webContents, other origins, subframes', async () => {
    for (const sender of [
      { ...trusted(), id: 9999 },
      { ...trusted(), url: 'https://evil.example/' },
      { ...trusted(), url: 'file:///etc/passwd' },
      { ...trusted(), top: false },
    ]) {
      const res = await invoke(invokeChannel('getState'), undefined, sender);
      expect(res).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
  });

  it('rejects payloads that do not match the contract', async () => {
    expect(await invoke(invokeChannel('openQr'), { projectId: 'x' }, trusted())).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(FakeBrowserWindow.all.some((w) => w.webContents.url.includes('#/qr/'))).toBe(false);
  });

  it('broadcasts state changes to our windows', async () => {
    const before = mainWindow().webContents.sent.length;
    await invoke(invokeChannel('refresh'), undefined, trusted());
    const events = mainWindow()
      .webContents.sent.slice(before)
      .map((s) => s.channel);
    expect(events).toContain(eventChannel('stateChanged'));
  });
});

describe('refreshes, offline and notifications', () => {
  it('refreshes at once when the computer wakes up', async () => {
    const before = emulator.requestCount();
    fake.powerMonitor.emit('resume');
    await until('a refresh after resume', () => emulator.requestCount() > before);
    await settle();
  });

  it('shows the refused icon and reason when the server answers with an error, and the list again when it is back', async () => {
    await settle();
    emulator.setScenario({ http500Html: true });
    try {
      hook().click('refresh');
      // An HTTP 500 is Picky Assist answering and refusing, not the network being down: not the offline icon.
      await until('the refused icon', () => hook().iconState() === 'refused');
      expect(path.basename(FakeTray.all[0]!.image.path)).toBe('refused-22.png');
      expect(hook().tooltip()).toMatch(
        /^Picky Tray — Picky Assist refused the request \(your token may be fine\) · as of \d{1,2}:\d\d(?: [AP]M)?: \d+ projects/,
      );
      expect(
        hook()
          .menu()
          .some((i) => i.id === `project:${qrId}`),
      ).toBe(true);
    } finally {
      emulator.resetScenario();
    }
    hook().click('refresh');
    await until('the list again', () => hook().iconState() !== 'refused' && hook().iconState());
  });

  it('notifies a status change, remembers it on disk, and opens the project on click', async () => {
    const shown = () =>
      (fake.Notification as unknown as { shown: { options: { title: string; body: string }; emit(e: string): void }[] })
        .shown;
    await settle();
    emulator.setScenario({ flipStatus: qrId });
    try {
      // The flip answers Active, Expired, Active...: two expiries in four refreshes, announced each time
      // (active again in between), so count the notices for the first one only.
      for (let i = 0; i < 2; i++) await invoke(invokeChannel('refresh'), undefined, trusted());
    } finally {
      emulator.resetScenario();
    }
    const expired = shown().filter((n) => n.options.title === 'Project expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.options.body).toContain(withKey.project_name);
    const file = path.join(dataDir, 'notified.json');
    const keys = () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { keys: string[] }).keys : []);
    await until('notified.json to remember the expiry', () => keys().includes(`status:${qrId}:expired`));
    expect(readFileSync(file, 'utf8')).not.toContain(DEMO_TOKEN);
    expired[0]!.emit('click');
    expect(mainWindow().isVisible()).toBe(true);
    expect(mainWindow().webContents.sent.at(-1)).toEqual({
      channel: eventChannel('navigate'),
      payload: { route: `/project/${qrId}` },
    });
  });
});

describe('notifications after a failure', () => {
  it('keeps notifying after one notification could not be shown', async () => {
    const notification = fake.Notification as unknown as { shown: unknown[]; failNext: boolean };
    await settle();
    const before = notification.shown.length;
    notification.failNext = true;
    emulator.setScenario({ flipStatus: qrId });
    try {
      // Every refresh flips the project's status: the first notice fails to show, the later ones must not be lost.
      for (let i = 0; i < 4; i++) await invoke(invokeChannel('refresh'), undefined, trusted());
    } finally {
      emulator.resetScenario();
    }
    expect(notification.failNext).toBe(false);
    await until('a later notice to show', () => notification.shown.length > before);
  });
});

describe('the preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload can require nothing else)', () => {
    const code = readFileSync(path.join(root, 'dist', 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes pickyBridge, whose invoke reaches the main process through the sender check', async () => {
    // The preload sends the page's first reads as it loads (early-reads.ts), from the window's own page.
    fake.ipcRenderer.rendererSender = trusted();
    nodeRequire(path.join(root, 'dist', 'preload.cjs'));
    const bridge = fake.contextBridge.exposed.pickyBridge as {
      invoke(name: string, input?: unknown): Promise<unknown>;
      on(name: string, l: (p: unknown) => void): () => void;
    };
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['pickyBridge']);
    fake.ipcRenderer.rendererSender = { id: 424242, url: 'app://picky/index.html' };
    // The first getTokenStatus is the answer the preload already fetched; later calls ask the main side again.
    expect(await bridge.invoke('getTokenStatus')).toMatchObject({ ok: true, value: { stored: true } });
    expect(await bridge.invoke('getState')).toMatchObject({ ok: true, value: { kind: expect.any(String) } });
    fake.ipcRenderer.rendererSender = { id: 424242, url: 'app://picky/index.html' };
    expect(await bridge.invoke('getTokenStatus')).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const got: unknown[] = [];
    const off = bridge.on('navigate', (p) => got.push(p));
    fake.ipcRenderer.emit(eventChannel('navigate'), { sender: 'the event object' }, { route: '/settings' });
    off();
    fake.ipcRenderer.emit(eventChannel('navigate'), {}, { route: '/' });
    expect(got).toEqual([{ route: '/settings' }]);
  });
});

describe('navigation and new windows', () => {
  it('keeps pages on app://picky, sends web links to the browser, refuses the rest', () => {
    const wc = mainWindow().webContents;
    const nav = (url: string) => {
      const e = fakeEvent();
      wc.emit('will-navigate', e, url);
      return e.defaultPrevented;
    };
    expect(nav('app://picky/index.html#/settings')).toBe(false);
    expect(nav('https://pickyassist.com/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://pickyassist.com/', 'https://example.com/help']);
  });

  it('hides the main window on close instead of quitting', () => {
    const w = mainWindow();
    w.close();
    expect(w.isDestroyed()).toBe(false);
    expect(w.isVisible()).toBe(false);
    hook().click('settings');
    expect(w.isVisible()).toBe(true);
    expect(w.webContents.sent.at(-1)).toEqual({
      channel: eventChannel('navigate'),
      payload: { route: '/settings' },
    });
  });
});

describe('the log', () => {
  it('is written to logs/main.log in the data folder, says what failed, and holds no token or license key', async () => {
    const file = path.join(dataDir, 'logs', 'main.log');
    await until('the log file', () => existsSync(file));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/ INFO {2}Picky Tray is starting \{"version":/);
    // From the server failure above: the log tells why the tray went offline.
    expect(text).toMatch(/ WARN {2}sync: Refreshing projects failed .*"code":"http-status"/);
    // From the notification that could not be shown: the notifier says so instead of going quiet.
    expect(text).toMatch(/ WARN {2}notifier: Showing notifications failed .*The notification service is not running/);
    const secrets = [
      DEMO_TOKEN,
      ...buildDemoProjects().flatMap((p) => [p.license_key ?? '', ...p.api_tokens.map((t) => t.token)]),
    ];
    for (const secret of secrets.filter(Boolean)) expect(findToken(text, secret), secret.slice(0, 4)).toEqual([]);
  });

  it('"Open logs folder", from the tray and from Settings, shows the data folder\'s logs/ in the file manager', async () => {
    const folder = path.join(dataDir, 'logs');
    const before = fake.shell.openedPaths.length;
    hook().click('open-logs');
    await until('the tray to open the logs folder', () => fake.shell.openedPaths.length > before);
    expect(fake.shell.openedPaths.at(-1)).toBe(folder);
    expect(await invoke(invokeChannel('openLogsFolder'), undefined, trusted())).toEqual({
      ok: true,
      value: { opened: true, folder },
    });
    expect(fake.shell.openedPaths.at(-1)).toBe(folder);
    expect(fake.dialog.errors).toEqual([]);
  });
});

// Last: it quits the app.
describe('quit', () => {
  it('waits for the core’s writes, then quits; a project API token still on the clipboard is cleared first', async () => {
    const project = buildDemoProjects().find((p) => p.api_tokens.length > 0)!;
    await invoke(invokeChannel('copyApiToken'), { projectId: project.project_id, index: 0 }, trusted());
    expect(fake.clipboard.text).toBe(project.api_tokens[0]!.token);
    hook().click('quit');
    // The first before-quit is held while the core shuts down; the quit is asked again once it has.
    expect(fake.app.quitsHeld).toBe(1);
    await fake.app.whenQuit();
    expect(fake.app.quitCalls).toBe(2);
    expect(fake.clipboard.text).toBe('');
    // Nothing half-written is left in the data folder.
    const leftovers = readdirSync(dataDir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});
