// Issue 12 item 1 and issue 10 item 2, in the preview against the emulator: a server that refuses every request
// is neither a wrong token nor being offline; a real HTTP 401 is a refusal of the token (nothing stored); an
// unchecked token is stored only on "Save and keep trying", and never silently replaces a working one.
import { expect, test } from '@playwright/test';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, SECOND_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { tokenAccountFor } from '../helpers/accounts';
import { enterToken, waitForList } from './helpers/flows';
import { shootBothThemes } from './helpers/screens';
import { type Stack, startStack } from './helpers/stack';

const REFUSAL = { apiError: { status: 600, message: 'API disabled since 1 February 2023' } };
const first = buildDemoProjects()[0];

let stack: Stack;
test.beforeEach(async () => {
  stack = await startStack();
});
test.afterEach(async () => {
  await stack?.close();
});

// Tokens are kept per API origin: the emulator's own entry.
const storedToken = () => createKeytarSecretStore(stack.service).get(tokenAccountFor(stack.emulator.baseUrl));

test('a server refusing every request: a form message, nothing stored, then "Save and keep trying"', async ({
  page,
}) => {
  stack.emulator.setScenario(REFUSAL);
  await page.goto(stack.preview.url);
  await enterToken(page, DEMO_TOKEN);

  const message = page.locator('.form-message');
  await expect(message).toContainText('Picky Assist refused the request');
  await expect(message).toContainText('your token may be fine');
  // Not a field error: the token field is not marked wrong.
  await expect(page.getByLabel('Master API token')).not.toHaveAttribute('aria-invalid', 'true');
  // The server's words and the status are behind "Details".
  await expect(page.getByText('API disabled since 1 February 2023')).toBeHidden();
  expect(await message.innerText()).not.toContain('status 600');
  await message.getByText('Details').click();
  await expect(message.getByText(/API disabled since 1 February 2023.*status 600/)).toBeVisible();
  expect(await storedToken()).toBeNull();
  await shootBothThemes(page, 'onboarding-refused-request');

  await page.getByRole('button', { name: 'Save and keep trying' }).click();
  await expect(
    page.getByText(
      /^Token saved, not checked yet — projects appear when Picky Assist answers\. Next try at \d\d:\d\d\.$/,
    ),
  ).toBeVisible();
  await expect(page.getByText('Picky Assist refused the request', { exact: true })).toBeVisible();
  await expect(page.getByText(/Can't reach|Offline/)).toHaveCount(0);
  await expect(page.getByText('No projects in this account yet.')).toHaveCount(0);
  expect(await storedToken()).toBe(DEMO_TOKEN);
  await shootBothThemes(page, 'list-token-not-checked-yet');

  // Picky Assist answers again: "Try now" checks the token and the projects appear.
  stack.emulator.setScenario({ apiError: undefined });
  await page.getByRole('button', { name: 'Try now' }).click();
  await waitForList(page);
  if (first) await expect(page.getByRole('link', { name: first.project_name })).toBeVisible();
});

test('a token saved unchecked that Picky Assist later refuses says so plainly', async ({ page }) => {
  stack.emulator.setScenario(REFUSAL);
  await page.goto(stack.preview.url);
  await enterToken(page, 'a-token-picky-assist-does-not-know');
  await page.getByRole('button', { name: 'Save and keep trying' }).click();
  await expect(page.getByRole('button', { name: 'Try now' })).toBeVisible();
  stack.emulator.setScenario({ apiError: undefined });
  await page.getByRole('button', { name: 'Try now' }).click();
  await expect(page.getByRole('alert')).toContainText('Picky Assist refused the token you saved without a check');
});

test('HTTP 401 during onboarding is a refusal of the token: nothing stored, the field says so', async ({ page }) => {
  stack.emulator.setScenario({ httpStatus: { status: 401, message: 'Unauthorized' } });
  await page.goto(stack.preview.url);
  await enterToken(page, DEMO_TOKEN);
  const error = page.locator('#token-error');
  await expect(error).toContainText('Picky Assist refused the token');
  await expect(page.getByLabel('Master API token')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Save and keep trying' })).toHaveCount(0);
  await expect(page.getByText('Token saved')).toHaveCount(0);
  // What shows (the Details are folded): no status code.
  expect(await error.innerText()).not.toContain('401');
  expect(await storedToken()).toBeNull();
  await shootBothThemes(page, 'onboarding-token-refused');
});

test('after setup, HTTP 503 reads "refused the request", and an unreachable server "can’t reach"', async ({ page }) => {
  await page.goto(stack.preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);

  stack.emulator.setScenario({ httpStatus: { status: 503 } });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const banner = page.locator('.banner');
  await expect(banner).toContainText(/^Picky Assist refused the request — showing projects as of/);
  await expect(banner).toContainText('your token may be fine');
  expect(await banner.innerText()).not.toMatch(/503|Settings|Offline/);
  await banner.getByText('Details').click();
  await expect(banner).toContainText('HTTP 503');
  await shootBothThemes(page, 'list-refused-request');

  await stack.emulator.close();
  await page.getByRole('button', { name: 'Refresh' }).click();
  // The emulator's address is a loopback one: the hint names the emulator (never for the default address).
  await expect(banner).toContainText(/^Can't reach Picky Assist — showing projects as of/);
  await expect(banner).toContainText(/Can't reach Picky Assist at 127\.0\.0\.1:\d+ — is the emulator running\?/);
  await expect(page.locator('.banner-error')).toHaveCount(0);
});

test('Settings: an unchecked token never silently replaces the working one — the window asks', async ({ page }) => {
  await page.goto(stack.preview.url);
  await enterToken(page, DEMO_TOKEN);
  await waitForList(page);
  stack.emulator.setScenario(REFUSAL);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Replace with a new Master API token').fill(SECOND_TOKEN);
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.locator('.form-message')).toContainText('Picky Assist refused the request');
  expect(await storedToken()).toBe(DEMO_TOKEN);

  await page.getByRole('button', { name: 'Save and keep trying' }).click();
  await expect(page.getByRole('group', { name: 'Confirm replacing the stored token' })).toBeVisible();
  expect(await storedToken()).toBe(DEMO_TOKEN);
  await shootBothThemes(page, 'settings-replace-unchecked');
  await page.getByRole('button', { name: 'Keep the current token' }).click();
  expect(await storedToken()).toBe(DEMO_TOKEN);

  await page.getByRole('button', { name: 'Save and keep trying' }).click();
  await page.getByRole('button', { name: 'Replace and keep trying' }).click();
  await expect(page.getByText(/Token saved, not checked yet/)).toBeVisible();
  expect(await storedToken()).toBe(SECOND_TOKEN);
});
