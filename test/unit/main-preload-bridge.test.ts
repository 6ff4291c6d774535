import { describe, expect, it, vi } from 'vitest';
import { createBridge, type RendererIpc } from '../../app/preload/create-bridge';
import { eventChannel, invokeChannel } from '../../app/shared/ipc-channels';
import { type EventName, INVOKE_NAMES, type InvokeName } from '../../app/shared/ipc-contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, l: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    }),
    removeListener: vi.fn((channel: string, l: Listener) => listeners.get(channel)?.delete(l)),
  } satisfies RendererIpc;
  const emit = (channel: string, event: unknown, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l(event, payload));
  return { ipc, emit, listeners };
}

describe('createBridge', () => {
  it('invokes the contract channel for each invoke name, with the input as the only argument', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    await bridge.invoke('openQr', { projectId: 3 });
    expect(ipc.invoke).toHaveBeenCalledWith(invokeChannel('openQr'), { projectId: 3 });
    for (const name of INVOKE_NAMES) {
      await bridge.invoke(name);
      expect(ipc.invoke).toHaveBeenLastCalledWith(invokeChannel(name), undefined);
    }
  });

  it('refuses what cannot be a name of the contract without touching IPC', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const name of ['__proto__', 'picky:state:get', 'getState/../x', '', 'get state', 42, null]) {
      await expect(bridge.invoke(name as InvokeName)).rejects.toThrow(/Unknown request/);
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('keeps every name inside Picky Tray’s own channels (main answers only the contract’s names)', async () => {
    const { ipc } = fakeIpc();
    await createBridge(ipc).invoke('nope' as InvokeName);
    expect(ipc.invoke).toHaveBeenCalledWith('picky:invoke:nope', undefined);
  });

  it('gives listeners the payload only, never the IPC event', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    const got: unknown[][] = [];
    bridge.on('navigate', (...args: unknown[]) => got.push(args));
    const event = { sender: { send() {} }, ports: [] };
    emit(eventChannel('navigate'), event, { route: '/settings' });
    expect(got).toEqual([[{ route: '/settings' }]]);
  });

  it('unsubscribes exactly the listener it added', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('stateChanged', a);
    bridge.on('stateChanged', b);
    offA();
    emit(eventChannel('stateChanged'), {}, { x: 1 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ x: 1 });
    expect(listeners.get(eventChannel('stateChanged'))?.size).toBe(1);
  });

  it('refuses events outside the contract and non-function listeners', () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(() => bridge.on('picky:event:state' as EventName, () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('__proto__' as EventName, () => {})).toThrow(/Unknown event/);
    expect(() => bridge.on('navigate', 'alert(1)' as unknown as () => void)).toThrow(/must be a function/);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('exposes only invoke and on, frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
