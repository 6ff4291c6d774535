import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../app/core/data-dir';

describe('resolveDataDir', () => {
  it('lets PICKY_TRAY_HOME win over everything', () => {
    expect(
      resolveDataDir({
        env: { PICKY_TRAY_HOME: ' /srv/picky ', XDG_CONFIG_HOME: '/x' },
        platform: 'linux',
        homedir: '/home/ana',
        electronUserData: '/home/ana/.config/Picky Tray',
      }),
    ).toBe('/srv/picky');
  });

  it("uses Electron's userData when given", () => {
    expect(
      resolveDataDir({
        env: { PICKY_TRAY_HOME: '  ' },
        platform: 'darwin',
        homedir: '/Users/ana',
        electronUserData: '/custom/ud',
      }),
    ).toBe('/custom/ud');
  });

  it('on Linux follows XDG_CONFIG_HOME, else ~/.config, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/home/ana/cfg' }, platform: 'linux', homedir: '/home/ana' })).toBe(
      '/home/ana/cfg/Picky Tray',
    );
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/ana' })).toBe('/home/ana/.config/Picky Tray');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: 'cfg' }, platform: 'freebsd', homedir: '/home/ana' })).toBe(
      '/home/ana/.config/Picky Tray',
    );
  });

  it('on macOS uses Application Support', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'darwin', homedir: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Picky Tray',
    );
  });

  it('on Windows uses %APPDATA%, else the roaming folder under the home', () => {
    expect(
      resolveDataDir({
        env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Picky Tray');
    expect(resolveDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Picky Tray',
    );
  });
});
