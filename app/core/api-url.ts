// The one rule for an API address, wherever it comes from (Settings, settings.json, PICKY_API_URL): a full
// https:// URL, or plain http:// only to this computer (127.0.0.0/8, ::1, localhost), with no user name or
// password. Also the address's origin (scheme, host, port), which the token and the offline copy belong to.
// The settings schema (settings-schema.ts) parses with it, the core refuses what it refuses before any request,
// and the Settings form checks what is typed with it. It also says what an error may tell about the address: it is
// mentioned only when it is not the default, and the emulator is suggested only for a loopback address (where the
// emulator runs). Pure and without zod, so the renderer imports it at no cost.

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

export const API_URL_MAX_LENGTH = 2048;

export type ApiUrlCheck =
  | {
      ok: true;
      /** The address as it will be saved and used: trimmed, without trailing slashes. */
      url: string;
      /** Scheme, host and port, e.g. `https://api.example.com` or `http://127.0.0.1:4010`. */
      origin: string;
      /** What a person recognises: host, and port when it is not the scheme's default. */
      host: string;
    }
  | {
      ok: false;
      /** Why, as the end of a sentence ("it must start with https://…"): see addressRefusal. */
      reason: string;
      /** The same, as a sentence of its own for the Settings form. */
      message: string;
    };

/** Where an address came from, for the sentence that says which one was refused. */
export type AddressSource = 'settings' | 'settings-file' | 'env' | 'default';

/** Loopback names and addresses: traffic to them never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (h === 'localhost' || h === '::1') return true;
  // The URL parser has already turned every IPv4 spelling (decimal, hex, short forms) into a dotted quad.
  return /^127(\.\d{1,3}){3}$/.test(h);
}

function refused(reason: string): ApiUrlCheck {
  return { ok: false, reason, message: `This API address cannot be used: ${reason}` };
}

/** The address as it will be saved (trimmed), its origin and host, or why it may not be used. */
export function checkApiBaseUrl(input: string): ApiUrlCheck {
  const text = input.trim();
  if (text.length > API_URL_MAX_LENGTH) return refused('it is too long: at most 2,048 characters.');
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return refused(`it is not a full web address such as ${DEFAULT_API_BASE_URL}.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return refused(`it must start with https://, such as ${DEFAULT_API_BASE_URL}.`);
  }
  if (u.username !== '' || u.password !== '') return refused('it must not contain a user name or password.');
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return refused(
      'plain http:// would send your token unencrypted, so it is only allowed for this computer ' +
        '(127.0.0.1, ::1, localhost). Use https://.',
    );
  }
  return { ok: true, url: text.replace(/\/+$/, ''), origin: u.origin, host: u.host };
}

/** Names the place the address came from, inside a sentence. */
export function describeAddressSource(source: AddressSource): string {
  switch (source) {
    case 'settings':
      return 'The API address entered in Settings';
    case 'settings-file':
      return 'The API address in settings.json';
    case 'env':
      return 'The API address in the environment variable PICKY_API_URL';
    case 'default':
      return 'The default API address';
  }
}

/** "The API address in the environment variable PICKY_API_URL ("http://…") was refused: plain http:// would…" */
export function addressRefusal(source: AddressSource, raw: string, reason: string): string {
  // Never echo a long text back: a short address is quoted (escaped as JSON), a long one only measured.
  const text = raw.trim();
  const shown =
    text.length <= 100 ? JSON.stringify(text) : `an address of ${text.length.toLocaleString('en-US')} characters`;
  const fix =
    source === 'env'
      ? ' Change or unset PICKY_API_URL, then start Picky Tray again.'
      : source === 'settings-file'
        ? ' Enter a valid address in Settings.'
        : '';
  return `${describeAddressSource(source)} (${shown}) was refused: ${reason}${fix}`;
}

/** The origin of an address that already passed the rule (or any URL); undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url.trim()).origin;
  } catch {
    // Not a URL: it has no origin, which is the answer.
    return undefined;
  }
}

export interface AddressFacts {
  /** host[:port], safe to show. */
  host: string;
  /** Origin + path, without query or fragment: safe to show. */
  base: string;
  isDefault: boolean;
  isLoopback: boolean;
}

const stripSlashes = (s: string): string => s.replace(/\/+$/, '');

export function addressFacts(url: URL): AddressFacts {
  const base = `${url.origin}${stripSlashes(url.pathname)}`;
  return {
    host: url.host,
    base,
    isDefault: base === stripSlashes(DEFAULT_API_BASE_URL),
    isLoopback: isLoopbackHost(url.hostname),
  };
}

/** The Picky Assist dashboard that goes with an API address: the part of the path before `/api`, so
 *  https://pickyassist.com/app/api/v2 gives https://pickyassist.com/app/ (where a project is renewed). */
export function dashboardUrl(apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    // An address that is not a URL was refused where it was set (and said so there): the real dashboard then.
    url = new URL(DEFAULT_API_BASE_URL);
  }
  const at = url.pathname.search(/\/api(\/|$)/);
  const path = at >= 0 ? url.pathname.slice(0, at) : '';
  return `${url.origin}${path.replace(/\/+$/, '')}/`;
}
