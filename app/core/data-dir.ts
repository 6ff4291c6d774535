// Where Picky Tray keeps its files (settings, offline cache). The same folder Electron's app.getPath('userData')
// gives for productName "Picky Tray", so the desktop app and the CLI (which has no Electron) share it.
import { join, posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Picky Tray';

export interface DataDirOptions {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Electron's app.getPath('userData'), when running inside Electron. */
  electronUserData?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/** PICKY_TRAY_HOME wins; then Electron's userData; then the folder Electron would use. Pure. */
export function resolveDataDir(options: DataDirOptions): string {
  const { env, platform, homedir } = options;
  const override = nonEmpty(env.PICKY_TRAY_HOME);
  if (override) return override;
  const userData = nonEmpty(options.electronUserData);
  if (userData) return userData;
  switch (platform) {
    case 'win32':
      return win32.join(nonEmpty(env.APPDATA) ?? win32.join(homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
    default: {
      // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = nonEmpty(env.XDG_CONFIG_HOME);
      const configHome = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.config');
      return posix.join(configHome, PRODUCT_NAME);
    }
  }
}

/** The folder of the app's log files, inside the data folder. */
export function logsDirFor(dataDir: string): string {
  return join(dataDir, 'logs');
}
