// Project API tokens never leak through the phone work: every phone call sends one, so after realistic flows (the
// CLI's phones, phone, commands and status; the IPC invokes and events; failing and IP-limited checks, with debug
// logging) each project API token is searched for (as is, UTF-16, hex, base64 at every alignment) in everything
// printed, every phone state and invoke answer that crossed IPC, every log line and every file in the data folder.
// (The project list reaches the window with those tokens masked: project-tokens.ts and its own tests.)
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createMemoryLog } from '../../app/core/logger';
import { parseMasterToken } from '../../app/core/master-token';
import type { BudgetLedger } from '../../app/core/phone-budget';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { createCoreHandlers } from '../../app/shared/core-handlers';
import { type InvokeName } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { REPO_ROOT, runWithInput } from '../helpers/run-tsx';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { findToken, listFiles, scanDirForToken } from './helpers/token-scan';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the project token leak tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

/** A ledger that always has room and never pauses: this test is about what is sent and written, not the budget
 *  (the CLI test above uses the real ledger file). */
const roomyLedger: BudgetLedger = {
  read: async () => ({ calls: [] }),
  take: async () => ({ granted: true, id: randomUUID() }),
  settle: async () => undefined,
  pause: async () => undefined,
};

const PROJECT_TOKENS = buildDemoProjects().flatMap((p) => p.api_tokens.map((t) => t.token));

let emulator: RunningEmulator;
beforeAll(async () => {
  // No status limit here: the flows below make more phone checks than a minute allows, to have something to search.
  emulator = await startEmulator({ port: 0, scenario: { statusLimitPerMinute: 0 } });
});
afterAll(async () => {
  await emulator?.close();
  await removeTempDirs();
});

function expectNoProjectToken(haystack: string | Buffer, where: string): void {
  for (const token of PROJECT_TOKENS) expect(findToken(haystack, token), `${where}: ${token.slice(0, 4)}…`).toEqual([]);
}

describe.skipIf(!haveBus)('project API tokens never leak through phones', () => {
  it(
    'CLI: phones, phone, commands, status --json, failures with --debug; and the data folder',
    { timeout: 180_000 },
    async () => {
      expect(PROJECT_TOKENS.length).toBeGreaterThan(3);
      const home = await makeTempDir('leak-phones-cli');
      const homes = [home];
      const keychain = createKeytarSecretStore();
      // Each data folder has its own budget ledger: the single-phone checks run in folders of their own, so none waits
      // a minute for a free slot behind the first folder's checks (the emulator's own limit is off here).
      const cli = (args: string[], stdin = '', dataDir = home) =>
        runWithInput(
          process.execPath,
          ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args],
          { ...process.env, PICKY_API_URL: emulator.baseUrl, PICKY_TRAY_HOME: dataDir, NO_COLOR: '1' },
          stdin,
        ).then((r) => ({ args: args.join(' '), ...r }));
      const elsewhere = async (args: string[]) => {
        const dir = await makeTempDir('leak-phones-cli');
        homes.push(dir);
        return cli(args, '', dir);
      };
      try {
        expect((await cli(['token', 'set'], `${DEMO_TOKEN}\n`)).code).toBe(0);
        const runs = [];
        for (const args of [
          ['phones', '--debug'],
          ['phones', '--json'],
          ['phone', '715', 'restart', '--debug'],
          ['phone', '715', 'clear-queue'],
          ['phone', '715', 'clear-queue', '--yes', '--debug'],
          ['status', '--json'],
          ['status', '--debug'],
          ['phones', '--offline', '--json'],
        ]) {
          runs.push(await cli(args));
        }
        runs.push(await elsewhere(['phone', '715', '--json', '--debug']));
        runs.push(await elsewhere(['phone', '802', '--debug', '--verbose'])); // IP-limited: explained as the limit
        emulator.setScenario({ deviceStatusFault: 'refuse' });
        runs.push(await elsewhere(['phone', '716', '--debug', '--verbose']));
        emulator.setScenario({ deviceStatusFault: 'html' });
        runs.push(await elsewhere(['phone', '716', '--debug', '--verbose']));
        emulator.resetScenario();
        emulator.setScenario({ statusLimitPerMinute: 0 });

        // The flows really happened: states, a refusal explained, a command sent, debug lines written.
        const all = runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n');
        expect(all).toMatch(/limited to 198\.51\.100\.7/);
        expect(all).toMatch(/The Picky Assist app on the phone is restarting/);
        expect(all).toMatch(/"state": "connected"/);
        for (const r of runs) {
          expectNoProjectToken(r.stdout, `stdout of "picky-tray ${r.args}"`);
          expectNoProjectToken(r.stderr, `stderr of "picky-tray ${r.args}"`);
        }
        for (const dir of homes) {
          expect((await listFiles(dir)).length).toBeGreaterThan(1);
          for (const token of PROJECT_TOKENS) expect(await scanDirForToken(dir, token)).toEqual([]);
        }
      } finally {
        await keychain.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
        await keychain.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
      }
    },
  );

  it('IPC: the phone invokes’ answers and every phone state sent as an event; the log; the data folder', async () => {
    const dir = await makeTempDir('leak-phones-ipc');
    const secrets = createKeytarSecretStore(`Picky Tray leak phones ${randomUUID()}`);
    const memory = createMemoryLog();
    const logger = createLogger({ sinks: [memory.sink], level: 'debug' });
    let core: PickyCore | undefined;
    try {
      core = await openPickyCore({
        dataDir: dir,
        env: { PICKY_API_URL: emulator.baseUrl },
        secrets,
        logger,
        budgetLedger: roomyLedger,
      });
      const phoneEvents: unknown[] = [];
      core.subscribe((s) => phoneEvents.push({ phones: s.phones, error: s.error, warning: s.warning }));
      const handlers = createCoreHandlers(core, {
        mode: 'electron',
        version: '0.0.0',
        platform: process.platform,
        openExternal: async () => true,
        openQr: async () => true,
      });
      const outputs: Array<{ name: InvokeName; envelope: unknown }> = [];
      const call = async (name: InvokeName, input?: unknown) => {
        const envelope = await dispatchInvoke(handlers, name, input);
        outputs.push({ name, envelope });
        return envelope;
      };
      expect((await core.setToken(parseMasterToken(DEMO_TOKEN))).kind).toBe('ok');
      await call('focusPhone', { projectId: 715 });
      for (const id of [715, 716, 802, 912]) await call('checkPhone', { projectId: id });
      expect(await core.phones.checkWithinBudget()).toMatchObject({ checked: 4 });
      for (const command of ['restart', 'pause-queue', 'resume-queue', 'clear-queue'] as const) {
        await call('phoneCommand', { projectId: 716, command });
        await call('phoneCommand', { projectId: 802, command, confirmed: true }); // refused: IP-limited
      }
      await call('phoneCommand', { projectId: 716, command: 'clear-queue', confirmed: true });
      await call('phoneCommand', { projectId: 911, command: 'restart' }); // no phone
      for (const fault of ['refuse', 'html'] as const) {
        emulator.setScenario({ deviceStatusFault: fault });
        await core.phones.checkProject(715);
        await call('phoneCommand', { projectId: 715, command: 'restart' });
      }
      emulator.resetScenario();
      emulator.setScenario({ statusLimitPerMinute: 0 });
      await call('focusPhone', { projectId: null });
      await core.flushPhones();

      const phones = core.getState().phones ?? {};
      expect(Object.keys(phones).sort()).toEqual(['715', '716', '802', '912']);
      expect(phones['802']?.error?.code).toBe('ip-limited');
      expect(outputs.some((o) => (o.envelope as { ok: boolean }).ok === false)).toBe(true);
      for (const o of outputs) expectNoProjectToken(JSON.stringify(o.envelope), `answer of ${o.name}`);
      expect(phoneEvents.length).toBeGreaterThan(5);
      expectNoProjectToken(JSON.stringify(phoneEvents), 'phone states sent as events');
      expect(memory.text()).toMatch(/phones/);
      expectNoProjectToken(memory.text(), 'log lines');
      for (const token of PROJECT_TOKENS) expect(await scanDirForToken(dir, token)).toEqual([]);
    } finally {
      emulator.resetScenario();
      emulator.setScenario({ statusLimitPerMinute: 0 });
      await core?.dispose();
      await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
      await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
    }
  });
});
