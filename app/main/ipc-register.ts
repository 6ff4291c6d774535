// Registers ipcMain.handle for every invoke of the contract by walking its names (the channel comes from the name:
// ipc-channels.ts), each through guardedInvoke: sender check, then the contract's parsing, then the handler.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { invokeChannel } from '../shared/ipc-channels';
import { INVOKE_NAMES, type InvokeHandlers } from '../shared/ipc-contract';
import { guardedInvoke, type TrustPolicy } from './guarded-invoke';
import type { SenderInfo } from './trusted-sender';

export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url ?? null, isTopFrame: !!frame && frame.parent === null, webContentsId: event.sender.id };
}

export function registerInvokeHandlers(handlers: InvokeHandlers, policy: () => TrustPolicy): void {
  for (const name of INVOKE_NAMES) {
    ipcMain.handle(invokeChannel(name), (event, input: unknown) =>
      guardedInvoke(senderInfo(event), policy(), handlers, name, input),
    );
  }
}
