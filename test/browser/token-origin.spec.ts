// In real Chromium: onboarding and Settings name the host the token goes to; changing the address to another
// server shows onboarding for that server and sends it no token; going back finds the first token again; an
// address the core refuses is explained. A second emulator records every request it receives.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { enterToken, waitForList } from './helpers/flows';

let first: RunningEmulator;
let other: RunningEmulator;
let preview: PreviewHandle;
let dataDir = '';
const secrets = createKeytarSecretStore(`Picky Tray origin browser test ${randomBytes(6).toString('hex')}`);

test.beforeAll(async () => {
  first = await startEmulator({ port: 0 });
  other = await startEmulator({ port: 0 });
  dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-origin-'));
  // The address comes from settings (no PICKY_API_URL), so the Settings screen can change it.
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ apiBaseUrl: first.baseUrl }));
  preview = await startPreview({ port: 0, dataDir, env: { PICKY_TRAY_HOME: dataDir }, secrets });
});
test.afterAll(async () => {
  await preview?.close();
  for (const e of [first, other]) {
    if (!e) continue;
    await e.close();
    await secrets.delete(tokenAccountFor(e.baseUrl)).catch(() => false);
    await secrets.delete(cacheKeyAccountFor(e.baseUrl)).catch(() => false);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('onboarding names the host; another server gets onboarding of its own and no token', async ({ page }) => {
  const host = `127.0.0.1:${first.port}`;
  const otherHost = `127.0.0.1:${other.port}`;
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: `Enter the Master API token for ${host}` })).toBeVisible();
  await expect(page.getByTestId('token-host')).toHaveText(host);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText(`A token for ${host} is stored in your system keychain.`)).toBeVisible();
  const url = page.getByLabel('API address');
  // Refused in the form and by the core: plain http:// to another computer.
  await url.fill('http://192.0.2.1/app/api/v2');
  await expect(page.getByText(/plain http:\/\/ would send your token unencrypted/)).toBeVisible();

  await url.fill(other.baseUrl);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText(`No token is stored for ${otherHost}.`)).toBeVisible();
  await expect(page.getByTestId('token-host')).toHaveText(otherHost);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: `Enter the Master API token for ${otherHost}` })).toBeVisible();
  await preview.core.refresh();
  const sent = other.received().map((r) => `${r.url}\n${r.headers.join('\n')}\n${r.body}`);
  expect(sent.filter((text) => text.includes(DEMO_TOKEN))).toEqual([]);

  // Back to the first server: its token is found again, and the list shows.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('API address').fill(first.baseUrl);
  await page.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText(`A token for ${host} is stored in your system keychain.`)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await waitForList(page);
});
