// Hostile project data in real Chromium through the preview: names, companies, notes and webhooks that carry
// HTML and script show as plain text, no script runs (no global flag set, no dialog), a javascript: webhook is
// not opened, and the CSP itself blocks inline script, inline handlers and eval even when injected directly.
// The emulator cannot serve custom names, so the hostile list is written as the preview's offline copy with the
// real createProjectCache and the real keychain, and the emulator is stopped before the page opens.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import type { Project } from '../../app/core/model';

import { createProjectCache } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { makeProject } from '../helpers/projects';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const HOSTILE_NAMES = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '"><svg onload="window.__pwned=3">',
  "'; window.__pwned=4; //",
];

function hostileProjects(): Project[] {
  return HOSTILE_NAMES.map((name, i) => {
    const p = makeProject(i);
    return {
      ...p,
      name,
      companyName: '<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>',
      notes: '<b>bold?</b><img src=x onerror="window.__pwned=6">',
      webhooks: { global: 'javascript:window.__pwned=7', event: 'https://hooks.example.com/ok' },
      statusText: '<u>Active</u>',
    };
  });
}

let preview: PreviewHandle;
let apiUrl = '';
let dataDir = '';
const opened: string[] = [];
const service = `Picky Tray xss test ${randomBytes(6).toString('hex')}`;
const secrets = createKeytarSecretStore(service);

test.beforeAll(async () => {
  const emulator = await startEmulator({ port: 0 });
  apiUrl = emulator.baseUrl;
  dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-xss-'));
  await secrets.set(tokenAccountFor(emulator.baseUrl), DEMO_TOKEN);
  await createProjectCache({ dir: dataDir, secrets }).write(
    { baseUrl: emulator.baseUrl, token: DEMO_TOKEN },
    { fetchedAt: new Date().toISOString(), projects: hostileProjects() },
  );
  // Nothing answers any more: a refresh fails and the offline copy (the hostile list) stays on screen.
  await emulator.close();
  preview = await startPreview({
    port: 0,
    dataDir,
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets,
    backgroundRefresh: false,
    onOpenExternal: (url) => opened.push(url),
  });
});
test.afterAll(async () => {
  await preview?.close();
  await secrets.delete(tokenAccountFor(apiUrl)).catch(() => false);
  await secrets.delete(cacheKeyAccountFor(apiUrl)).catch(() => false);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Watch {
  dialogs: string[];
  violations: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], violations: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) w.violations.push(m.text());
  });
  return w;
}

async function expectNothingRan(page: Page, w: Watch): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).toBeUndefined();
  expect(w.dialogs).toEqual([]);
  // No element the hostile text tried to create exists.
  expect(await page.locator('img[src="x"], svg[onload], iframe, [onerror], [onload]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
}

test('hostile project names show as text in the list and run nothing', async ({ page }) => {
  const w = watch(page);
  await page.goto(preview.url);
  const list = page.getByRole('list', { name: 'Projects', exact: true });
  await expect(list).toBeVisible();
  for (const name of HOSTILE_NAMES) await expect(list.getByText(name, { exact: true })).toBeVisible();
  await expectNothingRan(page, w);
});

test('the detail screen shows hostile company, notes and webhooks as text, and does not open a javascript: link', async ({
  page,
}) => {
  const w = watch(page);
  const project = hostileProjects()[0]!;
  await page.goto(preview.url);
  await page.getByRole('link', { name: project.name, exact: true }).click();
  await expect(page.getByText(project.notes ?? '', { exact: true })).toBeVisible();
  await expect(page.getByText(project.companyName ?? '', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('javascript:window.__pwned=7', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Open Global webhook' }).click();
  // The shell was never asked to open it, and the page says why instead of navigating.
  await expect(page.getByText(/only opens web links that start with http/i)).toBeVisible();
  expect(opened).toEqual([]);
  expect(page.url()).toContain(preview.origin);
  await expectNothingRan(page, w);
});

test('the CSP itself blocks inline script, inline event handlers and eval injected into the page', async ({ page }) => {
  const w = watch(page);
  // A same-origin script (allowed by 'self') that tries eval and new Function: the CSP must stop both.
  // It is served through a Playwright route because code run by page.evaluate is exempt from the CSP's eval rule.
  await page.route(`${preview.origin}/probe-eval.js`, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body:
        'try { (0, eval)("window.__eval = 1"); } catch (e) { window.__evalBlocked = String(e.name); }\n' +
        'try { new Function("window.__function = 1")(); } catch (e) { window.__functionBlocked = String(e.name); }\n' +
        'window.__probeRan = true;',
    }),
  );
  await page.goto(preview.url);
  await expect(page.getByRole('list', { name: 'Projects', exact: true })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const flags = window as unknown as Record<string, unknown>;
    let violations = 0;
    document.addEventListener('securitypolicyviolation', () => violations++);
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.appendChild(script);
    const holder = document.createElement('div');
    holder.innerHTML =
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handler = 1"><img src="/nope.png" onerror="window.__handler = 2">';
    document.body.appendChild(holder);
    await new Promise<void>((resolve) => {
      const probe = document.createElement('script');
      probe.src = '/probe-eval.js';
      probe.onload = () => resolve();
      probe.onerror = () => resolve();
      document.body.appendChild(probe);
    });
    await new Promise((r) => setTimeout(r, 500));
    return {
      inline: flags.__inline,
      handler: flags.__handler,
      probeRan: flags.__probeRan,
      evaluated: flags.__eval,
      evalBlocked: flags.__evalBlocked,
      fn: flags.__function,
      functionBlocked: flags.__functionBlocked,
      violations,
    };
  });
  expect(outcome).toMatchObject({
    inline: undefined,
    handler: undefined,
    probeRan: true,
    evaluated: undefined,
    evalBlocked: 'EvalError',
    fn: undefined,
    functionBlocked: 'EvalError',
  });
  // Inline script, two inline handlers, eval, new Function.
  expect(outcome.violations).toBeGreaterThanOrEqual(4);
  expect(w.dialogs).toEqual([]);
});

test('the page is served with a CSP header that allows no inline or eval script', async ({ page }) => {
  const response = await page.goto(preview.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
});
