// The master token never leaks: realistic flows with the real keychain, the emulator and real files, then a
// search for the token (as is, UTF-16, hex, base64 at every alignment) in every file the app wrote, everything
// it printed, and everything that crossed the IPC bridge. The emulator accepts only its fixture tokens, so the
// token is DEMO_TOKEN: a 32-character random hex string, unique enough to search for.
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES } from '../../app/core/api-client';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { CACHE_KEY_ACCOUNT, MASTER_TOKEN_ACCOUNT } from '../../app/core/ports';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { INVOKE_NAMES, type InvokeName } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { REPO_ROOT, runWithInput } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { findToken, listFiles, scanDirForToken } from './helpers/token-scan';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the token leak tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const TOKEN = DEMO_TOKEN;
const startedAt = Date.now();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await removeTempDirs();
});

interface Run {
  args: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!haveBus)('the master token never leaks', () => {
  it(
    'CLI end to end: token set, projects, project, qr, status, --json, --reveal, --offline, failures',
    { timeout: 90_000 },
    async () => {
      const home = await makeTempDir('leak-cli');
      // The CLI uses the app's own keychain entry; this keyring is the private one of scripts/with-keyring.sh.
      const keychain = createKeytarSecretStore();
      const cli = (args: string[], stdin = '', apiUrl = emulator.baseUrl): Promise<Run> => {
        const env = { ...process.env, PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: home, NO_COLOR: '1', PICKY_DEBUG: '' };
        return runWithInput(
          process.execPath,
          ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args],
          env,
          stdin,
        ).then((r) => ({ args: args.join(' '), code: r.code, stdout: r.stdout, stderr: r.stderr }));
      };
      try {
        const runs: Run[] = [];
        const set = await cli(['token', 'set'], `${TOKEN}\n`);
        runs.push(set);
        expect(set.code, set.stderr).toBe(0);
        expect(await keychain.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN); // the flow really used the token

        const list = await cli(['projects', '--json']);
        runs.push(list);
        const ids = (JSON.parse(list.stdout) as { projects: { id: number; licenseKey?: string }[] }).projects;
        const withQr = ids.find((p) => p.licenseKey)?.id ?? ids[0]?.id ?? 0;
        const other = ids.find((p) => !p.licenseKey)?.id ?? withQr;
        runs.push(
          ...(await Promise.all([
            cli(['projects']),
            cli(['projects', '--json', '--reveal']),
            cli(['project', String(withQr)]),
            cli(['project', String(withQr), '--json', '--reveal']),
            cli(['qr', String(withQr)]),
            cli(['qr', String(other)]),
            cli(['status']),
            cli(['token', 'status']),
            cli(['project', '999999']),
          ])),
        );
        // Offline and failing: the server is told to fail, then is unreachable.
        emulator.setScenario({ http500Html: true });
        runs.push(
          ...(await Promise.all([
            cli(['projects']),
            cli(['status', '--offline']),
            cli(['projects', '--offline', '--json']),
          ])),
        );
        emulator.resetScenario();
        runs.push(await cli(['status'], '', 'http://127.0.0.1:9/app/api/v2'));
        // Wrong ways to pass it: on the command line (refused without echoing it), and a bad token on stdin.
        runs.push(await cli(['token', 'set', TOKEN]));
        runs.push(await cli([`--token=${TOKEN}`]));
        runs.push(await cli(['token', 'set'], 'not-the-token\n'));
        runs.push(await cli(['token', 'set'], `${TOKEN}\n`));

        expect(runs).toHaveLength(19);
        for (const r of runs) {
          expect(findToken(r.stdout, TOKEN), `stdout of "picky-tray ${r.args.replace(TOKEN, '<token>')}"`).toEqual([]);
          expect(findToken(r.stderr, TOKEN), `stderr of "picky-tray ${r.args.replace(TOKEN, '<token>')}"`).toEqual([]);
        }
        expect((await listFiles(home)).length).toBeGreaterThan(0);
        expect(await scanDirForToken(home, TOKEN)).toEqual([]);
      } finally {
        await keychain.delete(MASTER_TOKEN_ACCOUNT).catch(() => false);
        await keychain.delete(CACHE_KEY_ACCOUNT).catch(() => false);
      }
    },
  );

  it('core and IPC: every invoke through dispatchInvoke and every event, JSON-serialized, hold no token', async () => {
    const dir = await makeTempDir('leak-ipc');
    const secrets = createKeytarSecretStore(`Picky Tray leak ${randomUUID()}`);
    let core: PickyCore | undefined;
    try {
      core = await openPickyCore({
        dataDir: dir,
        env: { PICKY_API_URL: emulator.baseUrl },
        secrets,
      });
      const events: unknown[] = [];
      core.subscribe((s) => events.push(s));
      core.onDiff((d) => events.push(d));
      const opened: unknown[] = [];
      const handlers = createCoreHandlers(core, {
        mode: 'electron',
        version: '0.0.0',
        platform: process.platform,
        openExternal: async (url) => (opened.push(url), true),
        openQr: async (id) => (opened.push(id), true),
        launchAtLogin: {
          supported: true,
          current: async () => core!.getSettingsView().settings.launchAtLogin,
          set: async (enabled) => void (await core!.updateSettings({ launchAtLogin: enabled })),
        },
      });
      const outputs: Array<{ name: string; envelope: unknown }> = [];
      const invoked = new Set<InvokeName>();
      const call = async (name: InvokeName, input?: unknown): Promise<unknown> => {
        invoked.add(name);
        const envelope = await dispatchInvoke(handlers, name, input);
        outputs.push({ name, envelope });
        return envelope;
      };

      await call('getAppInfo');
      await call('getTokenStatus');
      await call('setToken', { token: 'wrong-token-for-this-server' });
      expect(await call('setToken', { token: `  ${TOKEN}\n` })).toMatchObject({ ok: true, value: { kind: 'ok' } });
      expect(await secrets.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
      await call('getTokenStatus');
      const state = (await call('refresh')) as { value: { projects: { id: number; licenseKey?: string }[] } };
      const qrId = state.value.projects.find((p) => p.licenseKey)?.id ?? 0;
      await call('getState');
      await call('openQr', { projectId: qrId });
      await call('openQr', { projectId: 123456789 });
      // Project API tokens on explicit request: never the master token.
      const withApiToken =
        state.value.projects.find((p) => (p as { apiTokens?: unknown[] }).apiTokens?.length)?.id ?? 0;
      await call('revealApiToken', { projectId: withApiToken, index: 0 });
      await call('copyApiToken', { projectId: withApiToken, index: 0 });
      await call('revealApiToken', { projectId: 123456789, index: 0 });
      await call('openExternal', { url: 'https://pickyassist.com/' });
      await call('openExternal', { url: `javascript:alert("${TOKEN}")` });
      await call('getSettings');
      await call('updateSettings', { refreshIntervalMinutes: 30, notifications: false, launchAtLogin: true });
      for (const scenario of [
        { http500Html: true },
        { malformedJson: true },
        { closeMidway: true },
        { oversizeBytes: DEFAULT_MAX_BYTES + 1024 * 1024 },
      ]) {
        emulator.setScenario(scenario);
        await call('refresh');
        emulator.resetScenario();
      }
      await call('updateSettings', { apiBaseUrl: 'http://127.0.0.1:9/app/api/v2' });
      await call('refresh');
      await call('updateSettings', { apiBaseUrl: null });
      await call('clearCache');
      await call('refresh');
      await call('clearToken');
      await call('getState');

      expect([...invoked].sort()).toEqual([...INVOKE_NAMES].sort());
      expect(outputs.some((o) => (o.envelope as { ok: boolean }).ok === false)).toBe(true);
      expect(events.length).toBeGreaterThan(5);
      for (const o of outputs) expect(findToken(JSON.stringify(o.envelope), TOKEN), `output of ${o.name}`).toEqual([]);
      expect(findToken(JSON.stringify(events), TOKEN), 'events').toEqual([]);
      expect(findToken(JSON.stringify(opened), TOKEN), 'shell hooks').toEqual([]);
      expect(await scanDirForToken(dir, TOKEN)).toEqual([]);
    } finally {
      await core?.dispose();
      await secrets.delete(MASTER_TOKEN_ACCOUNT).catch(() => false);
      await secrets.delete(CACHE_KEY_ACCOUNT).catch(() => false);
    }
  });

  it('the cache file’s bytes hold no token, even for an account with thousands of projects', async () => {
    const dir = await makeTempDir('leak-cache');
    const secrets = createKeytarSecretStore(`Picky Tray leak cache ${randomUUID()}`);
    emulator.setScenario({ generatedProjects: 2000 });
    const core = await openPickyCore({ dataDir: dir, env: { PICKY_API_URL: emulator.baseUrl }, secrets });
    try {
      const state = await core.setToken(TOKEN);
      expect(state.kind).toBe('ok');
      const files = await listFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      expect(await scanDirForToken(dir, TOKEN)).toEqual([]);
    } finally {
      emulator.resetScenario();
      await core.dispose();
      await secrets.delete(MASTER_TOKEN_ACCOUNT).catch(() => false);
      await secrets.delete(CACHE_KEY_ACCOUNT).catch(() => false);
    }
  });

  it('test-results/ files written during this run hold no token', async () => {
    const root = join(REPO_ROOT, 'test-results');
    const recent: string[] = [];
    for (const path of await listFiles(root)) {
      if ((await stat(path)).mtimeMs >= startedAt) recent.push(path);
    }
    // The runners' own reports are written after the tests, so in practice these are other suites' artefacts.
    for (const path of recent) expect(findToken(await readFile(path), TOKEN), path).toEqual([]);
  });
});
