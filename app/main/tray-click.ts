// What a left click on the tray icon does. Pure, unit-tested; main-window.ts applies it.

export interface WindowLook {
  /** The window exists and is shown (it may be behind others). */
  visible: boolean;
  minimized: boolean;
  focused: boolean;
}

/**
 * Linux: always show. Electron's D-Bus tray delivers `click` (since electron/electron#36333), but desktops differ
 * in which click they forward (GNOME's AppIndicator extension: double or middle click), so a click never hides.
 * Windows: the window has already lost focus to the taskbar when `click` fires, so "focused" is never true there;
 * a window that is on screen and not minimized is hidden. macOS: the menu bar does not take focus, so a window in
 * front and focused is hidden, and one behind other apps' windows is brought forward.
 */
export function trayClickAction(platform: NodeJS.Platform, look: WindowLook): 'show' | 'hide' {
  if (!look.visible || look.minimized) return 'show';
  if (platform === 'win32') return 'hide';
  if (platform === 'darwin') return look.focused ? 'hide' : 'show';
  return 'show';
}
