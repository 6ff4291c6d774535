// window.pickyBridge, built from the IPC contract: `invoke` only for names in invokeContract, `on` only for
// names in eventContract, and a listener gets the payload alone, never Electron's event (which would hand the
// page ipcRenderer through event.sender). Takes the IPC object as a parameter so it is unit-tested without Electron.
import { startEarlyReads } from '../shared/early-reads';
import { eventContract, invokeContract, type EventName, type InvokeName, type RawBridge } from '../shared/ipc-contract';

/** The slice of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const hasOwn = (o: object, k: unknown): boolean => typeof k === 'string' && Object.prototype.hasOwnProperty.call(o, k);

export interface BridgeOptions {
  /** Start the page's first reads now, while its bundle loads (see early-reads.ts). The preload says yes. */
  earlyReads?: boolean;
}

export function createBridge(ipc: RendererIpc, options: BridgeOptions = {}): RawBridge {
  const send = (name: InvokeName, input?: unknown) => ipc.invoke(invokeContract[name].channel, input);
  const early = options.earlyReads ? startEarlyReads(send) : undefined;
  // A state change before the page takes its early answer makes that answer stale: the page reads afresh.
  if (early) ipc.on(eventContract.stateChanged.channel, () => early.forget());
  return Object.freeze({
    invoke(name: InvokeName, input?: unknown): Promise<unknown> {
      if (!hasOwn(invokeContract, name)) return Promise.reject(new Error(`Unknown request: ${String(name)}`));
      return early?.take(name, input) ?? send(name, input);
    },
    on(name: EventName, listener: (payload: unknown) => void): () => void {
      if (!hasOwn(eventContract, name)) throw new Error(`Unknown event: ${String(name)}`);
      if (typeof listener !== 'function') throw new Error('An event listener must be a function.');
      const channel = eventContract[name].channel;
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  });
}
