// The Electron channel each invoke and event travels on: its name in the contract (a key of invokeContract or
// eventContract in ipc-contract.ts), prefixed. A name is written once, as a key; no channel string is written at
// all. No zod here, and no list: the sandboxed preload imports this file, and ships only these few lines.
import type { EventName, InvokeName } from './ipc-contract';

export const invokeChannel = (name: InvokeName): string => `picky:invoke:${name}`;
export const eventChannel = (name: EventName): string => `picky:event:${name}`;

/** What a name in the contract looks like. The preload forwards nothing else, so a page cannot reach a channel
 *  outside Picky Tray's own; main answers only the names its contract has. */
export function isContractName(name: unknown): boolean {
  return typeof name === 'string' && /^[a-z][A-Za-z]{0,63}$/.test(name);
}
