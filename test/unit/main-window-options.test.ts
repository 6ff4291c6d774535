import { describe, expect, it } from 'vitest';
import {
  mainWindowOptions,
  QR_ALWAYS_ON_TOP_LEVEL,
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

  it('covers the given display, full screen, frameless, on top, out of the taskbar', () => {
    const opts = qrWindowOptions({ bounds, preloadPath: '/p.cjs' });
    expect(opts).toMatchObject({
      ...bounds,
      fullscreen: true,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      show: false,
    });
    expect(opts.backgroundColor).toBe('#ffffff');
  });

  it('uses the same secure preferences as the main window', () => {
    expect(qrWindowOptions({ bounds, preloadPath: '/p.cjs' }).webPreferences).toMatchObject({
      preload: '/p.cjs',
      ...SECURE,
    });
  });

  it('goes above other always-on-top windows', () => {
    expect(QR_ALWAYS_ON_TOP_LEVEL).toBe('screen-saver');
  });
});
