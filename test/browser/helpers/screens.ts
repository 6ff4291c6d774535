import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENS_DIR = resolve(process.cwd(), 'test-results/screens');

/** Saves `<name>-light.png` and `<name>-dark.png` of the page as it is now.
 *  `wholeScreen` grows the viewport to show a long screen's scrolling content in one picture. */
export async function shootBothThemes(
  page: Page,
  name: string,
  options: { wholeScreen?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const viewport = page.viewportSize();
  if (options.wholeScreen && viewport) {
    const extra = await page.evaluate(() => {
      const el = document.querySelector('.content');
      return el ? el.scrollHeight - el.clientHeight : 0;
    });
    if (extra > 0) await page.setViewportSize({ width: viewport.width, height: viewport.height + extra });
  }
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Two frames so the theme's CSS variables have been applied and painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (options.wholeScreen && viewport) await page.setViewportSize(viewport);
}
