// The API address rule, written once: the settings schema (settings-schema.ts) parses with it, and the Settings
// form checks what is typed with it. Pure and without zod, so the renderer imports it at no cost. It also says
// what an error may tell about the address: it is mentioned only when it is not the default, and the emulator is
// suggested only for a loopback address (where the emulator runs).

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

export const API_URL_MAX_LENGTH = 2048;

export type ApiUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** The address as it will be saved (trimmed), or the sentence saying what is wrong with it. */
export function checkApiBaseUrl(input: string): ApiUrlCheck {
  const url = input.trim();
  if (url.length > API_URL_MAX_LENGTH) {
    return { ok: false, message: 'The API address is too long: at most 2,048 characters.' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: URL_RULE };
  }
  const webScheme = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  if (!webScheme || parsed.username !== '' || parsed.password !== '') return { ok: false, message: URL_RULE };
  return { ok: true, url };
}

const URL_RULE = 'The API address must be a full http:// or https:// URL, such as https://pickyassist.com/app/api/v2.';

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
