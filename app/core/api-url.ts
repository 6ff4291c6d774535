// The API address rule, written once: the settings schema (settings-schema.ts) parses with it, and the Settings
// form checks what is typed with it. Pure and without zod, so the renderer imports it at no cost.

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

export const API_URL_MAX_LENGTH = 2048;

export type ApiUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** The address as it will be saved (trimmed), or the sentence saying what is wrong with it. */
export function checkApiBaseUrl(input: string): ApiUrlCheck {
  const url = input.trim();
  if (url.length > API_URL_MAX_LENGTH) {
    return { ok: false, message: 'The API address is too long: at most 2,048 characters.' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: URL_RULE };
  }
  const webScheme = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  if (!webScheme || parsed.username !== '' || parsed.password !== '') return { ok: false, message: URL_RULE };
  return { ok: true, url };
}

const URL_RULE = 'The API address must be a full http:// or https:// URL, such as https://pickyassist.com/app/api/v2.';
