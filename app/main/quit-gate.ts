// Quit waits for the core to finish what it is writing (the offline copy, the phone-check ledger, the remembered
// notifications), for a few seconds at most, then quits for real.
//
// The first `before-quit` is held (preventDefault) while the shutdown runs; the quit is then asked again, and that
// second `before-quit` passes. Electron's Browser::Quit stores the answer of `before-quit` only after its listeners
// return (`is_quitting_ = HandleBeforeQuit()`), and a quit that starts in native code (Cmd-Q, SIGTERM, the tray's
// menu) runs the microtasks queued by the listeners before that store. So the second quit is asked from a fresh
// task (a timer), never from the promise that settled the shutdown: from a microtask it would run inside the first
// quit, which would then write "not quitting" over it, and the app would stay open.
import type { Logger } from '../core/ports';

/** How long a quit waits for the shutdown before it goes on anyway. */
export const QUIT_WAIT_MS = 3_000;

export interface QuitGateDeps {
  /** Stops background work and waits for writes under way. */
  shutdown: () => Promise<void>;
  /** Asks the quit again (Electron's app.quit). */
  quit: () => void;
  log: Logger;
  waitMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface QuitGate {
  /** The `before-quit` listener. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** 'idle' before the first quit, 'waiting' during the shutdown, 'done' once the quit may go through. */
  phase(): 'idle' | 'waiting' | 'done';
}

export function createQuitGate(deps: QuitGateDeps): QuitGate {
  const setTimer = deps.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let phase: 'idle' | 'waiting' | 'done' = 'idle';

  const finish = () => {
    if (phase === 'done') return;
    phase = 'done';
    setTimer(() => deps.quit(), 0);
  };

  return {
    onBeforeQuit(event) {
      if (phase === 'done') return;
      event.preventDefault();
      if (phase === 'waiting') return;
      phase = 'waiting';
      const waitMs = deps.waitMs ?? QUIT_WAIT_MS;
      const timer = setTimer(() => {
        deps.log.warn('Quitting without waiting any longer for the shutdown', { waitedMs: waitMs });
        finish();
      }, waitMs);
      void deps
        .shutdown()
        .catch((error: unknown) => deps.log.error('Shutting down before quit failed; quitting anyway', { error }))
        .then(() => {
          clearTimer(timer);
          finish();
        });
    },
    phase: () => phase,
  };
}
