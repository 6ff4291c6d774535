// The QR screen's other pairing states and a failed phone check's Details, in real Chromium against the preview and
// the emulator over HTTP:
// - the QR of a phone that is already connected says "Already paired with <number>; scanning again pairs this phone
//   instead";
// - the QR of an unpaired phone, after 3 minutes without pairing (the page's clock is moved on with Playwright's
//   clock: the product's own timer fires, nothing in the product changes), says what to check and offers "Restart
//   bridge app", whose command the emulator's phone then shows it received;
// - a phone check that failed says why in a sentence, the technical part behind "Details" until asked.
// In every QR state the code still decodes with zbarimg, and no text covers it. Screenshots, light and dark.
import { join } from 'node:path';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { signInIfNeeded } from './helpers/flows';
import { SCREENS_DIR, shootBothThemes } from './helpers/screens';
import { stackPerFile } from './helpers/stack';
import { decodeQr } from './helpers/zbar';

const demo = buildDemoProjects();
const harbor = demo.find((p) => p.project_id === 912)!; // its phone is not paired
const acme = demo.find((p) => p.project_id === 715)!; // its phone is connected, with 9234324324
const bella = demo.find((p) => p.project_id === 716)!;
const PROJECT_TOKENS = demo.flatMap((p) => p.api_tokens.map((t) => t.token));

const stack = stackPerFile();

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The code decodes to the license key, and none of `texts` is drawn over it. */
async function expectScannable(page: Page, licenseKey: string, shotName: string, texts: Locator[]): Promise<void> {
  const canvas = page.getByRole('dialog').getByRole('img', { name: /Pairing QR code/ });
  const shot = join(SCREENS_DIR, `${shotName}.png`);
  await canvas.screenshot({ path: shot });
  expect(decodeQr(shot)).toBe(licenseKey);
  const code = await canvas.boundingBox();
  expect(code).not.toBeNull();
  for (const text of texts) {
    const box = await text.boundingBox();
    expect(box, `${await text.textContent()} is on screen`).not.toBeNull();
    expect(overlaps(code!, box!), `"${await text.textContent()}" is drawn over the code`).toBe(false);
  }
}

test('the QR of a phone already connected says so, and still scans', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(stack().preview.url);
  await signInIfNeeded(page, DEMO_TOKEN);

  await page.getByRole('button', { name: `Show QR for ${acme.project_name}` }).click();
  const dialog = page.getByRole('dialog');
  const status = dialog.locator('.qr-pairing');
  // The open QR is the focus: its phone is checked at the next free slot (3 calls a minute for the account).
  await expect(status).toHaveText('Already paired with 9234324324; scanning again pairs this phone instead', {
    timeout: 90_000,
  });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expectScannable(page, acme.license_key!, 'qr-already-paired-scan', [status]);
  await shootBothThemes(page, 'qr-already-paired');
  // Already paired is not "paired just now": the screen stays until the user closes it.
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('after 3 minutes without pairing the QR says what to check and restarts the bridge app', async ({ page }) => {
  test.setTimeout(150_000);
  // The page's clock only: the preview, the emulator and the phone checks keep real time.
  await page.clock.install();
  await page.goto(stack().preview.url);
  await signInIfNeeded(page, DEMO_TOKEN);

  await page.getByRole('button', { name: `Show QR for ${harbor.project_name}` }).click();
  const dialog = page.getByRole('dialog');
  const status = dialog.locator('.qr-pairing');
  await expect(status).toHaveText('Waiting for the phone to scan…', { timeout: 30_000 });
  const restart = dialog.getByRole('button', { name: 'Restart bridge app' });
  await expect(restart).toHaveCount(0);

  await page.clock.fastForward('03:01');
  const hint = dialog.locator('.qr-hint');
  await expect(hint).toContainText('Still not paired?');
  await expect(hint).toContainText('the Picky Assist bridge app is open on the phone');
  await expect(hint).toContainText('the phone is online');
  await expect(restart).toBeVisible();
  await expect(status).toHaveText('Waiting for the phone to scan…');
  await expectScannable(page, harbor.license_key!, 'qr-not-paired-hint-scan', [status, hint]);
  await shootBothThemes(page, 'qr-not-paired-hint');

  expect(stack().emulator.phone(harbor.project_id).commands).toEqual([]);
  await restart.click();
  await expect(hint.getByRole('status')).toHaveText(
    'The bridge app is restarting; keep this code open and scan again in a moment.',
  );
  // The command reached that project's phone, and no other.
  expect(stack().emulator.phone(harbor.project_id).commands).toEqual(['restart']);
  for (const other of demo.filter((p) => p.project_id !== harbor.project_id && p.api_tokens.length > 0)) {
    expect(stack().emulator.phone(other.project_id).commands, `commands to ${other.project_id}`).toEqual([]);
  }
  await expectScannable(page, harbor.license_key!, 'qr-after-restart-scan', [status, hint]);

  const html = await page.content();
  for (const t of PROJECT_TOKENS) expect(html).not.toContain(t);
});

test('a failed phone check says why; the technical part stays behind Details until asked', async ({ page }) => {
  test.setTimeout(150_000);
  stack().emulator.setScenario({ deviceStatusFault: 'html' });
  await page.goto(stack().preview.url);
  await signInIfNeeded(page, DEMO_TOKEN);
  await page.getByRole('link', { name: bella.project_name }).click();

  const section = page.locator('.phone-section');
  // The open detail is the focus: checked within the budget, then the phone says why the check failed.
  const why = section.locator('.field', { has: page.getByText('Why', { exact: true }) });
  await expect(why).toContainText(/Picky Assist .*\./, { timeout: 90_000 });
  const detail = why.getByText(/answered HTTP 502/);
  const disclosure = why.getByText('Details', { exact: true });
  await expect(disclosure).toBeVisible();
  await expect(detail).toBeHidden();
  await shootBothThemes(page, 'detail-phone-check-failed');

  await disclosure.click();
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(`${stack().emulator.baseUrl} answered HTTP 502`);
  await shootBothThemes(page, 'detail-phone-check-failed-details');

  const html = await page.content();
  for (const t of [DEMO_TOKEN, ...PROJECT_TOKENS]) expect(html).not.toContain(t);
  stack().emulator.setScenario({ deviceStatusFault: undefined });
});
