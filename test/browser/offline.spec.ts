// With the server gone and the preview restarted on the same data folder, the projects still show from the
// encrypted offline cache, under the banner "Can't reach Picky Assist — showing projects as of …" with the reason.
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';
import { stackPerFile } from './helpers/stack';

const first = buildDemoProjects()[0];
const stack = stackPerFile();

test('the list survives the server going away and a restart', async ({ page }) => {
  if (!first) throw new Error('the demo account is empty');
  await page.goto(stack().preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();

  const apiUrl = stack().emulator.baseUrl;
  await stack().preview.close();
  await stack().emulator.close();
  const preview = await stack().restartPreview({ apiUrl });

  await page.goto(preview.url);
  await waitForList(page);
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();
  const banner = page.getByRole('status').filter({ hasText: "Can't reach Picky Assist — showing projects as of" });
  await expect(banner).toBeVisible();
  // The reason is spelled out, not just "offline".
  await expect(banner.locator('p').nth(1)).not.toBeEmpty();
  await shootBothThemes(page, 'offline');

  // Refreshing while offline keeps the list and the banner.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(banner).toBeVisible();
  await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();
});
