// The window's list and detail read billing dates by the one date rule, on the shared table of cases
// (test/helpers/date-cases.ts): the browser runs in each case's user zone (timezoneId) at the case's moment
// (Playwright's clock), the account is served over real HTTP to the real core, and each row must show the user's
// date ("30 Nov 2026") with the word counted in the user's days ("today"), the detail the project's own reading.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import { DATE_CASES } from '../helpers/date-cases';
import { signInIfNeeded } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';

const TOKEN = '4d2c0b9a8f7e6d5c4b3a29180f1e2d3c';
let server: Server;
let preview: PreviewHandle;
let port = 0;
let dataDir: string;
const service = `Picky Tray date rule test ${randomBytes(6).toString('hex')}`;

test.beforeAll(async () => {
  const projects = DATE_CASES.map((c, i) => ({
    project_id: String(100 + i),
    project_name: c.id,
    project_status: 'Active',
    service: '1',
    license_key: `KEY-${i}`,
    time_zone: c.projectZone ?? '',
    date_format: c.dateFormat ?? 'YYYY-MM-DD',
    next_billing_date: c.given,
    api_tokens: [],
  }));
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 100, message: 'Success', data: projects }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-dates-'));
  preview = await startPreview({
    port: 0,
    dataDir,
    env: { PICKY_API_URL: `http://127.0.0.1:${port}/app/api/v2`, PICKY_TRAY_HOME: dataDir },
    secrets: createKeytarSecretStore(service),
  });
});

test.afterAll(async () => {
  await preview?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  const secrets = createKeytarSecretStore(service);
  await secrets.delete(tokenAccountFor(`http://127.0.0.1:${port}`)).catch(() => false);
  await secrets.delete(cacheKeyAccountFor(`http://127.0.0.1:${port}`)).catch(() => false);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const groups = new Map<string, (typeof DATE_CASES)[number][]>();
for (const c of DATE_CASES) {
  const key = `${c.now} ${c.userZone}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

test('every row reads the billing date in the user’s zone and days, for every case', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const [key, cases] of groups) {
    const [now, userZone] = key.split(' ') as [string, string];
    const context = await browser.newContext({ timezoneId: userZone, locale: 'en-GB' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(now));
    await page.goto(preview.url);
    await signInIfNeeded(page, TOKEN);
    for (const c of cases) {
      await page.getByLabel('Filter projects').fill(c.id);
      const row = page.locator('.row').filter({ has: page.getByRole('link', { name: c.id, exact: true }) });
      await expect(row).toHaveCount(1);
      const column = row.locator('.row-col').nth(1);
      await expect(column.locator('span').first(), `${c.id} in ${userZone}`).toHaveText(c.textEnGb);
      await expect(column.locator('span').nth(1), `${c.id} in ${userZone}`).toHaveText(c.relative);
    }
    if (userZone === 'America/Los_Angeles') {
      await page.getByLabel('Filter projects').fill('');
      await shootBothThemes(page, 'list-dates-los-angeles');
      await page.getByRole('link', { name: 'la-project-kolkata', exact: true }).click();
      await expect(page.getByTestId('project-billing')).toHaveText('1 Dec 2026, Asia/Kolkata');
      await expect(page.getByText('30 Nov 2026', { exact: false }).first()).toBeVisible();
    }
    await context.close();
  }
});
