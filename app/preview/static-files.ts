// Serves the built renderer (dist/renderer) read-only. Only files under the root, no dotfiles,
// no directory listings; the index page gets the preview bridge script injected before the app script.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Maps a URL path to a file under `root`, or undefined when it is outside, hidden, or missing. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // Broken percent-encoding: a 404, like any path that is not a built file.
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  const type = TYPES[extname(full).toLowerCase()];
  if (!type) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    return { body: await readFile(full), type };
  } catch {
    // Missing or unreadable: a 404 for the page; the preview is a development tool reading its own build.
    return undefined;
  }
}

/** Puts the bridge script right after the app's module script in the built index page. */
export function injectBridgeScript(indexHtml: string, src: string): string {
  // A plain (blocking) script, like Electron's preload it runs before any page script, and as soon as it arrives,
  // so the first reads it sends (early-reads.ts) travel while the app's bundle downloads and compiles. After the
  // module script's tag, so the browser has already started fetching the bundle (a module script is deferred:
  // it still runs after this one); before the stylesheet, so it does not wait for it.
  const tag = `<script src="${src}"></script>`;
  const moduleScript = /<script type="module"[^>]*><\/script>/.exec(indexHtml);
  if (moduleScript) {
    const end = moduleScript.index + moduleScript[0].length;
    return `${indexHtml.slice(0, end)}\n    ${tag}${indexHtml.slice(end)}`;
  }
  return indexHtml.replace('</head>', `  ${tag}\n  </head>`);
}
