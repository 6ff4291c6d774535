// The tray: one render method that sets icon, tooltip and menu from the sync state. The menu itself is
// plain data (tray-menu.ts); clicks arrive here by item id and become TrayActions.
import path from 'node:path';
import { Menu, nativeImage, Tray } from 'electron';
import { silentLogger } from '../core/logger';
import type { Logger } from '../core/ports';
import type { SyncState } from '../core/sync-state';
import { buildTrayMenu, type MenuModel, parseMenuId, type TrayAction } from './tray-menu';
import { toMenuTemplate } from './tray-menu-template';
import { trayIconFileName } from './tray-icons';
import { trayIconState, trayTooltip, type TrayIconState } from './tray-state';

export interface TrayControllerDeps {
  iconsDir: string;
  /** The checkbox shows the real state (launch-at-login-service.ts). */
  launchAtLogin: { readonly supported: boolean; current(): Promise<boolean> };
  onAction: (action: TrayAction) => void;
  /** A click on the icon (left click on Windows and macOS; on Linux whichever click the desktop forwards). */
  onActivate: () => void;
  now?: () => number;
  log?: Logger;
}

export interface TrayController {
  render(state: SyncState): Promise<void>;
  /** The last menu model, for the end-to-end test. */
  lastMenu(): MenuModel;
  lastIconState(): TrayIconState | undefined;
  lastTooltip(): string;
  click(id: string): void;
  destroy(): void;
}

export function createTrayController(deps: TrayControllerDeps): TrayController {
  const now = deps.now ?? Date.now;
  const images = new Map<string, Electron.NativeImage>();
  const image = (state: TrayIconState) => {
    const file = trayIconFileName(state, process.platform);
    let img = images.get(file);
    if (!img) {
      // createFromPath also loads the @2x sibling for high-DPI displays.
      img = nativeImage.createFromPath(path.join(deps.iconsDir, file));
      if (process.platform === 'darwin') img.setTemplateImage(true);
      images.set(file, img);
    }
    return img;
  };

  const tray = new Tray(image('no-token'));
  let menu: MenuModel = [];
  let iconState: TrayIconState | undefined;
  let tooltip = '';
  let renders = 0;

  const click = (id: string) => {
    const action = parseMenuId(id);
    if (action) deps.onAction(action);
  };

  let builtMenu: Electron.Menu | undefined;
  // Every platform: Electron 39's Linux tray is a StatusNotifierItem over D-Bus and delivers `click` too
  // (electron/electron#36333); GNOME's AppIndicator extension sends it on a double or middle click. What a click
  // does per platform is decided in tray-click.ts. Right click opens the menu.
  tray.on('click', () => deps.onActivate());
  if (process.platform === 'darwin') {
    // macOS opens a context menu set with setContextMenu on any click, which would hide the toggle:
    // there the menu is popped up on right click only.
    tray.on('right-click', () => {
      if (builtMenu) tray.popUpContextMenu(builtMenu);
    });
  }

  return {
    async render(state) {
      const ticket = ++renders;
      // current() answers from the saved setting when the OS cannot be asked; a failure here would only be a bug.
      const launchAtLogin = await deps.launchAtLogin.current().catch((error: unknown) => {
        (deps.log ?? silentLogger).error('Reading launch at login for the tray menu failed', { error });
        return false;
      });
      // A newer state arrived while reading the login item: let it win.
      if (ticket !== renders || tray.isDestroyed()) return;
      const at = now();
      const nextIcon = trayIconState(state, at);
      if (nextIcon !== iconState) tray.setImage(image(nextIcon));
      iconState = nextIcon;
      const nextTooltip = trayTooltip(state, at);
      // Only on a change: Chromium's Linux tray re-sends the whole menu when the tooltip is set, which closes a
      // menu the user has open.
      if (nextTooltip !== tooltip) tray.setToolTip(nextTooltip);
      tooltip = nextTooltip;
      const nextMenu = buildTrayMenu(state, {
        launchAtLogin,
        launchAtLoginSupported: deps.launchAtLogin.supported,
        now: at,
      });
      // Rebuilding an unchanged menu would only close it under the user's pointer on some Linux panels.
      if (builtMenu && JSON.stringify(nextMenu) === JSON.stringify(menu)) return;
      menu = nextMenu;
      builtMenu = Menu.buildFromTemplate(toMenuTemplate(menu, click));
      // Set again after every change: Linux tray hosts pick up changes to a menu only when it is set again.
      if (process.platform !== 'darwin') tray.setContextMenu(builtMenu);
    },
    lastMenu: () => menu,
    lastIconState: () => iconState,
    lastTooltip: () => tooltip,
    click,
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
