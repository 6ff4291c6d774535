// A secret copied to the clipboard (a project API token) does not stay there: after 90 seconds it is cleared,
// but only if the clipboard still holds what we put there — never something the user copied since. Quitting
// clears it at once the same way: after quit no timer would.
export interface ClipboardPort {
  readText(): string;
  writeText(text: string): void;
  clear(): void;
}

export interface ClipboardTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SECRET_CLIPBOARD_MS = 90_000;

const systemTimers: ClipboardTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSecretClipboard(
  clipboard: ClipboardPort,
  timers: ClipboardTimers = systemTimers,
): { write(text: string): void; clearNow(): void } {
  let pending: { handle: unknown; text: string } | undefined;
  const clearIfOurs = (text: string) => {
    if (clipboard.readText() === text) clipboard.clear();
  };
  return {
    write(text) {
      clipboard.writeText(text);
      // One clearing at a time: an older one would find its text replaced anyway.
      if (pending !== undefined) timers.clearTimeout(pending.handle);
      const handle = timers.setTimeout(() => {
        pending = undefined;
        clearIfOurs(text);
      }, SECRET_CLIPBOARD_MS);
      pending = { handle, text };
    },
    clearNow() {
      if (pending === undefined) return;
      timers.clearTimeout(pending.handle);
      clearIfOurs(pending.text);
      pending = undefined;
    },
  };
}
