// For the Playwright end-to-end test only: exposes the tray's menu model and a way to click its items on
// globalThis, where electronApp.evaluate can reach them. Never in a packaged build.
import type { MenuModel } from './tray-menu';

export const TEST_HOOK_ENV = 'PICKY_TRAY_E2E';
export const TEST_HOOK_GLOBAL = '__pickyTrayTest';

export interface TestHook {
  menu(): MenuModel;
  iconState(): string | undefined;
  tooltip(): string;
  click(id: string): void;
  mainWebContentsId(): number | undefined;
  qrWebContentsId(): number | undefined;
}

export function testHookEnabled(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged && env[TEST_HOOK_ENV] === '1';
}

export function installTestHook(hook: TestHook): void {
  (globalThis as Record<string, unknown>)[TEST_HOOK_GLOBAL] = hook;
}
