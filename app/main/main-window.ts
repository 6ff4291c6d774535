// The one main window: created on demand, hidden (not closed) when the user closes it, since the app
// lives in the tray. Only an explicit Quit really closes it.
import { app, BrowserWindow } from 'electron';
import { eventChannel } from '../shared/ipc-channels';
import { rendererUrl } from './app-origin';
import { trayClickAction } from './tray-click';
import { mainWindowOptions } from './window-options';
import type { WindowRegistry } from './window-registry';

export interface MainWindowDeps {
  preloadPath: string;
  /** app://picky/index.html, or the dev server in an unpackaged run. */
  pageUrl: string;
  devTools: boolean;
  iconPath?: string;
  registry: WindowRegistry;
  isQuitting: () => boolean;
}

export interface MainWindowController {
  /** Shows (creating if needed) and focuses the window, optionally at a route such as `/project/5`. */
  show(route?: string): void;
  /** A click on the tray icon: show, or hide when it is already in front (per platform, see tray-click.ts). */
  toggle(): void;
  isVisible(): boolean;
  /** For the end-to-end test. */
  webContentsId(): number | undefined;
}

export function createMainWindowController(deps: MainWindowDeps): MainWindowController {
  let win: BrowserWindow | undefined;

  const create = (route: string): BrowserWindow => {
    const w = new BrowserWindow(
      mainWindowOptions({ preloadPath: deps.preloadPath, devTools: deps.devTools, iconPath: deps.iconPath }),
    );
    deps.registry.add(w);
    let sessionEnding = false;
    // Windows: the user is logging off or shutting down; before-quit is not emitted then.
    w.on('session-end', () => {
      sessionEnding = true;
    });
    w.on('close', (event) => {
      if (deps.isQuitting() || sessionEnding) return;
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => {
      if (win === w) win = undefined;
    });
    w.once('ready-to-show', () => reveal(w));
    void w.loadURL(rendererUrl(deps.pageUrl, route));
    return w;
  };

  const reveal = (w: BrowserWindow) => {
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
    // A tray app (no dock icon) is not the active app when its menu is used; bring it forward.
    if (process.platform === 'darwin') app.focus({ steal: true });
  };

  const navigate = (w: BrowserWindow, route: string) => {
    const send = () => {
      if (!w.isDestroyed()) w.webContents.send(eventChannel('navigate'), { route });
    };
    // A page still loading would miss the event; tell it once it is there.
    if (w.webContents.isLoading()) w.webContents.once('did-finish-load', send);
    else send();
  };

  return {
    show(route) {
      if (!win || win.isDestroyed()) {
        win = create(route ?? '/');
        return;
      }
      if (route) navigate(win, route);
      reveal(win);
    },
    toggle() {
      const look =
        win && !win.isDestroyed()
          ? { visible: win.isVisible(), minimized: win.isMinimized(), focused: win.isFocused() }
          : { visible: false, minimized: false, focused: false };
      if (trayClickAction(process.platform, look) === 'hide') win?.hide();
      else this.show();
    },
    isVisible() {
      return !!win && !win.isDestroyed() && win.isVisible();
    },
    webContentsId() {
      return win && !win.isDestroyed() ? win.webContents.id : undefined;
    },
  };
}
