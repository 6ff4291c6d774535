// Issue 14 in the preview against the emulator, with the project listing refused from the first run: add a project
// by hand, see it listed as "added by hand", open its QR and decode it (zbarimg) to the key entered; then the
// listing starts working and the same project shows once, its hand-added secrets kept; edit and remove; its phone
// follows the emulator's phone (connects) and Restart bridge app reaches that phone.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { originSecretAccount } from '../../app/core/origin-secrets';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, MANUAL_DEMO } from '../emulator/fixtures';
import { SCREENS_DIR, shootBothThemes } from './helpers/screens';
import { type Stack, startStack } from './helpers/stack';
import { decodeQr } from './helpers/zbar';

let stack: Stack;
test.beforeEach(async () => {
  stack = await startStack({ scenario: { listingRefused: true } });
});
test.afterEach(async () => {
  if (stack) {
    const secrets = createKeytarSecretStore(stack.service);
    const origin = new URL(stack.emulator.baseUrl).origin;
    for (const n of [1, 2]) {
      await secrets.delete(originSecretAccount(`project-license-key:${n}`, origin)).catch(() => false);
      await secrets.delete(originSecretAccount(`project-api-token:${n}`, origin)).catch(() => false);
    }
  }
  await stack?.close();
});

test('listing refused from the first run: add by hand, list, QR decodes to the key; a later listing merges', async ({
  page,
}) => {
  const secrets = createKeytarSecretStore(stack.service);
  const origin = new URL(stack.emulator.baseUrl).origin;
  await page.goto(stack.preview.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Picky Tray' })).toBeVisible();
  await page.getByRole('link', { name: "My account can't list projects — add a project by hand" }).click();

  await expect(page.getByRole('heading', { name: 'Add a project by hand' })).toBeVisible();
  await expect(page.getByText(/license key shown under its pairing QR/)).toBeVisible();
  await expect(page.getByText(/API → API tokens/)).toBeVisible();
  await shootBothThemes(page, 'manual-add-form');

  // A refused token: nothing stored, the server's words behind Details.
  await page.getByLabel('Name').fill('Front desk');
  await page.getByLabel('License key').fill(MANUAL_DEMO.licenseKey);
  await page.getByLabel(/Project API token/).fill('ffffffffffffffffffffffffffffffff');
  await page.getByRole('button', { name: 'Add project' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('refused this project API token');
  await alert.getByText('Details').click();
  await expect(alert).toContainText('Invalid token');
  expect(await secrets.get(originSecretAccount('project-license-key:1', origin))).toBeNull();

  await page.getByLabel(/Project API token/).fill(MANUAL_DEMO.apiToken);
  await page.getByRole('button', { name: 'Add project' }).click();
  await expect(page.getByText(/accepted the API token: project 715, connected number 9234324324/)).toBeVisible();
  await shootBothThemes(page, 'manual-added');
  expect(await secrets.get(originSecretAccount('project-api-token:1', origin))).toBe(MANUAL_DEMO.apiToken);

  // The list: no onboarding, the project marked as added by hand, "Not known" where the server never said.
  await page.goto(`${stack.preview.url.split('#')[0]}#/`);
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Front desk' })).toBeVisible();
  await expect(page.getByText('added by hand').first()).toBeVisible();
  await expect(page.getByText('Not known').first()).toBeVisible();
  await shootBothThemes(page, 'manual-list');

  await page.getByRole('link', { name: 'Front desk' }).click();
  await expect(page.getByRole('heading', { name: 'Front desk' })).toBeVisible();
  await shootBothThemes(page, 'manual-detail', { wholeScreen: true });
  await page.getByRole('button', { name: 'Show QR' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(MANUAL_DEMO.licenseKey)).toBeVisible();
  const png = join(SCREENS_DIR, 'manual-qr-decoded.png');
  await dialog.getByRole('img', { name: /Pairing QR code/ }).screenshot({ path: png });
  expect(decodeQr(png)).toBe(MANUAL_DEMO.licenseKey);
  await page.keyboard.press('Escape');

  // The full token never reached the page.
  expect(await page.content()).not.toContain(MANUAL_DEMO.apiToken);

  // A Master token, and the listing works again: 715 once, the hand-added secrets kept.
  stack.emulator.setScenario({ listingRefused: false });
  await page.goto(`${stack.preview.url.split('#')[0]}#/settings`);
  await page.locator('#new-token').fill(DEMO_TOKEN);
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.locator('#new-token')).toHaveValue('');
  await page.goto(`${stack.preview.url.split('#')[0]}#/`);
  await expect(page.getByRole('link', { name: 'Acme Support Line' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Front desk' })).toHaveCount(0);
  expect(await secrets.get(originSecretAccount('project-api-token:1', origin))).toBe(MANUAL_DEMO.apiToken);
  expect(await secrets.get(originSecretAccount('project-license-key:1', origin))).toBe(MANUAL_DEMO.licenseKey);

  // Plans read as the documentation names them: 912 is on plan 5, in its row and its detail.
  const harborRow = page.locator('.row', { has: page.getByRole('link', { name: 'Harbor Clinic Reminders' }) });
  await expect(harborRow).toContainText('Phone Automation Unlimited');
  await page.getByRole('link', { name: 'Harbor Clinic Reminders' }).click();
  await expect(page.getByText('Phone Automation Unlimited')).toBeVisible();
});

test("a hand-added project's phone: its state follows the emulator's phone, and Restart bridge app reaches it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Project 715's phone (the one the demo token belongs to) starts offline.
  stack.emulator.setPhone({ projectId: 715, state: 'TIMEOUT' });
  await page.goto(stack.preview.url);
  await page.getByRole('link', { name: "My account can't list projects — add a project by hand" }).click();
  await page.getByLabel('Name').fill('Front desk');
  await page.getByLabel('License key').fill(MANUAL_DEMO.licenseKey);
  await page.getByLabel(/Project API token/).fill(MANUAL_DEMO.apiToken);
  await page.getByRole('button', { name: 'Add project' }).click();
  await expect(page.getByText(/accepted the API token: project 715/)).toBeVisible();
  await page.getByRole('button', { name: 'Open the project' }).click();
  await expect(page.getByRole('heading', { name: 'Front desk' })).toBeVisible();

  // The open detail is the focus: its phone is checked first, then every 20 s, within the budget.
  const section = page.locator('.phone-section');
  await expect(section.getByText(/Phone offline/)).toBeVisible({ timeout: 60_000 });
  stack.emulator.setPhone({ projectId: 715, state: 'CONNECTED', connectedNumber: '61491570156' });
  await expect(section.getByText('Phone connected')).toBeVisible({ timeout: 90_000 });
  await expect(section.getByText('61491570156')).toBeVisible();

  // The list says the same for it.
  await page.getByRole('link', { name: '← All projects' }).click();
  const row = page.locator('.row', { has: page.getByRole('link', { name: 'Front desk' }) });
  await expect(row).toContainText('Phone connected');
  await expect(row).toContainText('added by hand');

  // Restart bridge app: the emulator's phone for 715 is the one that received it.
  await row.getByRole('link', { name: 'Front desk' }).click();
  expect(stack.emulator.phone(715).commands).toEqual([]);
  await section.getByRole('button', { name: 'Restart bridge app' }).click();
  await expect(section.getByText(/The bridge app is restarting/)).toBeVisible();
  // Read from outside, as a user of the emulator would: that phone received the restart, and no other phone did.
  const phoneAt = async (projectId: number) =>
    (await (await fetch(`${stack.emulator.origin}/__emulator/phone?projectId=${projectId}`)).json()) as {
      commands: string[];
    };
  expect((await phoneAt(715)).commands).toEqual(['restart']);
  expect((await phoneAt(912)).commands).toEqual([]);
  const stats = (await (await fetch(`${stack.emulator.origin}/__emulator/stats`)).json()) as {
    deviceStatus: Record<string, { maxInAnyMinute: number; dropped: number }>;
  };
  // Within Picky Assist's limit all along (the stack's close checks the whole session again).
  expect(stats.deviceStatus.demo?.maxInAnyMinute).toBeLessThanOrEqual(3);
  expect(stats.deviceStatus.demo?.dropped).toBe(0);
  expect(await page.content()).not.toContain(MANUAL_DEMO.apiToken);
});

test('edit and remove (with confirmation) a project added by hand', async ({ page }) => {
  await page.goto(stack.preview.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Picky Tray' })).toBeVisible();
  await page.evaluate(() => {
    window.location.hash = '#/add';
  });
  await page.getByLabel('Name').fill('Desk');
  await page.getByLabel('License key').fill('PKYZ-0000-DESK-0001');
  await page.getByRole('button', { name: 'Add project' }).click();
  await page.getByRole('button', { name: 'Open the project' }).click();
  await expect(page.getByRole('heading', { name: 'Desk' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Name').fill('Reception');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Open the project' }).click();
  await expect(page.getByRole('heading', { name: 'Reception' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove…' }).click();
  await expect(
    page.getByText('Remove “Reception” and its license key and API token from this computer?'),
  ).toBeVisible();
  await shootBothThemes(page, 'manual-remove-confirm');
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Picky Tray' })).toBeVisible();
});
