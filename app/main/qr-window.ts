// The pairing QR, full screen on the display under the mouse pointer (the primary one under Wayland), above
// everything, keeping the display awake while it is open (a phone camera needs time). Esc closes it; the page
// also handles Esc itself. How it covers the display differs by platform: see qrWindowOptions.
import { app, BrowserWindow, powerSaveBlocker, screen } from 'electron';
import { rendererUrl } from './app-origin';
import { QR_ALWAYS_ON_TOP_LEVEL, qrDisplayChoice, qrWindowOptions } from './window-options';
import type { WindowRegistry } from './window-registry';

export interface QrWindowDeps {
  preloadPath: string;
  pageUrl: string;
  devTools: boolean;
  registry: WindowRegistry;
}

export interface QrWindowController {
  open: (projectId: number) => void;
  close(): void;
  webContentsId(): number | undefined;
}

export function createQrWindowController(deps: QrWindowDeps): QrWindowController {
  let win: BrowserWindow | undefined;

  const close = () => {
    if (win && !win.isDestroyed()) win.close();
  };

  return {
    open(projectId) {
      // One QR at a time: a new request replaces the one on screen.
      close();
      const platform = process.platform;
      const display =
        qrDisplayChoice(platform, process.env) === 'primary'
          ? screen.getPrimaryDisplay()
          : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
      const w = new BrowserWindow(
        qrWindowOptions({ bounds: display.bounds, preloadPath: deps.preloadPath, devTools: deps.devTools, platform }),
      );
      win = w;
      deps.registry.add(w);
      w.setAlwaysOnTop(true, QR_ALWAYS_ON_TOP_LEVEL);
      // macOS: above full-screen apps too, on whichever Space the user is in.
      if (platform === 'darwin') w.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      const blocker = powerSaveBlocker.start('prevent-display-sleep');
      w.on('closed', () => {
        if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
        if (win === w) win = undefined;
      });
      w.webContents.on('before-input-event', (event, input) => {
        if (input.type === 'keyDown' && input.key === 'Escape') {
          event.preventDefault();
          w.close();
        }
      });
      w.once('ready-to-show', () => {
        w.show();
        w.focus();
        // A tray app is not the active app when its menu is used: without this, Esc goes elsewhere until a click.
        if (platform === 'darwin') app.focus({ steal: true });
        else w.setFullScreen(true);
      });
      void w.loadURL(rendererUrl(deps.pageUrl, `/qr/${projectId}`));
    },
    close,
    webContentsId() {
      return win && !win.isDestroyed() ? win.webContents.id : undefined;
    },
  };
}
