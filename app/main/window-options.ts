// Options for every window the app opens, as plain objects: the security settings live here, once, unit-tested.
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    // The renderer gets only window.pickyBridge; no Node, no Electron, no shared JS world.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools ?? false,
  };
}

export interface MainWindowOptionsInput {
  preloadPath: string;
  devTools?: boolean;
  iconPath?: string;
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Picky Tray',
    width: 980,
    height: 700,
    minWidth: 480,
    minHeight: 420,
    // Shown once the page is ready (or never, when started hidden at login).
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: secureWebPreferences(input.preloadPath, { devTools: input.devTools ?? false }),
  };
}

export interface QrWindowOptionsInput {
  /** Bounds of the display the QR goes on. */
  bounds: Rectangle;
  preloadPath: string;
  devTools?: boolean;
  platform: NodeJS.Platform;
}

/**
 * Created hidden and sized to the display. Not `fullscreen: true`: that shows the window at once on Linux and
 * macOS despite `show: false` (electron/electron#3228, #10724, #20352), a blank white screen before the code.
 * Linux and Windows go full screen once the page is ready (qr-window.ts). On macOS native full screen would open
 * a new Space with an animation, ignore the always-on-top level and leave the app inactive (Esc lost until a
 * click), so there the QR is a plain frameless window covering the display, shown on every Space.
 */
export function qrWindowOptions(input: QrWindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input;
  const mac = input.platform === 'darwin';
  return {
    title: 'Pairing QR — Picky Tray',
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    show: false,
    ...(mac ? { fullscreenable: false, enableLargerThanScreen: true, hasShadow: false } : { fullscreenable: true }),
    // A QR code scans best black on white, whatever the system theme.
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(input.preloadPath, { devTools: input.devTools ?? false }),
  };
}

/**
 * Which display the QR opens on. Under Wayland an app cannot read the pointer's position (Electron reports 0,0)
 * nor place its windows, so there it is the primary display; elsewhere the one under the pointer.
 */
export function qrDisplayChoice(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): 'pointer' | 'primary' {
  if (platform !== 'linux') return 'pointer';
  // Electron 39 runs natively on Wayland when a Wayland session is there, unless told to use X11.
  if (env.ELECTRON_OZONE_PLATFORM_HINT === 'x11') return 'pointer';
  return env.WAYLAND_DISPLAY || env.XDG_SESSION_TYPE === 'wayland' ? 'primary' : 'pointer';
}

/** The level that keeps the QR above other always-on-top windows (and full-screen apps on macOS). */
export const QR_ALWAYS_ON_TOP_LEVEL = 'screen-saver' as const;
