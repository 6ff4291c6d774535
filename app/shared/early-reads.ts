// The two reads every page makes first (the sync state, and whether a token is stored), started by the shell's
// bridge the moment it loads: Electron's preload, or the preview's bridge script. The answers then travel while
// the renderer's bundle is still being compiled and evaluated, instead of after it. The page's own first call of
// each name takes the early answer, once; every other call goes to the main side as usual.
import type { InvokeName } from './ipc-contract';

export const EARLY_READ_NAMES = ['getState', 'getTokenStatus'] as const satisfies readonly InvokeName[];

/** An early answer older than this is not handed out: a page that took this long to ask reads afresh. */
export const EARLY_READ_MAX_AGE_MS = 5_000;

export interface EarlyReads {
  /** The early answer for `name`, once, when asked with no input, still fresh, and not forgotten. */
  take(name: InvokeName, input: unknown): Promise<unknown> | undefined;
  /** Drops every answer not taken yet: the state changed, so the page must read it afresh. */
  forget(): void;
}

export function startEarlyReads(
  invoke: (name: InvokeName) => Promise<unknown>,
  now: () => number = Date.now,
): EarlyReads {
  const startedAt = now();
  const pending = new Map<InvokeName, Promise<unknown>>();
  for (const name of EARLY_READ_NAMES) {
    const answer = invoke(name);
    // Whoever takes it handles a rejection; an answer nobody takes must not be reported as unhandled.
    answer.catch(() => undefined);
    pending.set(name, answer);
  }
  return {
    take(name, input) {
      const answer = pending.get(name);
      if (!answer || (input !== undefined && input !== null)) return undefined;
      pending.delete(name);
      return now() - startedAt <= EARLY_READ_MAX_AGE_MS ? answer : undefined;
    },
    forget() {
      pending.clear();
    },
  };
}
