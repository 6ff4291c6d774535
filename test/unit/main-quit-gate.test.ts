// Quit waits for the core's shutdown (bounded), then asks the quit again from a fresh task, which then passes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLog, createLogger } from '../../app/core/logger';
import { QUIT_WAIT_MS, createQuitGate } from '../../app/main/quit-gate';

function event() {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
}

function setup(shutdown: () => Promise<void>) {
  const memory = createMemoryLog();
  let quits = 0;
  const gate = createQuitGate({ shutdown, quit: () => (quits += 1), log: createLogger({ sinks: [memory.sink] }) });
  return { gate, quits: () => quits, records: () => memory.records };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('quit gate', () => {
  it('holds the first quit until the shutdown is done, then quits once, and lets that quit through', async () => {
    let finish: () => void = () => {};
    const t = setup(() => new Promise<void>((r) => (finish = r)));
    const first = event();
    t.gate.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(t.gate.phase()).toBe('waiting');
    // A second quit while waiting (the user clicks Quit again) is held too, and starts nothing new.
    const again = event();
    t.gate.onBeforeQuit(again);
    expect(again.prevented).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.quits()).toBe(0);
    finish();
    // Not from the promise that settled the shutdown: from a fresh task.
    await Promise.resolve();
    expect(t.quits()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.quits()).toBe(1);
    const last = event();
    t.gate.onBeforeQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when the shutdown fails, and logs why', async () => {
    const t = setup(() => Promise.reject(new Error('disk full')));
    t.gate.onBeforeQuit(event());
    await vi.advanceTimersByTimeAsync(1);
    expect(t.quits()).toBe(1);
    expect(t.records()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', message: expect.stringMatching(/quitting anyway/) }),
      ]),
    );
  });

  it('does not wait for ever: a shutdown that hangs is left after a few seconds', async () => {
    const t = setup(() => new Promise<void>(() => undefined));
    t.gate.onBeforeQuit(event());
    await vi.advanceTimersByTimeAsync(QUIT_WAIT_MS - 1);
    expect(t.quits()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    // Then the quit is asked from its own task (a timer of 0 ms, which a runtime counts as 1 ms).
    await vi.advanceTimersByTimeAsync(1);
    expect(t.quits()).toBe(1);
    expect(t.gate.phase()).toBe('done');
    expect(t.records().some((r) => r.level === 'warn')).toBe(true);
  });
});
