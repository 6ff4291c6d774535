// Settings shape and defaults, parsed with zod/mini (see model.ts). Pure: no file or network code; reading and
// writing is settings-store.ts.
import * as z from 'zod/mini';
import { DEFAULT_API_BASE_URL, checkApiBaseUrl } from './api-url';

export { DEFAULT_API_BASE_URL };

/** A saved API address: trimmed, and checked by the one rule the Settings form uses too (api-url.ts). */
export const ApiBaseUrlSchema = z.string().check(
  z.trim(),
  z.superRefine((url, ctx) => {
    const checked = checkApiBaseUrl(url);
    if (!checked.ok) ctx.issues.push({ code: 'custom', message: checked.message, input: url });
  }),
);

export const SettingsSchema = z.object({
  /** Base URL of the Picky Assist API; absent means the default. */
  apiBaseUrl: z.optional(ApiBaseUrlSchema),
  refreshIntervalMinutes: z.int().check(z.minimum(1), z.maximum(1440)),
  launchAtLogin: z.boolean(),
  notifications: z.boolean(),
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
