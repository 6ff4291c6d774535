// window.pickyBridge: `invoke` and `on` for the names of the IPC contract, each on the channel its name gives
// (ipc-channels.ts), and a listener gets the payload alone, never Electron's event (which would hand the page
// ipcRenderer through event.sender). No zod and no schema here: main checks every input and answer. Takes the IPC
// object as a parameter so it is unit-tested without Electron.
import { startEarlyReads } from '../shared/early-reads';
import { eventChannel, invokeChannel, isContractName } from '../shared/ipc-channels';
import type { EventName, InvokeName, RawBridge } from '../shared/ipc-contract';

/** The slice of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeOptions {
  /** Start the page's first reads now, while its bundle loads (see early-reads.ts). The preload says yes. */
  earlyReads?: boolean;
}

export function createBridge(ipc: RendererIpc, options: BridgeOptions = {}): RawBridge {
  const send = (name: InvokeName, input?: unknown) => ipc.invoke(invokeChannel(name), input);
  const early = options.earlyReads ? startEarlyReads(send) : undefined;
  // A state change before the page takes its early answer makes that answer stale: the page reads afresh.
  if (early) ipc.on(eventChannel('stateChanged'), () => early.forget());
  return Object.freeze({
    invoke(name: InvokeName, input?: unknown): Promise<unknown> {
      if (!isContractName(name)) return Promise.reject(new Error(`Unknown request: ${String(name)}`));
      return early?.take(name, input) ?? send(name, input);
    },
    on(name: EventName, listener: (payload: unknown) => void): () => void {
      if (!isContractName(name)) throw new Error(`Unknown event: ${String(name)}`);
      if (typeof listener !== 'function') throw new Error('An event listener must be a function.');
      const channel = eventChannel(name);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  });
}
