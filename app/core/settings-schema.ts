// Settings shape and defaults. Pure: safe to import from the renderer (hence zod/mini, see model.ts).
// Reading and writing is settings-store.ts.
import * as z from 'zod/mini';

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

const URL_RULE = 'The API address must be a full http:// or https:// URL, such as https://pickyassist.com/app/api/v2.';

export const ApiBaseUrlSchema = z.string().check(
  z.trim(),
  z.maxLength(2048, 'The API address is too long: at most 2,048 characters.'),
  z.refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, URL_RULE),
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

/** Env `PICKY_API_URL` wins over settings, which win over the default. */
export function effectiveBaseUrl(settings: Settings, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.PICKY_API_URL?.trim();
  const url = fromEnv || settings.apiBaseUrl || DEFAULT_API_BASE_URL;
  return url.replace(/\/+$/, '');
}
