import { describe, expect, it } from 'vitest';
import {
  capLength,
  displayText,
  escapeMarkup,
  hasUnsafeCharacters,
  quoteExcerpt,
  terminalJson,
  terminalText,
} from '../../app/core/display-text';

describe('displayText', () => {
  it('strips C0 and C1 controls and DEL, so no escape sequence survives', () => {
    expect(displayText('a\u001b]0;title\u0007b\u001b[2Jc')).toBe('a]0;titleb[2Jc');
    expect(displayText('x\u009b31my\u007fz\u0085w')).toBe('x31myz w');
  });

  it('strips bidi overrides, isolates and marks, and invisible format characters', () => {
    expect(displayText('Invoice \u202etxt.exe')).toBe('Invoice txt.exe');
    for (const ch of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])
      expect(displayText(`a${ch}b`)).toBe('ab');
    for (const ch of ['\u200b', '\u200e', '\u200f', '\u061c', '\u2060', '\u00ad', '\ufeff', '\u{e0041}', '\u3164'])
      expect(displayText(`a${ch}b`), ch.codePointAt(0)!.toString(16)).toBe('ab');
  });

  it('keeps ordinary text, joiners, emoji and other scripts', () => {
    for (const text of ['Acme Support Line', 'Café ☕', '👩‍💻 team', 'می‌خواهم', 'नमस्ते', 'שלום', '<b>&</b>'])
      expect(displayText(text)).toBe(text);
  });

  it('makes one line of spaces, trimmed', () => {
    expect(displayText('  a\n\tb\r\n  c \u2028 d ')).toBe('a b c d');
  });

  it('caps length with an ellipsis, never cutting a character in half', () => {
    expect(displayText('x'.repeat(10_000), 60)).toBe(`${'x'.repeat(59)}…`);
    expect(capLength('😀'.repeat(5), 3)).toBe('😀😀…');
    expect(displayText('short', 60)).toBe('short');
  });

  it('reads anything but text and numbers as nothing', () => {
    expect(displayText(undefined)).toBe('');
    expect(displayText({ toString: () => '\u001b[2J' })).toBe('');
    expect(displayText(42)).toBe('42');
  });
});

describe('the other forms', () => {
  it('quoteExcerpt quotes a short cleaned excerpt, or nothing', () => {
    expect(quoteExcerpt(`down${'!'.repeat(200)}\u001b[2J`, 10)).toBe('“down!!!!!…”');
    expect(quoteExcerpt('\u001b')).toBe('');
  });

  it('terminalText cleans every line and keeps the layout', () => {
    expect(terminalText('ID  NAME\n1   a\u001b[2Jb\n2   \u202ec')).toBe('ID  NAME\n1   a[2Jb\n2   c');
  });

  it('terminalJson escapes unsafe characters so the data survives a round trip', () => {
    const value = { name: 'a\u001b]0;x\u0007\u009b\u202e\u{e0041}b', list: [1, 2] };
    const text = terminalJson(JSON.stringify(value, null, 2));
    expect(hasUnsafeCharacters(text.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapeMarkup makes markup plain text for notification servers that read it', () => {
    expect(escapeMarkup('<b>x</b> & <img src=x onerror=alert(1)> "q" \'s\'')).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#39;s&#39;',
    );
  });
});
