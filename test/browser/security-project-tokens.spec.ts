// Per-project API tokens stay on the main side: a whole preview session without Reveal — the list, every project's
// detail, a QR, a refresh — leaves no full project token in any bridge response, any streamed event or the DOM.
// Then Reveal on one token returns that token alone (the positive control: the search finds it when it is there).
import { expect, test } from '@playwright/test';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { findToken } from '../security/helpers/token-scan';
import { recordBridgeEvents } from './helpers/bridge-events';
import { stackPerFile } from './helpers/stack';
import { signInIfNeeded } from './helpers/flows';

const stack = stackPerFile();

const demo = buildDemoProjects();
const projectTokens = demo.flatMap((p) => p.api_tokens.map((t) => t.token)).filter((t) => t !== '');

const recordEvents = () => recordBridgeEvents(stack().preview);

test('no full project API token reaches the page without Reveal', async ({ page }) => {
  test.setTimeout(120_000);
  expect(projectTokens.length).toBeGreaterThanOrEqual(2);
  const seen: { what: string; text: string }[] = [];
  const responses: Promise<void>[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/__bridge/events')) return;
    responses.push(
      r.text().then(
        (text) => void seen.push({ what: `response ${new URL(r.url()).pathname}`, text }),
        () => undefined,
      ),
    );
  });
  const events = recordEvents();
  const dom = async (step: string) =>
    seen.push({ what: `DOM ${step}`, text: await page.evaluate(() => document.documentElement.outerHTML) });

  await page.goto(stack().preview.url);
  await signInIfNeeded(page, DEMO_TOKEN);
  await dom('list');
  for (const p of demo) {
    await page.evaluate((id) => (location.hash = `#/project/${id}`), p.project_id);
    await expect(page.getByRole('heading', { name: p.project_name })).toBeVisible();
    await dom(`detail ${p.project_id}`);
  }
  // Masked forms show: the last 4 characters only.
  const withTokens = demo.find((p) => p.api_tokens.length > 0)!;
  await page.evaluate((id) => (location.hash = `#/project/${id}`), withTokens.project_id);
  await expect(page.getByText(`****${withTokens.api_tokens[0]!.token.slice(-4)}`)).toBeVisible();
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.waitForTimeout(800);
  await dom('after refresh');

  await Promise.all(responses);
  seen.push({ what: 'event stream', text: events.frames() });
  expect(events.frames()).toContain('event: stateChanged');
  const leaks = seen.flatMap((s) =>
    projectTokens.flatMap((token) =>
      findToken(s.text, token).map((form) => `${s.what}: …${token.slice(-4)} (${form})`),
    ),
  );
  expect(leaks).toEqual([]);

  // Reveal: main returns that one token, on that explicit request.
  await page.evaluate((id) => (location.hash = `#/project/${id}`), withTokens.project_id);
  const answer = page.waitForResponse((r) => (r.request().postData() ?? '').includes('revealApiToken'));
  await page.getByRole('button', { name: 'Reveal API token 1' }).click();
  expect(findToken(await (await answer).text(), withTokens.api_tokens[0]!.token)).toContain('as is');
  await expect(page.getByText(withTokens.api_tokens[0]!.token)).toBeVisible();
  events.stop();
});
