// The core end to end: the real HTTP emulator, the real keychain (private GNOME Keyring from
// scripts/with-keyring.sh), a real temporary data folder.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';

import { createKeytarSecretStore } from '../../app/core/secret-store';
import type { ProjectDiff } from '../../app/core/sync-state';
import { DEMO_TOKEN, SECOND_TOKEN } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { tokenAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping picky-core integration tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const keychain = createKeytarSecretStore();
const cores: PickyCore[] = [];
const emulators: { close(): Promise<void>; baseUrl: string }[] = [];

async function open(dataDir: string, baseUrl: string): Promise<PickyCore> {
  const core = await openPickyCore({ dataDir, env: { PICKY_API_URL: baseUrl } });
  cores.push(core);
  return core;
}
async function emulator(scenario?: Record<string, unknown>) {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', ...(scenario ? { scenario } : {}) });
  emulators.push(emu);
  return emu;
}

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  for (const e of emulators.splice(0)) {
    await e.close().catch(() => undefined);
    if (haveBus) await keychain.delete(tokenAccountFor(e.baseUrl));
  }
  await removeTempDirs();
});
afterAll(removeTempDirs);

describe.skipIf(!haveBus)('picky core (emulator + real keychain + real files)', () => {
  it('sets a token, refreshes, caches, and shows the cached projects offline after the server goes away', async () => {
    const emu = await emulator();
    const dir = await makeTempDir('core-e2e');
    const core = await open(dir, emu.baseUrl);
    expect(core.getState().kind).toBe('no-token');
    expect(await core.hasToken()).toBe(false);

    const afterSet = await core.setToken(parseMasterToken(DEMO_TOKEN));
    expect(afterSet.kind).toBe('ok');
    expect(afterSet.projects.length).toBeGreaterThan(0);
    expect(await keychain.get(tokenAccountFor(emu.baseUrl))).toBe(DEMO_TOKEN);

    const fresh = await core.refresh();
    expect(fresh).toMatchObject({ kind: 'ok', source: 'network', failures: 0 });
    const names = fresh.projects.map((p) => p.name);

    // The cache file is on disk, and neither the token nor project names are readable in it.
    const files = await readdir(dir);
    const cacheFile = files.find((f) => f.includes('cache'));
    expect(cacheFile, `files in the data folder: ${files.join(', ')}`).toBeDefined();
    const raw = await readFile(join(dir, cacheFile ?? ''), 'utf8');
    expect(raw).not.toContain(DEMO_TOKEN);
    for (const name of names) expect(raw).not.toContain(name);

    await emu.close();
    await core.dispose();

    const later = await open(dir, emu.baseUrl);
    expect(later.getState()).toMatchObject({ kind: 'ok', source: 'cache', fetchedAt: fresh.fetchedAt });
    const offline = await later.refresh();
    expect(offline.kind).toBe('offline');
    expect(offline.source).toBe('cache');
    expect(offline.fetchedAt).toBe(fresh.fetchedAt);
    expect(offline.projects.map((p) => p.name)).toEqual(names);
    expect(offline.error?.code).toMatch(/connection-refused|network/);
    expect(offline.error?.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(offline)).not.toContain(DEMO_TOKEN);
  });

  it('rejects a wrong token and keeps the previous token and cache intact', async () => {
    const emu = await emulator();
    const dir = await makeTempDir('core-wrong');
    const core = await open(dir, emu.baseUrl);
    const good = await core.setToken(parseMasterToken(DEMO_TOKEN));
    const files = await readdir(dir);
    const cacheFile = files.find((f) => f.includes('cache')) ?? '';
    const cacheBefore = await readFile(join(dir, cacheFile));

    await expect(core.setToken(parseMasterToken('not-a-real-token-000'))).rejects.toMatchObject({
      code: expect.stringMatching(/^(auth|api-status)$/),
    });
    expect(await keychain.get(tokenAccountFor(emu.baseUrl))).toBe(DEMO_TOKEN);
    expect(await readFile(join(dir, cacheFile))).toEqual(cacheBefore);
    expect(core.getState()).toMatchObject({ kind: 'ok', source: 'network' });

    await emu.close();
    const later = await open(dir, emu.baseUrl);
    expect(later.getState().projects.map((p) => p.id)).toEqual(good.projects.map((p) => p.id));
  });

  it('stores nothing when the server cannot be reached, unless asked to save it unchecked, and says why', async () => {
    const emu = await emulator();
    const url = emu.baseUrl;
    await emu.close();
    const core = await open(await makeTempDir('core-unreachable'), url);
    await expect(core.setToken(parseMasterToken(DEMO_TOKEN))).rejects.toMatchObject({ code: 'connection-refused' });
    expect(await keychain.get(tokenAccountFor(url))).toBeNull();
    const s = await core.setToken(parseMasterToken(DEMO_TOKEN), { saveUnchecked: true });
    expect(s.kind).toBe('offline');
    expect(s.tokenUnchecked).toBe(true);
    expect(s.error?.code).toMatch(/connection-refused|network/);
    expect(await keychain.get(tokenAccountFor(emu.baseUrl))).toBe(DEMO_TOKEN);
  });

  it('hundreds of concurrent refreshes make exactly one request', async () => {
    const emu = await emulator({ latencyMs: 100 });
    const core = await open(await makeTempDir('core-flight'), emu.baseUrl);
    await core.setToken(parseMasterToken(DEMO_TOKEN));
    const path = new URL(`${emu.baseUrl}/pm/get-projects`).pathname;
    const before = emu.requestCount(path);
    expect(before).toBeGreaterThan(0);
    const results = await Promise.all(Array.from({ length: 300 }, () => core.refresh()));
    expect(emu.requestCount(path) - before).toBe(1);
    expect(results.every((r) => r.kind === 'ok' && r.fetchedAt === results[0]?.fetchedAt)).toBe(true);
  });

  it('reports a status change seen on the server as a diff', async () => {
    const emu = await emulator();
    const core = await open(await makeTempDir('core-diff'), emu.baseUrl);
    const first = await core.setToken(parseMasterToken(DEMO_TOKEN));
    const target = first.projects.find((p) => p.status === 'active');
    expect(target).toBeDefined();
    const diffs: ProjectDiff[] = [];
    core.onDiff((d) => diffs.push(d));
    // The emulator answers Active, then Expired, on successive calls once flipStatus is set.
    emu.setScenario({ flipStatus: target?.id });
    await core.refresh();
    expect(diffs.flatMap((d) => d.statusChanged)).toEqual([]);
    await core.refresh();
    expect(diffs.flatMap((d) => d.statusChanged)).toEqual([
      { id: target?.id, name: target?.name, from: 'active', to: 'expired' },
    ]);
    expect(core.getProject(target?.id ?? -1)?.status).toBe('expired');
  });

  it('switching accounts shows the other account’s projects and keeps caches apart', async () => {
    const emu = await emulator();
    const dir = await makeTempDir('core-switch');
    const core = await open(dir, emu.baseUrl);
    const demo = await core.setToken(parseMasterToken(DEMO_TOKEN));
    const second = await core.setToken(parseMasterToken(SECOND_TOKEN));
    expect(second.kind).toBe('ok');
    expect(second.projects.map((p) => p.id)).not.toEqual(demo.projects.map((p) => p.id));
    await emu.close();
    const later = await open(dir, emu.baseUrl);
    expect(later.getState().projects.map((p) => p.id)).toEqual(second.projects.map((p) => p.id));
  });

  it('changing the base URL to another server asks it nothing until it has a token of its own', async () => {
    const a = await emulator();
    const b = await emulator();
    const dir = await makeTempDir('core-baseurl');
    const core = await openPickyCore({ dataDir: dir, env: {} });
    cores.push(core);
    await core.updateSettings({ apiBaseUrl: a.baseUrl });
    await core.setToken(parseMasterToken(DEMO_TOKEN));
    const beforeB = b.requestCount();
    const view = await core.updateSettings({ apiBaseUrl: b.baseUrl });
    expect(view.effectiveBaseUrl).toBe(b.baseUrl.replace(/\/+$/, ''));
    expect(view.host).toBe(`127.0.0.1:${b.port}`);
    expect(await core.refresh()).toMatchObject({ kind: 'no-token', projects: [] });
    expect(b.requestCount()).toBe(beforeB);
    expect(await core.setToken(parseMasterToken(DEMO_TOKEN))).toMatchObject({ kind: 'ok', source: 'network' });
    expect(b.requestCount()).toBeGreaterThan(beforeB);
    if (haveBus) await keychain.delete(tokenAccountFor(a.baseUrl));
  });

  it('an invalid settings file is reported until a setting is saved, then the warning goes', async () => {
    const dir = await makeTempDir('core-bad-settings');
    await writeFile(join(dir, 'settings.json'), '{"refreshIntervalMinutes": "often"');
    const core = await open(dir, 'http://127.0.0.1:9/app/api/v2');
    expect(core.getSettingsView().warning).toMatch(
      /settings file was not valid.*Change any setting to save a fresh file/,
    );
    const view = await core.updateSettings({ refreshIntervalMinutes: 30 });
    expect(view.warning).toBeUndefined();
    expect(core.getSettingsView().warning).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      refreshIntervalMinutes: 30,
    });
  });

  it('clearToken removes the token from the keychain and the offline copy from disk', async () => {
    const emu = await emulator();
    const dir = await makeTempDir('core-clear');
    const core = await open(dir, emu.baseUrl);
    await core.setToken(parseMasterToken(DEMO_TOKEN));
    expect((await readdir(dir)).some((f) => f.includes('cache'))).toBe(true);
    expect((await core.clearToken()).kind).toBe('no-token');
    expect(await keychain.get(tokenAccountFor(emu.baseUrl))).toBeNull();
    expect((await readdir(dir)).some((f) => f.includes('projects-cache'))).toBe(false);
  });
});
