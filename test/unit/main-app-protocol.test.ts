import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerOrigin, RENDERER_CSP, rendererUrl } from '../../app/main/app-origin';
import { resolveAppAsset } from '../../app/main/app-asset-path';
import { decideNavigation } from '../../app/main/navigation-policy';

const root = path.resolve('/srv/picky/dist/renderer');

describe('resolveAppAsset', () => {
  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://picky/')).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://picky/index.html#/qr/5')).toMatchObject({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
    expect(resolveAppAsset(root, 'app://picky/assets/index-abc.js?v=1')).toEqual({
      kind: 'file',
      filePath: path.join(root, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://picky/assets/a%20b.css')).toMatchObject({
      kind: 'file',
      filePath: path.join(root, 'assets', 'a b.css'),
    });
  });

  it.each([
    'app://picky/..%2f..%2fetc%2fpasswd',
    'app://picky/assets/..%2F..%2F..%2Fsecret.json',
    'app://picky/..%5c..%5cwindows%5cwin.ini',
    'app://picky/assets%5c..%5c..%5cx.js',
    'app://picky/index.html%00.png',
    'app://picky/%E0%A4%A',
  ])('refuses traversal and malformed paths: %s', (url) => {
    expect(resolveAppAsset(root, url).kind).toBe('forbidden');
  });

  it('never resolves outside the folder, whatever the URL', () => {
    // The URL parser folds literal and %2e dot segments before we see the path: they land inside the folder.
    for (const url of [
      'app://picky/%2e%2e/%2e%2e/etc/passwd.js',
      'app://picky/assets/%2e/x.js',
      'app://picky/../../etc/passwd.js',
      'app://picky/./../x.js',
      'app://picky//etc/passwd.js',
      'app://picky/assets/../../x.js',
    ]) {
      const r = resolveAppAsset(root, url);
      expect(r.kind).toBe('file');
      if (r.kind === 'file') expect(r.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });

  it.each([
    'https://picky/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    'not a url',
    'app://picky.evil/index.html',
  ])('refuses other origins: %s', (url) => {
    expect(resolveAppAsset(root, url).kind).toBe('forbidden');
  });

  it('serves only the kinds of files a built renderer has', () => {
    expect(resolveAppAsset(root, 'app://picky/assets/x.map').kind).toBe('not-found');
    expect(resolveAppAsset(root, 'app://picky/.env').kind).toBe('not-found');
    expect(resolveAppAsset(root, 'app://picky/assets/logo.svg')).toMatchObject({
      kind: 'file',
      mimeType: 'image/svg+xml',
    });
  });
});

describe('RENDERER_CSP', () => {
  it('is the strict policy, with no inline or remote code', () => {
    expect(RENDERER_CSP).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(RENDERER_CSP).not.toMatch(/unsafe|https?:|\*/);
  });
});

describe('decideNavigation', () => {
  const own = ['app://picky'];
  it('lets our own pages load', () => {
    expect(decideNavigation('app://picky/index.html#/settings', own)).toBe('allow');
  });
  it('sends safe web links to the browser instead of navigating', () => {
    expect(decideNavigation('https://pickyassist.com/app', own)).toBe('open-external');
    expect(decideNavigation('http://example.com/', own)).toBe('open-external');
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://evil/x',
    'smb://host/share',
    'https://user:pw@evil.example/',
    'data:text/html,x',
    'about:blank',
  ])('refuses %s', (url) => {
    expect(decideNavigation(url, own)).toBe('deny');
  });
});

describe('rendererUrl and devServerOrigin', () => {
  it('builds hash routes', () => {
    expect(rendererUrl('app://picky/index.html', '/qr/12')).toBe('app://picky/index.html#/qr/12');
    expect(rendererUrl('app://picky/index.html#/old')).toBe('app://picky/index.html#/');
  });
  it('uses a dev server only unpackaged and only on loopback http', () => {
    expect(devServerOrigin(false, 'http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOrigin(false, 'http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(devServerOrigin(true, 'http://localhost:5173/')).toBeUndefined();
    expect(devServerOrigin(false, 'https://evil.example/')).toBeUndefined();
    expect(devServerOrigin(false, 'http://localhost.evil.example:5173/')).toBeUndefined();
    expect(devServerOrigin(false, undefined)).toBeUndefined();
    expect(devServerOrigin(false, 'nonsense')).toBeUndefined();
  });
});
