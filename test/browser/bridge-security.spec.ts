// The preview's HTTP bridge answers only this run's page: the secret is required (and checked), and requests
// from another Origin or Host are refused — other sites and DNS rebinding get 403.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { stackPerFile } from './helpers/stack';

const stack = stackPerFile();

function invoke(headers: Record<string, string>): Promise<number> {
  return fetch(`${stack().preview.origin}/__bridge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'getTokenStatus', input: null }),
  }).then((r) => r.status);
}

/** A raw request with a Host header of our choosing (fetch will not let us set Host). */
function rawGet(path: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: stack().preview.port, path, headers: { host, ...headers } },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

test('the bridge needs the right secret and our own origin', async () => {
  const secret = stack().preview.secret;
  expect(await invoke({ 'x-picky-preview-secret': secret, origin: stack().preview.origin })).toBe(200);
  expect(await invoke({})).toBe(403);
  expect(await invoke({ 'x-picky-preview-secret': 'a'.repeat(64) })).toBe(403);
  expect(await invoke({ 'x-picky-preview-secret': secret.slice(0, 63) })).toBe(403);
  expect(await invoke({ 'x-picky-preview-secret': secret, origin: 'http://evil.example' })).toBe(403);
  expect(await invoke({ 'x-picky-preview-secret': secret, origin: 'null' })).toBe(403);
  expect(await invoke({ 'x-picky-preview-secret': secret, 'sec-fetch-site': 'cross-site' })).toBe(403);
  // DNS rebinding: the right secret cannot help a page that reached us under another name.
  expect(
    await rawGet('/__bridge/events', `evil.example:${stack().preview.port}`, { 'x-picky-preview-secret': secret }),
  ).toBe(403);
  expect(await rawGet('/', `evil.example:${stack().preview.port}`)).toBe(403);
});

test('a page on another origin cannot call the bridge from a real browser', async ({ page }) => {
  await page.goto(`${stack().emulator.origin}/`).catch(() => undefined);
  const outcome = await page.evaluate(
    async ({ url, secret }) => {
      try {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-picky-preview-secret': secret },
          body: JSON.stringify({ name: 'getTokenStatus', input: null }),
        });
        return `status ${r.status}`;
      } catch {
        return 'blocked';
      }
    },
    { url: `${stack().preview.origin}/__bridge/invoke`, secret: stack().preview.secret },
  );
  expect(outcome).toBe('blocked');
});

test('static files: CSP and nosniff on every answer, no path traversal, no preview code in the app build', async () => {
  const index = await fetch(`${stack().preview.origin}/`);
  expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(index.headers.get('x-content-type-options')).toBe('nosniff');
  const html = await index.text();
  expect(html).toContain('<script src="/preview-bridge.js"></script>');
  expect(html).not.toMatch(/<script>|<style|style="/);

  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/.git/HEAD',
    '/%00',
  ]) {
    expect(await rawGet(path, `127.0.0.1:${stack().preview.port}`), path).toBe(404);
  }
  const built = readFileSync(resolve(process.cwd(), 'dist/renderer/index.html'), 'utf8');
  expect(built).not.toContain('preview-bridge');
  expect(built).not.toMatch(/<script>|<style|style="/);
});
