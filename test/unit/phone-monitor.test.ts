// The phone monitor on a fake clock: the budget (never more than 3 status calls in any 60 s), the focus (every
// 20 s), round-robin, backoff and the pause after a 429 or a timeout. Calls answer at once (no latency), so each
// call's time is when it left; the assertions are about what Picky Assist would count.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceStatus, DeviceStatusRequest } from '../../app/core/api-client';
import { PickyError } from '../../app/core/errors';
import type { Project } from '../../app/core/model';
import { createMemoryBudgetLedger } from '../../app/core/phone-budget';
import { type PhoneMonitor, createPhoneMonitor } from '../../app/core/phone-monitor';
import { FOCUS_EVERY_MS, PAUSE_MS, STATUS_WINDOW_MS, retryDelayMs } from '../../app/core/phone-schedule';
import type { PhoneStates } from '../../app/core/phone-state';

const MINUTE = 60_000;

function phoneProject(id: number, extra: Partial<Project> = {}): Project {
  return {
    id,
    name: `Phone ${id}`,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [{ token: `tok-${id}-secretsecret` }],
    webhooks: {},
    ...extra,
  };
}

interface Call {
  at: number;
  projectId: number;
}

interface SetupOptions {
  /** Status calls allowed per minute (the setting). */
  limit?: number;
  /** Whether the account is online with a token. */
  isActive?: () => boolean;
}

function setup(
  projects: Project[],
  answer: (projectId: number, at: number) => DeviceStatus | Error = () => ({ status: 'CONNECTED' }),
  options: SetupOptions = {},
) {
  const calls: Call[] = [];
  let states: PhoneStates = {};
  const clock = { now: () => Date.now() };
  const tokenToId = new Map(projects.map((p) => [p.apiTokens[0]?.token, p.id]));
  const monitor: PhoneMonitor = createPhoneMonitor({
    getProjects: () => projects,
    isActive: options.isActive ?? (() => true),
    getBaseUrl: () => 'http://127.0.0.1:9/app/api/v2',
    limit: () => options.limit ?? 3,
    ledger: createMemoryBudgetLedger(clock),
    onChange: (s) => (states = s),
    clock,
    timers: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    fetchDeviceStatus: async (request: DeviceStatusRequest) => {
      const projectId = tokenToId.get(request.token)!;
      calls.push({ at: Date.now(), projectId });
      const a = answer(projectId, Date.now());
      if (a instanceof Error) throw a;
      return a;
    },
  });
  return { monitor, calls, states: () => states };
}

/** The most calls in any window of 60 s (a call at t and one at t + 60 000 are in different windows). */
function maxInAnyWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= STATUS_WINDOW_MS) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 9, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('phone monitor budget', () => {
  it('50 phone projects for 30 minutes: never more than 3 status calls in any 60 s, round-robin oldest first', async () => {
    const projects = Array.from({ length: 50 }, (_, i) => phoneProject(1000 + i));
    const { monitor, calls, states } = setup(projects);
    monitor.start();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    await monitor.dispose();

    expect(maxInAnyWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(3);
    // Background leaves a slot a minute free for what a user asks: about 2 a minute, all used.
    expect(calls.length).toBeGreaterThanOrEqual(55);
    // Round-robin: the first 50 checks reach 50 different projects, in list order (none checked yet = oldest).
    expect(new Set(calls.slice(0, 50).map((c) => c.projectId)).size).toBe(50);
    expect(calls[50]?.projectId).toBe(calls[0]?.projectId);
    expect(Object.keys(states())).toHaveLength(50);
    expect(states()['1000']).toMatchObject({ state: 'connected' });
  });

  it('the focused project is checked at once and then at least every 20 s while it stays in focus', async () => {
    const projects = Array.from({ length: 50 }, (_, i) => phoneProject(1000 + i));
    const { monitor, calls } = setup(projects);
    monitor.start();
    await vi.advanceTimersByTimeAsync(3 * MINUTE + 7_000);
    const focusedAt = Date.now();
    monitor.focus(1042);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    monitor.focus(undefined);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    await monitor.dispose();

    const focused = calls.filter((c) => c.projectId === 1042 && c.at >= focusedAt).map((c) => c.at);
    expect(focused[0]).toBe(focusedAt);
    // Calls made before the focus began may hold its second and third slots once; from then on, every 20 s.
    const settled = focused.filter((t) => t >= focusedAt + MINUTE && t <= focusedAt + 10 * MINUTE);
    expect(settled.length).toBeGreaterThanOrEqual(26);
    for (let i = 1; i < settled.length; i++) expect(settled[i]! - settled[i - 1]!).toBeLessThanOrEqual(FOCUS_EVERY_MS);
    expect(maxInAnyWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(3);
  });

  it('a lower setting lowers the budget', async () => {
    const projects = Array.from({ length: 10 }, (_, i) => phoneProject(i + 1));
    const { monitor, calls } = setup(projects, undefined, { limit: 1 });
    monitor.start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await monitor.dispose();
    expect(maxInAnyWindow(calls.map((c) => c.at))).toBe(1);
    expect(calls.length).toBeGreaterThanOrEqual(9);
  });
});

describe('phone monitor failures', () => {
  it('backs off a failing project exponentially while the others carry on', async () => {
    const projects = [phoneProject(1), phoneProject(2)];
    const { monitor, calls, states } = setup(projects, (id) =>
      id === 1
        ? new PickyError('api-status', 'Picky Assist refused the request: "Invalid token" (status 401).')
        : { status: 'CONNECTED' },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    await monitor.dispose();
    const failing = calls.filter((c) => c.projectId === 1).map((c) => c.at);
    const gaps = failing.slice(1).map((t, i) => t - failing[i]!);
    expect(gaps.slice(0, 4).map((g, i) => g >= retryDelayMs(i + 1))).toEqual([true, true, true, true]);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]!);
    expect(calls.filter((c) => c.projectId === 2).length).toBeGreaterThan(failing.length);
    expect(states()['1']).toMatchObject({ state: 'unknown', error: { code: 'api-status' } });
  });

  it('an HTTP 429 or a timeout pauses every status call for a minute', async () => {
    const projects = Array.from({ length: 6 }, (_, i) => phoneProject(i + 1));
    let refuse = 0;
    const { monitor, calls } = setup(projects, () => {
      refuse += 1;
      if (refuse === 2)
        return new PickyError('http-status', 'The Picky Assist server answered HTTP 429, too many requests.', {
          status: 429,
        });
      if (refuse === 5) return new PickyError('timeout', 'Picky Assist did not answer within 10 seconds.');
      return { status: 'CONNECTED' };
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await monitor.dispose();
    const times = calls.map((c) => c.at);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(PAUSE_MS);
    expect(times[5]! - times[4]!).toBeGreaterThanOrEqual(PAUSE_MS);
  });

  it('makes no call while the account is offline, and sweeps when asked', async () => {
    const projects = [phoneProject(1), phoneProject(2)];
    let active = false;
    const { monitor, calls } = setup(projects, undefined, { isActive: () => active });
    monitor.start();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(calls).toHaveLength(0);
    active = true;
    monitor.poke();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    // Background checks are spread out: the next one a third of a minute later.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(2);
    // Checked just now: a sweep (resume from sleep) asks again at once, within the budget.
    monitor.sweep();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(3);
    await monitor.dispose();
  });
});

describe('phone states', () => {
  it('derives connected, no-internet, unpaired and unknown, keeping `since` across checks of the same state', async () => {
    const projects = [phoneProject(7)];
    const answers: DeviceStatus[] = [
      { status: 'CONNECTED', connectedNumber: '9234324324', messageQueueCount: 2 },
      { status: 'CONNECTED', connectedNumber: '9234324324', messageQueueCount: 0 },
      { status: 'TIMEOUT', connectedNumber: '9234324324' },
      { status: 'UNPAIRED' },
      { status: 'unknown', statusText: 'SLEEPING' },
    ];
    let i = 0;
    const { monitor, states } = setup(projects, () => answers[Math.min(i++, answers.length - 1)]!);
    const seen: PhoneStates[] = [];
    const start = Date.now();
    for (let k = 0; k < answers.length; k++) {
      await monitor.checkProject(7);
      seen.push(states());
      await vi.advanceTimersByTimeAsync(MINUTE);
    }
    await monitor.dispose();
    const at = (n: number) => new Date(start + n * MINUTE).toISOString();
    expect(seen.map((s) => s['7'])).toEqual([
      { state: 'connected', connectedNumber: '9234324324', queueCount: 2, checkedAt: at(0), since: at(0) },
      { state: 'connected', connectedNumber: '9234324324', queueCount: 0, checkedAt: at(1), since: at(0) },
      { state: 'no-internet', connectedNumber: '9234324324', checkedAt: at(2), since: at(2) },
      { state: 'unpaired', checkedAt: at(3), since: at(3) },
      { state: 'unknown', statusText: 'SLEEPING', checkedAt: at(4), since: at(4) },
    ]);
    expect(JSON.stringify(seen)).not.toContain('tok-7');
  });

  it('refuses to clear a queue without confirmation, naming the project and the queued count', async () => {
    const projects = [phoneProject(7)];
    const sent: string[] = [];
    const clock = { now: () => Date.now() };
    const monitor = createPhoneMonitor({
      getProjects: () => projects,
      isActive: () => true,
      getBaseUrl: () => 'http://127.0.0.1:9',
      limit: () => 3,
      ledger: createMemoryBudgetLedger(clock),
      onChange: () => undefined,
      clock,
      fetchDeviceStatus: async () => ({ status: 'CONNECTED', messageQueueCount: 4 }),
      sendDeviceCommand: async (r) => void sent.push(r.command),
    });
    await monitor.checkProject(7);
    await expect(monitor.command(7, 'clear-queue')).rejects.toThrow(
      'Clearing the queue of “Phone 7” deletes 4 queued messages; it must be confirmed first.',
    );
    await monitor.command(7, 'clear-queue', { confirmed: true });
    await monitor.command(7, 'restart');
    expect(sent).toEqual(['clear-queue', 'restart']);
    await monitor.dispose();
  });
});
