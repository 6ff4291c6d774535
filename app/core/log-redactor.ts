// The one place where secrets are taken out of what is logged. Every record goes through here before any sink
// sees it, so a sink (file, stderr, test memory) never has to think about secrets.
// Two rules: (1) secrets the process has seen (the Master token, project API tokens, license keys, the cache key)
// are registered and replaced by a fixed mask wherever they appear, in any of the forms a leak usually takes
// (as is, URL-encoded, JSON-escaped, hex, base64/base64url at each byte alignment, UTF-16); (2) values under a
// key whose name says "secret" (token, licenseKey, license_key, api_tokens, authorization, password...) are
// masked whatever they hold, so a secret that was never registered still does not reach the log by name.

export const REDACTED = '[redacted]';

/** Key names whose values are never logged (booleans excepted: `hasToken: true` says nothing secret). */
const SECRET_KEY = /token|licen[cs]e_?key|secret|password|passphrase|authorization|api_?key|cookie|qr_?code/i;

/** A secret shorter than this is not registered: masking every "abc" would make the log unreadable. */
const MIN_SECRET_LENGTH = 6;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;
const MAX_STRING = 4000;

function stableBase64(secret: Buffer, shift: number, url: boolean): string {
  // The part of the encoding of `secret` that does not depend on the bytes around it, when it starts `shift`
  // bytes into a 3-byte group.
  const padded = Buffer.concat([Buffer.alloc(shift), secret, Buffer.alloc(3)]);
  const text = padded.toString(url ? 'base64url' : 'base64');
  const start = shift === 0 ? 0 : 4;
  const end = Math.floor((shift + secret.length) / 3) * 4;
  return text.slice(start, end);
}

/** The texts that `secret` can turn into on its way to a log line. */
export function secretForms(secret: string): string[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    raw.toString('hex'),
    raw.toString('hex').toUpperCase(),
    [...secret].join('\u0000'),
  ]);
  for (const url of [false, true]) {
    for (let shift = 0; shift < 3; shift++) forms.add(stableBase64(raw, shift, url));
  }
  // Short encoded fragments would mask ordinary text; a secret this long has long fragments anyway.
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

export interface Redactor {
  /** Remembers a secret (trimmed); from now on it is masked in every record. */
  addSecret(secret: string): void;
  /** `text` with every registered secret masked. */
  redactText(text: string): string;
  /** A plain, JSON-safe copy of `value`: secrets masked, secret-named keys masked, errors as plain objects. */
  redactValue(value: unknown): unknown;
}

export function createRedactor(): Redactor {
  const known = new Set<string>();
  // Forms by their first MIN_SECRET_LENGTH characters: one pass over a text finds every form at once, however
  // many projects (and so secrets) the account has.
  const index = new Map<string, Set<string>>();

  // Forms are worked out when a record is written, not when a secret is registered: an account's ten thousand
  // license keys are registered at every refresh, and most runs write few records.
  let pending: string[] = [];

  function addSecret(secret: string): void {
    const s = typeof secret === 'string' ? secret.trim() : '';
    if (s.length < MIN_SECRET_LENGTH || known.has(s)) return;
    known.add(s);
    pending.push(s);
  }

  function indexPending(): void {
    for (const s of pending) {
      for (const form of secretForms(s)) {
        const key = form.slice(0, MIN_SECRET_LENGTH);
        const bucket = index.get(key);
        if (bucket) bucket.add(form);
        else index.set(key, new Set([form]));
      }
    }
    pending = [];
  }

  /** The longest form that starts at `at`, if any. */
  function formAt(text: string, at: number): string | undefined {
    const bucket = index.get(text.slice(at, at + MIN_SECRET_LENGTH));
    let best: string | undefined;
    if (bucket)
      for (const form of bucket) if (form.length > (best?.length ?? 0) && text.startsWith(form, at)) best = form;
    return best;
  }

  function redactText(text: string): string {
    if (pending.length > 0) indexPending();
    let out = '';
    let last = 0;
    let i = 0;
    while (index.size > 0 && i <= text.length - MIN_SECRET_LENGTH) {
      const hit = formAt(text, i);
      if (hit) {
        out += text.slice(last, i) + REDACTED;
        i += hit.length;
        last = i;
      } else {
        i++;
      }
    }
    out += text.slice(last);
    return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}… (${out.length - MAX_STRING} more characters)` : out;
  }

  function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return redactText(value);
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    if (typeof value === 'bigint' || typeof value === 'symbol') return redactText(value.toString());
    if (typeof value === 'function') return '[function]';
    if (seen.has(value)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    seen.add(value);
    try {
      if (value instanceof Error) return errorToPlain(value, depth, seen);
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (Array.isArray(value) || value instanceof Set) {
        const items = [...(value as Iterable<unknown>)];
        const out = items.slice(0, MAX_ITEMS).map((v) => walk(v, depth + 1, seen));
        if (items.length > MAX_ITEMS) out.push(`… ${items.length - MAX_ITEMS} more`);
        return out;
      }
      if (value instanceof Map)
        return walkEntries(
          [...value.entries()].map(([k, v]) => [String(k), v]),
          depth,
          seen,
        );
      if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
      return walkEntries(Object.entries(value), depth, seen);
    } finally {
      seen.delete(value);
    }
  }

  function walkEntries(entries: Array<[string, unknown]>, depth: number, seen: WeakSet<object>): unknown {
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries.slice(0, MAX_ITEMS)) {
      const safeKey = redactText(key);
      out[safeKey] = SECRET_KEY.test(key) && typeof v !== 'boolean' && v != null ? REDACTED : walk(v, depth + 1, seen);
    }
    if (entries.length > MAX_ITEMS) out['…'] = `${entries.length - MAX_ITEMS} more`;
    return out;
  }

  function errorToPlain(e: Error, depth: number, seen: WeakSet<object>): unknown {
    const out: Record<string, unknown> = { name: redactText(e.name), message: redactText(e.message) };
    const extra = e as Error & { code?: unknown; details?: unknown; errno?: unknown; syscall?: unknown };
    if (extra.code !== undefined) out.code = walk(extra.code, depth + 1, seen);
    if (extra.syscall !== undefined) out.syscall = walk(extra.syscall, depth + 1, seen);
    if (extra.details !== undefined) out.details = walk(extra.details, depth + 1, seen);
    // The frames only: the stack's first line repeats the message, which is already above.
    const frames = e.stack
      ?.split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 8)
      .map((l) => redactText(l.trim()));
    if (frames && frames.length > 0) out.stack = frames;
    if (e.cause !== undefined) out.cause = walk(e.cause, depth + 1, seen);
    if (e instanceof AggregateError) out.errors = walk(e.errors, depth + 1, seen);
    return out;
  }

  return { addSecret, redactText, redactValue: (value) => walk(value, 0, new WeakSet()) };
}
