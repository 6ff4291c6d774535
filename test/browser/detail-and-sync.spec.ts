// The detail screen's tools (copy, reveal, webhooks), the Refresh button's progress, and keyboard-only use.
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { signInBeforeEach } from './helpers/flows';
import { stackPerFile } from './helpers/stack';

const bella = buildDemoProjects().find((p) => p.api_tokens.length >= 2 && p.global_webhook);
const stack = stackPerFile();

signInBeforeEach(stack, DEMO_TOKEN);

test('detail: copy the license key, reveal an API token, see webhooks', async ({ page, context }) => {
  if (!bella) throw new Error('the demo account has no project with two API tokens and a webhook');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack().preview.origin });
  await page.getByRole('link', { name: bella.project_name }).click();
  await expect(page.getByRole('heading', { name: bella.project_name })).toBeVisible();

  await page.getByRole('button', { name: 'Copy license key' }).click();
  await expect(page.getByRole('button', { name: 'Copy license key' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bella.license_key);

  const firstToken = bella.api_tokens[0]?.token ?? '';
  await expect(page.getByText(firstToken)).toHaveCount(0);
  const reveal = page.getByRole('button', { name: 'Reveal API token 1' });
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await reveal.click();
  await expect(page.getByText(firstToken)).toBeVisible();
  await page.getByRole('button', { name: 'Hide API token 1' }).click();
  await expect(page.getByText(firstToken)).toHaveCount(0);

  await expect(page.getByText(bella.global_webhook ?? '')).toBeVisible();
  // The preview cannot open a browser itself: it says so instead of failing silently.
  await page.getByRole('button', { name: 'Open Global webhook' }).click();
  await expect(page.getByText(/was not opened here/)).toBeVisible();
});

test('Refresh shows its progress while the server is slow', async ({ page }) => {
  stack().emulator.setScenario({ latencyMs: 1500 });
  try {
    await page.getByRole('button', { name: 'Refresh' }).click();
    const busy = page.getByRole('button', { name: 'Refreshing…' });
    await expect(busy).toBeVisible();
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled({ timeout: 15_000 });
    await expect(page.getByText(/Updated just now/)).toBeVisible();
  } finally {
    stack().emulator.resetScenario();
  }
});

test('keyboard only: filter, open a project, show its QR and leave it', async ({ page }) => {
  if (!bella) throw new Error('the demo account has no project with two API tokens and a webhook');
  await page.getByLabel('Filter projects').focus();
  await page.keyboard.type(bella.project_name.split(' ')[0] ?? '');
  await expect(page.getByText(/^Showing 1 of/)).toBeVisible();
  await page.keyboard.press('Tab'); // Sort by
  await expect(page.getByLabel('Sort by')).toBeFocused();
  // The chips that narrow the list, one stop each.
  for (const chip of ['All', 'Active', 'Expired', 'Deleted', 'Needs attention']) {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('group', { name: 'Show' }).getByRole('button', { name: chip })).toBeFocused();
  }
  await page.keyboard.press('Tab'); // the project's name (a link)
  await expect(page.getByRole('link', { name: bella.project_name })).toBeFocused();
  await page.keyboard.press('Tab'); // its Show QR button
  await expect(page.getByRole('button', { name: `Show QR for ${bella.project_name}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Focus goes back where it was.
  await expect(page.getByRole('button', { name: `Show QR for ${bella.project_name}` })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: bella.project_name })).toBeVisible();
});

test('Settings → Logs: in the preview, "Open logs folder" says where its log goes instead', async ({ page }) => {
  await page.evaluate(() => (location.hash = '#/settings'));
  await expect(page.getByRole('heading', { name: 'Logs' })).toBeVisible();
  await expect(page.getByText(/never contains your tokens or license keys/)).toBeVisible();
  await page.getByRole('button', { name: 'Open logs folder' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /The preview writes no log file: its log is printed in the terminal/,
  );
});
