// Which icon file the tray shows. The PNGs come from build/icons/generate.mjs (one drawing, every size);
// bundle.mjs copies them (PNG and ICO) next to main.cjs. Electron picks the @2x sibling by itself on high-DPI displays.
import type { TrayIconState } from './tray-state';

/** macOS: black template images the menu bar tints; Linux panels are 22px; Windows an .ico with 16, 20, 24, 32
 *  and 48 px, from which it picks the size for the display's scaling (a 16 px PNG blurs at 125–150 %). */
export function trayIconFileName(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${state}Template.png`;
  if (platform === 'win32') return `${state}.ico`;
  return `${state}-22.png`;
}
