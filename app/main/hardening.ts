// The Electron security checklist, applied once for the whole app: no permissions (bar clipboard writes from our
// own page), no navigation away, no new windows, no <webview>. Links to http(s) sites go to the browser only
// through isSafeExternalUrl.
import { app, session, shell, type WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { isSafeExternalUrl } from '../shared/external-url';
import { decideNavigation } from './navigation-policy';
import { isPermissionAllowed } from './permission-policy';

export async function openExternalSafely(url: string, log?: Logger): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch (error) {
    // The page hears "not opened" and says so; the log keeps why (no browser set up, a desktop portal error).
    log?.warn('Opening a link in the browser failed', { error });
    return false;
  }
}

function hardenContents(contents: WebContents, ownOrigins: () => readonly string[], log?: Logger): void {
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, ownOrigins());
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void openExternalSafely(url, log);
  });
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, ownOrigins()) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, ownOrigins()) === 'open-external') void openExternalSafely(url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once, after 'ready'. `ownOrigins` is read on every decision (the dev server origin is known late). */
export function applyHardening(ownOrigins: () => readonly string[], log?: Logger): void {
  const ses = session.defaultSession;
  // Everything is refused except clipboard writes from our own page (see permission-policy.ts).
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details?.requestingUrl, isMainFrame: details?.isMainFrame === true },
        ownOrigins(),
      ),
    ),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details?.requestingUrl ?? requestingOrigin,
        isMainFrame: details?.isMainFrame === true,
      },
      ownOrigins(),
    ),
  );
  ses.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, ownOrigins, log));
}
