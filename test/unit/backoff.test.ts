import { describe, expect, it } from 'vitest';
import { nextRefreshDelayMs } from '../../app/core/backoff';

const MIN = 60_000;

describe('nextRefreshDelayMs', () => {
  it('uses the interval while healthy', () => {
    expect(nextRefreshDelayMs(15 * MIN, 0)).toBe(15 * MIN);
  });

  it('starts at 30 s and doubles while failing, capped at the interval', () => {
    const seq = [1, 2, 3, 4, 5, 6, 7].map((n) => nextRefreshDelayMs(15 * MIN, n));
    expect(seq).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });

  it('never waits longer than 30 min even with a long interval', () => {
    expect(nextRefreshDelayMs(24 * 60 * MIN, 20)).toBe(30 * MIN);
    expect(nextRefreshDelayMs(24 * 60 * MIN, 10_000)).toBe(30 * MIN);
  });

  it('applies deterministic jitter that only ever shortens the delay', () => {
    expect(nextRefreshDelayMs(15 * MIN, 1, { jitter: 0 })).toBe(30_000);
    expect(nextRefreshDelayMs(15 * MIN, 1, { jitter: 0.5 })).toBe(27_000);
    expect(nextRefreshDelayMs(15 * MIN, 7, { jitter: 0.999, jitterRatio: 0.5 })).toBeGreaterThanOrEqual(450_000);
    expect(nextRefreshDelayMs(15 * MIN, 7, { jitter: 0.999, jitterRatio: 0.5 })).toBeLessThan(900_000);
  });

  it('honours custom first and max retry', () => {
    expect([1, 2, 3].map((n) => nextRefreshDelayMs(60 * MIN, n, { firstRetryMs: 1000, maxRetryMs: 3000 }))).toEqual([
      1000, 2000, 3000,
    ]);
  });
});
