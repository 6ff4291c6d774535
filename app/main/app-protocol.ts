// Serves the built renderer (dist/renderer) on app://picky/ with a strict CSP. The scheme is registered as
// standard + secure before the app is ready, so the page gets a real origin and no file:// privileges.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, RENDERER_CSP } from './app-origin';
import { resolveAppAsset } from './app-asset-path';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache: V8 keeps compiled renderer code between launches (custom schemes have none by default),
    // so the window's first screen does not wait on parsing the bundle again.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const SECURITY_HEADERS = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

async function isInside(rootReal: string, filePath: string): Promise<boolean> {
  // The resolver already refused "..": this also refuses a symlink inside the folder that points out of it.
  const real = await realpath(filePath);
  return real === rootReal || real.startsWith(rootReal + path.sep);
}

/** Must run after app 'ready'. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const resolved = resolveAppAsset(rendererDir, request.url);
    if (resolved.kind === 'forbidden') return textResponse(403, 'Forbidden');
    if (resolved.kind === 'not-found') return textResponse(404, 'Not found');
    try {
      if (!(await isInside(await realpath(rendererDir), resolved.filePath))) return textResponse(403, 'Forbidden');
      const body = await readFile(resolved.filePath);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'content-type': resolved.mimeType, 'cache-control': 'no-cache', ...SECURITY_HEADERS },
      });
    } catch {
      // A file that is not there (or not readable) in our own build: a 404, as a web server would answer;
      // the page's own error handling shows what it could not load.
      return textResponse(404, 'Not found');
    }
  });
}
