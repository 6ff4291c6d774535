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
  /** Bounds of the display under the mouse pointer. */
  bounds: Rectangle;
  preloadPath: string;
  devTools?: boolean;
}

export function qrWindowOptions(input: QrWindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input;
  return {
    title: 'Pairing QR — Picky Tray',
    // Placed on the target display first, so fullscreen happens there.
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    fullscreen: true,
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    show: false,
    // A QR code scans best black on white, whatever the system theme.
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(input.preloadPath, { devTools: input.devTools ?? false }),
  };
}

/** The level that keeps the QR above other always-on-top windows (and full-screen apps on macOS). */
export const QR_ALWAYS_ON_TOP_LEVEL = 'screen-saver' as const;
