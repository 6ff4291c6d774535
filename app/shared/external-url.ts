// Which URLs may be handed to the operating system's browser. Pure: used by the main side before
// shell.openExternal, and by anything else that opens links. Anything doubtful is refused.
import { hasUnsafeCharacters } from '../core/display-text';

const MAX_URL_LENGTH = 4096;

export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  // The raw text must already be clean: URL parsing silently strips leading spaces, tabs and newlines
  // ("java\nscript:") and turns backslashes into slashes, which is how filters get fooled.
  // Nor may it hide anything: a bidi override or a zero-width space makes the link read as another address.
  if (/[\s\\]/.test(url) || hasUnsafeCharacters(url)) return false;
  // Only absolute http(s) URLs written out in full: no scheme-relative or bare-host forms.
  if (!/^https?:\/\/[^/]/i.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: refused like any unsafe link (the caller says it was not opened).
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.hostname === '') return false;
  // user:password@host hides the real destination ("https://bank.com@evil.example") and leaks credentials.
  const authority = url.slice(url.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (parsed.username !== '' || parsed.password !== '' || authority.includes('@')) return false;
  return true;
}
