// The one rule for an API address, wherever it comes from (Settings, settings.json, PICKY_API_URL): a full
// https:// URL, or http:// only to this computer (127.0.0.0/8, ::1, localhost), with no user name or password.
// Also the address's origin (scheme, host, port), which the token and the offline copy belong to.
// Pure: safe to import from the renderer.

/** Where an address came from, for the sentence that says which one was refused. */
export type AddressSource = 'settings' | 'settings-file' | 'env' | 'default';

export type AddressCheck =
  | {
      ok: true;
      /** The address as given, without trailing slashes. */
      url: string;
      /** Scheme, host and port, e.g. `https://api.example.com` or `http://127.0.0.1:4010`. */
      origin: string;
      /** What a person recognises: host, and port when it is not the scheme's default. */
      host: string;
    }
  | { ok: false; reason: string };

export const ADDRESS_EXAMPLE = 'https://pickyassist.com/app/api/v2';
export const MAX_ADDRESS_LENGTH = 2048;

/** Loopback names and addresses: traffic to them never leaves this computer. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h === '[::1]') return true;
  // The URL parser has already turned every IPv4 spelling (decimal, hex, short forms) into a dotted quad.
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return quad !== null && quad[1] === '127';
}

/** Checks an API address against the rule. The reason is a sentence a person can act on. */
export function checkApiAddress(raw: string): AddressCheck {
  const text = raw.trim();
  if (text.length > MAX_ADDRESS_LENGTH) {
    return { ok: false, reason: 'it is too long: at most 2,048 characters.' };
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, reason: `it is not a full web address such as ${ADDRESS_EXAMPLE}.` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, reason: `it must start with https://, such as ${ADDRESS_EXAMPLE}.` };
  }
  if (u.username !== '' || u.password !== '') {
    return { ok: false, reason: 'it must not contain a user name or password.' };
  }
  if (u.protocol === 'http:' && !isLoopbackHostname(u.hostname)) {
    return {
      ok: false,
      reason:
        'plain http:// would send your token unencrypted, so it is only allowed for this computer ' +
        '(127.0.0.1, ::1, localhost). Use https://.',
    };
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

/** "The API address in PICKY_API_URL (http://…) was refused: plain http:// would…" */
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
    return undefined;
  }
}
