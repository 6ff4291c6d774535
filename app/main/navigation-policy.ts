// What to do when a page tries to go somewhere: stay (our own origin), hand http(s) links to the browser
// through the one safe path, or refuse. Pure, unit-tested; hardening.ts applies it.
import { isSafeExternalUrl } from '../shared/external-url';
import { originOf } from './trusted-sender';

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

export function decideNavigation(url: string, ownOrigins: readonly string[]): NavigationDecision {
  const origin = originOf(url);
  if (origin !== undefined && ownOrigins.includes(origin)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}
