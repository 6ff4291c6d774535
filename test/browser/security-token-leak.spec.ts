// The master token never comes back out of the preview: a realistic session in real Chromium (onboarding,
// list, detail, QR, settings, a refresh that fails, replacing the token, removing it), then a search for the token
// (as is, UTF-16, hex, base64 at every alignment) in every bridge response body, every event the bridge streamed,
// the console, the page's DOM and input values after each step, web storage and cookies, the preview's log, the data
// folder, and the files Playwright wrote for this run. Only the page's own setToken request carries it (the user typed it there).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { createLogger, createMemoryLog } from '../../app/core/logger';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { findToken, listFiles, scanDirForToken } from '../security/helpers/token-scan';
import { recordBridgeEvents } from './helpers/bridge-events';
import { enterToken, waitForList } from './helpers/flows';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const TOKEN = DEMO_TOKEN;
const startedAt = Date.now();
let emulator: RunningEmulator;
let preview: PreviewHandle;
let dataDir = '';
const service = `Picky Tray leak test ${randomBytes(6).toString('hex')}`;
const secrets = createKeytarSecretStore(service);
// What the preview would print in its terminal, captured.
const log = createMemoryLog();

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-leak-'));
  preview = await startPreview({
    port: 0,
    dataDir,
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets,
    logger: createLogger({ sinks: [log.sink], level: 'debug' }),
  });
});
test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
  await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const recordEvents = () => recordBridgeEvents(preview);

interface Seen {
  what: string;
  text: string;
}

async function snapshot(page: Page, step: string, seen: Seen[]): Promise<void> {
  const state = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    inputs: [...document.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value),
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    url: location.href,
    title: document.title,
  }));
  for (const [key, value] of Object.entries(state)) seen.push({ what: `${step}: ${key}`, text: JSON.stringify(value) });
}

test('a whole preview session leaves the token nowhere', async ({ page, context }) => {
  test.setTimeout(90_000);
  const seen: Seen[] = [];
  const responses: Array<Promise<void>> = [];
  let setTokenRequests = 0;
  const requestBodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/__bridge/invoke') && (r.postData() ?? '').includes('"setToken"')) setTokenRequests++;
    requestBodies.push(r.postData() ?? '');
  });
  page.on('response', (r) => {
    // The event stream never ends, so its body is read by recordEvents() instead (same frames).
    if (r.url().includes('/__bridge/events')) return;
    responses.push(
      r.text().then(
        (body) =>
          void seen.push({
            what: `response ${r.request().method()} ${new URL(r.url()).pathname} ${r.request().postData()?.slice(0, 40) ?? ''}`,
            text: body,
          }),
        () => undefined,
      ),
    );
  });
  page.on('console', (m) => seen.push({ what: 'console', text: m.text() }));
  page.on('pageerror', (e) => seen.push({ what: 'page error', text: `${e.message}\n${e.stack ?? ''}` }));
  const events = recordEvents();

  // Onboarding: type the token, see the list.
  await page.goto(preview.url);
  await enterToken(page, TOKEN);
  await waitForList(page);
  await snapshot(page, 'list', seen);
  expect(await secrets.get(tokenAccountFor(emulator.baseUrl))).toBe(TOKEN);

  // A project's details and its QR.
  const first = page.getByRole('list', { name: 'Projects', exact: true }).getByRole('link').first();
  await first.click();
  await page.waitForURL(/#\/project\/\d+/);
  await snapshot(page, 'detail', seen);
  const id = /#\/project\/(\d+)/.exec(page.url())?.[1] ?? '0';
  await page.evaluate((projectId) => (location.hash = `#/qr/${projectId}`), id);
  await page.waitForTimeout(500);
  await snapshot(page, 'qr', seen);

  // A refresh that fails (server error), then one that works.
  await page.evaluate(() => (location.hash = '#/'));
  await waitForList(page);
  emulator.setScenario({ http500Html: true });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByText(/^Picky Assist refused the request/).first()).toBeVisible();
  // The status code and address are behind Details: open it, so the snapshot holds them too.
  await page.getByText('Details', { exact: true }).first().click();
  await expect(page.getByText(/HTTP 500/).first()).toBeVisible();
  await snapshot(page, 'failed refresh', seen);
  emulator.resetScenario();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.waitForTimeout(500);

  // Settings: replace the token with a wrong one (refused), then with the right one, then remove it.
  await page.evaluate(() => (location.hash = '#/settings'));
  const tokenField = page.locator('#new-token');
  await tokenField.fill('wrong-token-0000000000000000');
  await page.getByRole('button', { name: 'Save token' }).click();
  await page.waitForTimeout(800);
  await snapshot(page, 'wrong token', seen);
  await tokenField.fill(TOKEN);
  await page.getByRole('button', { name: 'Save token' }).click();
  await page.waitForTimeout(800);
  await snapshot(page, 'token replaced', seen);
  await page.getByRole('button', { name: 'Remove token…' }).click();
  await page.getByRole('button', { name: 'Yes, remove token' }).click();
  await page.waitForTimeout(800);
  await snapshot(page, 'token removed', seen);
  expect(await secrets.get(tokenAccountFor(emulator.baseUrl))).toBeNull();

  await Promise.all(responses);
  events.stop();
  seen.push({ what: 'event stream', text: events.frames() });
  seen.push({ what: 'cookies', text: JSON.stringify(await context.cookies()) });
  seen.push({ what: "the preview's log", text: log.text() });
  // The log really has the failures in it, so searching it means something.
  expect(log.text()).toMatch(/Refreshing projects failed .*"code":"http-status"/);
  expect(log.text()).toMatch(/The server did not accept the new token/);

  expect(setTokenRequests).toBeGreaterThanOrEqual(2);
  // Positive control: the search does find the token where it must be (the page sending what the user typed).
  expect(findToken(requestBodies.join('\n'), TOKEN)).toContain('as is');
  expect(seen.filter((s) => s.what.startsWith('response')).length).toBeGreaterThan(10);
  expect(events.frames()).toContain('event: stateChanged');
  const leaks = seen.flatMap((s) => findToken(s.text, TOKEN).map((form) => `${s.what} (${form})`));
  expect(leaks).toEqual([]);
  expect(await scanDirForToken(dataDir, TOKEN)).toEqual([]);

  // Whatever Playwright wrote for this run (screenshots, traces, attachments) holds no token either.
  const results = resolve(process.cwd(), 'test-results');
  for (const path of await listFiles(results)) {
    if ((await stat(path)).mtimeMs < startedAt) continue;
    expect(findToken(await readFile(path), TOKEN), path).toEqual([]);
  }
});
