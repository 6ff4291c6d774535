// Which web permissions our pages get: none, with one exception. The Copy buttons (license key, keywords,
// number, API tokens) use navigator.clipboard.writeText, which Chromium gates behind the
// 'clipboard-sanitized-write' permission (write only, sanitized, only during a user gesture); denying it makes
// every Copy button fail in the app while it works in a browser. So that one is granted, and only to the top
// frame of our own origin. Pure, unit-tested; hardening.ts applies it to the session's handlers.
import { originOf } from './trusted-sender';

export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

export interface PermissionAsk {
  permission: string;
  /** The URL (or origin) of the frame asking. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionAllowed(ask: PermissionAsk, ownOrigins: readonly string[]): boolean {
  if (ask.permission !== CLIPBOARD_WRITE_PERMISSION || !ask.isMainFrame || !ask.requestingUrl) return false;
  const origin = originOf(ask.requestingUrl);
  return origin !== undefined && ownOrigins.includes(origin);
}
