// The window's list and detail read billing dates by the one date rule, on the shared table of cases
// (test/helpers/date-cases.ts): the browser runs in each case's user zone (timezoneId) at the case's moment
// (Playwright's clock), the account is served over real HTTP to the real core, and each row must show the user's
// date ("30 Nov 2026") with the word counted in the user's days ("today"), the detail the project's own reading.
import { expect, test } from '@playwright/test';
import { type PreviewHandle } from '../../app/preview/preview-server';
import { type FixedAccount, startFixedAccount } from './helpers/fixed-account';
import { DATE_CASES } from '../helpers/date-cases';
import { signInIfNeeded } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';

const TOKEN = '4d2c0b9a8f7e6d5c4b3a29180f1e2d3c';
let account: FixedAccount | undefined;
let preview: PreviewHandle;

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
  account = await startFixedAccount('dates', projects);
  preview = account.preview;
});

test.afterAll(async () => {
  await account?.close();
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
