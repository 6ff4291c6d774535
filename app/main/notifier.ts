// Desktop notifications for what changed in a refresh, and for phones that went away or came back, when the setting
// is on. What to announce is decided by notificationsFor and phoneNotificationsFor; this only shows them and
// remembers them (one memory for both, saved in order).
import { Notification } from 'electron';
import { silentLogger } from '../core/logger';
import type { Logger } from '../core/ports';
import type { ProjectDiff, SyncState } from '../core/sync-state';
import { type NotificationsResult, notificationForPlatform, notificationsFor } from './notifications';
import { phoneNotificationsFor } from './phone-notifications';
import type { NotifiedKeysStore } from './notified-keys-store';

export interface NotifierDeps {
  store: NotifiedKeysStore;
  enabled: () => boolean;
  iconPath?: string;
  onOpenProject: (projectId: number) => void;
  log?: Logger;
  now?: () => number;
}

export interface Notifier {
  /** What changed in a refresh (status changes, billing soon). */
  onDiff(diff: ProjectDiff): void;
  /** The sync state after any change: phone notices are decided from its projects and phone states. */
  onState(state: SyncState): void;
  /** Resolves once every notice asked for so far has been shown and remembered on disk. */
  settled(): Promise<void>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? Date.now;
  // The store's load reports its own failures and never rejects; this is only a last guard.
  let notified: Promise<Set<string>> = deps.store.load().catch(() => new Set<string>());
  // Live Notification objects must stay referenced or their click handlers can be collected.
  const live = new Set<Notification>();

  const step = (decide: (already: Set<string>) => NotificationsResult) => {
    // Chained: two refreshes in a row must not both see the old set.
    const previous = notified;
    notified = previous.then(async (already) => {
      const { notifications, next } = decide(already);
      if (deps.enabled() && Notification.isSupported()) {
        for (const n of notifications) {
          const text = notificationForPlatform(n, process.platform);
          const shown = new Notification({
            title: text.title,
            body: text.body,
            silent: false,
            ...(deps.iconPath ? { icon: deps.iconPath } : {}),
          });
          live.add(shown);
          shown.on('click', () => deps.onOpenProject(n.projectId));
          shown.on('close', () => live.delete(shown));
          shown.show();
        }
      }
      // Remembered even when notifications are off, so turning them on does not replay old events.
      if (notifications.length > 0 || !sameKeys(next, already)) {
        await deps.store.save(next).catch((error: unknown) => {
          // Shown anyway; a restart may show them once more.
          log.warn('Saving the list of notifications already shown failed', { error });
        });
      }
      return next;
    });
    // One failed step (a notification that could not be shown) must not silence every later one: carry on from
    // what was known before it.
    notified = notified.catch((error: unknown) => {
      log.warn('Showing notifications failed', { error });
      return previous.catch(() => new Set<string>());
    });
  };

  return {
    onDiff: (diff) => step((already) => notificationsFor(diff, already)),
    onState(state) {
      // Phones change a few times a minute; only a state with phones can say anything about them.
      if (!state.phones) return;
      const at = now();
      step((already) => phoneNotificationsFor(state.projects, state.phones, already, at));
    },
    settled: () => notified.then(() => undefined),
  };
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}
