// Issue 12 item 4: the QR screen tells the person holding the phone what to do. Three numbered steps and
// "Can't scan? Enter this key" beside or below the code, the name in large type, in the smallest window and a
// large one; only Esc or Close close it (a click on the code does not); an expired project shows a warning strip;
// a deleted one shows no code and says why.
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { enterToken, waitForList } from './helpers/flows';
import { SCREENS_DIR, shootBothThemes } from './helpers/screens';
import { stackPerFile } from './helpers/stack';
import { decodeQr } from './helpers/zbar';

const demo = buildDemoProjects();
const phone = demo.find((p) => p.service === 1 && p.project_status === 'Active' && p.license_key);
const expired = demo.find((p) => p.service === 1 && p.project_status === 'Expired' && p.license_key);
const deleted = demo.find((p) => p.project_status === 'Delete');

const stack = stackPerFile();

async function openQr(page: Page, name: string) {
  await page.getByRole('button', { name: `Show QR for ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

const inView = async (page: Page, box: { x: number; y: number; width: number; height: number } | null) => {
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
};

test('steps, name and key are in view at 480x420 and 1920x1080; a click on the code leaves it open', async ({
  page,
}) => {
  if (!phone?.license_key) throw new Error('the demo account has no active phone-automation project');
  await page.goto(stack().preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);

  for (const [width, height] of [
    [480, 420],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    const dialog = await openQr(page, phone.project_name);
    const steps = dialog.getByRole('list');
    await expect(steps.getByRole('listitem')).toHaveText([
      'Open the Picky Assist app on the phone.',
      'Choose to scan a QR code.',
      'Point the phone’s camera at this code.',
    ]);
    await expect(dialog.getByText('Can’t scan? Enter this key')).toBeVisible();
    const key = dialog.getByText(phone.license_key);
    const name = dialog.getByRole('heading', { name: phone.project_name });
    const code = dialog.getByRole('img', { name: /Pairing QR code/ });
    for (const [what, el] of [
      ['steps', steps],
      ['key', key],
      ['name', name],
      ['code', code],
      ['Copy', dialog.getByRole('button', { name: 'Copy license key' })],
    ] as const) {
      expect(await inView(page, await el.boundingBox()), `${what} in view at ${width}x${height}`).toBe(true);
    }
    const nameSize = await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(24);
    const keySize = await key.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(keySize).toBeGreaterThanOrEqual(20);
    if (width === 1920) {
      // Wide: the steps sit beside the code, and the code keeps 80% of the shorter side.
      const c = await code.boundingBox();
      const s = await steps.boundingBox();
      if (!c || !s) throw new Error('no layout');
      expect(s.x).toBeGreaterThanOrEqual(c.x + c.width);
      expect(c.width).toBeGreaterThanOrEqual(0.8 * height);
    }
    const png = join(SCREENS_DIR, `qr-steps-${width}x${height}-decoded.png`);
    await page.screenshot({ path: png });
    expect(decodeQr(png)).toBe(phone.license_key);
    await shootBothThemes(page, `qr-steps-${width}x${height}`);

    // A click on the code, on the text and on the background: still open.
    await code.click();
    await steps.click();
    await page.mouse.click(3, height - 3);
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  const dialog = await openQr(page, phone.project_name);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('an expired project shows a warning strip; a deleted one shows no code and says why', async ({ page }) => {
  if (!expired || !deleted) throw new Error('the demo account lacks an expired phone project or a deleted one');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(stack().preview.url);
  await waitForList(page);
  const dialog = await openQr(page, expired.project_name);
  // The warning strip (the pairing line under the code is a status too).
  await expect(dialog.getByRole('status').filter({ hasText: /^Expired/ })).toHaveText(
    /^Expired( \d{1,2} \w+| \w+ \d{1,2})? — this project sends nothing until it is renewed\.$/,
  );
  await expect(dialog.getByRole('img', { name: /Pairing QR code/ })).toBeVisible();
  await shootBothThemes(page, 'qr-expired');
  await page.keyboard.press('Escape');

  await page.goto('about:blank');
  await page.goto(`${stack().preview.origin}/#/qr/${deleted.project_id}`);
  const none = page.getByRole('dialog');
  await expect(none.getByText(/was deleted in Picky Assist.*no QR to show/)).toBeVisible();
  await expect(none.getByRole('img')).toHaveCount(0);
  await expect(none.getByText(deleted.license_key ?? 'no key')).toHaveCount(0);
  await shootBothThemes(page, 'qr-deleted');
});
