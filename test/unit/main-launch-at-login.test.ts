import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry, autostartEntryOutdated } from '../../app/main/autostart-entry';
import { createLaunchAtLoginService } from '../../app/main/launch-at-login-service';
import { loginItemEnabled } from '../../app/main/login-item-state';

describe('loginItemEnabled', () => {
  const item = (enabled: boolean) => ({ name: 'Picky Tray', enabled });
  it('Windows: an entry "Disabled" in Task Manager is off, though its Run key is still there', () => {
    expect(loginItemEnabled('win32', { openAtLogin: true, launchItems: [item(false)] }, 'Picky Tray')).toBe(false);
    expect(loginItemEnabled('win32', { openAtLogin: true, launchItems: [item(true)] }, 'Picky Tray')).toBe(true);
    expect(
      loginItemEnabled(
        'win32',
        { openAtLogin: true, executableWillLaunchAtLogin: false, launchItems: [] },
        'Picky Tray',
      ),
    ).toBe(false);
    expect(loginItemEnabled('win32', { openAtLogin: false, launchItems: [item(true)] }, 'Picky Tray')).toBe(false);
    // Another app's entry says nothing about ours.
    expect(
      loginItemEnabled('win32', { openAtLogin: true, launchItems: [{ name: 'Other', enabled: false }] }, 'Picky Tray'),
    ).toBe(true);
  });
  it('macOS: openAtLogin', () => {
    expect(loginItemEnabled('darwin', { openAtLogin: true }, 'Picky Tray')).toBe(true);
    expect(loginItemEnabled('darwin', { openAtLogin: false }, 'Picky Tray')).toBe(false);
  });
});

describe('autostartEntryOutdated', () => {
  const entry = (exec: string) => autostartDesktopEntry({ exec, name: 'Picky Tray' });
  it('is outdated when it starts another file than the one running', () => {
    expect(autostartEntryOutdated(entry('/old/Picky.AppImage'), { exec: '/new/Picky.AppImage', name: 'x' })).toBe(true);
    expect(autostartEntryOutdated(entry('/new/Picky.AppImage'), { exec: '/new/Picky.AppImage', name: 'x' })).toBe(
      false,
    );
  });
  it('leaves an entry the user switched off alone', () => {
    const off = entry('/old/Picky.AppImage').replace(
      'X-GNOME-Autostart-enabled=true',
      'X-GNOME-Autostart-enabled=false',
    );
    expect(autostartEntryOutdated(off, { exec: '/new/Picky.AppImage', name: 'x' })).toBe(false);
  });
});

describe('the launch-at-login service', () => {
  function setup(opts: { supported?: boolean; real?: boolean; failRead?: boolean; failApply?: boolean } = {}) {
    const os = { real: opts.real ?? false, applied: [] as boolean[], repaired: 0 };
    let saved = false;
    const service = createLaunchAtLoginService(
      {
        supported: opts.supported ?? true,
        async isEnabled() {
          if (opts.failRead) throw new Error('the registry could not be read');
          return os.real;
        },
        async apply(enabled) {
          if (opts.failApply) throw new Error('Picky Tray could not create the entry.');
          os.applied.push(enabled);
          os.real = enabled;
        },
        repair: async () => void os.repaired++,
      },
      { saved: () => saved, save: async (v) => void (saved = v) },
    );
    return { service, os, saved: () => saved };
  }

  it('settings follow the OS at start, after repairing the entry', async () => {
    const t = setup({ real: true });
    await t.service.reconcile();
    expect(t.os.repaired).toBe(1);
    expect(t.saved()).toBe(true);
  });

  it('registers with the OS before saving: a failure leaves the setting telling the truth', async () => {
    const t = setup({ failApply: true });
    await expect(t.service.set(true)).rejects.toThrow(/could not create/);
    expect(t.saved()).toBe(false);
  });

  it('toggles the real state and tells its listeners', async () => {
    const t = setup();
    let changes = 0;
    t.service.onChange(() => changes++);
    expect(await t.service.toggle()).toBe(true);
    expect([t.os.real, t.saved(), changes]).toEqual([true, true, 1]);
  });

  it('answers from the saved setting when the OS cannot be asked, and changes nothing', async () => {
    const t = setup({ failRead: true });
    expect(await t.service.current()).toBe(false);
    expect(t.os.applied).toEqual([]);
  });

  it('where unsupported: off, and turning it on is refused with a sentence', async () => {
    const t = setup({ supported: false });
    expect(await t.service.current()).toBe(false);
    await expect(t.service.set(true)).rejects.toThrow(/not available here/);
  });
});
