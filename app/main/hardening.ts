// The Electron security checklist, applied once for the whole app: no permissions, no navigation away,
// no new windows, no <webview>. Links to http(s) sites go to the browser only through isSafeExternalUrl.
import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from '../shared/external-url';
import { decideNavigation } from './navigation-policy';

export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}

function hardenContents(contents: WebContents, ownOrigins: () => readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, ownOrigins());
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void openExternalSafely(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, ownOrigins()) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, ownOrigins()) === 'open-external') void openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once, after 'ready'. `ownOrigins` is read on every decision (the dev server origin is known late). */
export function applyHardening(ownOrigins: () => readonly string[]): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, ownOrigins));
}
