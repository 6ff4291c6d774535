// Which webContents are ours. The IPC sender check and event broadcasts both read this one set.
import type { BrowserWindow } from 'electron';
import { eventChannel } from '../shared/ipc-channels';
import type { EventName, EventPayload } from '../shared/ipc-contract';

export class WindowRegistry {
  private readonly windows = new Map<number, BrowserWindow>();

  add(win: BrowserWindow): void {
    const id = win.webContents.id;
    this.windows.set(id, win);
    win.once('closed', () => this.windows.delete(id));
  }

  /** A live view of the ids, for the sender check. */
  readonly trustedIds: ReadonlySet<number> = {
    has: (id: number) => this.windows.has(id),
  } as ReadonlySet<number>;

  /** Sends an event of the contract to every open window of ours. */
  send<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const win of this.windows.values()) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  }
}
