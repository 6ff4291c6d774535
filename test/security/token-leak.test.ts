// The master token never leaks: realistic flows with the real keychain, the emulator and real files, then a
// search for the token (as is, UTF-16, hex, base64 at every alignment) in every file the app wrote, everything
// it printed, and everything that crossed the IPC bridge. The emulator accepts only its fixture tokens, so the
// token is DEMO_TOKEN: a 32-character random hex string, unique enough to search for.
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { DEFAULT_MAX_BYTES } from '../../app/core/api-client';
import { logsDirFor } from '../../app/core/data-dir';
import { type MemoryLog, createLogger, createMemoryLog } from '../../app/core/logger';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';

import { createKeytarSecretStore } from '../../app/core/secret-store';
import { createLogFileSink } from '../../app/main/log-file';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { INVOKE_NAMES, type InvokeName } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { REPO_ROOT, runWithInput } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { findToken, listFiles, scanDirForToken } from './helpers/token-scan';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the token leak tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const TOKEN = DEMO_TOKEN;
/** Every secret of the demo account's projects: license keys and project API tokens. */
const PROJECT_SECRETS = buildDemoProjects().flatMap((p) => [
  ...(p.license_key ? [p.license_key] : []),
  ...p.api_tokens.map((t) => t.token),
]);

/** A logger like the desktop app's: the log file in the data folder's logs/, plus a copy in memory. */
function appLikeLogger(dataDir: string): { logger: ReturnType<typeof createLogger>; memory: MemoryLog } {
  const memory = createMemoryLog();
  return { logger: createLogger({ sinks: [createLogFileSink(logsDirFor(dataDir)), memory.sink] }), memory };
}
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
    { timeout: 180_000 },
    async () => {
      const home = await makeTempDir('leak-cli');
      const UNREACHABLE_URL = 'http://127.0.0.1:9/app/api/v2';
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
        expect(await keychain.get(tokenAccountFor(emulator.baseUrl))).toBe(TOKEN); // the flow really used the token

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
        // The failures run with --debug, so the log's lines are on stderr and searched too.
        emulator.setScenario({ http500Html: true });
        runs.push(
          ...(await Promise.all([
            cli(['projects', '--debug']),
            cli(['status', '--offline']),
            cli(['projects', '--offline', '--json', '--debug']),
          ])),
        );
        emulator.resetScenario();
        // The token belongs to one origin: the unreachable one gets the same token, so its failure is a network one.
        await keychain.set(tokenAccountFor(UNREACHABLE_URL), TOKEN);
        runs.push(await cli(['status', '--debug'], '', UNREACHABLE_URL));
        // Wrong ways to pass it: on the command line (refused without echoing it), and a bad token on stdin.
        runs.push(await cli(['token', 'set', TOKEN]));
        runs.push(await cli([`--token=${TOKEN}`]));
        runs.push(await cli(['token', 'set', '--debug'], 'not-the-token\n'));
        runs.push(await cli(['token', 'set', '--debug'], `${TOKEN}\n`));

        expect(runs).toHaveLength(19);
        // The debug runs really logged the failures (else this search would prove nothing).
        const debugErr = runs.filter((r) => r.args.includes('--debug')).map((r) => r.stderr);
        expect(debugErr.join('\n')).toMatch(/WARN {2}sync: Refreshing projects failed .*"code":"http-status"/);
        expect(debugErr.join('\n')).toMatch(/Refreshing projects failed .*"host":"127\.0\.0\.1:9"/);
        expect(debugErr.join('\n')).toMatch(/The server did not accept the new token/);
        for (const r of runs) {
          expect(findToken(r.stdout, TOKEN), `stdout of "picky-tray ${r.args.replace(TOKEN, '<token>')}"`).toEqual([]);
          expect(findToken(r.stderr, TOKEN), `stderr of "picky-tray ${r.args.replace(TOKEN, '<token>')}"`).toEqual([]);
        }
        expect((await listFiles(home)).length).toBeGreaterThan(0);
        expect(await scanDirForToken(home, TOKEN)).toEqual([]);
      } finally {
        for (const url of [emulator.baseUrl, UNREACHABLE_URL]) {
          await keychain.delete(tokenAccountFor(url)).catch(() => false);
          await keychain.delete(cacheKeyAccountFor(url)).catch(() => false);
        }
      }
    },
  );

  it('core and IPC: every invoke through dispatchInvoke and every event, JSON-serialized, hold no token', async () => {
    const dir = await makeTempDir('leak-ipc');
    const secrets = createKeytarSecretStore(`Picky Tray leak ${randomUUID()}`);
    const { logger, memory } = appLikeLogger(dir);
    let core: PickyCore | undefined;
    try {
      core = await openPickyCore({
        dataDir: dir,
        env: { PICKY_API_URL: emulator.baseUrl },
        secrets,
        logger,
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
      expect(await secrets.get(tokenAccountFor(emulator.baseUrl))).toBe(TOKEN);
      await call('getTokenStatus');
      const state = (await call('refresh')) as { value: { projects: { id: number; licenseKey?: string }[] } };
      const qrId = state.value.projects.find((p) => p.licenseKey)?.id ?? 0;
      await call('getState');
      await call('openQr', { projectId: qrId });
      await call('openQr', { projectId: 123456789 });
      await call('openLogsFolder');
      await call('openDashboard');
      // Project API tokens on explicit request: never the master token.
      const withApiToken =
        state.value.projects.find((p) => (p as { apiTokens?: unknown[] }).apiTokens?.length)?.id ?? 0;
      await call('revealApiToken', { projectId: withApiToken, index: 0 });
      await call('copyApiToken', { projectId: withApiToken, index: 0 });
      await call('revealApiToken', { projectId: 123456789, index: 0 });
      await call('focusPhone', { projectId: 715 });
      await call('phoneCheckSlot');
      await call('checkPhone', { projectId: 715 });
      await call('phoneCommand', { projectId: 715, command: 'clear-queue' });
      await call('phoneCommand', { projectId: 715, command: 'pause-queue' });
      await call('focusPhone', { projectId: null });
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
      // A project added by hand (with the Master token's value tried as its API token: refused, never echoed).
      await call('addManualProject', { name: 'Leak check', licenseKey: TOKEN, apiToken: TOKEN });
      const added = (await call('addManualProject', { name: 'By hand', licenseKey: 'PKYZ-LEAK-0001' })) as {
        value: { projectId: number };
      };
      await call('editManualProject', { projectId: added.value.projectId, name: 'By hand, renamed' });
      await call('removeManualProject', { projectId: added.value.projectId });
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
      expect(memory.records.length).toBeGreaterThan(3);
      expect(findToken(memory.text(), TOKEN), 'log lines').toEqual([]);
      expect(await listFiles(join(dir, 'logs'))).toEqual([join(dir, 'logs', 'main.log')]);
      expect(await scanDirForToken(dir, TOKEN)).toEqual([]);
    } finally {
      await core?.dispose();
      await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
      await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
    }
  });

  it(
    'the log, written during failures (wrong token, server 500, broken JSON, offline), holds no token or license key',
    { timeout: 60_000 },
    async () => {
      const dir = await makeTempDir('leak-log');
      const secrets = createKeytarSecretStore(`Picky Tray leak log ${randomUUID()}`);
      const { logger, memory } = appLikeLogger(dir);
      const env: Record<string, string> = { PICKY_API_URL: emulator.baseUrl };
      const OFFLINE_URL = 'http://127.0.0.1:9/app/api/v2';
      const core = await openPickyCore({ dataDir: dir, env, secrets, logger });
      try {
        await expect(core.setToken(parseMasterToken('wrong-token-for-this-server'))).rejects.toThrow();
        expect((await core.setToken(parseMasterToken(TOKEN))).kind).toBe('ok');
        // A careless caller: the logger masks what it knows, and secret-named keys, whatever they hold.
        const project = core.getState().projects.find((p) => p.licenseKey && p.apiTokens.length > 0);
        expect(project).toBeDefined();
        logger.warn(`careless ${TOKEN} ${project?.licenseKey ?? ''}`, { project, body: { token: TOKEN } });
        for (const scenario of [{ http500Html: true }, { malformedJson: true }, { closeMidway: true }]) {
          emulator.setScenario(scenario);
          await core.refresh();
          emulator.resetScenario();
        }
        // Offline: nothing listens there (the environment's address wins over the settings', and is read at each call).
        // The token belongs to one origin, so that origin is given the same token for this failure to be a network one.
        await secrets.set(tokenAccountFor(OFFLINE_URL), TOKEN);
        env.PICKY_API_URL = OFFLINE_URL;
        await core.refresh();
        env.PICKY_API_URL = emulator.baseUrl;
        await core.refresh();
      } finally {
        emulator.resetScenario();
        await core.dispose();
        for (const url of [emulator.baseUrl, OFFLINE_URL]) {
          await secrets.delete(tokenAccountFor(url)).catch(() => false);
          await secrets.delete(cacheKeyAccountFor(url)).catch(() => false);
        }
      }
      const file = await readFile(join(dir, 'logs', 'main.log'), 'utf8');
      // The failures are in the log, each with what was being done and why: this search has something to search.
      for (const expected of [
        /The server did not accept the new token/,
        /Refreshing projects failed .*"code":"http-status"/,
        /Refreshing projects failed .*"code":"not-json"/,
        /Refreshing projects failed .*"code":"network"/,
        /Refreshing projects failed .*"host":"127\.0\.0\.1:9"/,
        /Refreshing projects works again/,
        /careless \[redacted\] \[redacted\]/,
      ]) {
        expect(file).toMatch(expected);
      }
      for (const secret of [TOKEN, 'wrong-token-for-this-server', ...PROJECT_SECRETS]) {
        expect(findToken(file, secret), `log file: ${secret.slice(0, 4)}…`).toEqual([]);
        expect(findToken(memory.text(), secret), `log lines: ${secret.slice(0, 4)}…`).toEqual([]);
        expect(await scanDirForToken(dir, secret)).toEqual([]);
      }
    },
  );

  it('the cache file’s bytes hold no token, even for an account with thousands of projects', async () => {
    const dir = await makeTempDir('leak-cache');
    const secrets = createKeytarSecretStore(`Picky Tray leak cache ${randomUUID()}`);
    emulator.setScenario({ generatedProjects: 2000 });
    const core = await openPickyCore({ dataDir: dir, env: { PICKY_API_URL: emulator.baseUrl }, secrets });
    try {
      const state = await core.setToken(parseMasterToken(TOKEN));
      expect(state.kind).toBe('ok');
      const files = await listFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      expect(await scanDirForToken(dir, TOKEN)).toEqual([]);
    } finally {
      emulator.resetScenario();
      await core.dispose();
      await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
      await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
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
