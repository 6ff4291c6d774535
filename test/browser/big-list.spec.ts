// 10,000 projects: the list renders its first rows, keeps only a window of rows in the DOM,
// and the filter narrows it.
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';
import { stackPerFile } from './helpers/stack';

const stack = stackPerFile({ scenario: { generatedProjects: 10_000 } });

test('a 10,000-project account renders a window of rows and filters', async ({ page }) => {
  await page.goto(stack().preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);
  const count = page.getByRole('status').filter({ hasText: /projects$/ });
  await expect(count).toHaveText('10,000 projects');

  const rows = page.getByRole('list', { name: 'Projects', exact: true }).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  const inDom = await rows.count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(100);
  // Screen readers still learn the full size.
  await expect(rows.first()).toHaveAttribute('aria-setsize', '10000');

  // Scrolling far down shows far-away rows, still only a window of them.
  await page.locator('.vlist').evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(rows.first()).not.toHaveAttribute('aria-posinset', '1');
  expect(await rows.count()).toBeLessThan(100);

  const name = (await rows.first().getByRole('link').textContent()) ?? '';
  expect(name).not.toBe('');
  await page.getByLabel('Filter projects').fill(name);
  await expect(count).toHaveText(/^Showing [\d,]+ of 10,000 projects$/);
  const shown = Number(((await count.textContent()) ?? '').replace(/^Showing ([\d,]+).*/, '$1').replace(/,/g, ''));
  expect(shown).toBeGreaterThanOrEqual(1);
  expect(shown).toBeLessThan(10_000);
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

  await page.getByLabel('Filter projects').fill('no project is called this');
  await expect(count).toHaveText('Showing 0 of 10,000 projects');
  await expect(page.getByText('No projects match')).toBeVisible();
});

test('a reopened page asks for the state once (the bridge’s early read) and fills the list to its real height', async ({
  page,
}) => {
  // The token is stored by the test above; this page opens straight onto the list.
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/__bridge/invoke'))
      asked.push((JSON.parse(request.postData() ?? '{}') as { name?: string }).name ?? '?');
  });
  await page.setViewportSize({ width: 1000, height: 1400 });
  await page.goto(stack().preview.url);
  await waitForList(page);
  const rows = page.getByRole('list', { name: 'Projects', exact: true }).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  expect(asked.filter((n) => n === 'getState')).toEqual(['getState']);
  expect(asked.filter((n) => n === 'getTokenStatus')).toEqual(['getTokenStatus']);

  // Every row slot in view is filled, down to the list's bottom edge, and only a few more are kept below it.
  const { listHeight, lastBottom } = await page.locator('.vlist').evaluate((el) => {
    const items = [...el.querySelectorAll('li.vrow')];
    const top = el.getBoundingClientRect().top;
    return {
      listHeight: el.clientHeight,
      lastBottom: Math.max(...items.map((li) => li.getBoundingClientRect().bottom - top)),
    };
  });
  expect(lastBottom).toBeGreaterThanOrEqual(listHeight);
  expect(await rows.count()).toBeLessThan(Math.ceil(listHeight / 72) + 10);
});
