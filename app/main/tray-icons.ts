// Which icon file the tray shows. The PNGs come from build/icons/generate.mjs (one drawing, every size);
// bundle.mjs copies them next to main.cjs. Electron picks the @2x sibling by itself on high-DPI displays.
import type { TrayIconState } from './tray-state';

/** macOS: black template images the menu bar tints; Linux panels are 22px; Windows 16px, coloured. */
export function trayIconFileName(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${state}Template.png`;
  if (platform === 'win32') return `${state}.png`;
  return `${state}-22.png`;
}
