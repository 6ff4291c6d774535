import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATE } from '../../app/core/sync-state';
import type { EventName, InvokeName, RawBridge } from '../../app/shared/ipc-contract';
import { BridgeError, createBridgeClient, userMessage } from '../../renderer/src/api/bridge-client';

function fakeBridge(
  answer: (name: InvokeName, input: unknown) => unknown,
): RawBridge & { emit(name: EventName, payload: unknown): void } {
  const listeners: Array<[EventName, (p: unknown) => void]> = [];
  return {
    invoke: async (name, input) => answer(name, input),
    on(name, listener) {
      listeners.push([name, listener]);
      return () => undefined;
    },
    emit(name, payload) {
      for (const [n, l] of listeners) if (n === name) l(payload);
    },
  };
}

describe('bridge client', () => {
  it('returns the parsed value of a success envelope and passes the input through', async () => {
    let seen: unknown;
    const client = createBridgeClient(
      fakeBridge((name, input) => {
        seen = [name, input];
        return { ok: true, value: { stored: true } };
      }),
    );
    await expect(client.invoke('getTokenStatus')).resolves.toEqual({ stored: true });
    await client.invoke('openQr', { projectId: 5 }).catch(() => undefined);
    expect(seen).toEqual(['openQr', { projectId: 5 }]);
  });

  it('throws the main side’s sentence for an error envelope', async () => {
    const client = createBridgeClient(
      fakeBridge(() => ({ ok: false, error: { code: 'auth', message: 'Invalid token. Check it in Settings.' } })),
    );
    const error = await client.invoke('refresh').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(userMessage(error)).toBe('Invalid token. Check it in Settings.');
  });

  it('refuses an answer that is not an envelope, without leaking details', async () => {
    for (const answer of [undefined, 'ok', { value: { stored: true } }, { ok: false, error: 'boom at /home/me' }]) {
      const client = createBridgeClient(fakeBridge(() => answer));
      const error = await client.invoke('getTokenStatus').catch((e: unknown) => e);
      expect(userMessage(error)).toBe('Picky Tray received an answer it did not understand. Restart the app.');
    }
  });

  it('turns a transport failure into a sentence, not a stack trace', async () => {
    const client = createBridgeClient({
      invoke: async () => {
        throw new TypeError('Failed to fetch at http://x:1/y (stack...)');
      },
      on: () => () => undefined,
    });
    const message = userMessage(await client.invoke('getState').catch((e: unknown) => e));
    expect(message).not.toMatch(/fetch|stack|TypeError/);
    expect(message).toMatch(/Restart the app/);
  });

  it('delivers an event’s payload as main sent it (main checked it against the contract)', () => {
    const raw = fakeBridge(() => undefined);
    const client = createBridgeClient(raw);
    const got: unknown[] = [];
    client.on('stateChanged', (s) => got.push(s));
    raw.emit('projectsChanged', { added: [] });
    raw.emit('stateChanged', INITIAL_SYNC_STATE);
    expect(got).toEqual([INITIAL_SYNC_STATE]);
  });

  it('never gives a raw Error message to the user', () => {
    expect(userMessage(new Error('ENOENT /home/me/secret'))).not.toMatch(/ENOENT/);
  });
});
