// Settings shape and defaults. Pure: safe to import from the renderer. Reading and writing is settings-store.ts.
import { z } from 'zod';

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

export const ApiBaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'The API address must be a full http:// or https:// URL, such as https://pickyassist.com/app/api/v2.');

export const SettingsSchema = z.object({
  /** Base URL of the Picky Assist API; absent means the default. */
  apiBaseUrl: ApiBaseUrlSchema.optional(),
  refreshIntervalMinutes: z.number().int().min(1).max(1440),
  launchAtLogin: z.boolean(),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().extend({
  /** null clears the override and goes back to the default. */
  apiBaseUrl: ApiBaseUrlSchema.nullable().optional(),
}).strict();
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
