// Maps an app://picky/... request to a file under the renderer folder, refusing anything that would leave it.
// Pure (node:path only), unit-tested; app-protocol.ts serves the result.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AssetResolution =
  { kind: 'file'; filePath: string; mimeType: string } | { kind: 'forbidden' } | { kind: 'not-found' };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string | undefined {
  return MIME_TYPES[path.extname(filePath).toLowerCase()];
}

export function resolveAppAsset(rootDir: string, requestUrl: string): AssetResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    // A request that is not even a URL is refused; the 403 is the answer, nothing to report.
    return { kind: 'forbidden' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'forbidden' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // Broken percent-encoding: refused like traversal.
    return { kind: 'forbidden' };
  }
  // Encoded separators, NULs and backslashes have no business in a request for a built asset.
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'forbidden' };
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'forbidden' };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { kind: 'forbidden' };
  const mimeType = mimeTypeFor(filePath);
  // Only the kinds of files a built renderer has; anything else is not ours to serve.
  if (!mimeType) return { kind: 'not-found' };
  return { kind: 'file', filePath, mimeType };
}
