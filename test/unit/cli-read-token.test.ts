import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type PromptState, promptStep, readPipedToken, tokenFromPiped } from '../../app/cli/read-token';

const start: PromptState = { value: '', done: false, interrupted: false };
const type = (...chunks: string[]) => chunks.reduce((s, c) => promptStep(s, c), start);

describe('hidden prompt keys', () => {
  it('finishes on Enter', () => expect(type('abc', '\r')).toEqual({ value: 'abc', done: true, interrupted: false }));
  it('handles backspace (DEL and BS)', () =>
    expect(type('abcd\u007f\u007f', 'x\b', 'yz\n')).toEqual({ value: 'abyz', done: true, interrupted: false }));
  it('Ctrl-U clears the line', () => expect(type('abc\u0015de\r').value).toBe('de'));
  it('Ctrl-C aborts and forgets what was typed', () =>
    expect(type('secret', '\u0003')).toEqual({ value: '', done: true, interrupted: true }));
  it('Ctrl-D on an empty line aborts', () => expect(type('\u0004').interrupted).toBe(true));
  it('ignores escape sequences (arrow keys)', () => expect(type('ab\u001b[D', 'c\r').value).toBe('ab[Dc'));
  it('stops at Enter inside a pasted chunk', () => expect(type('tok\rmore').value).toBe('tok'));
});

describe('piped token', () => {
  it('takes the first non-empty line, as it is (parseMasterToken trims it)', () => {
    expect(tokenFromPiped('\n  tok-123  \r\nignored\n')).toBe('  tok-123  ');
    expect(tokenFromPiped('')).toBe('');
  });
  it('reads a stream', async () => {
    expect(await readPipedToken(Readable.from([Buffer.from('abc'), Buffer.from('def\n')]))).toBe('abcdef');
  });
  it('refuses a huge input', async () => {
    await expect(readPipedToken(Readable.from([Buffer.alloc(10_000, 97)]))).rejects.toMatchObject({
      code: 'bad-input',
    });
  });
});
