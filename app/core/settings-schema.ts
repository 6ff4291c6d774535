// Settings shape and defaults. Pure: safe to import from the renderer (hence zod/mini, see model.ts).
// Reading and writing is settings-store.ts.
import * as z from 'zod/mini';
import { type AddressCheck, type AddressSource, addressRefusal, checkApiAddress } from './api-address';

export const DEFAULT_API_BASE_URL = 'https://pickyassist.com/app/api/v2';

/** The address rule (api-address.ts), as a schema: the message says why an address was refused. */
export const ApiBaseUrlSchema = z.string().check(
  z.trim(),
  z.check((ctx) => {
    const checked = checkApiAddress(ctx.value);
    if (!checked.ok) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: addressRefusal('settings', ctx.value, checked.reason),
      });
    }
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

/** The API address in effect and where it came from: env `PICKY_API_URL` wins over settings, which win over the
 *  default. A refused address is reported as such, never replaced by the next one in line: the user chose it. */
export function chooseApiAddress(
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
  refusedFileUrl?: string,
): { source: AddressSource; url: string; check: AddressCheck } {
  const fromEnv = env.PICKY_API_URL?.trim();
  if (fromEnv) return { source: 'env', url: fromEnv, check: checkApiAddress(fromEnv) };
  if (refusedFileUrl !== undefined) {
    return { source: 'settings-file', url: refusedFileUrl, check: checkApiAddress(refusedFileUrl) };
  }
  if (settings.apiBaseUrl) {
    return { source: 'settings-file', url: settings.apiBaseUrl, check: checkApiAddress(settings.apiBaseUrl) };
  }
  return { source: 'default', url: DEFAULT_API_BASE_URL, check: checkApiAddress(DEFAULT_API_BASE_URL) };
}
