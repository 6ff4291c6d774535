import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../app/shared/external-url';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://pickyassist.com/app/login',
    'http://127.0.0.1:4010/help',
    'https://help.pickyassist.com/api-documentation-v2/project-management-api?x=1#top',
    'HTTPS://PICKYASSIST.COM/',
    'https://[::1]:8443/',
  ])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['javascript with case', 'JaVaScRiPt:alert(1)'],
    ['javascript behind a newline', 'java\nscript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['custom scheme', 'picky-tray://open'],
    ['mailto', 'mailto:a@b.c'],
    ['ftp', 'ftp://example.com/'],
    ['leading space', ' https://pickyassist.com/'],
    ['trailing newline', 'https://pickyassist.com/\n'],
    ['tab inside', 'https://picky\tassist.com/'],
    ['credentials', 'https://user:pass@pickyassist.com/'],
    ['user only', 'https://pickyassist.com@evil.example/'],
    ['backslashes', 'https:\\\\evil.example'],
    ['scheme-relative', '//evil.example/'],
    ['no host', 'https:///path'],
    ['one slash', 'https:/evil.example'],
    ['bare host', 'pickyassist.com'],
    ['empty', ''],
    ['too long', `https://example.com/${'a'.repeat(5000)}`],
    ['NUL', 'https://example.com/\u0000'],
  ])('refuses %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('keeps an @ in the path or query (only the host part matters)', () => {
    expect(isSafeExternalUrl('https://example.com/users/@me?to=a@b.c')).toBe(true);
  });
});
