// The phones behind the emulator's Phone Automation projects: a state per project that a test can set, that
// device commands change, and the per-account rate limit on status calls (3 a minute, as Picky Assist publishes).
// Time comes from an injectable clock so tests can prove the limit without waiting a minute.
import { z } from 'zod';

export const PHONE_STATES = ['CONNECTED', 'TIMEOUT', 'UNPAIRED'] as const;
export type PhoneWord = (typeof PHONE_STATES)[number];

export const PhonePatchSchema = z
  .object({
    projectId: z.number().int().nonnegative(),
    state: z.enum(PHONE_STATES),
    connectedNumber: z
      .string()
      .regex(/^\d{0,20}$/)
      .optional(),
    queue: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type PhonePatch = z.infer<typeof PhonePatchSchema>;

/** How long a restarted bridge app stays unreachable before it comes back in its previous state. */
export const RESTART_OFFLINE_MS = 4_000;
/** A connected phone with an unpaused queue sends one queued message this often. */
export const DRAIN_EVERY_MS = 10_000;
export const STATUS_WINDOW_MS = 60_000;
export const DEFAULT_STATUS_LIMIT = 3;

interface Phone {
  state: PhoneWord;
  connectedNumber: string;
  queue: number;
  paused: boolean;
  /** When the queue was last counted (draining is computed lazily from here). */
  countedAt: number;
  /** Set while a restart is in progress: the state to go back to, and when. */
  restart?: { until: number; back: PhoneWord };
  /** Every device command this phone received, oldest first. */
  commands: DeviceCommandWord[];
}

/** A phone as a test reads it (GET /__emulator/phone?projectId=…): what device-status would say, and more. */
export interface PhoneView {
  state: PhoneWord;
  connectedNumber: string;
  queue: number;
  paused: boolean;
  /** A restart is in progress (the phone shows TIMEOUT until it is back). */
  restarting: boolean;
  commands: DeviceCommandWord[];
}

export interface PhoneDefaults {
  state: PhoneWord;
  connectedNumber: string;
  queue: number;
}

export interface StatusStats {
  /** Every status call received, answered or not, per account. */
  calls: number;
  answered: number;
  /** Calls over the limit: received and never answered. */
  dropped: number;
  /** The most calls received (answered or not) within any 60 s. */
  maxInAnyMinute: number;
}

export const DEVICE_COMMANDS = [
  'restart',
  'reset',
  'delete-message-queue',
  'delete-call-queue',
  'stop-message-queue',
  'stop-call-queue',
  'resume-message-queue',
  'resume-call-queue',
] as const;
export type DeviceCommandWord = (typeof DEVICE_COMMANDS)[number];

export function createPhones(now: () => number) {
  const phones = new Map<number, Phone>();
  /** Per account: arrival times of every status call (kept for the stats) and of the answered ones. */
  const received = new Map<string, number[]>();
  const answered = new Map<string, number[]>();
  const dropped = new Map<string, number>();

  function settle(p: Phone): void {
    const t = now();
    if (p.restart && t >= p.restart.until) {
      p.state = p.restart.back;
      p.restart = undefined;
      p.countedAt = t;
    }
    if (p.state === 'CONNECTED' && !p.paused && !p.restart && p.queue > 0) {
      const sent = Math.floor((t - p.countedAt) / DRAIN_EVERY_MS);
      if (sent > 0) {
        p.queue = Math.max(0, p.queue - sent);
        p.countedAt += sent * DRAIN_EVERY_MS;
      }
    } else {
      p.countedAt = t;
    }
  }

  function phone(projectId: number, defaults: () => PhoneDefaults): Phone {
    let p = phones.get(projectId);
    if (!p) {
      const d = defaults();
      p = { ...d, paused: false, countedAt: now(), commands: [] };
      phones.set(projectId, p);
    }
    settle(p);
    return p;
  }

  return {
    /** The phone as device-status reports it. */
    read(projectId: number, defaults: () => PhoneDefaults) {
      const p = phone(projectId, defaults);
      return { state: p.state, connectedNumber: p.state === 'UNPAIRED' ? '' : p.connectedNumber, queue: p.queue };
    },
    set(patch: PhonePatch, defaults: () => PhoneDefaults): void {
      const p = phone(patch.projectId, defaults);
      p.state = patch.state;
      p.restart = undefined;
      if (patch.connectedNumber !== undefined) p.connectedNumber = patch.connectedNumber;
      if (patch.queue !== undefined) p.queue = patch.queue;
      p.countedAt = now();
    },
    /** The phone for a test, without counting as a status call. */
    view(projectId: number, defaults: () => PhoneDefaults): PhoneView {
      const p = phone(projectId, defaults);
      return {
        state: p.state,
        connectedNumber: p.state === 'UNPAIRED' ? '' : p.connectedNumber,
        queue: p.queue,
        paused: p.paused,
        restarting: p.restart !== undefined,
        commands: [...p.commands],
      };
    },
    command(projectId: number, command: DeviceCommandWord, defaults: () => PhoneDefaults): void {
      const p = phone(projectId, defaults);
      p.commands.push(command);
      switch (command) {
        case 'restart':
          p.restart = { until: now() + RESTART_OFFLINE_MS, back: p.restart?.back ?? p.state };
          p.state = 'TIMEOUT';
          break;
        case 'reset':
          p.queue = 0;
          p.paused = false;
          break;
        case 'delete-message-queue':
          p.queue = 0;
          break;
        case 'stop-message-queue':
          p.paused = true;
          break;
        case 'resume-message-queue':
          p.paused = false;
          break;
        default:
          // Call queues are not modelled: the command is accepted and changes nothing we report.
          break;
      }
    },
    /** Records a status call for `account`; false when it is over the limit and must be dropped. */
    admitStatusCall(account: string, limit: number): boolean {
      const t = now();
      const all = received.get(account) ?? [];
      all.push(t);
      received.set(account, all);
      const ok = (answered.get(account) ?? []).filter((at) => at > t - STATUS_WINDOW_MS);
      if (limit > 0 && ok.length >= limit) {
        dropped.set(account, (dropped.get(account) ?? 0) + 1);
        answered.set(account, ok);
        return false;
      }
      ok.push(t);
      answered.set(account, ok);
      return true;
    },
    stats(): Record<string, StatusStats> {
      const out: Record<string, StatusStats> = {};
      for (const [account, times] of received) {
        let max = 0;
        let start = 0;
        for (let end = 0; end < times.length; end++) {
          while (times[end]! - times[start]! >= STATUS_WINDOW_MS) start++;
          max = Math.max(max, end - start + 1);
        }
        const drops = dropped.get(account) ?? 0;
        out[account] = { calls: times.length, answered: times.length - drops, dropped: drops, maxInAnyMinute: max };
      }
      return out;
    },
    reset(): void {
      phones.clear();
      received.clear();
      answered.clear();
      dropped.clear();
    },
  };
}
export type Phones = ReturnType<typeof createPhones>;
