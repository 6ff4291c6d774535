// Desktop notifications for what changed in a refresh, when the setting is on. What to announce (once per
// event) is decided by notificationsFor; this only shows them and remembers them.
import { Notification } from 'electron';
import { silentLogger } from '../core/logger';
import type { Logger } from '../core/ports';
import type { ProjectDiff } from '../core/sync-state';
import { notificationForPlatform, notificationsFor } from './notifications';
import type { NotifiedKeysStore } from './notified-keys-store';

export interface NotifierDeps {
  store: NotifiedKeysStore;
  enabled: () => boolean;
  iconPath?: string;
  onOpenProject: (projectId: number) => void;
  log?: Logger;
}

export function createNotifier(deps: NotifierDeps): (diff: ProjectDiff) => void {
  const log = deps.log ?? silentLogger;
  // The store's load reports its own failures and never rejects; this is only a last guard.
  let notified: Promise<Set<string>> = deps.store.load().catch(() => new Set<string>());
  // Live Notification objects must stay referenced or their click handlers can be collected.
  const live = new Set<Notification>();

  return (diff) => {
    // Chained: two refreshes in a row must not both see the old set.
    const previous = notified;
    notified = previous.then(async (already) => {
      const { notifications, next } = notificationsFor(diff, already);
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
      if (notifications.length > 0 || next.size !== already.size) {
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
}
