// Every invoke in the IPC contract, mapped onto the core. Both shells (Electron main, browser preview) use this;
// they only supply the few things that differ (opening a browser, the QR window, login items).
// Inputs arrive already parsed by dispatchInvoke; outputs are checked against the contract there too.
import { dashboardUrl } from '../core/api-url';
import { PickyError } from '../core/errors';
import type { ManualSaveResult } from '../core/manual-projects';
import type { PickyCore } from '../core/picky-core';
import type { Logger } from '../core/ports';
import { stateForWindow } from '../core/project-tokens';
import { isSafeExternalUrl } from './external-url';
import type { InvokeHandlers, LogsFolderAnswer, ManualSaveAnswer, SettingsView } from './ipc-contract';

/** Launch at login as the shell owns it (app/main/launch-at-login-service.ts): the OS state is the truth. */
export interface LaunchAtLoginPort {
  readonly supported: boolean;
  /** The real state; the shell brings the saved setting in line with it. */
  current(): Promise<boolean>;
  /** Registers with the OS, then saves the setting; throws a sentence when it cannot. */
  set(enabled: boolean): Promise<void>;
}

export interface ShellHooks {
  mode: 'electron' | 'preview';
  version: string;
  platform: string;
  openExternal(url: string): Promise<boolean>;
  /** False when the shell has no QR window of its own (the renderer then shows the QR in place). */
  openQr(projectId: number): Promise<boolean>;
  /** Absent where the shell cannot start the app at login (the browser preview). */
  launchAtLogin?: LaunchAtLoginPort;
  /** A sentence for Settings when the desktop has no tray (Linux without a StatusNotifier host). */
  trayHint?(): Promise<string | undefined>;
  /** Shows the logs folder; absent where there is no log file. */
  openLogsFolder?(): Promise<LogsFolderAnswer>;
  log?: Logger;
  /** Writes the system clipboard, when the shell can (Electron); the preview cannot. */
  writeClipboard?(text: string): Promise<void>;
}

export const LAUNCH_AT_LOGIN_UNAVAILABLE =
  'Launch at login is not available here. Start Picky Tray from your applications menu instead.';

export function createCoreHandlers(core: PickyCore, shell: ShellHooks): InvokeHandlers {
  async function settingsView(): Promise<SettingsView> {
    // Reading the real state also corrects the saved setting when the user removed the entry by hand.
    if (shell.launchAtLogin) await shell.launchAtLogin.current();
    const trayHint = await shell.trayHint?.();
    return {
      ...core.getSettingsView(),
      launchAtLoginSupported: shell.launchAtLogin?.supported ?? false,
      ...(trayHint ? { trayHint } : {}),
    };
  }

  /** The save's outcome for the window: the state with tokens masked, never the key or the token typed. */
  function manualAnswer(r: ManualSaveResult): ManualSaveAnswer {
    const answer: ManualSaveAnswer = {
      state: stateForWindow(core.getState()),
      projectId: r.project.id,
      check: r.check,
    };
    if (r.projectId !== undefined) answer.learnedProjectId = r.projectId;
    if (r.connectedNumber !== undefined) answer.connectedNumber = r.connectedNumber;
    if (r.uncheckedReason !== undefined) answer.uncheckedReason = r.uncheckedReason;
    return answer;
  }

  function apiToken(projectId: number, index: number): string {
    const token = core.getProject(projectId)?.apiTokens[index]?.token;
    if (token === undefined) {
      throw new PickyError('not-found', 'That API token is not in the list any more. Refresh the list and try again.', {
        projectId,
        index,
      });
    }
    return token;
  }

  return {
    getAppInfo: async () => ({ version: shell.version, mode: shell.mode, platform: shell.platform }),
    // The window gets project API tokens masked, in every state it receives (stateForWindow).
    getState: async () => stateForWindow(core.getState()),
    refresh: async () => stateForWindow(await core.refresh()),
    getTokenStatus: () => core.getTokenStatus(),
    setToken: async ({ token, saveUnchecked }) =>
      stateForWindow(await core.setToken(token, { saveUnchecked: saveUnchecked === true })),
    clearToken: async () => stateForWindow(await core.clearToken()),
    async addManualProject({ saveUnchecked, ...input }) {
      const r = await core.addManualProject(input, { saveUnchecked: saveUnchecked === true });
      return manualAnswer(r);
    },
    async editManualProject({ projectId, saveUnchecked, ...patch }) {
      const r = await core.editManualProject(projectId, patch, { saveUnchecked: saveUnchecked === true });
      return manualAnswer(r);
    },
    async removeManualProject({ projectId }) {
      await core.removeManualProject(projectId);
      return stateForWindow(core.getState());
    },
    getSettings: () => settingsView(),
    async updateSettings(patch) {
      const { launchAtLogin, ...rest } = patch;
      if (launchAtLogin !== undefined) {
        if (shell.launchAtLogin) await shell.launchAtLogin.set(launchAtLogin);
        else if (launchAtLogin) throw new PickyError('bad-input', LAUNCH_AT_LOGIN_UNAVAILABLE);
        else await core.updateSettings({ launchAtLogin });
      }
      if (Object.keys(rest).length > 0) await core.updateSettings(rest);
      return settingsView();
    },
    clearCache: async () => stateForWindow(await core.clearCache()),
    revealApiToken: async ({ projectId, index }) => ({ token: apiToken(projectId, index) }),
    async copyApiToken({ projectId, index }) {
      const token = apiToken(projectId, index);
      if (!shell.writeClipboard) return { copied: false, text: token };
      await shell.writeClipboard(token);
      return { copied: true };
    },
    async openLogsFolder() {
      if (shell.openLogsFolder) return shell.openLogsFolder();
      return { opened: false, message: 'This version of Picky Tray writes no log file.' };
    },
    async openExternal({ url }) {
      if (!isSafeExternalUrl(url)) {
        throw new PickyError(
          'bad-input',
          'Picky Tray only opens web links that start with http:// or https://. That link was not opened.',
        );
      }
      return { opened: await shell.openExternal(url) };
    },
    async openDashboard() {
      const url = dashboardUrl(core.getSettingsView().effectiveBaseUrl);
      return { opened: isSafeExternalUrl(url) && (await shell.openExternal(url)), url };
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
      if (project.licenseKeyProblem) {
        throw new PickyError('bad-input', project.licenseKeyProblem, { projectId });
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
    async focusPhone({ projectId }) {
      core.phones.focus(projectId ?? undefined);
      return { focused: projectId !== null };
    },
    async phoneCheckSlot() {
      return { at: new Date(await core.phones.nextSlotAt()).toISOString() };
    },
    checkPhone: ({ projectId }) => core.phones.checkSoon(projectId),
    async phoneCommand({ projectId, command, confirmed }) {
      await core.phones.command(projectId, command, { confirmed: confirmed === true });
      return { sent: true };
    },
  };
}
