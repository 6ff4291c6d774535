// The settings file on the real file system: defaults, validation, keeping bad files, atomic writes.
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPickyError } from '../../app/core/errors';
import { DEFAULT_SETTINGS } from '../../app/core/settings-schema';
import { createSettingsStore, SETTINGS_FILE_NAME } from '../../app/core/settings-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { checkApiBaseUrl } from '../../app/core/api-url';

describe('settings store', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = join(await makeTempDir('settings'), 'data');
    path = join(dir, SETTINGS_FILE_NAME);
  });
  afterEach(removeTempDirs);

  it('uses the defaults, without a warning or a file, when there is no settings file', async () => {
    expect(await createSettingsStore(dir).load()).toEqual({ settings: DEFAULT_SETTINGS });
    await expect(stat(path)).rejects.toThrow();
  });

  it('fills missing keys from the defaults and ignores unknown ones', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path, JSON.stringify({ refreshIntervalMinutes: 5, fromTheFuture: true }));
    const { settings, warning } = await createSettingsStore(dir).load();
    expect(warning).toBeUndefined();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, refreshIntervalMinutes: 5 });
  });

  it.each([
    ['bad JSON', '{"refreshIntervalMinutes": 5,'],
    ['an out-of-range value', JSON.stringify({ refreshIntervalMinutes: 0 })],
    ['a value of the wrong type', JSON.stringify({ notifications: 'yes' })],
    ['an API address that is not text', JSON.stringify({ apiBaseUrl: 42 })],
    ['an array instead of an object', '[]'],
    ['an empty file', ''],
  ])('falls back to defaults on %s, warns, and keeps the bad file as .bak', async (_label, content) => {
    await mkdir(dir, { recursive: true });
    await writeFile(path, content);
    const { settings, warning } = await createSettingsStore(dir).load();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warning).toBe(
      `Your settings file was not valid, so Picky Tray is using its default settings; it was kept as ${path}.bak. Change any setting to save a fresh file.`,
    );
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(content);
    // The next load starts clean.
    expect(await createSettingsStore(dir).load()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it.each([
    ['ftp://example.com/api', /must start with https:\/\//],
    ['http://192.0.2.7/app/api/v2', /plain http:\/\/ would send your token unencrypted/],
  ])(
    'an API address the rule refuses (%s) keeps the other settings, is reported, and stays until replaced',
    async (address, why) => {
      await mkdir(dir, { recursive: true });
      const content = JSON.stringify({ apiBaseUrl: address, refreshIntervalMinutes: 7 });
      await writeFile(path, content);
      const store = createSettingsStore(dir);
      const loaded = await store.load();
      expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, refreshIntervalMinutes: 7 });
      expect(loaded.refusedApiBaseUrl).toBe(address);
      expect(checkApiBaseUrl(address)).toMatchObject({ ok: false, reason: expect.stringMatching(why) });
      // Saving another setting does not quietly turn the refused address into the default one.
      await store.update({ notifications: false });
      expect((await store.load()).refusedApiBaseUrl).toBe(address);
      // Entering an address replaces it.
      await store.update({ apiBaseUrl: 'https://api.example.com/v2' });
      const after = await store.load();
      expect(after.refusedApiBaseUrl).toBeUndefined();
      expect(after.settings).toMatchObject({ apiBaseUrl: 'https://api.example.com/v2', notifications: false });
    },
  );

  it('starts with defaults and a warning when the settings file cannot be read at all', async () => {
    // A folder where the file should be: unreadable as a file for every user, root included.
    await mkdir(path, { recursive: true });
    const { settings, warning } = await createSettingsStore(dir).load();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warning).toMatch(
      /^Picky Tray is using its default settings because it could not read your settings file\. Picky Tray could not read from .+: a folder is in the way/,
    );
    expect((await stat(path)).isDirectory()).toBe(true);
  });

  it('never overwrites an older .bak', async () => {
    await mkdir(dir, { recursive: true });
    const store = createSettingsStore(dir);
    for (const content of ['first bad', 'second bad', 'third bad']) {
      await writeFile(path, content);
      expect((await store.load()).warning).toBeTruthy();
    }
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('first bad');
    expect(await readFile(`${path}.bak-2`, 'utf8')).toBe('second bad');
    expect(await readFile(`${path}.bak-3`, 'utf8')).toBe('third bad');
  });

  it('validates, merges and persists updates; null clears the API address override', async () => {
    const store = createSettingsStore(dir);
    const updated = await store.update({ refreshIntervalMinutes: 30, apiBaseUrl: 'http://127.0.0.1:8080/app/api/v2' });
    expect(updated).toEqual({
      ...DEFAULT_SETTINGS,
      refreshIntervalMinutes: 30,
      apiBaseUrl: 'http://127.0.0.1:8080/app/api/v2',
    });
    expect(await createSettingsStore(dir).load()).toEqual({ settings: updated });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(updated);

    const cleared = await store.update({ apiBaseUrl: null, notifications: false });
    expect(cleared).toEqual({ ...DEFAULT_SETTINGS, refreshIntervalMinutes: 30, notifications: false });
    expect((await createSettingsStore(dir).load()).settings).toEqual(cleared);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it.each([
    [
      'an out-of-range interval',
      { refreshIntervalMinutes: 100000 },
      /refresh interval must be a whole number of minutes from 1 to 1440\./,
    ],
    ['a fractional interval', { refreshIntervalMinutes: 2.5 }, /refresh interval must be a whole number/],
    [
      'a non-http API address',
      { apiBaseUrl: 'file:///etc/passwd' },
      /"file:\/\/\/etc\/passwd"\) was refused: it must start with https:\/\//,
    ],
    ['a switch that is not on or off', { notifications: 'yes' }, /Notifications must be on or off\./],
    ['an unknown key', { theme: 'dark' }, /no setting named "theme"/],
    ['not an object', 'fast', /settings must be a set of named values/],
  ])('rejects %s with a settings-invalid sentence and leaves the file alone', async (_label, patch, field) => {
    const store = createSettingsStore(dir);
    await store.update({ launchAtLogin: true });
    const before = await readFile(path, 'utf8');
    // Deliberately untyped: the store must validate whatever reaches it (IPC, CLI).
    const error = await (store.update as (p: unknown) => Promise<unknown>)(patch).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPickyError(error) && error.code).toBe('settings-invalid');
    expect(error instanceof Error && error.message).toMatch(
      /^That setting could not be saved: .+ Correct it and try again\.$/,
    );
    expect(error instanceof Error && error.message).toMatch(field);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('writes atomically: concurrent updates all land, and no temp file is left behind', async () => {
    const store = createSettingsStore(dir);
    await Promise.all([
      store.update({ refreshIntervalMinutes: 7 }),
      store.update({ notifications: false }),
      store.update({ launchAtLogin: true }),
    ]);
    expect((await createSettingsStore(dir).load()).settings).toEqual({
      refreshIntervalMinutes: 7,
      notifications: false,
      launchAtLogin: true,
    });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE_NAME]);
  });
});
