// `picky-tray phones`, `phone <id>` (and its commands) and `status` with phones, end to end: a real child process,
// the emulator over HTTP, the real keychain and a real data folder whose budget ledger every run shares.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_FILE_NAME } from '../../app/core/phone-budget';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { CLI_TEST_TIMEOUT_MS, REPO_ROOT } from '../helpers/run-tsx';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping CLI phone tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const PROJECT_TOKENS = buildDemoProjects().flatMap((p) => p.api_tokens.map((t) => t.token));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], home: string, apiUrl: string, stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: home, NO_COLOR: '1', PICKY_DEBUG: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      for (const t of PROJECT_TOKENS) {
        expect(stdout, `project token in stdout of ${args.join(' ')}`).not.toContain(t);
        expect(stderr, `project token in stderr of ${args.join(' ')}`).not.toContain(t);
      }
      done({ code, stdout, stderr });
    });
  });
}

const keychain = createKeytarSecretStore();
const emulators: RunningEmulator[] = [];

// Each test starts several CLI processes; on a busy 2-core machine each start can take seconds. A bound for a
// hang, not a speed check.
describe.skipIf(!haveBus)('picky-tray phones', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let emu: RunningEmulator;
  let home: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    emulators.push(emu);
    home = await makeTempDir('cli-phones');
    expect((await cli(['token', 'set'], home, emu.baseUrl, DEMO_TOKEN)).code).toBe(0);
  });
  afterAll(async () => {
    for (const e of emulators) {
      await e.close();
      // The CLI keeps a token per API origin: each emulator (its own port) had one.
      await keychain.delete(tokenAccountFor(e.baseUrl)).catch(() => false);
      await keychain.delete(cacheKeyAccountFor(e.baseUrl)).catch(() => false);
    }
    await removeTempDirs();
  });

  it('phones --json checks what the budget allows, oldest first, and says how many are older', async () => {
    const r = await cli(['phones', '--json'], home, emu.baseUrl);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^3 phones checked now; 1 shows its last check\. Picky Assist answers 3 phone checks a minute/,
    );
    const json = JSON.parse(r.stdout) as {
      source: string;
      stale: boolean;
      phones: { projectId: number; state: string }[];
    };
    expect(json).toMatchObject({ source: 'network', stale: false });
    expect(json.phones.map((p) => [p.projectId, p.state])).toEqual([
      [715, 'connected'],
      [716, 'no-internet'],
      [802, 'unknown'],
      [912, 'unknown'],
    ]);
    expect(json.phones[0]).toMatchObject({ name: 'Acme Support Line', connectedNumber: '9234324324' });
    expect(json.phones[2]).toMatchObject({ error: { code: 'ip-limited' } });
    expect(json.phones[3]).not.toHaveProperty('checkedAt');
  });

  it('a second run in the same minute checks nothing more and shows the last states; never over the limit', async () => {
    const r = await cli(['phones'], home, emu.baseUrl);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^No phone checked now; 4 show their last check\./);
    expect(r.stdout).toMatch(
      /^ID\s+NAME\s+PHONE\s+SINCE\s+NUMBER\s+QUEUE\s+CHECKED\n715\s+Acme Support Line\s+connected/,
    );
    expect(r.stdout).toMatch(/912\s+Harbor Clinic Reminders\s+not checked/);
    const status = await cli(['status', '--json'], home, emu.baseUrl);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({
      source: 'network',
      stale: false,
      projects: { total: 6, active: 4, expired: 1, deleted: 1 },
      phones: { total: 4, connected: 1, offline: 1, unpaired: 0, unknown: 1, notChecked: 1 },
      line: '6 projects: 4 active, 1 expired, 1 deleted · 1 phone connected, 1 offline, 1 unknown, 1 not checked yet · updated just now',
      exitCode: 1,
    });
    expect(emu.statusStats().demo).toMatchObject({ calls: 3, dropped: 0 });
  });

  it('commands: clear-queue refuses without --yes (exit 64); restart goes through; no phone on WhatsApp Official', async () => {
    const refused = await cli(['phone', '715', 'clear-queue'], home, emu.baseUrl);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toMatch(
      /^Clearing the queue of “Acme Support Line” deletes \d+ queued messages? \(at the last check\)\. To do it, run `picky-tray phone 715 clear-queue --yes`\./,
    );
    const cleared = await cli(['phone', '715', 'clear-queue', '--yes'], home, emu.baseUrl);
    expect(cleared).toMatchObject({
      code: 0,
      stdout: '“Acme Support Line”: The message queue was cleared: its messages will not be sent.\n',
    });
    expect((await cli(['phone', '715', 'restart'], home, emu.baseUrl)).code).toBe(0);
    const official = await cli(['phone', '911'], home, emu.baseUrl);
    expect(official.code).toBe(64);
    expect(official.stderr).toMatch(/WhatsApp Official Account project: there is no phone/);
  });

  it('phone <id> checks now and exits 1 when that phone is not connected; --offline status keeps the last states', async () => {
    const fresh = await startEmulator({ port: 0 });
    emulators.push(fresh);
    const other = await makeTempDir('cli-phone');
    expect((await cli(['token', 'set'], other, fresh.baseUrl, DEMO_TOKEN)).code).toBe(0);
    const r = await cli(['phone', '716', '--json'], other, fresh.baseUrl);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      projectId: 716,
      state: 'no-internet',
      connectedNumber: '447700900123',
    });
    const ok = await cli(['phone', '715'], other, fresh.baseUrl);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Project:\s+715 Acme Support Line\nPhone:\s+connected since/);
    await fresh.close();
    const offline = await cli(['status'], other, fresh.baseUrl);
    expect(offline.code).toBe(3);
    expect(offline.stdout).toMatch(/· 1 phone connected, 1 offline, 2 not checked yet · offline copy from/);
  });

  it('phone <id> with the minute’s checks used up waits for the free slot, says so, then checks and prints', async () => {
    const fresh = await startEmulator({ port: 0 });
    emulators.push(fresh);
    const other = await makeTempDir('cli-phone-wait');
    expect((await cli(['token', 'set'], other, fresh.baseUrl, DEMO_TOKEN)).code).toBe(0);
    // Another Picky Tray used the minute's 3 checks 57 s ago: the next slot is about 3 s away.
    const spent = Date.now() - 57_000;
    const calls = [1, 2, 3].map((n) => ({ id: `other-${n}`, until: spent }));
    await writeFile(join(other, BUDGET_FILE_NAME), JSON.stringify({ version: 1, calls }));
    const r = await cli(['phone', '716', '--json'], other, fresh.baseUrl);
    expect(r.stderr).toMatch(/^Waiting \d+ s for a free phone check…/);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ projectId: 716, state: 'no-internet' });
    expect(fresh.statusStats()['demo']).toMatchObject({ calls: 1, dropped: 0 });
    await fresh.close();
  });
});
