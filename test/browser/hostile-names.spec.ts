// Project fields are data, never markup: names like `<img src=x onerror=alert(1)>` or `<script>` show as text
// in the list, the detail and the QR view, and nothing runs. The emulator has no switch for custom names, so this
// file serves the hostile account from its own small loopback server (real HTTP, the real core and keychain).
import { expect, test } from '@playwright/test';
import { type PreviewHandle } from '../../app/preview/preview-server';
import { type FixedAccount, startFixedAccount } from './helpers/fixed-account';
import { buildDemoProjects, toWire } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';

const TOKEN = '0123456789abcdef0123456789abcdef';
const IMG_NAME = '<img src=x onerror=alert(1)>';
const SCRIPT_NAME = '<script>alert(2)</script> Bold <b>Co</b>';
const template = buildDemoProjects().find((p) => p.service === 1 && p.license_key !== '');

let account: FixedAccount | undefined;
let preview: PreviewHandle;

test.beforeAll(async () => {
  if (!template) throw new Error('the demo account has no phone-automation project to copy');
  const projects = [
    { ...template, project_id: 1, project_name: IMG_NAME, company_name: '"><svg onload=alert(3)>' },
    {
      ...template,
      project_id: 2,
      project_name: SCRIPT_NAME,
      license_key: 'KEY-<i>2</i>',
      notes: '<iframe src="javascript:alert(4)">',
    },
  ].map((p) => toWire(p, true));
  account = await startFixedAccount('hostile', projects);
  preview = account.preview;
});

test.afterAll(async () => {
  await account?.close();
});

test('markup in project fields shows as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });

  await page.goto(preview.url);
  await enterToken(page, TOKEN);
  await waitForList(page);
  const list = page.getByRole('list', { name: 'Projects', exact: true });
  await expect(list.getByRole('link', { name: IMG_NAME })).toBeVisible();
  await expect(list.getByRole('link', { name: SCRIPT_NAME })).toBeVisible();
  await expect(list.locator('img, script, svg, b, iframe')).toHaveCount(0);

  await list.getByRole('link', { name: SCRIPT_NAME }).click();
  await expect(page.getByRole('heading', { name: SCRIPT_NAME })).toBeVisible();
  await expect(page.getByText('<iframe src="javascript:alert(4)">')).toBeVisible();
  await expect(page.locator('main iframe, main script, main b')).toHaveCount(0);

  await page.getByRole('button', { name: 'Show QR' }).click();
  await expect(page.getByRole('dialog').getByText('KEY-<i>2</i>')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto(`${preview.origin}/#/project/1`);
  await expect(page.getByRole('heading', { name: IMG_NAME })).toBeVisible();
  await expect(page.getByText('"><svg onload=alert(3)>')).toBeVisible();

  expect(dialogs).toEqual([]);
  expect(violations.filter((v) => /Content Security Policy|Refused/i.test(v))).toEqual([]);
});
