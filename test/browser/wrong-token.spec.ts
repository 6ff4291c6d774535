// Replacing a good token with a wrong one: the server's own message shows, and nothing is lost —
// the list keeps the previous projects and the good token stays in the keychain.
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';
import { stackPerFile } from './helpers/stack';

const first = buildDemoProjects()[0];
const stack = stackPerFile();

/** What the emulator (standing in for Picky Assist) says about a token it does not know. */
async function serverMessageFor(token: string): Promise<string> {
  const res = await fetch(`${stack().emulator.baseUrl}/pm/get-projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, project_id: 0 }),
  });
  const body = (await res.json()) as { message?: unknown };
  if (typeof body.message !== 'string' || body.message === '')
    throw new Error('the emulator gave no message for a wrong token');
  return body.message;
}

test('a wrong token on first run shows the server’s message and stays on onboarding', async ({ page }) => {
  const wrong = 'not-a-real-token-0000';
  const message = await serverMessageFor(wrong);
  await page.goto(stack().preview.url);
  await enterToken(page, wrong);
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(page.getByRole('heading', { name: 'Welcome to Picky Tray' })).toBeVisible();
});

test('replacing a good token with a wrong one keeps the previous projects', async ({ page }) => {
  if (!first) throw new Error('the demo account is empty');
  const wrong = 'ffffffffffffffffffffffffffffffff';
  const message = await serverMessageFor(wrong);
  await page.goto(stack().preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Replace with a new Master API token').fill(wrong);
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  await expect(page.getByText(/^A token for 127\.0\.0\.1:\d+ is stored in your system keychain\./)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await waitForList(page);
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();
  // The good token is still the one in use: a refresh still works and no error banner appears.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(page.getByText(/Can't reach|refused the/)).toHaveCount(0);
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();
});
