// The Content-Security-Policy strings, read statically: the Electron protocol handler's (served with every
// renderer file, error answers included), the renderer page's own meta tag (source and build), and the preview
// server's header. Each must forbid inline scripts, eval and foreign origins. The running preview's header and
// what Chromium actually blocks are tested over HTTP (preview-bridge.test.ts) and in a browser
// (test/browser/security-xss.spec.ts).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../app/main/app-origin';
import { REPO_ROOT } from '../helpers/run-tsx';
import { cspDirectives, expectStrictScriptPolicy } from './helpers/csp';

const read = (path: string): string => readFileSync(resolve(REPO_ROOT, path), 'utf8');

function metaCsp(html: string): string | undefined {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
}

describe('CSP strings', () => {
  it('the Electron renderer CSP forbids inline script, eval, plugins, framing and other origins', () => {
    const directives = cspDirectives(RENDERER_CSP);
    expectStrictScriptPolicy(directives);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the protocol handler sends that CSP with every answer it builds', () => {
    const source = read('app/main/app-protocol.ts');
    expect(source).toMatch(/'content-security-policy':\s*RENDERER_CSP/);
    // Every Response the handler builds spreads the security headers (file answers and error answers alike).
    const responses = source.match(/new Response\([\s\S]*?\}\s*\)/g) ?? [];
    expect(responses.length).toBeGreaterThanOrEqual(2);
    for (const r of responses) expect(r).toContain('...SECURITY_HEADERS');
  });

  it('the renderer page carries a strict CSP of its own (source and build), so it is safe under any server', () => {
    const pages = [
      'renderer/index.html',
      ...(existsSync(resolve(REPO_ROOT, 'dist/renderer/index.html')) ? ['dist/renderer/index.html'] : []),
    ];
    for (const page of pages) {
      const html = read(page);
      const csp = metaCsp(html);
      expect(csp, page).toBeDefined();
      expectStrictScriptPolicy(cspDirectives(csp ?? ''));
      // No inline script or style for the CSP to have to allow.
      expect(html.replace(/<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>/g, ''), page).not.toMatch(/<script\b/i);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it('the preview server’s CSP header is strict too', () => {
    const source = read('app/preview/preview-server.ts');
    const header = /'content-security-policy':\s*"([^"]+)"/.exec(source)?.[1];
    expect(header).toBeDefined();
    expectStrictScriptPolicy(cspDirectives(header ?? ''));
  });
});
