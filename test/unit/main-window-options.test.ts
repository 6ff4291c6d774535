import { describe, expect, it } from 'vitest';
import {
  mainWindowOptions,
  QR_ALWAYS_ON_TOP_LEVEL,
  qrDisplayChoice,
  qrWindowOptions,
  secureWebPreferences,
} from '../../app/main/window-options';

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with only our preload', () => {
    const prefs = secureWebPreferences('/app/dist/preload.cjs');
    expect(prefs).toMatchObject({ preload: '/app/dist/preload.cjs', ...SECURE });
  });

  it('has DevTools off unless asked for (unpackaged runs only)', () => {
    expect(secureWebPreferences('/p').devTools).toBe(false);
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });

  it('enables no extra Blink features', () => {
    expect(secureWebPreferences('/p').enableBlinkFeatures ?? '').toBe('');
  });
});

describe('mainWindowOptions', () => {
  it('starts hidden (shown when ready, or never at login) with the secure preferences', () => {
    const opts = mainWindowOptions({ preloadPath: '/p.cjs' });
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('Picky Tray');
    expect(opts.webPreferences).toMatchObject({ preload: '/p.cjs', ...SECURE });
  });

  it('sets the icon only when given', () => {
    expect(mainWindowOptions({ preloadPath: '/p' })).not.toHaveProperty('icon');
    expect(mainWindowOptions({ preloadPath: '/p', iconPath: '/i.png' }).icon).toBe('/i.png');
  });
});

describe('qrWindowOptions', () => {
  const bounds = { x: 1920, y: -200, width: 2560, height: 1440 };

  it.each(['linux', 'win32', 'darwin'] as const)(
    'on %s: covers the given display, hidden until ready, frameless, on top, out of the taskbar',
    (platform) => {
      const opts = qrWindowOptions({ bounds, preloadPath: '/p.cjs', platform });
      expect(opts).toMatchObject({ ...bounds, frame: false, alwaysOnTop: true, skipTaskbar: true, show: false });
      // `fullscreen: true` would show the window at once (a white screen) on Linux and macOS, show:false or not.
      expect(opts).not.toHaveProperty('fullscreen');
      expect(opts.backgroundColor).toBe('#ffffff');
    },
  );

  it('can go full screen later on Linux and Windows; on macOS it is a plain window covering the display', () => {
    expect(qrWindowOptions({ bounds, preloadPath: '/p.cjs', platform: 'linux' }).fullscreenable).toBe(true);
    expect(qrWindowOptions({ bounds, preloadPath: '/p.cjs', platform: 'win32' }).fullscreenable).toBe(true);
    expect(qrWindowOptions({ bounds, preloadPath: '/p.cjs', platform: 'darwin' })).toMatchObject({
      fullscreenable: false,
      enableLargerThanScreen: true,
    });
  });

  it('opens under the pointer, except under Wayland where only the primary display can be known', () => {
    expect(qrDisplayChoice('linux', { DISPLAY: ':0' })).toBe('pointer');
    expect(qrDisplayChoice('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('primary');
    expect(qrDisplayChoice('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe('primary');
    expect(qrDisplayChoice('linux', { WAYLAND_DISPLAY: 'wayland-0', ELECTRON_OZONE_PLATFORM_HINT: 'x11' })).toBe(
      'pointer',
    );
    expect(qrDisplayChoice('darwin', { WAYLAND_DISPLAY: 'wayland-0' })).toBe('pointer');
    expect(qrDisplayChoice('win32', {})).toBe('pointer');
  });

  it('uses the same secure preferences as the main window', () => {
    expect(qrWindowOptions({ bounds, preloadPath: '/p.cjs', platform: 'linux' }).webPreferences).toMatchObject({
      preload: '/p.cjs',
      ...SECURE,
    });
  });

  it('goes above other always-on-top windows', () => {
    expect(QR_ALWAYS_ON_TOP_LEVEL).toBe('screen-saver');
  });
});
