// Issue 12 item 5: urgent projects rise and the list keeps your place. Chips filter (Active, Expired, Deleted,
// Needs attention — the tray's rule); a sort puts attention first; the filter matches service, plan and status
// words; detail and back keep filter, chip, sort and scroll and return focus to the row; Esc goes back; the
// filter is focused at start and by Ctrl+F; a header row names the columns; narrow windows say "Bills in …" or
// "Expired" under the name; the list stops growing at about 1,100 px.
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';
import { stackPerFile } from './helpers/stack';

const demo = buildDemoProjects();
const expired = demo.find((p) => p.project_status === 'Expired');
const dueSoon = demo.find((p) => p.project_id === 716);
const official = demo.find((p) => p.service === 2);

const stack = stackPerFile();

const rows = (page: import('@playwright/test').Page) =>
  page.getByRole('list', { name: 'Projects', exact: true }).getByRole('listitem');

test('chips filter, attention sorts first, the filter matches service, plan and status words', async ({ page }) => {
  if (!expired || !dueSoon || !official) throw new Error('the demo account changed');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(stack().preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);
  // The filter has focus from the start.
  await expect(page.getByLabel('Filter projects')).toBeFocused();
  // The header row names the columns.
  await expect(page.locator('.list-header')).toContainText(/Name.*Service · plan.*Next billing.*Status/);
  // The list stops growing wider than about 1,100 px.
  const width = (await page.locator('.list-screen').boundingBox())?.width ?? 0;
  expect(width).toBeLessThanOrEqual(1100);
  await shootBothThemes(page, 'list-1920x1080');

  const chips = page.getByRole('group', { name: 'Show' });
  await chips.getByRole('button', { name: /^Needs attention/ }).click();
  await expect(chips.getByRole('button', { name: /^Needs attention/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).getByRole('link', { name: expired.project_name })).toBeVisible();
  await expect(rows(page).getByRole('link', { name: dueSoon.project_name })).toBeVisible();
  await shootBothThemes(page, 'list-needs-attention');
  await chips.getByRole('button', { name: /^Expired/ }).click();
  await expect(rows(page)).toHaveCount(1);
  await chips.getByRole('button', { name: /^All/ }).click();
  await expect(rows(page)).toHaveCount(demo.length);

  await page.getByLabel('Sort by').selectOption({ label: 'Needs attention first' });
  await expect(rows(page).nth(0).getByRole('link')).toHaveText(expired.project_name);
  await expect(rows(page).nth(1).getByRole('link')).toHaveText(dueSoon.project_name);

  for (const [words, name] of [
    ['whatsapp official', official.project_name],
    ['expired', expired.project_name],
  ] as const) {
    await page.getByLabel('Filter projects').fill(words);
    await expect(rows(page).getByRole('link', { name })).toBeVisible();
  }
  await page.getByLabel('Filter projects').fill('');

  // Ctrl+F focuses the filter from anywhere on the list.
  await page.getByRole('heading', { name: 'Projects' }).click();
  await page.keyboard.press('Control+f');
  await expect(page.getByLabel('Filter projects')).toBeFocused();
});

test('narrow windows say "Bills in …" or "Expired" under the name', async ({ page }) => {
  if (!expired || !dueSoon) throw new Error('the demo account changed');
  await page.setViewportSize({ width: 480, height: 420 });
  await page.goto(stack().preview.url);
  await waitForList(page);
  const row = (name: string) => rows(page).filter({ has: page.getByRole('link', { name }) });
  await expect(row(expired.project_name).getByText('Expired', { exact: true }).first()).toBeVisible();
  await expect(row(dueSoon.project_name).getByText(/^Bills (today|tomorrow|in \d days)$/)).toBeVisible();
  await shootBothThemes(page, 'list-480x420');
});

test('detail and back keep filter, chip, sort and scroll, and focus the row; Esc goes back', async ({ page }) => {
  stack().emulator.setScenario({ generatedProjects: 300 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack().preview.url);
  await waitForList(page);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('300 projects')).toBeVisible();

  await page.getByLabel('Sort by').selectOption({ label: 'Status' });
  await page
    .getByRole('group', { name: 'Show' })
    .getByRole('button', { name: /^Active/ })
    .click();
  await page.getByLabel('Filter projects').fill('load');
  const list = page.locator('.vlist');
  await list.evaluate((el) => el.scrollTo(0, 1500));
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(1500);
  // A row in view (the first few rendered ones are kept above the view).
  const link = rows(page).nth(8).getByRole('link');
  await expect(link).toBeInViewport();
  const name = (await link.textContent()) ?? '';
  await link.click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();

  await page.keyboard.press('Escape');
  await waitForList(page);
  await expect(page.getByLabel('Filter projects')).toHaveValue('load');
  await expect(page.getByLabel('Sort by')).toHaveValue('status');
  await expect(page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Active/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => page.locator('.vlist').evaluate((el) => el.scrollTop)).toBe(1500);
  await expect(page.getByRole('link', { name, exact: true })).toBeFocused();
  stack().emulator.setScenario({ generatedProjects: undefined });
});
