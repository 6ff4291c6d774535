// Launch at login, for real: a login item on macOS/Windows, an XDG autostart file on Linux. `isEnabled` reads
// the actual state (so the tray checkbox and the settings screen show the truth, not a wish).
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { writeFileAtomic } from '../core/atomic-file';
import { APP_NAME } from './app-identity';
import { PickyError } from '../core/errors';
import {
  autostartDesktopEntry,
  autostartEntryEnabled,
  autostartFilePath,
  HIDDEN_FLAG,
  launchCommand,
} from './autostart-entry';

export interface LaunchAtLogin {
  readonly supported: boolean;
  isEnabled(): Promise<boolean>;
  apply(enabled: boolean): Promise<void>;
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
  return {
    supported: true,
    async isEnabled() {
      try {
        // A file switched off (Hidden=true, GNOME's X-GNOME-Autostart-enabled=false) does not start the app.
        return autostartEntryEnabled(await readFile(file, 'utf8'));
      } catch {
        return false;
      }
    },
    async apply(enabled) {
      try {
        if (!enabled) {
          await rm(file, { force: true });
          return;
        }
        const { exec, args } = command();
        await mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, autostartDesktopEntry({ exec, args, name: app.getName() }), { mode: 0o644 });
      } catch (e) {
        if (e instanceof PickyError) throw e;
        throw new PickyError(
          'disk',
          `Picky Tray could not ${enabled ? 'create' : 'remove'} ${file}. Check that you may write to ${path.dirname(file)}, then try again.`,
        );
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
      return app.getLoginItemSettings(query()).openAtLogin;
    },
    async apply(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled, args: loginItemArgs(), ...(windows ? { name: APP_NAME } : {}) });
    },
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
  };
}
