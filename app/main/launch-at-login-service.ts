// The one owner of "launch at login". The OS state (login item, autostart file) is the truth, and the saved setting
// follows it; turning it on or off registers with the OS first, then saves. The IPC handlers (Settings) and the
// tray's checkbox both go through this, so there is one place that reconciles and one that changes it.
import { PickyError } from '../core/errors';
import { LAUNCH_AT_LOGIN_UNAVAILABLE, type LaunchAtLoginPort } from '../shared/core-handlers';
import type { LaunchAtLogin } from './launch-at-login';

export interface LaunchAtLoginSettings {
  /** What settings.json says. */
  saved(): boolean;
  save(enabled: boolean): Promise<unknown>;
}

export interface LaunchAtLoginService extends LaunchAtLoginPort {
  /** Flips the real state (the tray's checkbox); returns the new one. */
  toggle(): Promise<boolean>;
  /** At start: settings follow the OS, and an entry pointing at an old copy of the app is rewritten. */
  reconcile(): Promise<void>;
  /** Called after every change made through `set`, so the tray can redraw its checkbox. */
  onChange(listener: () => void): void;
}

export function createLaunchAtLoginService(
  backend: LaunchAtLogin,
  settings: LaunchAtLoginSettings,
): LaunchAtLoginService {
  const listeners = new Set<() => void>();

  async function current(): Promise<boolean> {
    if (!backend.supported) return false;
    let real: boolean;
    try {
      real = await backend.isEnabled();
    } catch {
      // The OS could not be asked this time: what was saved is the best answer, and nothing is changed on its basis.
      return settings.saved();
    }
    if (real !== settings.saved()) {
      // If saving fails the caller still gets the truth; the next read tries again.
      await settings.save(real).catch(() => undefined);
    }
    return real;
  }

  async function set(enabled: boolean): Promise<void> {
    if (!backend.supported) {
      if (enabled) throw new PickyError('bad-input', LAUNCH_AT_LOGIN_UNAVAILABLE);
      await settings.save(false);
      return;
    }
    // Register with the OS first: if that fails, the saved setting still tells the truth.
    await backend.apply(enabled);
    await settings.save(enabled);
    for (const listener of listeners) listener();
  }

  return {
    supported: backend.supported,
    current,
    set,
    async toggle() {
      const next = !(await current());
      await set(next);
      return next;
    },
    async reconcile() {
      if (!backend.supported) return;
      await backend.repair();
      await current();
    },
    onChange(listener) {
      listeners.add(listener);
    },
  };
}
