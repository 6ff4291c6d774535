// Notifications for projects added by hand: their phone is watched like a fetched project's (offline or not paired
// for 5 minutes, back, at most one notice per 30 minutes), with the name through the display sanitizer; billing is
// "not known" for them, so no billing notice ever names one. The projects are built as the core builds them
// (manualEntryProject) and merged into the state as every surface gets it (mergeState).
import { describe, expect, it, vi } from 'vitest';
import { manualEntryProject } from '../../app/core/manual-projects';
import { mergeState } from '../../app/core/manual-merge';
import type { Project } from '../../app/core/model';
import type { PhoneState } from '../../app/core/phone-state';
import { diffProjects } from '../../app/core/project-diff';
import { INITIAL_SYNC_STATE, type SyncState } from '../../app/core/sync-state';
import { notificationForPlatform, notificationsFor } from '../../app/main/notifications';
import { createNotifier } from '../../app/main/notifier';
import { phoneNotificationsFor } from '../../app/main/phone-notifications';
import { phonesNeedAttention, trayPhoneNote, trayPhonesSummary } from '../../app/main/tray-phones';
import { hasPhoneAway } from '../../app/cli/exit-codes';
import { projectNeedsAttention } from '../../app/core/phone-state';
import { fake } from '../electron/fake-electron';
import { DAY, NOW, billingIn } from './main-fixtures';

vi.mock('electron', async () => ({ Notification: (await import('../electron/fake-electron')).fake.Notification }));

const MIN = 60_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();
const opts = { timeZone: 'UTC', locale: 'en-GB' };
// A name as a user may paste it: a bidi override, a terminal escape and markup.
const desk: Project = manualEntryProject(
  { number: 1, name: 'Front \u202edesk\u001b[2J <b>now</b>', addedAt: at(-DAY) },
  'PKYA-715Q-ACME-7K2D',
  'tok-front-desk',
);
const id = String(desk.id);
const offline = (since: number): PhoneState => ({ state: 'no-internet', since: at(since), checkedAt: at(since) });
const unpaired = (since: number): PhoneState => ({ state: 'unpaired', since: at(since), checkedAt: at(since) });
const back = (since: number): PhoneState => ({ state: 'connected', connectedNumber: '61491570156', since: at(since) });

/** The state the notifier gets with no Master token and this one project added by hand. */
const handOnly = (phone: PhoneState): SyncState => ({
  ...mergeState(INITIAL_SYNC_STATE, [desk]),
  phones: { [id]: phone },
});

describe('notifications for a project added by hand', () => {
  it('is what the notifier gets with no Master token: status "Not known", a phone project', () => {
    const s = handOnly(offline(0));
    expect(s.kind).toBe('ok');
    expect(s.projects).toEqual([expect.objectContaining({ id: desk.id, status: 'unknown', source: 'manual' })]);
  });

  it('tells once after 5 minutes offline, names the project cleaned, and carries the project to open', () => {
    const early = phoneNotificationsFor([desk], { [id]: offline(-2 * MIN) }, new Set(), NOW, opts);
    expect(early.notifications).toEqual([]); // a short drop says nothing
    const r = phoneNotificationsFor([desk], { [id]: offline(-6 * MIN) }, new Set(), NOW, opts);
    expect(r.notifications).toEqual([
      {
        key: expect.stringMatching(new RegExp(`^phone:${id}:away:`)),
        title: 'Phone offline',
        body: '“Front desk[2J <b>now</b>”’s phone has been offline since 11:54: its messages wait until it is back online.',
        projectId: desk.id,
      },
    ]);
    // On Linux the notification server may read markup: the name's <b> arrives escaped.
    const [n] = r.notifications;
    expect(n && notificationForPlatform(n, 'linux').body).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(JSON.stringify(r.notifications)).not.toMatch(/[\u202e\u001b]/);
  });

  it('not paired for 5 minutes, then a flap: at most one notice per 30 minutes, the last word once the gap passed', () => {
    let keys = new Set<string>();
    const said: string[] = [];
    for (const [t, phone] of [
      [0, unpaired(-6 * MIN)],
      [10 * MIN, back(10 * MIN)], // within 30 minutes of the first notice: held
      [12 * MIN, offline(12 * MIN)],
      [18 * MIN, offline(12 * MIN)], // away again: the last word said was "away", so nothing new
      [20 * MIN, back(20 * MIN)], // still within 30 minutes of the first notice: held
      [31 * MIN, back(20 * MIN)], // the gap has passed and it is still back: told once
      [40 * MIN, back(20 * MIN)],
    ] as const) {
      const r = phoneNotificationsFor([desk], { [id]: phone }, keys, NOW + t, opts);
      said.push(...r.notifications.map((x) => `${t / MIN}m ${x.title}`));
      keys = r.next;
    }
    expect(said).toEqual(['0m Phone not paired', '31m Phone connected again']);
  });

  it('through the notifier (Electron notifications, as the app shows them)', async () => {
    fake.Notification.shown.length = 0;
    let t = NOW;
    const notifier = createNotifier({
      store: { load: async () => new Set(), save: async () => undefined },
      enabled: () => true,
      onOpenProject: () => {},
      now: () => t,
    });
    notifier.onState(handOnly(offline(-7 * MIN)));
    await notifier.settled();
    t = NOW + 40 * MIN;
    notifier.onState(handOnly(back(35 * MIN)));
    await notifier.settled();
    expect(fake.Notification.shown.map((n) => n.options.title)).toEqual(['Phone offline', 'Phone connected again']);
    expect(fake.Notification.shown[1]?.options.body).toContain('connected again with 61491570156');
  });

  it('never gives a billing notice, even if a billing date reached it; a fetched project with that date does', () => {
    const billed = { ...desk, nextBillingDate: billingIn(DAY) };
    const fetched: Project = { ...billed, id: 715, source: undefined, manual: undefined, status: 'active' };
    const diff = diffProjects([billed, fetched], [billed, fetched], NOW, opts);
    expect(diff.billingSoon.map((b) => b.id)).toEqual([715]);
    const { notifications } = notificationsFor(diff, new Set(), opts);
    expect(notifications.map((n) => `${n.projectId} ${n.title}`)).toEqual(['715 Billing soon']);
  });

  it('its status "Not known" is never news (no status notice)', () => {
    const fetchedBefore: Project = { ...desk, status: 'active' };
    const diff = diffProjects([fetchedBefore], [desk], NOW, opts);
    expect(notificationsFor(diff, new Set(), opts).notifications).toEqual([]);
  });

  it('the tray, the "Needs attention" chip and `status` watch the same phone (one rule: isWatchedPhoneProject)', () => {
    const phones = { [id]: offline(-6 * MIN) };
    expect(trayPhonesSummary([desk], phones)).toBe('1 phone offline');
    expect(trayPhoneNote(desk, phones, NOW)).toBe(' · phone offline');
    expect(phonesNeedAttention([desk], phones, NOW)).toBe(true);
    expect(projectNeedsAttention(desk, phones, NOW)).toBe(true);
    expect(hasPhoneAway([desk], phones)).toBe(true);
  });
});
