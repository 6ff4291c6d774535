// Who may talk to the preview's bridge: only a page served by this preview (its own Origin and Host,
// which stops other sites and DNS rebinding) that knows this run's secret (compared in constant time).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SECRET_HEADER = 'x-picky-preview-secret';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  // Hashing first gives equal lengths, so timingSafeEqual never throws and length leaks nothing.
  return timingSafeEqual(digest(given), digest(secret));
}

/** The hosts this preview answers to, e.g. 127.0.0.1:4020 and localhost:4020. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** True when Host is ours and Origin, if sent, is ours too. */
export function sameOrigin(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  const host = req.headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) return false;
  // Browsers mark requests made by other sites; a same-origin page never sends these values.
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return [...hosts].some((h) => origin.toLowerCase() === `http://${h}`);
}
