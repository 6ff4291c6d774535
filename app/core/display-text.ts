// The one display sanitizer for text that came from the server or from a file, before it reaches a terminal, the
// tray, a notification or a window title. Pure (the renderer may import it; React already shows text literally).
//
// What goes: C0 and C1 control characters and DEL (terminal escape sequences: ESC, and U+009B, the one-character
// CSI), bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and the marks (U+200E, U+200F, U+061C)
// that make "exe.txt" read "txt.exe", and every other invisible format character (Unicode's Cf: zero-width
// spaces, word joiners, soft hyphens, tag characters, interlinear annotations), plus the invisible Hangul fillers
// that look like blanks. Kept: zero-width joiner and non-joiner (they shape emoji and Indic and Persian text, and
// show nothing misleading on their own). Line and paragraph separators and tabs become spaces.
// Length is capped per surface, in code points (a surrogate pair is never cut in half), with an ellipsis.

/** Caps per surface, in characters. */
export const DISPLAY_LIMITS = {
  /** A tray menu label (a project's name inside it). */
  trayName: 60,
  /** A notification's body; the project's name inside it. */
  notificationName: 80,
  notificationBody: 240,
  /** A cell of the CLI's table, a value of its details. */
  cliCell: 40,
  cliValue: 500,
  /** A line of terminal output (an error message that quotes server text). */
  line: 2000,
  /** A window title. */
  windowTitle: 80,
  /** Server text quoted inside one of our sentences. */
  excerpt: 80,
} as const;

// Cc: C0, DEL, C1. Cf: format characters (bidi controls and marks, zero-width, soft hyphen, tags...), except ZWNJ
// and ZWJ (U+200C, U+200D). The Hangul fillers and the Braille blank are letters/symbols that render as nothing.
const UNSAFE = /[\p{Cc}\u2028\u2029\u115F\u1160\u3164\uFFA0\u2800]|(?![\u200C\u200D])\p{Cf}/gu;
const UNSAFE_TEST = /[\p{Cc}\u2028\u2029\u115F\u1160\u3164\uFFA0\u2800]|(?![\u200C\u200D])\p{Cf}/u;
const TAB_OR_BREAK = /[\t\n\r\v\f\u0085\u2028\u2029]/g;

/** Whether the text holds anything this sanitizer would remove (for checks that refuse rather than clean). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** The text with unsafe characters removed (tabs and line breaks become spaces); spacing otherwise kept. */
export function stripUnsafe(text: string): string {
  return text.replace(TAB_OR_BREAK, ' ').replace(UNSAFE, '');
}

/** At most `max` code points, the last one an ellipsis when cut. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * One line of server or file text, safe to show on any surface: unsafe characters gone, runs of spaces as one,
 * trimmed, capped at `max`. Anything that is not text or a number reads as "".
 */
export function displayText(raw: unknown, max: number = DISPLAY_LIMITS.line): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  // A cap before the work as well: a 10 MB name is not scanned whole to show 60 characters of it.
  const bounded = String(raw).slice(0, Math.max(max * 4, 64));
  return capLength(stripUnsafe(bounded).replace(/ {2,}/g, ' ').trim(), max);
}

/** Server text quoted inside one of our sentences: cleaned, short, in quotes; "" when there is nothing left. */
export function quoteExcerpt(raw: unknown, max: number = DISPLAY_LIMITS.excerpt): string {
  const text = displayText(raw, max);
  return text === '' ? '' : `“${text}”`;
}

/** Multi-line text for a terminal: every line cleaned, spacing kept so tables stay aligned. Not capped: values
 *  are capped where they are put in (displayText), and JSON output must stay whole. */
export function terminalText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => stripUnsafe(line))
    .join('\n');
}

/** JSON text for a terminal: unsafe characters inside strings written as \u escapes, so the data is unchanged
 *  for a program that parses it and harmless for a terminal that shows it. */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE, (ch) => {
    // The layout's own line breaks; JSON.stringify already escaped those inside strings.
    if (ch === '\n') return ch;
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
    // Astral format characters (tags): as a surrogate pair.
    const high = 0xd800 + ((code - 0x10000) >> 10);
    const low = 0xdc00 + ((code - 0x10000) & 0x3ff);
    return `\\u${high.toString(16)}\\u${low.toString(16)}`;
  });
}

/** For notification servers that read markup (Linux's libnotify): <, >, & and quotes as entities. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;',
  );
}
