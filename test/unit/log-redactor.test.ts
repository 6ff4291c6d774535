// The redactor is the one place secrets are taken out of the log: every form a registered secret can take,
// every secret-named key, errors and their causes, and values that would break a naive walk.
import { describe, expect, it } from 'vitest';
import { PickyError } from '../../app/core/errors';
import { REDACTED, createRedactor, secretForms } from '../../app/core/log-redactor';
import { findToken } from '../security/helpers/token-scan';

const TOKEN = '5f0c2b7e9a1d4c3b8e6f0a2d4c6e8b1a';
const LICENSE = 'PA-LK-2291-XQ7Z-MM01';

function redactor(...secrets: string[]) {
  const r = createRedactor();
  for (const s of secrets) r.addSecret(s);
  return r;
}

describe('the log redactor', () => {
  it('masks a registered secret wherever it appears in a text, as often as it appears', () => {
    const r = redactor(TOKEN);
    expect(r.redactText(`body {"token":"${TOKEN}"} then ${TOKEN}!`)).toBe(
      `body {"token":"${REDACTED}"} then ${REDACTED}!`,
    );
    expect(r.redactText('nothing secret here')).toBe('nothing secret here');
  });

  it('masks the forms a leak takes: URL-encoded, JSON-escaped, hex, base64 at any alignment, UTF-16', () => {
    const odd = 'tok/en+with"quote\\and=sign';
    const r = redactor(TOKEN, odd);
    const texts = [
      `url ?t=${encodeURIComponent(odd)}`,
      `json ${JSON.stringify({ t: odd })}`,
      `hex ${Buffer.from(TOKEN).toString('hex')} and ${Buffer.from(TOKEN).toString('hex').toUpperCase()}`,
      ...['', 'a', 'ab'].flatMap((prefix) => [
        `b64 ${Buffer.from(prefix + TOKEN + 'zz').toString('base64')}`,
        `b64url ${Buffer.from(prefix + TOKEN + 'zz').toString('base64url')}`,
      ]),
      `utf16 ${Buffer.from(TOKEN, 'utf16le').toString('latin1')}`,
    ];
    for (const text of texts) {
      const out = r.redactText(text);
      expect(out, text).toContain(REDACTED);
      expect(findToken(out, TOKEN), text).toEqual([]);
      expect(out, text).not.toContain(odd);
    }
  });

  it('registers trimmed secrets once, and ignores ones too short to mask without ruining the log', () => {
    const r = redactor(`  ${TOKEN}\n`, TOKEN, 'abc', '');
    expect(r.redactText(`x ${TOKEN} abc`)).toBe(`x ${REDACTED} abc`);
    expect(secretForms(TOKEN).every((f) => f.length >= 6)).toBe(true);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const r = redactor('abcdef-short', 'abcdef-short-and-longer');
    expect(r.redactText('k=abcdef-short-and-longer;')).toBe(`k=${REDACTED};`);
  });

  it('masks values under secret-named keys, registered or not, at any depth; booleans stay', () => {
    const r = redactor();
    const out = r.redactValue({
      token: 'unregistered-master-token',
      licenseKey: 'LK-unregistered',
      license_key: 'LK-unregistered-2',
      api_tokens: [{ token: 'a' }],
      apiTokens: [{ ip: '1.2.3.4', token: 'b' }],
      nested: { deeper: { Authorization: 'Bearer xyz', qrCodeBase64: 'iVBOR...' } },
      hasToken: true,
      project: { id: 7, name: 'Shop' },
    });
    expect(out).toEqual({
      token: REDACTED,
      licenseKey: REDACTED,
      license_key: REDACTED,
      api_tokens: REDACTED,
      apiTokens: REDACTED,
      nested: { deeper: { Authorization: REDACTED, qrCodeBase64: REDACTED } },
      hasToken: true,
      project: { id: 7, name: 'Shop' },
    });
  });

  it('turns errors into plain objects: message, code, details, stack frames and causes, all masked', () => {
    const r = redactor(TOKEN, LICENSE);
    const inner = Object.assign(new Error(`secret service refused ${TOKEN}`), { code: 'EACCES' });
    const outer = new PickyError('keychain-failed', `Could not store ${LICENSE}.`, { what: TOKEN }, { cause: inner });
    const out = r.redactValue({ error: outer }) as { error: Record<string, unknown> };
    expect(out.error).toMatchObject({
      name: 'PickyError',
      message: `Could not store ${REDACTED}.`,
      code: 'keychain-failed',
      details: { what: REDACTED },
      cause: { name: 'Error', message: `secret service refused ${REDACTED}`, code: 'EACCES' },
    });
    expect((out.error.stack as string[])[0]).toMatch(/^at /);
    const json = JSON.stringify(out);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain(LICENSE);
  });

  it('masks secrets in key names, aggregate errors and Map/Set contents', () => {
    const r = redactor(TOKEN);
    const json = JSON.stringify(
      r.redactValue({
        [TOKEN]: 1,
        agg: new AggregateError([new Error(TOKEN)], 'many'),
        map: new Map([['k', TOKEN]]),
        set: new Set([TOKEN]),
      }),
    );
    expect(json).not.toContain(TOKEN);
    expect(json).toContain('many');
  });

  it('survives cycles, depth, huge arrays, long strings and odd values, and returns JSON-safe data', () => {
    const r = redactor(TOKEN);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { end: TOKEN };
    for (let i = 0; i < 20; i++) deep = { deep };
    const out = r.redactValue({
      cyclic,
      deep,
      many: Array.from({ length: 500 }, (_, i) => i),
      long: 'x'.repeat(10_000) + TOKEN,
      odd: [NaN, Infinity, 10n, Symbol('s'), () => 1, new Date(0), new Uint8Array(4), undefined, null],
    }) as Record<string, unknown>;
    const json = JSON.stringify(out);
    expect(json).toContain('[circular]');
    expect(json).toContain('[too deep]');
    expect((out.many as unknown[]).length).toBe(51);
    expect((out.long as string).length).toBeLessThan(4100);
    expect(out.odd).toEqual([
      'NaN',
      'Infinity',
      '10',
      'Symbol(s)',
      '[function]',
      '1970-01-01T00:00:00.000Z',
      '[4 bytes]',
      undefined,
      null,
    ]);
    expect(json).not.toContain(TOKEN);
  });

  it('a secret split by the length cap leaves no part of itself visible beyond the cut', () => {
    const r = redactor(TOKEN);
    // The secret straddles the cap: it is masked before the text is cut.
    const out = r.redactText('x'.repeat(3990) + TOKEN);
    expect(out).not.toContain(TOKEN.slice(0, 10));
  });

  it('finds one secret among those of ten thousand projects', () => {
    const r = createRedactor();
    for (let i = 0; i < 10_000; i++) {
      r.addSecret(`LK-${i}-${TOKEN}`);
      r.addSecret(`api-${i}-${TOKEN.slice(4)}`);
    }
    const text = `refresh failed for LK-9999-${TOKEN} ${'word '.repeat(200)}`;
    const out = r.redactText(text);
    expect(out.startsWith(`refresh failed for ${REDACTED} `)).toBe(true);
  });
});
