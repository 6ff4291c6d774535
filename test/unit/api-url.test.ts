import { describe, expect, it } from 'vitest';
import {
  DEFAULT_API_BASE_URL,
  addressRefusal,
  checkApiBaseUrl,
  dashboardUrl,
  isLoopbackHost,
} from '../../app/core/api-url';
import { ApiBaseUrlSchema, SettingsPatchSchema } from '../../app/core/settings-schema';

const GOOD = [
  DEFAULT_API_BASE_URL,
  '  http://127.0.0.1:4010/app/api/v2  ',
  'http://localhost:8080/x',
  'http://[::1]:9/x',
  'https://example.com',
];
const BAD = [
  '',
  'pickyassist.com',
  'ftp://example.com',
  'javascript:alert(1)',
  'https://me:pw@example.com',
  'http://example.com/app/api/v2',
  'http://192.0.2.1/app/api/v2',
  'http://127.0.0.1.example.com/x',
  `https://x.io/${'a'.repeat(2100)}`,
];

describe('the API address rule (one rule for the core, the saved settings and the Settings form)', () => {
  it('accepts https:// and loopback http:// addresses, trimmed, with their origin and host', () => {
    expect(checkApiBaseUrl('  http://127.0.0.1:4010/app/api/v2/  ')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:4010/app/api/v2',
      origin: 'http://127.0.0.1:4010',
      host: '127.0.0.1:4010',
    });
    expect(checkApiBaseUrl(DEFAULT_API_BASE_URL)).toMatchObject({ origin: 'https://pickyassist.com' });
    for (const url of GOOD) expect(checkApiBaseUrl(url).ok).toBe(true);
  });

  it('refuses anything else with a sentence saying what to type', () => {
    for (const url of BAD) {
      const checked = checkApiBaseUrl(url);
      expect(checked.ok, url).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^This API address cannot be used: (it|plain http)/);
    }
    expect(checkApiBaseUrl('https://x.io/' + 'a'.repeat(2100))).toMatchObject({ message: /at most 2,048/ });
    expect(checkApiBaseUrl('http://example.com/x')).toMatchObject({ reason: /plain http:\/\/ would send your token/ });
  });

  it('knows loopback from the rest, in every IPv4 spelling the URL parser accepts', () => {
    for (const host of ['localhost', 'LOCALHOST.', '127.0.0.1', '127.255.0.9', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['128.0.0.1', '10.0.0.1', 'example.com', 'localhost.example.com', '[::2]']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(checkApiBaseUrl('http://0x7f000001/x')).toMatchObject({ ok: true, host: '127.0.0.1' });
  });

  it('names which address was refused, and never echoes a long one', () => {
    expect(addressRefusal('env', 'http://192.0.2.1/x', 'it is bad.')).toBe(
      'The API address in the environment variable PICKY_API_URL ("http://192.0.2.1/x") was refused: it is bad.' +
        ' Change or unset PICKY_API_URL, then start Picky Tray again.',
    );
    const long = `https://x.io/${'a'.repeat(300)}`;
    expect(addressRefusal('settings-file', long, 'it is bad.')).toMatch(
      /^The API address in settings\.json \(an address of 313 characters\) was refused/,
    );
  });

  it('is the rule the settings schema applies, its sentence naming Settings', () => {
    for (const url of [...GOOD, ...BAD]) {
      const checked = checkApiBaseUrl(url);
      const parsed = ApiBaseUrlSchema.safeParse(url);
      expect(parsed.success).toBe(checked.ok);
      if (!parsed.success && !checked.ok) {
        expect(parsed.error.issues[0]?.message).toBe(addressRefusal('settings', url, checked.reason));
      }
    }
    expect(SettingsPatchSchema.safeParse({ apiBaseUrl: 'ftp://x' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ apiBaseUrl: 'http://example.com/api' }).success).toBe(false);
  });
});

describe('dashboardUrl: where a project is renewed, for the server in use', () => {
  it('is the path before /api on the same origin', () => {
    expect(dashboardUrl('https://pickyassist.com/app/api/v2')).toBe('https://pickyassist.com/app/');
    expect(dashboardUrl('http://127.0.0.1:8080/app/api/v2/')).toBe('http://127.0.0.1:8080/app/');
    expect(dashboardUrl('https://picky.example.com/api')).toBe('https://picky.example.com/');
    expect(dashboardUrl('not a url')).toBe('https://pickyassist.com/app/');
  });
});
