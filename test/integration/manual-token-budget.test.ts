// A hand-added project's token check is a status call like any phone check: it takes a slot of the account's
// budget (3 status calls in any 60 s), in the real ledger file of the data folder that every Picky Tray process
// shares. Here the ledger is full (three real status calls the emulator received), and a project is added through
// the core and through the CLI (a real child process): the check waits for the slot, says so, and succeeds, and the
// emulator never sees more than 3 status calls in any minute.
//
// No minute is waited for: the three calls are made while the emulator's clock (and the ledger's) reads 57 s
// earlier than now, so to both of them they happened 57 s ago and the slot frees 3 s later. Nothing asserts a time.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchDeviceStatus } from '../../app/core/api-client';
import { originSecretAccount } from '../../app/core/origin-secrets';
import { createFileBudgetLedger } from '../../app/core/phone-budget';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { startEmulator } from '../emulator/server';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { REPO_ROOT } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the token-check budget tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

// Project 715's token fills the budget; project 912's (same demo account, no IP limit) is the one added by hand.
const TOKEN_715 = '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2';
const KEY_912 = 'PKYH-912C-HRBR-5N1Z';
const TOKEN_912 = '6d2e9b4f1a7c3e5d8b0f2a4c6e8d1b3f';
const EARLIER_MS = 57_000;

const keychain = createKeytarSecretStore();
const cores: PickyCore[] = [];
const emulators: Awaited<ReturnType<typeof startEmulator>>[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.dispose()));
  for (const emu of emulators.splice(0)) {
    if (haveBus) {
      const origin = new URL(emu.baseUrl).origin;
      await keychain.delete(tokenAccountFor(emu.baseUrl));
      await keychain.delete(cacheKeyAccountFor(emu.baseUrl));
      await keychain.delete(originSecretAccount('project-license-key:1', origin));
      await keychain.delete(originSecretAccount('project-api-token:1', origin));
    }
    await emu.close().catch(() => undefined);
  }
  await removeTempDirs();
});

/** An emulator (listing refused) and a data folder whose ledger holds three status calls it really received. */
async function fullBudget(label: string) {
  let skew = -EARLIER_MS;
  const now = () => Date.now() + skew;
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', scenario: { listingRefused: true }, now });
  emulators.push(emu);
  const dir = await makeTempDir(label);
  const ledger = createFileBudgetLedger(dir, { now });
  for (let i = 0; i < 3; i++) {
    const take = await ledger.take(3, now() + 12_000);
    if (!take.granted) throw new Error('The empty ledger refused a status call.');
    await fetchDeviceStatus({ baseUrl: emu.baseUrl, token: TOKEN_715 });
    await ledger.settle(take.id, now());
  }
  skew = 0;
  expect((await ledger.read()).calls).toHaveLength(3);
  expect(emu.statusStats().demo).toMatchObject({ calls: 3, dropped: 0 });
  return { emu, dir };
}

function cli(args: string[], env: Record<string, string>, stdin: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!haveBus)('a hand-added token is checked within the shared status-call budget', () => {
  it('the core waits for a free slot (saying until when), then adds the project; never 4 calls in a minute', async () => {
    const { emu, dir } = await fullBudget('budget-core');
    const core = await openPickyCore({ dataDir: dir, env: { PICKY_API_URL: emu.baseUrl } });
    cores.push(core);

    const waits: number[] = [];
    const result = await core.addManualProject(
      { name: 'Front desk', licenseKey: KEY_912, apiToken: TOKEN_912 },
      { onWait: (until) => waits.push(until) },
    );

    expect(result.check).toBe('checked');
    expect(result.projectId).toBe(912);
    expect(waits.length).toBeGreaterThan(0);
    expect(core.getState().projects.map((p) => p.name)).toContain('Front desk');
    const stats = emu.statusStats().demo;
    expect(stats).toMatchObject({ calls: 4, dropped: 0 });
    expect(stats?.maxInAnyMinute).toBeLessThanOrEqual(3);
  });

  it('the CLI says it is waiting for a free status call, then adds the project; never 4 calls in a minute', async () => {
    const { emu, dir } = await fullBudget('budget-cli');
    const run = await cli(
      ['project', 'add', '--name', 'Front desk'],
      { PICKY_API_URL: emu.baseUrl, PICKY_TRAY_HOME: dir },
      `${KEY_912}\n${TOKEN_912}\n`,
    );

    expect(run.stderr, run.stdout).toMatch(/Waiting \d+ s for a free status call to check the API token/);
    expect(run.stderr).toContain('3 phone checks a minute for the whole account');
    expect(run.stdout, run.stderr).toContain('Picky Assist accepted the API token: project 912');
    expect(run.code).toBe(0);
    const stats = emu.statusStats().demo;
    expect(stats).toMatchObject({ calls: 4, dropped: 0 });
    expect(stats?.maxInAnyMinute).toBeLessThanOrEqual(3);
  });
});
