// The detail leads with what matters (issue: first run and daily use, item 6): the user's notes under the title,
// pairing then billing, then webhooks and API tokens, country/zone/format folded under "More"; an expired
// project says so first with a way to renew; the header names the connected account (host and token's last 4).
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { signInBeforeEach } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';
import { stackPerFile } from './helpers/stack';

const demo = buildDemoProjects();
const bella = demo.find((p) => p.project_name === 'Bella Salon Bookings')!;
const cafe = demo.find((p) => p.project_name === 'Café Lumière Orders')!;

const stack = stackPerFile();

signInBeforeEach(stack, DEMO_TOKEN);

test('the header names the connected account: the server and the token’s last 4 characters', async ({ page }) => {
  const label = page.locator('.account-label');
  await expect(label).toHaveText(
    `Connected account: ${new URL(stack().emulator.origin).host} · token …${DEMO_TOKEN.slice(-4)}`,
  );
  await expect(page.getByText(DEMO_TOKEN)).toHaveCount(0);
});

test('notes under the title, then pairing, billing, webhooks, API tokens, and More folded', async ({ page }) => {
  await page.getByRole('link', { name: bella.project_name }).click();
  const title = page.getByRole('heading', { level: 1, name: bella.project_name });
  await expect(title).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notes' })).toHaveText(bella.notes ?? '');
  const order = await page.locator('.detail .card-title').allTextContents();
  // The phone's state follows its pairing (a Phone Automation project with an API token has one).
  expect(order).toEqual(['Pairing', 'Phone', 'Billing', 'Webhooks', 'API tokens', 'More']);
  // Country, time zone and date format wait under More.
  const zone = page.getByText('Time zone', { exact: true });
  await expect(zone).toBeHidden();
  await page.getByText('More', { exact: true }).click();
  await expect(zone).toBeVisible();
  await expect(page.getByText(bella.time_zone, { exact: true })).toBeVisible();
  await page.getByText('More', { exact: true }).click();
  await shootBothThemes(page, 'detail-layout', { wholeScreen: true });
});

test('an expired project says so first, with a way to renew it in the dashboard', async ({ page }) => {
  await page.getByRole('link', { name: cafe.project_name }).click();
  const banner = page.getByRole('status').filter({ hasText: 'This project has expired' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/This project has expired — it was due \d{1,2} \w+/);
  await shootBothThemes(page, 'detail-expired');
  await banner.getByRole('button', { name: 'Renew in Picky Assist' }).click();
  // The preview cannot open a browser: it shows the dashboard's address of the server in use instead.
  await expect(banner).toContainText(`Open ${stack().emulator.origin}/app/ in your browser to renew it.`);
  // An active project has no such banner.
  await page.goBack();
  await page.getByRole('link', { name: bella.project_name }).click();
  await expect(page.getByText('This project has expired')).toHaveCount(0);
});
