// The leak scanner itself must find what it claims to find, or every "no leak" below would prove nothing.
import { describe, expect, it } from 'vitest';
import { findToken } from './helpers/token-scan';

const TOKEN = '7f3c9a1e5b2d4f60a8e1c7b94d2f0e6a';

describe('token scanner', () => {
  it('finds the token as is, in UTF-16, in hex and in base64 at every alignment', () => {
    expect(findToken(`{"t":"${TOKEN}"}`, TOKEN)).toContain('as is');
    expect(findToken(Buffer.from(`x${TOKEN}y`, 'utf16le'), TOKEN)).toContain('UTF-16');
    expect(findToken(`id=${Buffer.from(TOKEN).toString('hex')}`, TOKEN)).toContain('hex');
    // (This token's hex has no letters, so its HEX form is the hex form, searched once.)
    expect(findToken(Buffer.from(TOKEN).toString('hex').toUpperCase(), TOKEN).length).toBeGreaterThan(0);
    expect(
      findToken(
        Buffer.from('Ab-token-with-letters-0123456789').toString('hex').toUpperCase(),
        'Ab-token-with-letters-0123456789',
      ),
    ).toContain('HEX');
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      for (const suffix of ['', 'z', 'zz']) {
        const text = `${prefix}${TOKEN}${suffix}`;
        expect(
          findToken(`data:${Buffer.from(text).toString('base64')}`, TOKEN).length,
          `base64 of ${text}`,
        ).toBeGreaterThan(0);
        expect(
          findToken(Buffer.from(text).toString('base64url'), TOKEN).length,
          `base64url of ${text}`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('does not cry wolf on text without the token', () => {
    expect(findToken('nothing to see here, not even 7f3c9a1e5b2d', TOKEN)).toEqual([]);
    expect(findToken(Buffer.from('other-token-0123456789abcdef0123').toString('base64'), TOKEN)).toEqual([]);
  });
});
