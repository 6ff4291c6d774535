// Phone notifications: once after 5 minutes offline or not paired, once when back, at most one per project per 30
// minutes (a held-back notice is given later only if still true), remembered by key so a restart repeats nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PhoneState, PhoneStates } from '../../app/core/phone-state';
import { INITIAL_SYNC_STATE } from '../../app/core/sync-state';
import { createNotifiedKeysStore } from '../../app/main/notified-keys-store';
import { createNotifier } from '../../app/main/notifier';
import { PHONE_NOTICE_GAP_MS, phoneNotificationsFor } from '../../app/main/phone-notifications';
import { fake } from '../electron/fake-electron';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { NOW, project } from './main-fixtures';

// The notifier shows notices through Electron's Notification; the recording stand-in keeps what was shown.
vi.mock('electron', async () => ({ Notification: (await import('../electron/fake-electron')).fake.Notification }));
afterAll(removeTempDirs);

const MIN = 60_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();
const shop = project(7, { name: 'Bella \u202eSalon', apiTokens: [{ token: 'tok-7' }] });
// The user's zone and format come from the options (dates.ts); fixed here so the words can be checked.
const opts = { timeZone: 'UTC', locale: 'en-GB' };

/** A phone timeline: what the state says at each moment, and the notices given, in order. */
function run(timeline: [number, PhoneState | undefined][], start = new Set<string>()) {
  let keys = start;
  const said: string[] = [];
  for (const [t, phone] of timeline) {
    const phones: PhoneStates | undefined = phone ? { '7': phone } : undefined;
    const r = phoneNotificationsFor([shop], phones, keys, NOW + t, opts);
    for (const n of r.notifications) said.push(`${Math.round(t / MIN)}m ${n.title}`);
    keys = r.next;
  }
  return { said, keys };
}
const offline = (since: number): PhoneState => ({ state: 'no-internet', since: at(since), checkedAt: at(since) });
const unpaired = (since: number): PhoneState => ({ state: 'unpaired', since: at(since), checkedAt: at(since) });
const back = (since: number): PhoneState => ({ state: 'connected', connectedNumber: '9234324324', since: at(since) });

describe('phone notifications', () => {
  it('says nothing for a short drop, once after 5 minutes away, once when back', () => {
    const { said } = run([
      [0, back(-60 * MIN)],
      [1 * MIN, offline(1 * MIN)],
      [2 * MIN, back(2 * MIN)], // a one-minute drop: nothing
      [10 * MIN, offline(10 * MIN)],
      [14 * MIN, offline(10 * MIN)],
      [15 * MIN, offline(10 * MIN)], // 5 minutes away
      [16 * MIN, offline(10 * MIN)],
      [50 * MIN, back(50 * MIN)],
      [51 * MIN, back(50 * MIN)],
    ]);
    expect(said).toEqual(['15m Phone offline', '50m Phone connected again']);
  });

  it('names the project cleaned, says since when, and carries the project to open', () => {
    const r = phoneNotificationsFor([shop], { '7': unpaired(-6 * MIN) }, new Set(), NOW, opts);
    expect(r.notifications).toEqual([
      {
        key: `phone:7:away:${at(0)}`,
        title: 'Phone not paired',
        body: '“Bella Salon”’s phone has not been paired since 11:54: its messages wait. Show its pairing QR to pair it again.',
        projectId: 7,
      },
    ]);
  });

  it('a flapping phone gives at most one notice per 30 minutes; the last word comes once the gap has passed', () => {
    const timeline: [number, PhoneState][] = [];
    // Away 6 minutes, back 1 minute, again and again for an hour.
    for (let t = 0; t < 60 * MIN; t += 7 * MIN) {
      timeline.push([t, offline(t)], [t + 6 * MIN, offline(t)], [t + 6.5 * MIN, back(t + 6.5 * MIN)]);
    }
    timeline.push([70 * MIN, back(63 * MIN)], [95 * MIN, back(63 * MIN)]);
    const { said } = run(timeline);
    const times = said.map((s) => Number(s.split('m')[0]));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(30);
    expect(said[0]).toBe('6m Phone offline');
    expect(said.at(-1)).toMatch(/Phone connected again$/);
    expect(PHONE_NOTICE_GAP_MS).toBe(30 * MIN);
  });

  it('remembers across a restart: the same away state is not told twice', () => {
    const first = run([[0, offline(-10 * MIN)]]);
    expect(first.said).toEqual(['0m Phone offline']);
    // A restart: the keys as saved, the same state from the offline copy, later.
    const again = run([[40 * MIN, offline(-10 * MIN)]], new Set(first.keys));
    expect(again.said).toEqual([]);
  });

  it('ignores failed checks, other services, deleted projects, and forgets projects that no longer have a phone', () => {
    const failed: PhoneState = {
      state: 'unknown',
      since: at(-60 * MIN),
      error: { code: 'timeout', message: 'x' },
    };
    expect(phoneNotificationsFor([shop], { '7': failed }, new Set(), NOW, opts).notifications).toEqual([]);
    const official = project(8, { service: 'whatsapp-official', apiTokens: [{ token: 't' }] });
    const deleted = project(9, { status: 'deleted', apiTokens: [{ token: 't' }] });
    const phones: PhoneStates = { '8': offline(-60 * MIN), '9': offline(-60 * MIN) };
    expect(phoneNotificationsFor([official, deleted], phones, new Set(), NOW, opts).notifications).toEqual([]);

    const told = run([[0, offline(-10 * MIN)]]).keys;
    expect(phoneNotificationsFor([deleted], phones, told, NOW, opts).next.size).toBe(0);
    // No projects loaded yet: nothing is forgotten.
    expect(phoneNotificationsFor([], undefined, told, NOW, opts).next).toEqual(told);
  });

  it('an unknown status word is quoted, cleaned and short', () => {
    const odd: PhoneState = { state: 'unknown', statusText: 'SLEEP\u001b[31mING', since: at(-9 * MIN) };
    const [n] = phoneNotificationsFor([shop], { '7': odd }, new Set(), NOW, opts).notifications;
    expect(n?.title).toBe('Phone not connected');
    expect(n?.body).toBe('“Bella Salon”’s phone has reported “SLEEP[31mING” since 11:51, not connected.');
  });
});

describe('phone notices across a real restart (the notified-keys file on disk)', () => {
  it('tells "offline" once, not again after a restart or a flap within 30 minutes, then "back" once', async () => {
    const dir = await makeTempDir('phone-notified');
    let t = NOW;
    const titles = () => fake.Notification.shown.map((n) => n.options.title);
    fake.Notification.shown.length = 0;
    /** A fresh notifier on the same data folder, as after the app restarts. */
    const start = () =>
      createNotifier({
        store: createNotifiedKeysStore(dir),
        enabled: () => true,
        onOpenProject: () => {},
        now: () => t,
      });
    const tell = async (notifier: ReturnType<typeof start>, minutes: number, phone: PhoneState) => {
      t = NOW + minutes * MIN;
      notifier.onState({
        ...INITIAL_SYNC_STATE,
        kind: 'ok',
        source: 'network',
        projects: [shop],
        phones: { '7': phone },
      });
      await notifier.settled();
    };

    const first = start();
    await tell(first, 0, offline(-6 * MIN)); // offline for 6 minutes
    expect(titles()).toEqual(['Phone offline']);
    expect(await readFile(join(dir, 'notified.json'), 'utf8')).toContain('phone:7:away:');

    // Restart: a new notifier reads what the first one wrote. The same offline phone is not told again.
    const second = start();
    await tell(second, 2, offline(-6 * MIN));
    // A flap within 30 minutes: back, away for 6 minutes again, back. Nothing new is said yet.
    await tell(second, 4, back(4 * MIN));
    await tell(second, 11, offline(5 * MIN));
    await tell(second, 12, back(12 * MIN));
    expect(titles()).toEqual(['Phone offline']);

    // Another restart; once 30 minutes have passed since the last notice, "back" is told, once.
    const third = start();
    await tell(third, 31, back(12 * MIN));
    await tell(third, 40, back(12 * MIN));
    await tell(start(), 45, back(12 * MIN));
    expect(titles()).toEqual(['Phone offline', 'Phone connected again']);
  });
});
