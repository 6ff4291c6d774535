import { describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../renderer/src/api/bridge-client';
import { startFirstReads } from '../../renderer/src/state/use-sync-state';
import { INITIAL_SYNC_STATE } from '../../app/core/sync-state';

function client(answers: { getState: Promise<unknown>; getTokenStatus: Promise<unknown> }): BridgeClient {
  return {
    invoke: ((name: 'getState' | 'getTokenStatus') => answers[name]) as BridgeClient['invoke'],
    on: () => () => undefined,
  };
}

describe('startFirstReads', () => {
  it('is ready as soon as both first answers are in, without waiting out its grace period', async () => {
    const ready = startFirstReads(
      client({ getState: Promise.resolve(INITIAL_SYNC_STATE), getTokenStatus: Promise.resolve({ stored: false }) }),
      60 * 60 * 1000,
    );
    await expect(ready).resolves.toBeUndefined();
  });

  it('is ready when a first read fails: the app shows that error instead of waiting', async () => {
    const ready = startFirstReads(
      client({
        getState: Promise.reject(new Error('no main side')),
        getTokenStatus: Promise.resolve({ stored: true }),
      }),
      60 * 60 * 1000,
    );
    await expect(ready).resolves.toBeUndefined();
  });

  it('stops waiting after its grace period when the main side is slow, so "Loading…" can show', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(startFirstReads(client({ getState: never, getTokenStatus: never }), 5)).resolves.toBeUndefined();
  });
});
