// License keys the server may send oddly — a number, a number too large to read exactly, an empty key, a key far
// longer than a QR holds — through the list, the detail and the QR screen: the QR encodes the key exactly (a
// phone's scan reads the digits), or the screen says why in a sentence; never a blank window, never "1.23e+22".
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type PreviewHandle } from '../../app/preview/preview-server';
import { type FixedAccount, startFixedAccount } from './helpers/fixed-account';
import { enterToken, waitForList } from './helpers/flows';
import { SCREENS_DIR, shootBothThemes } from './helpers/screens';
import { decodeQr } from './helpers/zbar';

const TOKEN = '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d';
const PROJECTS = [
  { id: 1, name: 'Numeric key', key: 12345678 as unknown },
  { id: 2, name: 'Huge number key', key: Number('12345678901234567890123') as unknown },
  { id: 3, name: 'Empty key', key: '' as unknown },
  { id: 4, name: 'Over capacity key', key: 'k'.repeat(3000) as unknown },
];
let account: FixedAccount | undefined;
let preview: PreviewHandle;

test.beforeAll(async () => {
  const data = PROJECTS.map((p) => ({
    project_id: p.id,
    project_name: p.name,
    project_status: 'Active',
    service: 1,
    license_key: p.key,
    api_tokens: [],
  }));
  account = await startFixedAccount('keys', data);
  preview = account.preview;
});

test.afterAll(async () => {
  await account?.close();
});

test('numeric, huge, empty and over-capacity keys through the list, the detail and the QR screen', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(preview.url);
  await enterToken(page, TOKEN);
  await waitForList(page);
  const list = page.getByRole('list', { name: 'Projects', exact: true });
  for (const p of PROJECTS) await expect(list.getByRole('link', { name: p.name })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('e+22');

  // Numeric: the detail shows the digits and the QR decodes to them.
  await list.getByRole('link', { name: 'Numeric key' }).click();
  await expect(page.locator('code', { hasText: '12345678' })).toBeVisible();
  await page.getByRole('button', { name: 'Show QR' }).click();
  const canvas = page.locator('canvas.qr-canvas');
  await expect(canvas).toBeVisible();
  const png = join(SCREENS_DIR, 'qr-numeric-key.png');
  await canvas.screenshot({ path: png });
  expect(decodeQr(png)).toBe('12345678');
  await page.keyboard.press('Escape');

  // Huge number and over capacity: a sentence in the detail and on the QR screen, no code, nothing blank.
  const reasons = {
    'Huge number key': /number too large to read exactly/,
    'Over capacity key': /license key of 3000 characters/,
  } as const;
  for (const [name, reason] of Object.entries(reasons)) {
    await page.goto(`${preview.origin}/#/`);
    await page.getByRole('list', { name: 'Projects', exact: true }).getByRole('link', { name }).click();
    await expect(page.getByText(reason)).toBeVisible();
    await page.getByRole('button', { name: 'Show QR' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('status')).toHaveText(reason);
    await expect(dialog.locator('canvas')).toHaveCount(0);
    if (name === 'Huge number key') await shootBothThemes(page, 'qr-unusable-key');
    await page.keyboard.press('Escape');
  }

  // Empty: no key, said plainly.
  await page.goto(`${preview.origin}/#/`);
  await page.getByRole('list', { name: 'Projects', exact: true }).getByRole('link', { name: 'Empty key' }).click();
  await page.getByRole('button', { name: 'Show QR' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText(/sent no license key/);
  await page.keyboard.press('Escape');

  expect(errors).toEqual([]);
});
