// Projects added by hand, end to end: the real HTTP emulator (its listing refused, then working), the real keychain
// (private GNOME Keyring from scripts/with-keyring.sh), a real temporary data folder.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { manualProjectId } from '../../app/core/manual-id';
import { manualFileName } from '../../app/core/manual-store';
import { parseMasterToken } from '../../app/core/master-token';
import { originSecretAccount } from '../../app/core/origin-secrets';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { cacheFileFor, cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping hand-added project tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

// Project 715 of the demo account: its license key and its one API token (no IP limit).
const KEY_715 = 'PKYA-715Q-ACME-7K2D';
const TOKEN_715 = '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2';
// Project 802: only an IP-limited token in the listing.
const KEY_802 = 'PKYC-802L-CAFE-9T4V';
const TOKEN_802 = '4c6e8a0b2d4f6a8c0e2b4d6f8a0c2e4b';

const keychain = createKeytarSecretStore();
const cores: PickyCore[] = [];
const emulators: { close(): Promise<void>; baseUrl: string }[] = [];
const origins = new Set<string>();

const keyAccount = (n: number, baseUrl: string) =>
  originSecretAccount(`project-license-key:${n}` as const, new URL(baseUrl).origin);
const tokenAccount = (n: number, baseUrl: string) =>
  originSecretAccount(`project-api-token:${n}` as const, new URL(baseUrl).origin);

async function open(dataDir: string, baseUrl: string): Promise<PickyCore> {
  const core = await openPickyCore({ dataDir, env: { PICKY_API_URL: baseUrl } });
  cores.push(core);
  return core;
}
async function emulator(scenario?: Record<string, unknown>) {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', ...(scenario ? { scenario } : {}) });
  emulators.push(emu);
  origins.add(emu.baseUrl);
  return emu;
}

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  for (const e of emulators.splice(0)) await e.close().catch(() => undefined);
  if (haveBus) {
    for (const baseUrl of origins) {
      await keychain.delete(tokenAccountFor(baseUrl));
      await keychain.delete(cacheKeyAccountFor(baseUrl));
      for (const n of [1, 2, 3, 4]) {
        await keychain.delete(keyAccount(n, baseUrl));
        await keychain.delete(tokenAccount(n, baseUrl));
      }
    }
  }
  origins.clear();
  await removeTempDirs();
});
afterAll(removeTempDirs);

describe.skipIf(!haveBus)('projects added by hand (emulator + real keychain + real files)', () => {
  it('with the listing refused and no Master token: adds a project, checks its token once, keeps secrets in the keychain only', async () => {
    const emu = await emulator({ listingRefused: true });
    const dir = await makeTempDir('manual-add');
    const core = await open(dir, emu.baseUrl);
    expect(core.getState().kind).toBe('no-token');

    const before = emu.requestCount();
    const result = await core.addManualProject({ name: 'Front desk', licenseKey: KEY_715, apiToken: TOKEN_715 });
    expect(emu.requestCount() - before).toBe(1);
    expect(emu.requestCount('/app/api/v2/device-status')).toBe(1);
    expect(result).toMatchObject({ check: 'checked', projectId: 715, connectedNumber: '9234324324' });
    expect(result.project).toMatchObject({ id: manualProjectId(1), source: 'manual', name: 'Front desk' });

    const state = core.getState();
    expect(state.kind).toBe('ok');
    expect(state.projects).toHaveLength(1);
    expect(state.projects[0]).toMatchObject({
      id: manualProjectId(1),
      source: 'manual',
      status: 'unknown',
      statusText: 'Not known',
      licenseKey: KEY_715,
      number: '9234324324',
      manual: { number: 1, projectId: 715 },
    });
    expect(state.projects[0]?.billingPlan).toBeUndefined();
    expect(core.getProject(manualProjectId(1))?.name).toBe('Front desk');

    expect(await keychain.get(keyAccount(1, emu.baseUrl))).toBe(KEY_715);
    expect(await keychain.get(tokenAccount(1, emu.baseUrl))).toBe(TOKEN_715);
    const raw = await readFile(join(dir, manualFileName(new URL(emu.baseUrl).origin)), 'utf8');
    expect(raw).toContain('Front desk');
    expect(raw).not.toContain(KEY_715);
    expect(raw).not.toContain(TOKEN_715);

    // Another process (the CLI) sees the same project.
    const other = await open(dir, emu.baseUrl);
    expect(other.getState().projects.map((p) => p.name)).toEqual(['Front desk']);
  });

  it('a refused token is not stored, and the server words are shown', async () => {
    const emu = await emulator({ listingRefused: true });
    const dir = await makeTempDir('manual-refused');
    const core = await open(dir, emu.baseUrl);
    const error = await core
      .addManualProject({ name: 'Typo', licenseKey: KEY_715, apiToken: 'ffffffffffffffffffffffffffffffff' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ code: 'auth' });
    expect((error as Error).message).toContain('refused this project API token');
    expect((error as Error).message).toContain('Invalid token');
    expect(core.getState().projects).toEqual([]);
    expect(await keychain.get(keyAccount(1, emu.baseUrl))).toBeNull();
    expect(await keychain.get(tokenAccount(1, emu.baseUrl))).toBeNull();
    expect(await readdir(dir)).not.toContain(manualFileName(new URL(emu.baseUrl).origin));
  });

  it('when Picky Assist cannot be reached: nothing stored, unless "Save and check later"', async () => {
    const emu = await emulator();
    const baseUrl = emu.baseUrl;
    await emu.close();
    const dir = await makeTempDir('manual-offline');
    const core = await open(dir, baseUrl);
    await expect(
      core.addManualProject({ name: 'Later', licenseKey: KEY_715, apiToken: TOKEN_715 }),
    ).rejects.toMatchObject({
      code: 'connection-refused',
    });
    expect(core.getState().projects).toEqual([]);
    expect(await keychain.get(tokenAccount(1, baseUrl))).toBeNull();

    const saved = await core.addManualProject(
      { name: 'Later', licenseKey: KEY_715, apiToken: TOKEN_715 },
      { saveUnchecked: true },
    );
    expect(saved.check).toBe('unchecked');
    expect(core.getState().projects[0]).toMatchObject({ name: 'Later', manual: { tokenUnchecked: true } });
    expect(await keychain.get(tokenAccount(1, baseUrl))).toBe(TOKEN_715);
  });

  it('a listing that works later merges without duplicates or lost secrets; removing either keeps the other', async () => {
    // 802's demo token is limited to another IP address: accepted here, this test is about merging.
    const emu = await emulator({ listingRefused: true, ignoreTokenIpLimits: true });
    const dir = await makeTempDir('manual-merge');
    const core = await open(dir, emu.baseUrl);
    await core.addManualProject({ name: 'Front desk', licenseKey: KEY_715, apiToken: TOKEN_715 });
    // Matched by license key only (no token given).
    await core.addManualProject({ name: 'Cafe by key', licenseKey: KEY_802, apiToken: TOKEN_802 });
    await core.addManualProject({ name: 'Not in the account', licenseKey: 'PKYZ-0000-NONE-0000' });

    // A Master token while the listing is refused: 'refused', not 'offline', with the hand-added projects listed.
    const refused = await core.setToken(parseMasterToken(DEMO_TOKEN), { saveUnchecked: true });
    expect(refused.kind).toBe('refused');
    expect(refused.projects.map((p) => p.name).sort()).toEqual(['Cafe by key', 'Front desk', 'Not in the account']);

    emu.setScenario({ listingRefused: false });
    const state = await core.refresh();
    expect(state.kind).toBe('ok');
    const ids = state.projects.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === 715)).toHaveLength(1);
    expect(ids).not.toContain(manualProjectId(1));
    expect(ids).not.toContain(manualProjectId(2));
    expect(ids).toContain(manualProjectId(3));
    const p715 = state.projects.find((p) => p.id === 715);
    expect(p715?.source).toBeUndefined();
    expect(p715?.manual?.number).toBe(1);
    // 802's listing has only an IP-limited token: the hand-added one serves its phone status.
    const p802 = state.projects.find((p) => p.id === 802);
    expect(p802?.apiTokens.map((t) => t.token)).toContain(TOKEN_802);
    expect(p802?.apiTokens.filter((t) => t.ip === undefined)).toHaveLength(1);
    // The hand-added id still opens the project (a route or tray item made before the merge).
    expect(core.getProject(manualProjectId(1))?.id).toBe(715);

    // Removing the hand-added entry keeps the Master token and the offline copy.
    await core.removeManualProject(manualProjectId(1));
    expect(await keychain.get(keyAccount(1, emu.baseUrl))).toBeNull();
    expect(await keychain.get(tokenAccount(1, emu.baseUrl))).toBeNull();
    expect(await keychain.get(tokenAccountFor(emu.baseUrl))).toBe(DEMO_TOKEN);
    expect(await readdir(dir)).toContain(cacheFileFor(emu.baseUrl));
    expect(core.getState().projects.filter((p) => p.id === 715)).toHaveLength(1);

    // Removing the Master token keeps the hand-added projects and their secrets.
    const cleared = await core.clearToken();
    expect(cleared.kind).toBe('ok');
    expect(cleared.projects.map((p) => p.name).sort()).toEqual(['Cafe by key', 'Not in the account']);
    expect(await keychain.get(tokenAccount(2, emu.baseUrl))).toBe(TOKEN_802);
    expect(await keychain.get(keyAccount(3, emu.baseUrl))).toBe('PKYZ-0000-NONE-0000');
  });

  it('edits a name, key and token (a new token is checked again); an unreadable list is set aside', async () => {
    const emu = await emulator({ listingRefused: true });
    const dir = await makeTempDir('manual-edit');
    const core = await open(dir, emu.baseUrl);
    const { project } = await core.addManualProject({ name: 'Desk', licenseKey: KEY_715 });
    const edited = await core.editManualProject(project.id, { name: 'Front desk', apiToken: TOKEN_715 });
    expect(edited).toMatchObject({ check: 'checked', projectId: 715 });
    expect(core.getProject(project.id)).toMatchObject({ name: 'Front desk', licenseKey: KEY_715 });
    await expect(
      core.editManualProject(project.id, { apiToken: 'ffffffffffffffffffffffffffffffff' }),
    ).rejects.toMatchObject({
      code: 'auth',
    });
    expect(await keychain.get(tokenAccount(1, emu.baseUrl))).toBe(TOKEN_715);
    await core.editManualProject(project.id, { apiToken: null });
    expect(await keychain.get(tokenAccount(1, emu.baseUrl))).toBeNull();

    const file = join(dir, manualFileName(new URL(emu.baseUrl).origin));
    await writeFile(file, '{ not json');
    const reopened = await open(dir, emu.baseUrl);
    expect(reopened.getState().projects).toEqual([]);
    expect(reopened.getState().warning).toContain('set aside');
    expect(
      (await readdir(dir)).some((f) => f.startsWith(`${manualFileName(new URL(emu.baseUrl).origin)}.broken-`)),
    ).toBe(true);
  });
});
