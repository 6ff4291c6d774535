import { describe, expect, it } from 'vitest';
import { DEFAULT_API_BASE_URL, checkApiBaseUrl } from '../../app/core/api-url';
import { ApiBaseUrlSchema, SettingsPatchSchema } from '../../app/core/settings-schema';

const GOOD = [DEFAULT_API_BASE_URL, '  http://127.0.0.1:4010/app/api/v2  ', 'https://example.com'];
const BAD = [
  '',
  'pickyassist.com',
  'ftp://example.com',
  'javascript:alert(1)',
  'https://me:pw@example.com',
  `https://x.io/${'a'.repeat(2100)}`,
];

describe('the API address rule (one rule for the Settings form and the saved settings)', () => {
  it('accepts full http(s) addresses, trimmed', () => {
    expect(checkApiBaseUrl('  http://127.0.0.1:4010/app/api/v2  ')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:4010/app/api/v2',
    });
    for (const url of GOOD) expect(checkApiBaseUrl(url).ok).toBe(true);
  });

  it('refuses anything else with a sentence saying what to type', () => {
    for (const url of BAD) {
      const checked = checkApiBaseUrl(url);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^The API address (must be a full http|is too long)/);
    }
    expect(checkApiBaseUrl('https://x.io/' + 'a'.repeat(2100))).toMatchObject({ message: /at most 2,048/ });
  });

  it('is the rule the settings schema applies, with the same sentence', () => {
    for (const url of [...GOOD, ...BAD]) {
      const checked = checkApiBaseUrl(url);
      const parsed = ApiBaseUrlSchema.safeParse(url);
      expect(parsed.success).toBe(checked.ok);
      if (parsed.success && checked.ok) expect(parsed.data).toBe(checked.url);
      if (!parsed.success && !checked.ok) expect(parsed.error.issues[0]?.message).toBe(checked.message);
    }
    expect(SettingsPatchSchema.safeParse({ apiBaseUrl: 'ftp://x' }).success).toBe(false);
  });
});
