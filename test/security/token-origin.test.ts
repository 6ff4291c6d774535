// The Master token belongs to the API origin it was checked with. A second emulator records every request it
// receives; after the address is changed to it (over IPC, in settings.json, in PICKY_API_URL) and a refresh, it
// has received no token. Plain http:// to another computer is refused by the core. Switching back and forth keeps
// both tokens and both offline copies, and the single entry of earlier versions migrates once.
// Real keychain (scripts/with-keyring.sh), real HTTP, real files, the real CLI.
import { randomBytes } from 'node:crypto';
import { readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchProjects as httpFetchProjects } from '../../app/core/api-client';
import { parseMasterToken } from '../../app/core/master-token';
import { LEGACY_CACHE_KEY_ACCOUNT, LEGACY_MASTER_TOKEN_ACCOUNT } from '../../app/core/origin-secrets';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import type { FetchProjects, FetchProjectsRequest, SecretStore } from '../../app/core/ports';
import { LEGACY_CACHE_FILE_NAME } from '../../app/core/project-cache';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN, SECOND_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { cacheFileFor, cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { REPO_ROOT, runWithInput } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { findToken } from './helpers/token-scan';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the token-origin tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

let a: RunningEmulator; // the server the token was checked with
let b: RunningEmulator; // another server: must never receive it
const cores: PickyCore[] = [];
const stores: SecretStore[] = [];

beforeAll(async () => {
  a = await startEmulator({ port: 0 });
  b = await startEmulator({ port: 0 });
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  for (const s of stores.splice(0)) {
    for (const url of [a.baseUrl, b.baseUrl]) {
      await s.delete(tokenAccountFor(url)).catch(() => false);
      await s.delete(cacheKeyAccountFor(url)).catch(() => false);
    }
    await s.delete(LEGACY_MASTER_TOKEN_ACCOUNT).catch(() => false);
    await s.delete(LEGACY_CACHE_KEY_ACCOUNT).catch(() => false);
  }
  await removeTempDirs();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

function keychain(): SecretStore {
  const s = createKeytarSecretStore(`Picky Tray origin test ${randomBytes(6).toString('hex')}`);
  stores.push(s);
  return s;
}

/** Every token form found in what `server` received since `since` requests: none is the goal. */
function tokensReceived(server: RunningEmulator, since = 0): string[] {
  return server
    .received()
    .slice(since)
    .flatMap((r) => [r.url, r.headers.join('\n'), r.body])
    .flatMap((text) => [...findToken(text, DEMO_TOKEN), ...findToken(text, SECOND_TOKEN)]);
}

async function open(dataDir: string, secrets: SecretStore, env: Record<string, string> = {}, fetch?: FetchProjects) {
  const core = await openPickyCore({ dataDir, env, secrets, ...(fetch ? { fetchProjects: fetch } : {}) });
  cores.push(core);
  return core;
}

function ipc(core: PickyCore) {
  const handlers = createCoreHandlers(core, {
    mode: 'preview',
    version: '0',
    platform: 'linux',
    openExternal: async () => false,
    openQr: async () => false,
  });
  return (name: string, input?: unknown) => dispatchInvoke(handlers, name, input);
}

/** A core whose token for A is stored and whose offline copy for A is written. */
async function withTokenForA(env: Record<string, string> = {}) {
  const dir = await makeTempDir('origin');
  const secrets = keychain();
  const core = await open(dir, secrets, env);
  await core.updateSettings({ apiBaseUrl: a.baseUrl });
  expect(await core.setToken(parseMasterToken(DEMO_TOKEN))).toMatchObject({ kind: 'ok', source: 'network' });
  return { dir, secrets, core };
}

describe.skipIf(!haveBus)('the token goes only to the origin it was checked with', () => {
  it('Settings over IPC: the new server gets no token, the app asks for one for its host', async () => {
    const { core, secrets } = await withTokenForA();
    const call = ipc(core);
    const seen = b.received().length;
    const view = await call('updateSettings', { apiBaseUrl: b.baseUrl });
    expect(view).toMatchObject({ ok: true, value: { host: `127.0.0.1:${b.port}` } });
    const state = await call('refresh');
    expect(state).toMatchObject({ ok: true, value: { kind: 'no-token', projects: [] } });
    expect(await call('getTokenStatus')).toEqual({ ok: true, value: { stored: false, host: `127.0.0.1:${b.port}` } });
    expect(tokensReceived(b, seen)).toEqual([]);
    expect(await secrets.get(tokenAccountFor(a.baseUrl))).toBe(DEMO_TOKEN);
  });

  it('an edited settings.json: at start-up and after a refresh the new server has received no token', async () => {
    const { dir, secrets, core } = await withTokenForA();
    await core.dispose();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ apiBaseUrl: b.baseUrl }));
    const seen = b.received().length;
    const again = await open(dir, secrets);
    expect(again.getState()).toMatchObject({ kind: 'no-token', projects: [] });
    await again.refresh();
    expect(tokensReceived(b, seen)).toEqual([]);
    expect(await again.getTokenStatus()).toEqual({ stored: false, host: `127.0.0.1:${b.port}` });
  });

  it('PICKY_API_URL: the core, and the CLI as a real process, send the new server no token', async () => {
    const { dir, secrets } = await withTokenForA();
    const seen = b.received().length;
    const core = await open(dir, secrets, { PICKY_API_URL: b.baseUrl });
    expect((await core.refresh()).kind).toBe('no-token');
    expect(tokensReceived(b, seen)).toEqual([]);

    // The CLI reads the default keychain service: give it a token for A there, then point it at B.
    const home = await makeTempDir('origin-cli');
    const cliKeychain = createKeytarSecretStore();
    stores.push(cliKeychain);
    const env = { ...process.env, PICKY_TRAY_HOME: home, NO_COLOR: '1' };
    const cli = (args: string[], url: string, stdin = '') =>
      runWithInput(
        process.execPath,
        ['--import', 'tsx', join(REPO_ROOT, 'app/cli/main.ts'), ...args],
        { ...env, PICKY_API_URL: url },
        stdin,
      );
    expect((await cli(['token', 'set'], a.baseUrl, `${DEMO_TOKEN}\n`)).code).toBe(0);
    const before = b.received().length;
    const run = await cli(['projects'], b.baseUrl);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No Master API token is stored/);
    const status = await cli(['token', 'status'], b.baseUrl);
    expect(status.code).toBe(1);
    expect(tokensReceived(b, before)).toEqual([]);
    expect((await cli(['projects'], a.baseUrl)).code).toBe(0);
  }, 180_000);

  it('switching back and forth keeps both tokens and both offline copies', async () => {
    const { dir, secrets, core } = await withTokenForA();
    const aProjects = core.getState().projects.map((p) => p.id);
    await core.updateSettings({ apiBaseUrl: b.baseUrl });
    expect(core.getState().kind).toBe('no-token');
    expect(await core.setToken(parseMasterToken(SECOND_TOKEN))).toMatchObject({ kind: 'ok', source: 'network' });
    const bProjects = core.getState().projects.map((p) => p.id);
    expect(bProjects).not.toEqual(aProjects);

    for (let round = 0; round < 2; round++) {
      await core.updateSettings({ apiBaseUrl: a.baseUrl });
      // Back at A: its offline copy at once, then its own token on the next refresh.
      expect(core.getState()).toMatchObject({ kind: 'ok', source: 'cache' });
      expect(core.getState().projects.map((p) => p.id)).toEqual(aProjects);
      expect((await core.refresh()).projects.map((p) => p.id)).toEqual(aProjects);
      await core.updateSettings({ apiBaseUrl: b.baseUrl });
      expect(core.getState()).toMatchObject({ kind: 'ok', source: 'cache' });
      expect((await core.refresh()).projects.map((p) => p.id)).toEqual(bProjects);
    }
    expect(await secrets.get(tokenAccountFor(a.baseUrl))).toBe(DEMO_TOKEN);
    expect(await secrets.get(tokenAccountFor(b.baseUrl))).toBe(SECOND_TOKEN);
    const files = await readdir(dir);
    expect(files).toContain(cacheFileFor(a.baseUrl));
    expect(files).toContain(cacheFileFor(b.baseUrl));
    expect(files.filter((f) => f.includes('.broken-'))).toEqual([]);
    // Each server only ever received its own token.
    expect(b.received().some((r) => r.body.includes(DEMO_TOKEN))).toBe(false);
    expect(a.received().some((r) => r.body.includes(SECOND_TOKEN))).toBe(false);
  });
});

describe.skipIf(!haveBus)('plain http:// is refused by the core except to this computer', () => {
  /** A fetch that records what the core asked for: a refused address must make no request at all. */
  function spyFetch() {
    const calls: FetchProjectsRequest[] = [];
    const fetch: FetchProjects = (req) => {
      calls.push(req);
      return httpFetchProjects(req);
    };
    return { calls, fetch };
  }

  it.each([
    [
      'PICKY_API_URL',
      'env',
      /^The API address in the environment variable PICKY_API_URL \("http:\/\/192\.0\.2\.1\/app\/api\/v2"\) was refused: plain http:\/\//,
    ],
    [
      'settings.json',
      'file',
      /^The API address in settings\.json \("http:\/\/192\.0\.2\.1\/app\/api\/v2"\) was refused: plain http:\/\//,
    ],
  ])('in %s: no request, no token sent, and a sentence naming it', async (_where, how, sentence) => {
    const dir = await makeTempDir('origin-refused');
    const secrets = keychain();
    const url = 'http://192.0.2.1/app/api/v2';
    await secrets.set(tokenAccountFor(url), DEMO_TOKEN);
    if (how === 'file')
      await writeFile(join(dir, 'settings.json'), JSON.stringify({ apiBaseUrl: url, notifications: false }));
    const spy = spyFetch();
    const core = await open(dir, secrets, how === 'env' ? { PICKY_API_URL: url } : {}, spy.fetch);
    const state = await core.refresh();
    expect(state.kind).toBe('no-token');
    expect(state.error?.message).toMatch(sentence);
    await expect(core.setToken(parseMasterToken(DEMO_TOKEN))).rejects.toThrow(sentence);
    await expect(core.hasToken()).rejects.toThrow(sentence);
    expect(await core.getTokenStatus()).toMatchObject({
      stored: false,
      addressProblem: expect.stringMatching(sentence),
    });
    expect(core.getSettingsView()).toMatchObject({ addressProblem: expect.stringMatching(sentence) });
    expect(core.getSettingsView().host).toBeUndefined();
    expect(spy.calls).toEqual([]);
    if (how === 'file') expect(core.getSettingsView().settings.notifications).toBe(false);
  });

  it('in Settings: refused with a sentence, nothing saved, and the loopback emulator is accepted', async () => {
    const { core } = await withTokenForA();
    const refused = await ipc(core)('updateSettings', { apiBaseUrl: 'http://example.com/app/api/v2' });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /The API address entered in Settings \("http:\/\/example\.com\/app\/api\/v2"\) was refused/,
    );
    await expect(core.updateSettings({ apiBaseUrl: 'http://example.com/app/api/v2' })).rejects.toThrow(
      /was refused: plain http:\/\//,
    );
    expect(core.getSettingsView().settings.apiBaseUrl).toBe(a.baseUrl);
  });
});

describe.skipIf(!haveBus)('the single keychain entry of earlier versions', () => {
  it('migrates once, with the offline copy, to the origin in effect at that moment', async () => {
    const dir = await makeTempDir('origin-migrate');
    const secrets = keychain();
    // What an earlier version left: one token, one cache key, one projects-cache.json.
    const first = await withTokenForA();
    const aProjects = first.core.getState().projects.map((p) => p.id);
    await first.core.dispose();
    await rename(join(first.dir, cacheFileFor(a.baseUrl)), join(dir, LEGACY_CACHE_FILE_NAME));
    await secrets.set(LEGACY_MASTER_TOKEN_ACCOUNT, DEMO_TOKEN);
    await secrets.set(LEGACY_CACHE_KEY_ACCOUNT, (await first.secrets.get(cacheKeyAccountFor(a.baseUrl))) ?? '');

    const seen = b.received().length;
    const core = await open(dir, secrets, { PICKY_API_URL: a.baseUrl });
    expect(core.getState()).toMatchObject({ kind: 'ok', source: 'cache' });
    expect(core.getState().projects.map((p) => p.id)).toEqual(aProjects);
    expect(await secrets.get(tokenAccountFor(a.baseUrl))).toBe(DEMO_TOKEN);
    expect(await secrets.get(LEGACY_MASTER_TOKEN_ACCOUNT)).toBeNull();
    expect(await secrets.get(LEGACY_CACHE_KEY_ACCOUNT)).toBeNull();
    expect(await readdir(dir)).toEqual([cacheFileFor(a.baseUrl)]);
    await core.dispose();

    // Once: a later start at another address finds nothing to migrate, and A keeps its token.
    const other = await open(dir, secrets, { PICKY_API_URL: b.baseUrl });
    expect(other.getState().kind).toBe('no-token');
    await other.refresh();
    expect(await secrets.get(tokenAccountFor(b.baseUrl))).toBeNull();
    expect(await secrets.get(tokenAccountFor(a.baseUrl))).toBe(DEMO_TOKEN);
    expect(tokensReceived(b, seen)).toEqual([]);
  });
});
