// Launch at login, for real: a login item on macOS/Windows, an XDG autostart file on Linux. These are the OS
// backends; launch-at-login-service.ts is the one owner the handlers and the tray talk to. `isEnabled` reads the
// actual state (so the tray checkbox and the settings screen show the truth, not a wish).
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { writeFileAtomic } from '../core/atomic-file';
import { PickyError } from '../core/errors';
import { APP_NAME } from './app-identity';
import {
  autostartDesktopEntry,
  autostartEntryEnabled,
  autostartEntryOutdated,
  autostartFilePath,
  HIDDEN_FLAG,
  launchCommand,
} from './autostart-entry';
import { loginItemEnabled } from './login-item-state';

export interface LaunchAtLogin {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  apply(enabled: boolean): Promise<void>;
  /** Brings an existing entry up to date with this copy of the app (Linux: a moved AppImage). */
  repair(): Promise<void>;
}

function command() {
  return launchCommand({
    execPath: process.execPath,
    appImage: process.env.APPIMAGE,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
  });
}

function loginItemArgs(): string[] {
  return [...command().args, HIDDEN_FLAG];
}

function linuxLaunchAtLogin(): LaunchAtLogin {
  const file = autostartFilePath(process.env, os.homedir());
  const readEntry = async (): Promise<string | undefined> => {
    try {
      return await readFile(file, 'utf8');
    } catch {
      // No file (or none we may read) is "off": nothing would start the app at login.
      return undefined;
    }
  };
  const write = async () => {
    const { exec, args } = command();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, autostartDesktopEntry({ exec, args, name: app.getName() }), { mode: 0o644 });
  };
  const fail = (what: string) =>
    new PickyError(
      'disk',
      `Picky Tray could not ${what} ${file}. Check that you may write to ${path.dirname(file)}, then try again.`,
    );
  return {
    supported: true,
    async isEnabled() {
      const text = await readEntry();
      // A file switched off (Hidden=true, GNOME's X-GNOME-Autostart-enabled=false) does not start the app.
      return text !== undefined && autostartEntryEnabled(text);
    },
    async apply(enabled) {
      try {
        if (enabled) await write();
        else await rm(file, { force: true });
      } catch (e) {
        if (e instanceof PickyError) throw e;
        throw fail(enabled ? 'create' : 'remove');
      }
    },
    async repair() {
      const text = await readEntry();
      const { exec, args } = command();
      if (text === undefined || !autostartEntryOutdated(text, { exec, args, name: app.getName() })) return;
      try {
        await write();
      } catch (e) {
        if (e instanceof PickyError) throw e;
        throw fail('update');
      }
    },
  };
}

function loginItemLaunchAtLogin(): LaunchAtLogin {
  // Windows matches the login item by name, path and args: read and write with the same ones. The name is
  // explicit because Electron's default is the AppUserModelID, which main.ts sets: an entry written before or
  // after that call would otherwise never be found again.
  const windows = process.platform === 'win32';
  const query = () => (windows ? { args: loginItemArgs(), name: APP_NAME } : undefined);
  return {
    supported: true,
    async isEnabled() {
      return loginItemEnabled(process.platform, app.getLoginItemSettings(query()), APP_NAME);
    },
    async apply(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled, args: loginItemArgs(), ...(windows ? { name: APP_NAME } : {}) });
    },
    // The OS finds the app by its bundle (macOS) or the installer keeps the path (Windows): nothing to repair.
    repair: async () => undefined,
  };
}

export function createLaunchAtLogin(): LaunchAtLogin {
  if (process.platform === 'linux') return linuxLaunchAtLogin();
  if (process.platform === 'darwin' || process.platform === 'win32') return loginItemLaunchAtLogin();
  return {
    supported: false,
    isEnabled: async () => false,
    async apply() {
      throw new PickyError('bad-input', 'Launch at login is not available on this system.');
    },
    repair: async () => undefined,
  };
}
