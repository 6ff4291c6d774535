// What an error may say about the API address: it is mentioned only when it is not the default, and the
// emulator is suggested only when it is a loopback address (where the emulator runs).
import { DEFAULT_API_BASE_URL } from './settings-schema';

export interface AddressFacts {
  /** host[:port], safe to show. */
  host: string;
  /** Origin + path, without query or fragment: safe to show. */
  base: string;
  isDefault: boolean;
  isLoopback: boolean;
}

const stripSlashes = (s: string): string => s.replace(/\/+$/, '');

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function addressFacts(url: URL): AddressFacts {
  const base = `${url.origin}${stripSlashes(url.pathname)}`;
  return {
    host: url.host,
    base,
    isDefault: base === stripSlashes(DEFAULT_API_BASE_URL),
    isLoopback: isLoopbackHost(url.hostname),
  };
}
