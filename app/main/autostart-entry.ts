// Linux launch at login: an XDG autostart .desktop file. Building its text (and quoting Exec by the Desktop
// Entry spec) is pure and unit-tested; launch-at-login.ts writes or removes the file.
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'picky-tray.desktop';
/** Put in every login item / autostart entry so the app starts in the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden';

/** `$XDG_CONFIG_HOME/autostart/picky-tray.desktop`, falling back to ~/.config. */
export function autostartFilePath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const configHome =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

// Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key").
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/** One Exec argument: quoted when needed, with `"`, `` ` ``, `$` and `\` escaped inside the quotes. */
export function quoteExecArg(arg: string): string {
  if (/[\n\r\0]/.test(arg)) throw new Error('An autostart command cannot contain a line break.');
  // `%` starts a field code; a literal one is written `%%`.
  const percent = arg.replace(/%/g, '%%');
  if (percent !== '' && !RESERVED.test(percent)) return percent;
  return `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

/** Exec's value is also a string value, whose own escape for `\` applies on top of the quoting. */
export function execLine(command: readonly string[]): string {
  return command.map(quoteExecArg).join(' ').replace(/\\/g, '\\\\');
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export interface AutostartEntryInput {
  /** The program: the AppImage when run from one, else the executable. */
  exec: string;
  /** Arguments after the program (an unpackaged run needs the app folder); `--hidden` is added. */
  args?: readonly string[];
  name: string;
}

export function autostartDesktopEntry(input: AutostartEntryInput): string {
  const command = [input.exec, ...(input.args ?? []), HIDDEN_FLAG];
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${singleLine(input.name)}`,
    `Comment=${singleLine(`Start ${input.name} in the system tray`)}`,
    `Exec=${execLine(command)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Whether an autostart file really starts the app at login. Per the XDG Autostart spec `Hidden=true` means
 * "treat as deleted", and GNOME's Startup Applications switch writes `X-GNOME-Autostart-enabled=false` instead
 * of removing the file: either one means off, whatever the file's existence suggests.
 */
export function autostartEntryEnabled(text: string): boolean {
  let inMainGroup = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      inMainGroup = line === '[Desktop Entry]';
      continue;
    }
    if (!inMainGroup) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'Hidden' && value === 'true') return false;
    if (key === 'X-GNOME-Autostart-enabled' && value === 'false') return false;
  }
  return true;
}

/** The raw value of the main group's Exec key, or undefined when there is none. */
export function autostartExecValue(text: string): string | undefined {
  let inMainGroup = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('[')) {
      inMainGroup = line === '[Desktop Entry]';
      continue;
    }
    if (inMainGroup && line.startsWith('Exec=')) return line.slice('Exec='.length).trim();
  }
  return undefined;
}

/**
 * Whether an enabled autostart entry must be written again because it no longer starts this copy of the app:
 * an AppImage replaced by a newer file at another path leaves the old path in Exec (and nothing starts at login).
 * An entry switched off by the user is left alone.
 */
export function autostartEntryOutdated(text: string, current: AutostartEntryInput): boolean {
  if (!autostartEntryEnabled(text)) return false;
  const expected = execLine([current.exec, ...(current.args ?? []), HIDDEN_FLAG]);
  return autostartExecValue(text) !== expected;
}

export interface LaunchCommandInput {
  execPath: string;
  /** process.env.APPIMAGE: the AppImage file, when running from one (execPath is then inside a temporary mount). */
  appImage?: string;
  isPackaged: boolean;
  /** app.getAppPath(): an unpackaged run is `electron <appPath>`. */
  appPath: string;
}

export function launchCommand(input: LaunchCommandInput): { exec: string; args: string[] } {
  if (input.appImage) return { exec: input.appImage, args: [] };
  return { exec: input.execPath, args: input.isPackaged ? [] : [input.appPath] };
}
