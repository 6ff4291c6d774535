// One answer to "may this IPC message be served?": it must come from the top frame of one of our own windows,
// showing our own origin. Pure, so the rule is unit-tested; ipc-register.ts applies it to every channel.
import { APP_ORIGIN } from './app-origin';

export interface SenderInfo {
  /** The URL of the frame that sent the message; null when the frame is gone. */
  frameUrl: string | null | undefined;
  /** True when the frame is the window's top frame (we have no iframes). */
  isTopFrame: boolean;
  webContentsId: number;
}

/** "scheme://host[:port]" for any URL, including custom schemes (whose URL.origin is "null"). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (!u.host) return undefined;
    return `${u.protocol}//${u.host}`;
  } catch {
    // No origin: such a sender is untrusted, which is the answer.
    return undefined;
  }
}

export function isTrustedSender(
  sender: SenderInfo,
  trustedWebContentsIds: ReadonlySet<number>,
  allowedOrigins: readonly string[] = [APP_ORIGIN],
): boolean {
  if (!trustedWebContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isTopFrame || !sender.frameUrl) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== undefined && allowedOrigins.includes(origin);
}
