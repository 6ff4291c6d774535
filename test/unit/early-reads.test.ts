import { describe, expect, it, vi } from 'vitest';
import { createBridge, type RendererIpc } from '../../app/preload/create-bridge';
import { EARLY_READ_MAX_AGE_MS, EARLY_READ_NAMES, startEarlyReads } from '../../app/shared/early-reads';
import { eventChannel, invokeChannel } from '../../app/shared/ipc-channels';
import type { InvokeName } from '../../app/shared/ipc-contract';

function countingInvoke() {
  const calls: InvokeName[] = [];
  const invoke = vi.fn(async (name: InvokeName) => {
    calls.push(name);
    return { ok: true, value: `${name} #${calls.filter((n) => n === name).length}` };
  });
  return { invoke, calls };
}

describe('startEarlyReads', () => {
  it('sends the first reads at once and hands each answer out exactly once', async () => {
    const { invoke, calls } = countingInvoke();
    const early = startEarlyReads(invoke);
    expect(calls).toEqual([...EARLY_READ_NAMES]);
    await expect(early.take('getState', undefined)).resolves.toEqual({ ok: true, value: 'getState #1' });
    expect(early.take('getState', undefined)).toBeUndefined();
    // null is how "no input" crosses JSON; it counts as none.
    await expect(early.take('getTokenStatus', null)).resolves.toEqual({ ok: true, value: 'getTokenStatus #1' });
  });

  it('never answers a call that has input, or a name it did not read', () => {
    const early = startEarlyReads(countingInvoke().invoke);
    expect(early.take('getState', { anything: true })).toBeUndefined();
    expect(early.take('getSettings', undefined)).toBeUndefined();
    expect(early.take('refresh', undefined)).toBeUndefined();
  });

  it('forgets its answers when told the state changed', () => {
    const early = startEarlyReads(countingInvoke().invoke);
    early.forget();
    expect(early.take('getState', undefined)).toBeUndefined();
    expect(early.take('getTokenStatus', undefined)).toBeUndefined();
  });

  it('does not hand out an answer older than its limit', () => {
    let now = 1_000;
    const early = startEarlyReads(countingInvoke().invoke, () => now);
    now += EARLY_READ_MAX_AGE_MS + 1;
    expect(early.take('getState', undefined)).toBeUndefined();
  });

  it('keeps a failed early read from being reported as unhandled, and gives the failure to whoever takes it', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const early = startEarlyReads(async () => {
        throw new Error('the main side went away');
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(early.take('getState', undefined)).rejects.toThrow('the main side went away');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('the preload bridge with early reads', () => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  function fakeIpc() {
    const listeners = new Map<string, Set<Listener>>();
    const ipc = {
      invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
      on: vi.fn((channel: string, l: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(l);
      }),
      removeListener: vi.fn((channel: string, l: Listener) => listeners.get(channel)?.delete(l)),
    } satisfies RendererIpc;
    const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({}, payload));
    return { ipc, emit };
  }

  it('asks for the state and the token status when created, and the page’s first calls reuse those answers', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc, { earlyReads: true });
    expect(ipc.invoke.mock.calls.map((c) => c[0])).toEqual([
      invokeChannel('getState'),
      invokeChannel('getTokenStatus'),
    ]);
    await bridge.invoke('getState');
    await bridge.invoke('getTokenStatus');
    expect(ipc.invoke).toHaveBeenCalledTimes(2);
    // The second call of a name goes to the main side.
    await bridge.invoke('getState');
    expect(ipc.invoke).toHaveBeenCalledTimes(3);
  });

  it('reads afresh when the state changed before the page asked', async () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc, { earlyReads: true });
    emit(eventChannel('stateChanged'), { kind: 'ok' });
    await bridge.invoke('getState');
    expect(ipc.invoke).toHaveBeenCalledTimes(3);
    expect(ipc.invoke).toHaveBeenLastCalledWith(invokeChannel('getState'), undefined);
  });

  it('sends nothing early unless asked to', () => {
    const { ipc } = fakeIpc();
    createBridge(ipc);
    expect(ipc.invoke).not.toHaveBeenCalled();
  });
});
