// Every invoke in the IPC contract, mapped onto the core. Both shells (Electron main, browser preview) use this;
// they only supply the few things that differ (opening a browser, the QR window, login items).
// Inputs arrive already parsed by dispatchInvoke; outputs are checked against the contract there too.
import { PickyError } from '../core/errors';
import type { PickyCore } from '../core/picky-core';
import { isSafeExternalUrl } from './external-url';
import type { InvokeHandlers, SettingsView } from './ipc-contract';

export interface ShellHooks {
  mode: 'electron' | 'preview';
  version: string;
  platform: string;
  launchAtLoginSupported: boolean;
  openExternal(url: string): Promise<boolean>;
  /** False when the shell has no QR window of its own (the renderer then shows the QR in place). */
  openQr(projectId: number): Promise<boolean>;
  applyLaunchAtLogin?(enabled: boolean): Promise<void>;
  /** The real state (login item, autostart file), when the shell can read it: settings follow it. */
  launchAtLoginEnabled?(): Promise<boolean>;
  /** A sentence for Settings when the desktop has no tray (Linux without a StatusNotifier host). */
  trayHint?(): Promise<string | undefined>;
}

export function createCoreHandlers(core: PickyCore, shell: ShellHooks): InvokeHandlers {
  const withSupport = async (view: ReturnType<PickyCore['getSettingsView']>): Promise<SettingsView> => {
    const trayHint = await shell.trayHint?.();
    return { ...view, launchAtLoginSupported: shell.launchAtLoginSupported, ...(trayHint ? { trayHint } : {}) };
  };

  /** What the OS says (the user may have removed the login item or switched it off by hand); else what is saved. */
  async function realLaunchAtLogin(): Promise<boolean> {
    const saved = core.getSettingsView().settings.launchAtLogin;
    if (!shell.launchAtLoginEnabled) return saved;
    return shell.launchAtLoginEnabled().catch(() => saved);
  }

  async function settingsView(): Promise<SettingsView> {
    const real = await realLaunchAtLogin();
    const view = core.getSettingsView();
    if (real === view.settings.launchAtLogin) return withSupport(view);
    // Settings follow the real state; if saving that fails, the screen still shows the truth.
    const synced = await core
      .updateSettings({ launchAtLogin: real })
      .catch(() => ({ ...view, settings: { ...view.settings, launchAtLogin: real } }));
    return withSupport(synced);
  }

  return {
    getAppInfo: async () => ({ version: shell.version, mode: shell.mode, platform: shell.platform }),
    getState: async () => core.getState(),
    refresh: () => core.refresh(),
    getTokenStatus: async () => ({ stored: await core.hasToken() }),
    setToken: ({ token }) => core.setToken(token),
    clearToken: () => core.clearToken(),
    getSettings: () => settingsView(),
    async updateSettings(patch) {
      // Compared with the real state, not the saved one: a login item removed by hand must be registered again.
      if (patch.launchAtLogin !== undefined && patch.launchAtLogin !== (await realLaunchAtLogin())) {
        if (patch.launchAtLogin && (!shell.launchAtLoginSupported || !shell.applyLaunchAtLogin)) {
          throw new PickyError(
            'bad-input',
            'Launch at login is not available here. Start Picky Tray from your applications menu instead.',
          );
        }
        // Register with the OS first: if that fails, the saved setting still tells the truth.
        await shell.applyLaunchAtLogin?.(patch.launchAtLogin);
      }
      await core.updateSettings(patch);
      return settingsView();
    },
    clearCache: () => core.clearCache(),
    async openExternal({ url }) {
      if (!isSafeExternalUrl(url)) {
        throw new PickyError(
          'bad-input',
          'Picky Tray only opens web links that start with http:// or https://. That link was not opened.',
        );
      }
      return { opened: await shell.openExternal(url) };
    },
    async openQr({ projectId }) {
      const project = core.getProject(projectId);
      if (!project) {
        throw new PickyError(
          'not-found',
          `There is no project ${projectId} in this account. Refresh the list and try again.`,
          { projectId },
        );
      }
      if (!project.licenseKey) {
        throw new PickyError(
          'bad-input',
          `“${project.name}” has no pairing QR: only Phone Automation projects have a license key to pair a phone with.`,
          { projectId },
        );
      }
      return { handled: await shell.openQr(projectId) };
    },
  };
}
