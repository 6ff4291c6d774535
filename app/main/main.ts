// Picky Tray's Electron main process: wiring only. Every decision lives in a pure module next to this one
// (tray-menu, tray-state, window-options, trusted-sender, app-asset-path, notifications, autostart-entry...).
import os from 'node:os';
import path from 'node:path';
import { app, clipboard, dialog, Menu, powerMonitor, shell } from 'electron';
import { logsDirFor, resolveDataDir } from '../core/data-dir';
import { toErrorInfo } from '../core/errors';
import { createLogger } from '../core/logger';
import { openPickyCore, type PickyCore } from '../core/picky-core';
import { LEGACY_MASTER_TOKEN_ACCOUNT } from '../core/origin-secrets';
import { stateForWindow } from '../core/project-tokens';
import { createMemorySecretStore } from '../core/secret-store';
import type { SyncState } from '../core/sync-state';
import { createCoreHandlers } from '../shared/core-handlers';
import { withFailureLog } from '../shared/logged-handlers';
import { type LogsFolderAnswer } from '../shared/ipc-contract';
import { APP_ID } from './app-identity';
import { APP_INDEX_URL, APP_ORIGIN, devServerOrigin } from './app-origin';
import { appMenuTemplate } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { applyHardening, openExternalSafely } from './hardening';
import { registerInvokeHandlers } from './ipc-register';
import { createLogFileSink } from './log-file';
import { createOpenLogsFolder } from './logs-folder';
import { createLaunchAtLogin } from './launch-at-login';
import { createLaunchAtLoginService, type LaunchAtLoginService } from './launch-at-login-service';
import { createMainWindowController, type MainWindowController } from './main-window';
import { watchNetworkAndPower } from './network-watch';
import { createNotifiedKeysStore } from './notified-keys-store';
import { createNotifier } from './notifier';
import { createQrWindowController } from './qr-window';
import { createQuitGate } from './quit-gate';
import { takeSessionToken } from './session-token';
import { shouldStartHidden } from './startup';
import { installTestHook, testHookEnabled } from './test-hook';
import { createSecretClipboard } from './secret-clipboard';
import { createTrayController } from './tray-controller';
import { needsTrayHostProbe, startHiddenDespiteTrayHost, trayHostHint, type TrayHost } from './tray-host';
import { probeTrayHost } from './tray-host-probe';
import type { TrayAction } from './tray-menu';
import { WindowRegistry } from './window-registry';

// Read (and removed from the environment) before anything else can copy it.
const sessionToken = takeSessionToken(process.env, app.isPackaged);

// PICKY_TRAY_HOME moves everything, Chromium's profile and the single-instance lock included, so a test or
// demo run never touches (or collides with) the user's own Picky Tray.
const homeOverride = process.env.PICKY_TRAY_HOME?.trim();
if (homeOverride) app.setPath('userData', path.resolve(homeOverride));

const dataDir = resolveDataDir({
  env: process.env,
  platform: process.platform,
  homedir: os.homedir(),
  electronUserData: app.getPath('userData'),
});
const log = createLogger({ sinks: [createLogFileSink(logsDirFor(dataDir))] });
if (sessionToken) log.addSecret(sessionToken);

registerAppScheme();

// Windows shows a toast only for the AppUserModelID of a Start-menu shortcut; the NSIS installer's carries the
// appId, while Electron's default is "electron.app.<name>" (it sets one up only for Squirrel installs), so
// without this every notification is dropped (electron/electron#10864).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

let mainWindow: MainWindowController | undefined;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  // Another Picky Tray is running: it shows its window (second-instance below); this one leaves.
  app.quit();
} else {
  // Another launch: show the window, unless that launch asked to stay in the tray (a login item firing twice).
  app.on('second-instance', (_event, argv) => {
    if (!shouldStartHidden({ argv })) mainWindow?.show();
  });
  // macOS: reopening the app from Finder, Spotlight or the Dock fires 'activate', not 'second-instance'.
  app.on('activate', () => mainWindow?.show());
  app.on('before-quit', () => {
    quitting = true;
  });
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.whenReady().then(start).catch(fail);
}

function fail(e: unknown): void {
  log.error('Picky Tray could not start', { error: e });
  dialog.showErrorBox('Picky Tray could not start', toErrorInfo(e).message);
  app.exit(1);
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  // Hidden-on-close windows must not hold up a shutdown or log-out (before-quit does not fire then on Windows;
  // the main window also watches 'session-end').
  powerMonitor.on('shutdown', () => {
    quitting = true;
    app.quit();
  });
  Menu.setApplicationMenu(buildAppMenu());

  const devOrigin = devServerOrigin(app.isPackaged, process.env.PICKY_DEV_SERVER_URL);
  const ownOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  applyHardening(() => ownOrigins, log.child('shell'));
  serveRenderer(path.join(__dirname, 'renderer'));

  log.info('Picky Tray is starting', { version: app.getVersion(), platform: process.platform });
  const askTrayHost = (): Promise<TrayHost> =>
    needsTrayHostProbe(process.platform) ? probeTrayHost() : Promise.resolve('present');
  const trayHostAtStart = askTrayHost();
  const core = await openPickyCore({
    dataDir,
    env: process.env,
    logger: log,
    // The demo's token, in memory only, under the single-entry name: opening the core moves it to the origin in
    // effect (the demo's emulator), the one server it is meant for.
    ...(sessionToken ? { secrets: createMemorySecretStore({ [LEGACY_MASTER_TOKEN_ACCOUNT]: sessionToken }) } : {}),
  });

  // The one owner of launch at login: the login item or autostart file is the truth, settings follow it.
  const launchAtLogin = createLaunchAtLoginService(createLaunchAtLogin(), {
    saved: () => core.getSettingsView().settings.launchAtLogin,
    save: (enabled) => core.updateSettings({ launchAtLogin: enabled }),
  });
  // A failure here (an autostart folder we may not write) must not stop the app; Settings shows the real state.
  await launchAtLogin.reconcile().catch((error: unknown) => {
    log.warn('Matching the launch-at-login setting to the system failed', { error });
  });

  const openLogsFolder = createOpenLogsFolder({
    folder: logsDirFor(dataDir),
    openPath: (folder) => shell.openPath(folder),
    log: log.child('shell'),
  });
  const registry = new WindowRegistry();
  const preloadPath = path.join(__dirname, 'preload.cjs');
  const iconsDir = path.join(__dirname, 'icons');
  const devTools = !app.isPackaged;
  const pageUrl = devOrigin ? `${devOrigin}/` : APP_INDEX_URL;
  const windows = createMainWindowController({
    preloadPath,
    pageUrl,
    devTools,
    iconPath: path.join(iconsDir, 'app.png'),
    registry,
    isQuitting: () => quitting,
  });
  mainWindow = windows;
  const qr = createQrWindowController({ preloadPath, pageUrl, devTools, registry });

  const tray = createTrayController({
    iconsDir,
    launchAtLogin,
    onActivate: () => windows.toggle(),
    onAction: (action) =>
      void runTrayAction(action, core, windows, qr.open, launchAtLogin, openLogsFolder)
        .catch((error: unknown) => log.error('A tray menu action failed', { action: action.kind, error }))
        .then(() => renderTray(core.getState())),
    log: log.child('tray'),
  });
  // A tray that cannot be drawn must say why in the log: "the tray stopped updating" is the report it answers.
  const renderTray = (state: SyncState): Promise<void> =>
    tray.render(state).catch((error: unknown) => log.child('tray').error('Drawing the tray failed', { error }));
  // A change from Settings redraws the tray's checkbox.
  launchAtLogin.onChange(() => void renderTray(core.getState()));

  const secretClipboard = createSecretClipboard(clipboard);
  const handlers = createCoreHandlers(core, {
    mode: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    openExternal: (url) => openExternalSafely(url, log.child('shell')),
    // API tokens: cleared again after 90 s if still there.
    writeClipboard: async (text) => secretClipboard.write(text),
    async openQr(projectId) {
      qr.open(projectId);
      return true;
    },
    launchAtLogin,
    // Asked again each time Settings opens: the user may have just turned the desktop's tray on.
    trayHint: async () => trayHostHint(await askTrayHost()),
    openLogsFolder,
    log: log.child('ipc'),
  });
  registerInvokeHandlers(withFailureLog(handlers, log.child('ipc')), () => ({
    trustedWebContentsIds: registry.trustedIds,
    allowedOrigins: ownOrigins,
  }));

  const notify = createNotifier({
    store: createNotifiedKeysStore(dataDir, log.child('notifier')),
    enabled: () => core.getSettingsView().settings.notifications,
    iconPath: path.join(iconsDir, 'app.png'),
    onOpenProject: (id) => windows.show(`/project/${id}`),
    log: log.child('notifier'),
  });
  core.subscribe((state: SyncState) => {
    registry.send('stateChanged', stateForWindow(state));
    void renderTray(state);
    notify.onState(state);
  });
  core.onDiff((diff) => {
    registry.send('projectsChanged', diff);
    notify.onDiff(diff);
  });
  await renderTray(core.getState());
  // "updated 5 min ago" and "bills tomorrow" age with the clock, not only with refreshes.
  // So does "a phone away for 5 minutes" (the tray's attention and its notice), between two checks.
  setInterval(() => {
    void renderTray(core.getState());
    notify.onState(core.getState());
  }, 60_000).unref();

  core.startBackgroundRefresh();
  void core.kick();
  const stopWatching = watchNetworkAndPower(() => void core.kick());

  // Quit waits (a few seconds at most) for the core's writes under way and the notices being saved.
  const quitGate = createQuitGate({
    shutdown: async () => {
      stopWatching();
      core.stopBackgroundRefresh();
      secretClipboard.clearNow();
      tray.destroy();
      await Promise.all([core.dispose(), notify.settled()]);
    },
    quit: () => app.quit(),
    log: log.child('quit'),
  });
  app.on('before-quit', (event) => quitGate.onBeforeQuit(event));

  if (testHookEnabled(app.isPackaged, process.env)) {
    installTestHook({
      menu: () => tray.lastMenu(),
      iconState: () => tray.lastIconState(),
      tooltip: () => tray.lastTooltip(),
      click: (id) => tray.click(id),
      mainWebContentsId: () => windows.webContentsId(),
      qrWebContentsId: () => qr.webContentsId(),
    });
  }

  const wasOpenedAtLogin = process.platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : false;
  const wantsHidden = shouldStartHidden({ argv: process.argv, wasOpenedAtLogin });
  // Without a tray on this desktop, a hidden start would leave no way in: show the window after all. (A start
  // that shows the window anyway does not wait for the bus's answer.)
  const stayHidden = wantsHidden && startHiddenDespiteTrayHost(true, await trayHostAtStart);
  if (!stayHidden) windows.show();
}

function buildAppMenu(): Menu | null {
  const template = appMenuTemplate(process.platform, app.getName());
  return template ? Menu.buildFromTemplate(template) : null;
}

async function runTrayAction(
  action: TrayAction,
  core: PickyCore,
  windows: MainWindowController,
  openQr: (projectId: number) => void,
  launchAtLogin: LaunchAtLoginService,
  openLogsFolder: () => Promise<LogsFolderAnswer>,
): Promise<void> {
  switch (action.kind) {
    case 'show-qr':
      return openQr(action.projectId);
    case 'copy-license': {
      const key = core.getProject(action.projectId)?.licenseKey;
      if (key) clipboard.writeText(key);
      return;
    }
    case 'open-project':
      return windows.show(`/project/${action.projectId}`);
    case 'restart-bridge':
      try {
        await core.phones.command(action.projectId, 'restart');
      } catch (e) {
        log.warn('Restarting a phone bridge app from the tray failed', { projectId: action.projectId, error: e });
        dialog.showErrorBox('Restart bridge app', toErrorInfo(e).message);
      }
      return;
    case 'open-window':
      return windows.show();
    case 'open-settings':
      return windows.show('/settings');
    case 'add-project':
      return windows.show('/add');
    case 'refresh':
      await core.refresh();
      return;
    case 'toggle-launch-at-login':
      try {
        await launchAtLogin.toggle();
      } catch (e) {
        log.warn('Switching launch at login from the tray failed', { error: e });
        dialog.showErrorBox('Launch at login', toErrorInfo(e).message);
      }
      return;
    case 'open-logs': {
      const answer = await openLogsFolder();
      if (!answer.opened && answer.message) dialog.showErrorBox('Open logs folder', answer.message);
      return;
    }
    case 'quit':
      app.quit();
      return;
  }
}
