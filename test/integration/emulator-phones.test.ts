// The emulator's phones over real HTTP: states a test sets, commands that change them, and the 3-a-minute limit
// on status calls per account (the call over it is dropped: no answer), counted in /__emulator/stats.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PHONE_OFFLINE, DEMO_PHONE_UNPAIRED } from '../emulator/fixtures';
import { DRAIN_EVERY_MS, RESTART_OFFLINE_MS } from '../emulator/phones';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN_715 = '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2';
const TOKEN_716 = 'e5a1c9d7b3f2048e6a1d5c9b7f3e2a0d';
const TOKEN_912 = '6d2e9b4f1a7c3e5d8b0f2a4c6e8d1b3f';
const TOKEN_1201 = '5e4d3c2b1a0f9e8d7c6b5a4938271605';

const emulators: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of emulators.splice(0)) await e.close();
});

async function start(now?: () => number): Promise<RunningEmulator> {
  const emu = await startEmulator({ port: 0, ...(now ? { now } : {}) });
  emulators.push(emu);
  return emu;
}

async function post(url: string, body: unknown, timeoutMs = 10_000): Promise<Record<string, unknown> | 'no answer'> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await res.json()) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') return 'no answer';
    throw e;
  }
}

const status = (emu: RunningEmulator, token: string, timeoutMs?: number) =>
  post(`${emu.baseUrl}/device-status`, { token, application: 10 }, timeoutMs);
const action = (emu: RunningEmulator, token: string, command: string) =>
  post(`${emu.baseUrl}/device-action`, { token, command });

describe('emulator phones', () => {
  it('starts the demo with one phone offline and one not paired, answering the documented fields', async () => {
    const emu = await start();
    expect(await status(emu, TOKEN_715)).toMatchObject({
      project_id: '715',
      status: 'CONNECTED',
      connected_number: '9234324324',
    });
    expect(await status(emu, TOKEN_716)).toMatchObject({ status: 'TIMEOUT' });
    expect(await status(emu, TOKEN_912)).toMatchObject({ status: 'UNPAIRED', connected_number: '' });
    expect([DEMO_PHONE_OFFLINE, DEMO_PHONE_UNPAIRED]).toEqual([716, 912]);
  });

  it('lets a test set a phone over HTTP and rejects a bad body with a reason', async () => {
    const t = 1_000_000;
    const emu = await start(() => t);
    const set = await fetch(`${emu.origin}/__emulator/phone`, {
      method: 'POST',
      body: JSON.stringify({ projectId: 912, state: 'CONNECTED', connectedNumber: '61491570156', queue: 2 }),
    });
    expect(set.status).toBe(200);
    expect(await status(emu, TOKEN_912)).toMatchObject({
      status: 'CONNECTED',
      connected_number: '61491570156',
      message_queue_count: 2,
    });
    const bad = await fetch(`${emu.origin}/__emulator/phone`, {
      method: 'POST',
      body: JSON.stringify({ projectId: 912, state: 'ASLEEP' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/state/);
    const unknown = await fetch(`${emu.origin}/__emulator/phone`, {
      method: 'POST',
      body: JSON.stringify({ projectId: 4242, state: 'CONNECTED' }),
    });
    expect(unknown.status).toBe(400);
  });

  it('drains the queue while connected; pause stops it, clear empties it, restart is a short TIMEOUT', async () => {
    let t = 5_000_000;
    const emu = await start(() => t);
    emu.setPhone({ projectId: 715, state: 'CONNECTED', queue: 6 });
    t += 2 * DRAIN_EVERY_MS;
    expect(await status(emu, TOKEN_715)).toMatchObject({ message_queue_count: 4 });
    expect(await action(emu, TOKEN_715, 'stop-message-queue')).toEqual({ status: 100, message: 'Success' });
    t += 5 * DRAIN_EVERY_MS;
    expect(await status(emu, TOKEN_715)).toMatchObject({ message_queue_count: 4 });
    await action(emu, TOKEN_715, 'delete-message-queue');
    t += 60_000; // a fresh minute for the status limit
    expect(await status(emu, TOKEN_715)).toMatchObject({ message_queue_count: 0 });
    await action(emu, TOKEN_715, 'restart');
    expect(await status(emu, TOKEN_715)).toMatchObject({ status: 'TIMEOUT' });
    t += RESTART_OFFLINE_MS;
    expect(await status(emu, TOKEN_715)).toMatchObject({ status: 'CONNECTED' });
    expect(await action(emu, TOKEN_715, 'format-phone')).toMatchObject({ status: 400 });
  });

  it('GET /__emulator/phone reads a phone and the commands it received, without counting a status call', async () => {
    let t = 7_000_000;
    const emu = await start(() => t);
    const read = async (projectId: number) => {
      const res = await fetch(`${emu.origin}/__emulator/phone?projectId=${projectId}`);
      return { code: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await read(912)).toEqual({
      code: 200,
      body: { state: 'UNPAIRED', connectedNumber: '', queue: 0, paused: false, restarting: false, commands: [] },
    });
    await action(emu, TOKEN_912, 'restart');
    expect((await read(912)).body).toMatchObject({ state: 'TIMEOUT', restarting: true, commands: ['restart'] });
    expect(emu.phone(715).commands).toEqual([]);
    t += RESTART_OFFLINE_MS;
    expect(emu.phone(912)).toMatchObject({ state: 'UNPAIRED', restarting: false, commands: ['restart'] });
    expect((await read(4242)).code).toBe(404);
    expect(emu.statusStats()).toEqual({});
  });

  it('answers 3 status calls a minute per account and drops the fourth unanswered; stats count them', async () => {
    let t = 9_000_000;
    const emu = await start(() => t);
    for (const token of [TOKEN_715, TOKEN_716, TOKEN_912]) expect(await status(emu, token)).not.toBe('no answer');
    t += 59_999;
    expect(await status(emu, TOKEN_715, 300)).toBe('no answer');
    // Another account has its own budget.
    expect(await status(emu, TOKEN_1201)).toMatchObject({ status: 'CONNECTED' });
    t += 1;
    expect(await status(emu, TOKEN_715)).toMatchObject({ status: 'CONNECTED' });
    const stats = (await (await fetch(`${emu.origin}/__emulator/stats`)).json()) as {
      deviceStatus: Record<string, { calls: number; answered: number; dropped: number; maxInAnyMinute: number }>;
    };
    expect(stats.deviceStatus.demo).toEqual({ calls: 5, answered: 4, dropped: 1, maxInAnyMinute: 4 });
    expect(stats.deviceStatus.second).toMatchObject({ calls: 1, dropped: 0 });
    // Commands do not count against the status limit.
    expect(await action(emu, TOKEN_716, 'restart')).toEqual({ status: 100, message: 'Success' });
  });
});
