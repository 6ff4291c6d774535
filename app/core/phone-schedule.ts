// When to ask for which phone, decided from plain numbers: the status-call budget shared by every Picky Tray
// process of the account, the projects' last checks and failures, and the project in focus. Pure, so the whole
// schedule is tested on a fake clock (test/unit/phone-schedule.test.ts).
//
// The budget: at most `limit` (3, Picky Assist's published limit; a setting may lower it) status calls in any
// window of 60 s. Each call is kept as the latest moment the server can have received it: while it runs, a bound
// past its timeout; once answered, the answer's time. A new call leaves now, no earlier than it can arrive, so
// counting the calls whose bound is inside the last 60 s keeps every 60 s at the server to `limit` calls, whatever
// the network's delays.
//
// Priorities: the project in focus (its QR or detail is open) every 20 s; then projects a user asked for (Check now,
// after a command, a sweep); then the rest, round-robin, oldest check first, each at most every few minutes.
// Background checks leave one slot a minute free for what a user asks, and nothing may delay the focus's next check.

export const STATUS_WINDOW_MS = 60_000;
export const MAX_STATUS_CALLS_PER_MINUTE = 3;
export const FOCUS_EVERY_MS = 20_000;
/** The shortest gap between two background checks of one project. */
export const RECHECK_MS = 2 * 60_000;
/** After a timeout or an HTTP 429, no status call at all for this long. */
export const PAUSE_MS = 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 30 * 60_000;

export interface BudgetCall {
  /** Latest moment the server can have received this call (ms since epoch). */
  until: number;
}

export interface BudgetView {
  calls: readonly BudgetCall[];
  /** No status call before this moment (after a timeout or a 429, in any process). */
  pausedUntil?: number;
}

export interface ScheduledProject {
  id: number;
  /** Last check (ms), if any. */
  checkedAt?: number;
  /** After failures: not before this (ms). */
  retryAt?: number;
  /** A user asked (Check now, a command, a sweep): next free slot, backoff or not. */
  requested?: boolean;
}

export interface ScheduleInput {
  now: number;
  /** Calls allowed per window; clamped to 1..3. */
  limit: number;
  /** False while the account is offline or has no token: no calls at all. */
  active: boolean;
  projects: readonly ScheduledProject[];
  focusId?: number;
  budget: BudgetView;
}

export type Decision =
  { kind: 'check'; projectId: number; why: 'focus' | 'requested' | 'round-robin' } | { kind: 'wait'; until?: number };

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_STATUS_CALLS_PER_MINUTE;
  return Math.min(MAX_STATUS_CALLS_PER_MINUTE, Math.max(1, Math.floor(limit)));
}

/** The earliest moment at or after `now` when one more call fits under `limit` (ignoring a pause). */
export function nextSlotAt(calls: readonly BudgetCall[], now: number, limit: number): number {
  const inWindow = calls
    .map((c) => c.until)
    .filter((u) => u > now - STATUS_WINDOW_MS)
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return now;
  // Room opens when all but limit-1 of them have left the window.
  return inWindow[inWindow.length - limit]! + STATUS_WINDOW_MS;
}

/** Earliest moment a call may leave, counting the pause too. */
export function nextCallAt(budget: BudgetView, now: number, limit: number): number {
  const slot = nextSlotAt(budget.calls, Math.max(now, budget.pausedUntil ?? 0), clampLimit(limit));
  return Math.max(slot, budget.pausedUntil ?? 0, now);
}

/** Retry delay after `failures` consecutive failed checks of one project: 1, 2, 4… minutes, at most 30. */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20), MAX_RETRY_MS);
}

/** Would one more call now push one of the focus's checks in the coming minute past its due time? */
function delaysFocus(input: ScheduleInput, limit: number, focusDue: number | undefined): boolean {
  if (focusDue === undefined) return false;
  const calls: BudgetCall[] = [...input.budget.calls, { until: input.now }];
  let due = Math.max(focusDue, input.now);
  for (let k = 0; k * FOCUS_EVERY_MS <= STATUS_WINDOW_MS; k++, due += FOCUS_EVERY_MS) {
    if (nextSlotAt(calls, due, limit) > due) return true;
    calls.push({ until: due });
  }
  return false;
}

export function decide(input: ScheduleInput): Decision {
  const { now } = input;
  if (!input.active || input.projects.length === 0) return { kind: 'wait' };
  const limit = clampLimit(input.limit);
  const paused = input.budget.pausedUntil ?? 0;
  if (paused > now) return { kind: 'wait', until: paused };

  const slot = nextSlotAt(input.budget.calls, now, limit);
  // Background leaves one slot per window to what a user asks for (when there is more than one).
  // Background checks are also spread out (one per window/limit), so a focus that begins finds slots free.
  const lastCall = Math.max(-Infinity, ...input.budget.calls.map((c) => c.until));
  const backgroundSlot = Math.max(
    nextSlotAt(input.budget.calls, now, Math.max(1, limit - 1)),
    lastCall + STATUS_WINDOW_MS / limit,
  );

  const focus = input.focusId === undefined ? undefined : input.projects.find((p) => p.id === input.focusId);
  const focusDue = focus ? (focus.checkedAt === undefined ? now : focus.checkedAt + FOCUS_EVERY_MS) : undefined;
  const focusAt = focusDue === undefined ? Infinity : Math.max(focusDue, slot);
  if (focus && focusAt <= now) return { kind: 'check', projectId: focus.id, why: 'focus' };

  const byAge = (a: ScheduledProject, b: ScheduledProject) => (a.checkedAt ?? -Infinity) - (b.checkedAt ?? -Infinity);
  const others = input.projects.filter((p) => p !== focus);

  const requested = others.filter((p) => p.requested).sort(byAge)[0];
  const requestedAt = requested ? slot : Infinity;
  if (requested && requestedAt <= now && !delaysFocus(input, limit, focusDue)) {
    return { kind: 'check', projectId: requested.id, why: 'requested' };
  }

  let background: ScheduledProject | undefined;
  let backgroundAt = Infinity;
  for (const p of others) {
    if (p.requested) continue;
    const due = p.checkedAt === undefined ? now : Math.max(p.checkedAt + RECHECK_MS, p.retryAt ?? 0);
    const at = Math.max(due, backgroundSlot);
    if (at < backgroundAt || (at === backgroundAt && background && byAge(p, background) < 0)) {
      background = p;
      backgroundAt = at;
    }
  }
  if (background && backgroundAt <= now && !delaysFocus(input, limit, focusDue)) {
    return { kind: 'check', projectId: background.id, why: 'round-robin' };
  }

  // Nothing can go now: wake at the earliest moment something might (a blocked request wakes with the focus).
  const times = [focusAt, requestedAt, backgroundAt].map((t) =>
    t <= now ? (focusAt > now ? focusAt : now + 1_000) : t,
  );
  const until = Math.min(...times);
  return Number.isFinite(until) ? { kind: 'wait', until } : { kind: 'wait' };
}
