// Settings in `<dir>/settings.json`: validated on every read, missing keys filled from the defaults, written
// atomically. An invalid file never stops the app: defaults are used and the file is kept as `settings.json.bak`.
import { rename } from 'node:fs/promises';
import type { z } from 'zod';
import { join } from 'node:path';
import { addressRefusal, checkApiBaseUrl } from './api-url';
import { PickyError } from './errors';
import type { SettingsLoadResult, SettingsStore } from './ports';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings } from './settings-schema';
import { diskError, exists, readFileIfExists, writeFileAtomic } from './atomic-file';

export const SETTINGS_FILE_NAME = 'settings.json';

/** `settings.json.bak`, or `.bak-2`, `.bak-3`... so an older backup is never overwritten. */
async function backUp(path: string): Promise<string> {
  let target = `${path}.bak`;
  for (let n = 2; await exists(target); n++) target = `${path}.bak-${n}`;
  await rename(path, target);
  return target;
}

interface Parsed {
  settings: Settings;
  refusedApiBaseUrl?: string;
}

function parseSettings(bytes: Buffer): Parsed | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    // Not JSON: the caller sets the file aside and says so in the load warning (which the core logs).
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const parsed = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...json });
  if (parsed.success) return { settings: parsed.data };
  // An address the rule refuses (plain http:// to another computer...) does not cost the other settings: they
  // stay, and the address is reported rather than replaced by the default.
  const { apiBaseUrl, ...rest } = json as Record<string, unknown>;
  if (typeof apiBaseUrl !== 'string') return undefined;
  const others = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...rest });
  return others.success ? { settings: others.data, refusedApiBaseUrl: apiBaseUrl.slice(0, 4096) } : undefined;
}

// What each setting must be, in words, for messages about a rejected value.
const FIELD_RULES: Readonly<Record<string, string>> = {
  refreshIntervalMinutes: 'The refresh interval must be a whole number of minutes from 1 to 1440.',
  launchAtLogin: 'Launch at login must be on or off.',
  notifications: 'Notifications must be on or off.',
};

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'the value is not valid.';
  if (issue.code === 'unrecognized_keys')
    return `Picky Tray has no setting named ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  const field = String(issue.path[0] ?? '');
  if (field === '') return 'settings must be a set of named values.';
  const rule = FIELD_RULES[field] ?? issue.message;
  return /[.!?]$/.test(rule) ? rule : `${rule}.`;
}

/** The sentence for an API address in a patch that the address rule refuses, if it is one. */
function addressRefusalOf(patch: unknown): string | undefined {
  if (typeof patch !== 'object' || patch === null || !('apiBaseUrl' in patch)) return undefined;
  const raw: unknown = patch.apiBaseUrl;
  if (typeof raw !== 'string') return undefined;
  const checked = checkApiBaseUrl(raw);
  return checked.ok
    ? undefined
    : `That setting could not be saved: ${addressRefusal('settings', raw, checked.reason)} Correct it and try again.`;
}

export function createSettingsStore(dir: string): SettingsStore {
  const path = join(dir, SETTINGS_FILE_NAME);

  // One operation at a time: two updates never lose each other's change.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const result = queue.then(run, run);
    // The caller gets the rejection through `result`; the queue only needs to know the update ended.
    queue = result.catch(() => undefined);
    return result;
  }

  async function load(): Promise<SettingsLoadResult> {
    let bytes: Buffer | undefined;
    try {
      bytes = await readFileIfExists(path);
    } catch (e) {
      // Unreadable (permissions, a folder in the way): start anyway, and leave the file for the user to fix.
      const reason = e instanceof PickyError ? e.message : 'the file could not be read.';
      return {
        settings: { ...DEFAULT_SETTINGS },
        warning: `Picky Tray is using its default settings because it could not read your settings file. ${reason}`,
      };
    }
    if (bytes === undefined) return { settings: { ...DEFAULT_SETTINGS } };
    const parsed = parseSettings(bytes);
    if (parsed) return parsed;
    let kept: string;
    try {
      kept = `it was kept as ${await backUp(path)}`;
    } catch (e) {
      kept = `it could not be moved aside (${diskError(dir, e, 'set aside a file in').message})`;
    }
    return {
      settings: { ...DEFAULT_SETTINGS },
      warning: `Your settings file was not valid, so Picky Tray is using its default settings; ${kept}. Change any setting to save a fresh file.`,
    };
  }

  async function update(patch: unknown): Promise<Settings> {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const refusal = addressRefusalOf(patch);
      if (refusal) throw new PickyError('settings-invalid', refusal, { field: 'apiBaseUrl' });
      const problem = describeIssue(parsed.error.issues[0]);
      throw new PickyError(
        'settings-invalid',
        `That setting could not be saved: ${problem} Correct it and try again.`,
        {
          field: parsed.error.issues[0]?.path.join('.') ?? '',
        },
      );
    }
    const { settings: current, refusedApiBaseUrl } = await load();
    const { apiBaseUrl, ...rest } = parsed.data;
    const next: Settings = { ...current };
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    if (apiBaseUrl === null) delete next.apiBaseUrl;
    else if (apiBaseUrl !== undefined) next.apiBaseUrl = apiBaseUrl;
    const checked = SettingsSchema.parse(next);
    // A refused address stays refused (and in the file) until the user replaces or resets it.
    const keepRefused = apiBaseUrl === undefined && refusedApiBaseUrl !== undefined;
    const written = keepRefused ? { ...checked, apiBaseUrl: refusedApiBaseUrl } : checked;
    await writeFileAtomic(path, `${JSON.stringify(written, null, 2)}\n`);
    return checked;
  }

  return {
    load: () => serial(load),
    update: (patch) => serial(() => update(patch)),
  };
}
