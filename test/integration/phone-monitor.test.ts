// Phones through the real core against the emulator over HTTP: states, the IP-limited sentence, commands, the
// offline copy, and the budget ledger shared by two separate processes on one data folder.
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPickyCore, type PickyCore } from '../../app/core/picky-core';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { type BundledChild, bundleChild } from '../fault/helpers/bundle-child';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { tokenAccountFor } from '../helpers/accounts';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const PROJECT_TOKENS = buildDemoProjects().flatMap((p) => p.api_tokens.map((t) => t.token));
let emu: RunningEmulator;
const cores: PickyCore[] = [];
let child: BundledChild;

beforeAll(async () => {
  child = await bundleChild('test/helpers/phone-child.ts');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
  await emu?.close();
});
afterAll(async () => {
  await removeTempDirs();
});

async function open(
  dataDir: string,
  baseUrl: string,
  secrets = createMemorySecretStore({ [tokenAccountFor(baseUrl)]: DEMO_TOKEN }),
): Promise<PickyCore> {
  const core = await openPickyCore({ dataDir, env: { PICKY_API_URL: baseUrl }, secrets });
  cores.push(core);
  return core;
}

function expectNoProjectToken(value: unknown): void {
  const text = JSON.stringify(value);
  for (const t of PROJECT_TOKENS) expect(text).not.toContain(t);
}

describe('phone monitor against the emulator', () => {
  it('checks what the budget allows, oldest first, and says how many are older checks', async () => {
    emu = await startEmulator({ port: 0 });
    const core = await open(await makeTempDir('phones'), emu.baseUrl);
    await core.refresh();
    const result = await core.phones.checkWithinBudget();
    // 715, 716, 802 and 912 are the demo's phone projects: three fit in the minute.
    expect(result).toEqual({ checked: 3, older: 1 });
    const phones = core.getState().phones ?? {};
    expect(phones['715']).toMatchObject({ state: 'connected', connectedNumber: '9234324324' });
    expect(phones['716']).toMatchObject({ state: 'no-internet' });
    expect(phones['802']).toMatchObject({
      state: 'unknown',
      error: {
        code: 'ip-limited',
        message:
          "This project's API tokens are limited to 198.51.100.7; add a token without an IP limit in Picky Assist to see its phone here.",
      },
    });
    expect(phones['912']).toBeUndefined();
    expect(await core.phones.checkWithinBudget()).toEqual({ checked: 0, older: 4 });
    expect(emu.statusStats().demo).toMatchObject({ calls: 3, dropped: 0 });
    expectNoProjectToken(core.getState().phones);
  });

  it('keeps the last known states in the encrypted offline copy, with their check times', async () => {
    emu = await startEmulator({ port: 0 });
    const dir = await makeTempDir('phones-cache');
    const secrets = createMemorySecretStore({ [tokenAccountFor(emu.baseUrl)]: DEMO_TOKEN });
    const first = await open(dir, emu.baseUrl, secrets);
    await first.refresh();
    await first.phones.checkWithinBudget();
    const before = first.getState().phones;
    await first.dispose();
    cores.splice(0);
    await emu.close();
    const offline = await open(dir, emu.baseUrl, secrets);
    expect(offline.getState().source).toBe('cache');
    expect(offline.getState().phones).toEqual(before);
    expect(offline.getState().phones?.['715']?.checkedAt).toMatch(/^\d{4}-/);
  });

  it('sends commands with the project token; clearing the queue needs confirmation', async () => {
    emu = await startEmulator({ port: 0 });
    emu.setPhone({ projectId: 715, state: 'CONNECTED', queue: 5 });
    const core = await open(await makeTempDir('phones-cmd'), emu.baseUrl);
    await core.refresh();
    await expect(core.phones.command(715, 'clear-queue')).rejects.toThrow(/must be confirmed/);
    await core.phones.command(715, 'clear-queue', { confirmed: true });
    expect(await core.phones.checkProject(715)).toMatchObject({ state: 'connected', queueCount: 0 });
    await core.phones.command(715, 'restart');
    expect(await core.phones.checkProject(715)).toMatchObject({ state: 'no-internet' });
    await expect(core.phones.command(911, 'restart')).rejects.toThrow(/has no phone to check/);
  });

  it('two processes on one data folder share one budget: 3 status calls in the minute, none dropped', async () => {
    emu = await startEmulator({ port: 0 });
    const dir = await makeTempDir('phones-two');
    const run = () =>
      new Promise<{ checked: number }>((resolve, reject) => {
        const p = spawn(process.execPath, [child.file], {
          env: {
            ...process.env,
            ...child.env,
            PICKY_API_URL: emu.baseUrl,
            PICKY_TRAY_HOME: dir,
            CHILD_MS: '4000',
            CHILD_TOKEN: DEMO_TOKEN,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out) as { checked: number }) : reject(new Error(`child ${code}: ${err}`)),
        );
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.checked + b.checked).toBe(3);
    expect(emu.statusStats().demo).toEqual({ calls: 3, answered: 3, dropped: 0, maxInAnyMinute: 3 });
  });
});
