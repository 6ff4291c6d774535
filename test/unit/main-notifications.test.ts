import { describe, expect, it } from 'vitest';
import type { ProjectDiff } from '../../app/core/sync-state';
import { notificationsFor } from '../../app/main/notifications';

const GB = { timeZone: 'UTC', locale: 'en-GB' };
const empty: ProjectDiff = { added: [], removed: [], statusChanged: [], billingSoon: [] };
const diff = (over: Partial<ProjectDiff>): ProjectDiff => ({ ...empty, ...over });
const expired = diff({ statusChanged: [{ id: 7, name: 'Shop bot', from: 'active', to: 'expired' }] });
const billing = diff({ billingSoon: [{ id: 8, name: 'Support', instant: '2026-03-12T00:00:00.000Z', daysLeft: 2 }] });

describe('notificationsFor', () => {
  it('announces a status change with the project name, and opens that project on click', () => {
    const { notifications } = notificationsFor(expired, new Set());
    expect(notifications).toEqual([
      {
        key: 'status:7:expired',
        title: 'Project expired',
        body: '“Shop bot” is now expired (it was active).',
        projectId: 7,
      },
    ]);
  });

  it('announces the same event only once across refreshes', () => {
    const first = notificationsFor(expired, new Set());
    const second = notificationsFor(expired, first.next);
    expect(second.notifications).toEqual([]);
    expect(second.next).toEqual(first.next);
  });

  it('announces a billing reminder once per project and date, and again for a new date', () => {
    const first = notificationsFor(billing, new Set(), GB);
    expect(first.notifications).toEqual([
      {
        key: 'billing:8:2026-03-12T00:00:00.000Z',
        title: 'Billing soon',
        body: '“Support” will be billed in 2 days (12 Mar 2026).',
        projectId: 8,
      },
    ]);
    // The same snapshot comes with every refresh until the date passes.
    expect(notificationsFor(billing, first.next).notifications).toEqual([]);
    const nextMonth = diff({
      billingSoon: [{ id: 8, name: 'Support', instant: '2026-04-12T00:00:00.000Z', daysLeft: 1 }],
    });
    const third = notificationsFor(nextMonth, first.next, GB);
    expect(third.notifications.map((n) => n.body)).toEqual(['“Support” will be billed tomorrow (12 Apr 2026).']);
    expect([...third.next]).toEqual(['billing:8:2026-04-12T00:00:00.000Z']);
  });

  it('says "today" for a billing today', () => {
    const d = diff({ billingSoon: [{ id: 1, name: 'A', instant: '2026-03-10T00:00:00.000Z', daysLeft: 0 }] });
    expect(notificationsFor(d, new Set(), GB).notifications[0]?.body).toBe('“A” will be billed today (10 Mar 2026).');
  });

  it('announces expired again after the project was active in between', () => {
    let seen = notificationsFor(expired, new Set()).next;
    const back = notificationsFor(
      diff({ statusChanged: [{ id: 7, name: 'Shop bot', from: 'expired', to: 'active' }] }),
      seen,
    );
    expect(back.notifications.map((n) => n.title)).toEqual(['Project active again']);
    seen = back.next;
    expect(notificationsFor(expired, seen).notifications.map((n) => n.key)).toEqual(['status:7:expired']);
  });

  it('does not announce a change to an unknown status', () => {
    const d = diff({ statusChanged: [{ id: 3, name: 'X', from: 'active', to: 'unknown' }] });
    expect(notificationsFor(d, new Set(), GB).notifications).toEqual([]);
  });

  it('forgets a removed project so the set does not grow forever', () => {
    const seen = new Set(['status:7:expired', 'billing:7:2026-03-12', 'status:70:expired']);
    const { next, notifications } = notificationsFor(diff({ removed: [{ id: 7, name: 'Shop bot' }] }), seen);
    expect(notifications).toEqual([]);
    expect([...next]).toEqual(['status:70:expired']);
  });

  it('does not modify the set it was given', () => {
    const seen = new Set<string>();
    notificationsFor(expired, seen);
    expect(seen.size).toBe(0);
  });

  it('handles several events at once, and names a nameless project by id', () => {
    const d = diff({
      statusChanged: [
        { id: 1, name: '', from: 'active', to: 'deleted' },
        { id: 2, name: 'B', from: 'active', to: 'expired' },
      ],
      billingSoon: [{ id: 3, name: 'C', instant: '2026-03-11T00:00:00.000Z', daysLeft: 1 }],
    });
    const { notifications } = notificationsFor(d, new Set(['status:2:expired']), GB);
    expect(notifications.map((n) => n.body)).toEqual([
      'Project 1 is now deleted (it was active).',
      '“C” will be billed tomorrow (11 Mar 2026).',
    ]);
  });
});
