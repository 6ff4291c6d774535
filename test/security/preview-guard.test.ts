// The preview's gatekeeping, piece by piece: file paths stay inside the built renderer, the secret is compared
// exactly, and only the preview's own Host/Origin pass. (test/browser/bridge-security.spec.ts checks the same
// end to end in Chromium.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameOrigin, secretMatches } from '../../app/preview/bridge-guard';
import { injectBridgeScript, readStaticFile } from '../../app/preview/static-files';

let base: string;
let root: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'picky-tray-preview-guard-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    '<html><head><script type="module" src="./assets/a.js"></script></head></html>',
  );
  await writeFile(join(root, 'assets', 'a.js'), 'console.log(1)');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(base, 'outside.js'), 'secret()');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('readStaticFile', () => {
  it('serves files under the root with their type', async () => {
    const file = await readStaticFile(root, '/assets/a.js');
    expect(file?.type).toBe('text/javascript; charset=utf-8');
    expect(file?.body.toString()).toBe('console.log(1)');
  });
  it('refuses anything outside the root, hidden, odd or unknown', async () => {
    for (const path of [
      '/../outside.js',
      '/assets/../../outside.js',
      '/assets/%2e%2e/%2e%2e/outside.js',
      '/assets/..%2f..%2foutside.js',
      '/.env',
      '/assets/a.js%00.html',
      '/assets\\..\\..\\outside.js',
      '/%E0%A4%A',
      '/assets',
      '/assets/missing.js',
    ]) {
      expect(await readStaticFile(root, path), path).toBeUndefined();
    }
  });
});

describe('injectBridgeScript', () => {
  it('puts the bridge as a plain script right after the app’s module script, which still runs after it', () => {
    const built =
      '<head><script type="module" crossorigin src="./a.js"></script>\n<link rel="stylesheet" href="./a.css"></head>';
    const html = injectBridgeScript(built, '/preview-bridge.js');
    // The module tag comes first, so its download starts first; a module script is deferred, so the bridge
    // (a plain, parser-blocking script) has run before it. And before the stylesheet, so it does not wait for it.
    expect(html.indexOf('./a.js')).toBeLessThan(html.indexOf('/preview-bridge.js'));
    expect(html.indexOf('/preview-bridge.js')).toBeLessThan(html.indexOf('./a.css'));
    expect(html).toContain('<script src="/preview-bridge.js"></script>');
    expect(injectBridgeScript('<head></head>', '/b.js')).toContain('<script src="/b.js"></script>\n  </head>');
  });
});

describe('secretMatches', () => {
  const secret = 'ab'.repeat(32);
  it('accepts only the exact secret', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(secret.slice(1), secret)).toBe(false);
    expect(secretMatches(`${secret}0`, secret)).toBe(false);
    expect(secretMatches(secret.toUpperCase(), secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches(undefined, secret)).toBe(false);
    expect(secretMatches([secret, secret], secret)).toBe(false);
  });
});

describe('sameOrigin', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  it('accepts the preview’s own host, with or without its origin', () => {
    expect(sameOrigin(req({ host: '127.0.0.1:4020' }), 4020)).toBe(true);
    expect(sameOrigin(req({ host: 'localhost:4020', origin: 'http://localhost:4020' }), 4020)).toBe(true);
    expect(sameOrigin(req({ host: '127.0.0.1:4020', 'sec-fetch-site': 'same-origin' }), 4020)).toBe(true);
  });
  it('refuses other hosts (DNS rebinding), other origins and cross-site requests', () => {
    expect(sameOrigin(req({ host: 'evil.example:4020' }), 4020)).toBe(false);
    expect(sameOrigin(req({ host: '127.0.0.1:4021' }), 4020)).toBe(false);
    expect(sameOrigin(req({}), 4020)).toBe(false);
    expect(sameOrigin(req({ host: '127.0.0.1:4020', origin: 'http://evil.example' }), 4020)).toBe(false);
    expect(sameOrigin(req({ host: '127.0.0.1:4020', origin: 'null' }), 4020)).toBe(false);
    expect(sameOrigin(req({ host: '127.0.0.1:4020', origin: 'https://127.0.0.1:4020' }), 4020)).toBe(false);
    expect(sameOrigin(req({ host: '127.0.0.1:4020', 'sec-fetch-site': 'cross-site' }), 4020)).toBe(false);
  });
});
