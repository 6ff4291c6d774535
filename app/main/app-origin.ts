// Where the renderer lives inside the app: a privileged custom scheme, never file:// and never a remote site.
export const APP_SCHEME = 'app';
export const APP_HOST = 'picky';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Served with every file of the renderer. */
export const RENDERER_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The page URL for a renderer route (hash routes: `#/`, `#/settings`, `#/project/<id>`, `#/qr/<id>`). */
export function rendererUrl(base: string, route = '/'): string {
  return `${base.replace(/#.*$/, '')}#${route}`;
}

/** A Vite dev server is used only in an unpackaged run that asks for it, and only on loopback. */
export function devServerOrigin(isPackaged: boolean, envUrl: string | undefined): string | undefined {
  if (isPackaged || !envUrl) return undefined;
  try {
    const u = new URL(envUrl);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return u.protocol === 'http:' && loopback ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    // A development variable that is not a URL: no dev server, the built page loads.
    return undefined;
  }
}
