// Which desktop notifications a refresh deserves. Each event notifies once: a status change per
// project + new status, a billing reminder per project + billing date. Pure, unit-tested; the keys are persisted
// (notified-keys-store.ts) so a restart does not repeat them.
import { calendarDayAt, formatDay, type DateOptions } from '../core/dates';
import { DISPLAY_LIMITS, displayText, escapeMarkup } from '../core/display-text';
import type { ProjectStatus } from '../core/model';
import type { ProjectDiff } from '../core/sync-state';

export interface NotificationModel {
  key: string;
  title: string;
  body: string;
  /** Clicking the notification opens this project's details. */
  projectId: number;
}

export interface NotificationsResult {
  notifications: NotificationModel[];
  next: Set<string>;
}

const statusKey = (id: number, status: ProjectStatus) => `status:${id}:${status}`;
// Keyed on the billing instant (ISO, 24 characters), never on the server's raw text, so a key stays short
// whatever the server sends.
const billingKey = (id: number, instant: string) => `billing:${id}:${instant}`;
const projectPrefixes = (id: number) => [`status:${id}:`, `billing:${id}:`];

const STATUS_TITLES: Partial<Record<ProjectStatus, string>> = {
  expired: 'Project expired',
  deleted: 'Project deleted',
  active: 'Project active again',
};

/** The project's name through the display sanitizer, quoted; "Project 7" when nothing is left of it. */
function quoted(name: string, id: number): string {
  const clean = displayText(name, DISPLAY_LIMITS.notificationName);
  return clean ? `“${clean}”` : `Project ${id}`;
}

/** What the platform's notification server gets: on Linux, servers that read markup would render <b>, <a> and
 *  <img> from a project's name, so the text is escaped there; elsewhere the text is shown as is. */
export function notificationForPlatform(n: NotificationModel, platform: string): { title: string; body: string } {
  const body = displayText(n.body, DISPLAY_LIMITS.notificationBody);
  const title = displayText(n.title, DISPLAY_LIMITS.notificationName);
  return platform === 'linux' ? { title: escapeMarkup(title), body: escapeMarkup(body) } : { title, body };
}

/** "tomorrow (2 Dec 2026)": the date in the user's zone and format, the word counted in the user's days. */
function whenBilled(daysLeft: number, instant: string, options: DateOptions): string {
  const ms = Date.parse(instant);
  const day = Number.isNaN(ms)
    ? ''
    : ` (${formatDay(calendarDayAt(ms, options.timeZone), { locale: options.locale })})`;
  if (daysLeft <= 0) return `today${day}`;
  if (daysLeft === 1) return `tomorrow${day}`;
  return `in ${daysLeft} days${day}`;
}

export function notificationsFor(
  diff: ProjectDiff,
  alreadyNotified: ReadonlySet<string>,
  options: DateOptions = {},
): NotificationsResult {
  const next = new Set(alreadyNotified);
  const notifications: NotificationModel[] = [];

  // A project that left the account takes its keys with it, so the set stays small.
  for (const removed of diff.removed) {
    for (const key of [...next]) if (projectPrefixes(removed.id).some((p) => key.startsWith(p))) next.delete(key);
  }

  for (const change of diff.statusChanged) {
    const title = STATUS_TITLES[change.to];
    const key = statusKey(change.id, change.to);
    // Forget the project's other statuses: expired → active → expired again deserves a second notice.
    for (const k of [...next]) if (k.startsWith(`status:${change.id}:`) && k !== key) next.delete(k);
    if (!title) continue; // "unknown" is not news
    next.add(key);
    if (alreadyNotified.has(key)) continue;
    notifications.push({
      key,
      title,
      body: `${quoted(change.name, change.id)} is now ${change.to} (it was ${change.from}).`,
      projectId: change.id,
    });
  }

  for (const soon of diff.billingSoon) {
    const key = billingKey(soon.id, soon.instant);
    for (const k of [...next]) if (k.startsWith(`billing:${soon.id}:`) && k !== key) next.delete(k);
    next.add(key);
    if (alreadyNotified.has(key)) continue;
    notifications.push({
      key,
      title: 'Billing soon',
      body: `${quoted(soon.name, soon.id)} will be billed ${whenBilled(soon.daysLeft, soon.instant, options)}.`,
      projectId: soon.id,
    });
  }
  return { notifications, next };
}
