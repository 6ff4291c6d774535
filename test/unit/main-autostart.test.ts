import { describe, expect, it } from 'vitest';
import {
  autostartDesktopEntry,
  autostartEntryEnabled,
  autostartFilePath,
  execLine,
  launchCommand,
  quoteExecArg,
} from '../../app/main/autostart-entry';

/** Undoes the two escaping layers of an Exec value (string escapes, then quoting), per the Desktop Entry spec. */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_m, c: string) =>
    c === 's' ? ' ' : c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
  );
  const args: string[] = [];
  let i = 0;
  while (i < unescaped.length) {
    if (unescaped[i] === ' ') {
      i++;
      continue;
    }
    let arg = '';
    if (unescaped[i] === '"') {
      i++;
      while (i < unescaped.length && unescaped[i] !== '"') {
        if (unescaped[i] === '\\') i++;
        arg += unescaped[i];
        i++;
      }
      i++;
    } else {
      while (i < unescaped.length && unescaped[i] !== ' ') arg += unescaped[i++];
    }
    args.push(arg.replace(/%%/g, '%'));
  }
  return args;
}

describe('autostartDesktopEntry', () => {
  it('starts the app hidden at login', () => {
    const text = autostartDesktopEntry({ exec: '/opt/Picky Tray/picky-tray', name: 'Picky Tray' });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Picky Tray',
      'Comment=Start Picky Tray in the system tray',
      'Exec="/opt/Picky Tray/picky-tray" --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('puts the app folder before --hidden in an unpackaged run', () => {
    const text = autostartDesktopEntry({
      exec: '/usr/lib/electron/electron',
      args: ['/home/me/picky'],
      name: 'Picky Tray',
    });
    expect(text).toContain('Exec=/usr/lib/electron/electron /home/me/picky --hidden\n');
  });

  it.each([
    '/home/me/Apps/Picky Tray.AppImage',
    '/tmp/it\'s "quoted"/app',
    '/tmp/dollar$HOME/`cmd`/back\\slash',
    '/tmp/100%/app',
    '/tmp/semi;colon&amp|pipe<>~#*?()',
    '/tmp/tab\there',
  ])('quotes %j so a desktop launcher gets the exact path back', (exec) => {
    const text = autostartDesktopEntry({ exec, name: 'Picky Tray' });
    const line = text.split('\n').find((l) => l.startsWith('Exec='));
    expect(parseExec(line!.slice('Exec='.length))).toEqual([exec, '--hidden']);
  });

  it('leaves plain arguments alone and doubles percent signs', () => {
    expect(quoteExecArg('/usr/bin/picky-tray')).toBe('/usr/bin/picky-tray');
    expect(quoteExecArg('50%')).toBe('50%%');
    expect(quoteExecArg('')).toBe('""');
    expect(execLine(['/a b', 'c\\d'])).toBe('"/a b" "c\\\\\\\\d"');
  });

  it('refuses a command with a line break (it would inject keys into the file)', () => {
    expect(() => autostartDesktopEntry({ exec: '/tmp/x\nExec=/bin/evil', name: 'Picky Tray' })).toThrow(/line break/);
  });

  it('keeps the name on one line', () => {
    expect(autostartDesktopEntry({ exec: '/x', name: 'Picky\nExec=/bin/evil' })).not.toMatch(/^Exec=\/bin\/evil/m);
  });
});

describe('autostartFilePath', () => {
  it('uses XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(autostartFilePath({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe('/cfg/autostart/picky-tray.desktop');
    expect(autostartFilePath({}, '/home/me')).toBe('/home/me/.config/autostart/picky-tray.desktop');
    expect(autostartFilePath({ XDG_CONFIG_HOME: 'relative' }, '/home/me')).toBe(
      '/home/me/.config/autostart/picky-tray.desktop',
    );
  });
});

describe('launchCommand', () => {
  it('prefers the AppImage (the executable lives in a temporary mount)', () => {
    expect(
      launchCommand({
        execPath: '/tmp/.mount_x/picky-tray',
        appImage: '/home/me/Picky.AppImage',
        isPackaged: true,
        appPath: '/a',
      }),
    ).toEqual({
      exec: '/home/me/Picky.AppImage',
      args: [],
    });
  });

  it('uses the executable, plus the app folder when unpackaged', () => {
    expect(launchCommand({ execPath: '/opt/picky/picky-tray', isPackaged: true, appPath: '/a' })).toEqual({
      exec: '/opt/picky/picky-tray',
      args: [],
    });
    expect(launchCommand({ execPath: '/n/electron', isPackaged: false, appPath: '/src/picky' })).toEqual({
      exec: '/n/electron',
      args: ['/src/picky'],
    });
  });
});

describe('autostartEntryEnabled', () => {
  it('is on for the entry Picky Tray writes', () => {
    expect(autostartEntryEnabled(autostartDesktopEntry({ exec: '/usr/bin/picky-tray', name: 'Picky Tray' }))).toBe(
      true,
    );
  });

  it('is off when the file says Hidden=true (XDG: treat as deleted) or GNOME switched it off', () => {
    const entry = autostartDesktopEntry({ exec: '/usr/bin/picky-tray', name: 'Picky Tray' });
    expect(autostartEntryEnabled(`${entry}Hidden=true\n`)).toBe(false);
    expect(
      autostartEntryEnabled(entry.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false')),
    ).toBe(false);
    expect(autostartEntryEnabled('[Desktop Entry]\r\nType=Application\r\nHidden = true\r\n')).toBe(false);
  });

  it('reads only the [Desktop Entry] group, and Hidden=false keeps it on', () => {
    expect(autostartEntryEnabled('[Desktop Entry]\nHidden=false\n[Desktop Action x]\nHidden=true\n')).toBe(true);
    expect(autostartEntryEnabled('# Hidden=true\n[Desktop Entry]\nExec=picky-tray\n')).toBe(true);
  });
});
