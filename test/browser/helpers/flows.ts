import { type Page, expect, test } from '@playwright/test';
import type { Stack } from './stack';

/** From the onboarding screen: paste a token and press Save. */
export async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Master API token').fill(token);
  await page.getByRole('button', { name: 'Save' }).click();
}

export async function waitForList(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Projects', exact: true })).toBeVisible();
}

/** Waits for the first screen (onboarding or the list) and enters `token` when onboarding shows. */
export async function signInIfNeeded(page: Page, token: string): Promise<void> {
  const first = page.getByRole('heading', { name: /^(Welcome to Picky Tray|Projects)$/ });
  await expect(first).toBeVisible();
  if ((await first.textContent()) === 'Welcome to Picky Tray') await enterToken(page, token);
  await waitForList(page);
}

/** Before each test of the file: open the preview and sign in with `token` unless already signed in. */
export function signInBeforeEach(stack: () => Stack, token: string): void {
  test.beforeEach(async ({ page }) => {
    await page.goto(stack().preview.url);
    await signInIfNeeded(page, token);
  });
}
