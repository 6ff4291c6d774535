// Settings shape and defaults, parsed with zod/mini (see model.ts). Pure: no file or network code; reading and
// writing is settings-store.ts.
import * as z from 'zod/mini';
import { type AddressSource, type ApiUrlCheck, DEFAULT_API_BASE_URL, addressRefusal, checkApiBaseUrl } from './api-url';

export { DEFAULT_API_BASE_URL };

/** A saved API address: trimmed, and checked by the one address rule (api-url.ts) the core and the Settings form
 *  use too; the message names the address and says why it was refused. */
export const ApiBaseUrlSchema = z.string().check(
  z.trim(),
  z.superRefine((url, ctx) => {
    const checked = checkApiBaseUrl(url);
    if (!checked.ok)
      ctx.issues.push({ code: 'custom', message: addressRefusal('settings', url, checked.reason), input: url });
  }),
);

export const SettingsSchema = z.object({
  /** Base URL of the Picky Assist API; absent means the default. */
  apiBaseUrl: z.optional(ApiBaseUrlSchema),
  refreshIntervalMinutes: z.int().check(z.minimum(1), z.maximum(1440)),
  launchAtLogin: z.boolean(),
  notifications: z.boolean(),
  /** Phone status checks a minute for the whole account: Picky Assist allows 3; this may only lower it. */
  phoneChecksPerMinute: z.optional(z.int().check(z.minimum(1), z.maximum(3))),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z.strictObject({
  ...z.partial(SettingsSchema).shape,
  /** null clears the override and goes back to the default. */
  apiBaseUrl: z.optional(z.nullable(ApiBaseUrlSchema)),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  refreshIntervalMinutes: 15,
  launchAtLogin: false,
  notifications: true,
};

/** The API address in effect and where it came from: env `PICKY_API_URL` wins over settings, which win over the
 *  default. A refused address is reported as such, never replaced by the next one in line: the user chose it. */
export function chooseApiAddress(
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
  refusedFileUrl?: string,
): { source: AddressSource; url: string; check: ApiUrlCheck } {
  const fromEnv = env.PICKY_API_URL?.trim();
  if (fromEnv) return { source: 'env', url: fromEnv, check: checkApiBaseUrl(fromEnv) };
  if (refusedFileUrl !== undefined) {
    return { source: 'settings-file', url: refusedFileUrl, check: checkApiBaseUrl(refusedFileUrl) };
  }
  if (settings.apiBaseUrl) {
    return { source: 'settings-file', url: settings.apiBaseUrl, check: checkApiBaseUrl(settings.apiBaseUrl) };
  }
  return { source: 'default', url: DEFAULT_API_BASE_URL, check: checkApiBaseUrl(DEFAULT_API_BASE_URL) };
}
