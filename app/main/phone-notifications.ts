// Which desktop notifications the phones deserve, decided from the sync state. Pure, unit-tested; the keys join the
// other notification keys (notified-keys-store.ts), so a restart remembers them too.
// - Once when an active project's phone has been offline or not paired for 5 minutes (a short drop says nothing);
// - once when it is connected again after that;
// - at most one notice per project per 30 minutes: a phone that flaps is told about once, and a notice held back
//   by that gap is given later only if it is still true (the phone is still back, or still away).
// The memory per project is one key, "phone:<id>:<away|back>:<ISO time it was told>".
import { type DateOptions, shortDateTime } from '../core/dates';
import { DISPLAY_LIMITS, displayText, quoteExcerpt } from '../core/display-text';
import type { Project } from '../core/model';
import {
  type PhoneState,
  type PhoneStates,
  isWatchedPhoneProject,
  phoneNeedsAttention,
  phoneOf,
} from '../core/phone-state';
import type { NotificationModel, NotificationsResult } from './notifications';

/** At most one phone notice per project in this long. */
export const PHONE_NOTICE_GAP_MS = 30 * 60_000;

type Phase = 'away' | 'back';
const KEY = /^phone:(\d{1,16}):(away|back):(.{1,40})$/;
const phoneKey = (id: number, phase: Phase, at: number) => `phone:${id}:${phase}:${new Date(at).toISOString()}`;
export const phoneKeyPrefix = (id: number) => `phone:${id}:`;

interface Told {
  key: string;
  phase: Phase;
  at: number;
}

function toldOf(keys: ReadonlySet<string>): Map<number, Told> {
  const told = new Map<number, Told>();
  for (const key of keys) {
    const m = KEY.exec(key);
    if (!m) continue;
    const at = Date.parse(m[3] ?? '');
    const id = Number(m[1]);
    if (!Number.isFinite(at) || !Number.isSafeInteger(id)) continue;
    const before = told.get(id);
    if (!before || before.at <= at) told.set(id, { key, phase: m[2] as Phase, at });
  }
  return told;
}

/** Away long enough to tell, connected, or neither yet (a short drop, a failed check, never checked). */
function phaseOf(phone: PhoneState | undefined, now: number): Phase | undefined {
  if (!phone) return undefined;
  if (phone.state === 'connected') return 'back';
  return phoneNeedsAttention(phone, now) ? 'away' : undefined;
}

function quoted(project: Project): string {
  const clean = displayText(project.name, DISPLAY_LIMITS.notificationName);
  return clean ? `“${clean}”` : `Project ${project.id}`;
}

function notice(
  project: Project,
  phone: PhoneState,
  phase: Phase,
  now: number,
  options: DateOptions,
): NotificationModel {
  const key = phoneKey(project.id, phase, now);
  const name = quoted(project);
  if (phase === 'back') {
    const number = phone.connectedNumber ? ` with ${displayText(phone.connectedNumber, 40)}` : '';
    return {
      key,
      title: 'Phone connected again',
      body: `${name}’s phone is connected again${number}; its messages are sent.`,
      projectId: project.id,
    };
  }
  const since = shortDateTime(phone.since, now, options);
  const sinceText = since ? ` since ${since}` : '';
  if (phone.state === 'unpaired') {
    return {
      key,
      title: 'Phone not paired',
      body: `${name}’s phone has not been paired${sinceText}: its messages wait. Show its pairing QR to pair it again.`,
      projectId: project.id,
    };
  }
  if (phone.state === 'no-internet') {
    return {
      key,
      title: 'Phone offline',
      body: `${name}’s phone has been offline${sinceText}: its messages wait until it is back online.`,
      projectId: project.id,
    };
  }
  return {
    key,
    title: 'Phone not connected',
    body: `${name}’s phone has reported ${phone.statusText ? quoteExcerpt(phone.statusText) : 'an unknown status'}${sinceText}, not connected.`,
    projectId: project.id,
  };
}

export function phoneNotificationsFor(
  projects: readonly Project[],
  phones: PhoneStates | undefined,
  alreadyNotified: ReadonlySet<string>,
  now: number,
  options: DateOptions = {},
): NotificationsResult {
  const next = new Set(alreadyNotified);
  const notifications: NotificationModel[] = [];
  const told = toldOf(alreadyNotified);
  const watched = new Set<number>();

  for (const project of projects) {
    if (!isWatchedPhoneProject(project)) continue;
    watched.add(project.id);
    const phone = phoneOf(phones, project.id);
    const phase = phaseOf(phone, now);
    const last = told.get(project.id);
    if (!phone || !phase) continue;
    // Away is news unless it was the last thing said; back is news only after an away was said.
    const news = phase === 'away' ? last?.phase !== 'away' : last?.phase === 'away';
    if (!news) continue;
    if (last && now - last.at < PHONE_NOTICE_GAP_MS) continue; // held back; told later if still true
    for (const k of [...next]) if (k.startsWith(phoneKeyPrefix(project.id))) next.delete(k);
    const n = notice(project, phone, phase, now, options);
    next.add(n.key);
    notifications.push(n);
  }

  // Projects that no longer have a phone to watch (deleted, expired, gone) take their memory with them — unless
  // the list is empty (no account loaded): then nothing is known, and nothing is forgotten.
  if (projects.length > 0) {
    for (const [id, t] of told) if (!watched.has(id)) next.delete(t.key);
  }
  return { notifications, next };
}
