// A project's phone as Picky Tray last saw it, and how an answer (or a failed check) changes it. Pure data and
// pure functions, safe for the renderer: no token ever enters a PhoneState (only the state, the number the phone
// is connected with, the queue length, times and an error sentence).
import * as z from 'zod/mini';
import { isBillingSoon } from './dates';
import { ERROR_CODES } from './errors';
import type { Project } from './model';

export const PHONE_STATES = ['connected', 'no-internet', 'unpaired', 'unknown'] as const;
export const PhoneStateKindSchema = z.enum(PHONE_STATES);
export type PhoneStateKind = z.infer<typeof PhoneStateKindSchema>;

export const PhoneStateSchema = z.object({
  state: PhoneStateKindSchema,
  /** The status word as Picky Assist sent it, when it is not one we know (state 'unknown'). */
  statusText: z.optional(z.string()),
  connectedNumber: z.optional(z.string()),
  queueCount: z.optional(z.int().check(z.nonnegative())),
  /** ISO time we asked. */
  checkedAt: z.optional(z.string()),
  /** ISO time this state began (kept across checks that find the same state). */
  since: z.optional(z.string()),
  /** Why the last check failed (state 'unknown'): a headline sentence, and the technical part (status, address,
   *  the server's words) in `detail`, shown behind "Details" in the window and with --verbose in the CLI. */
  error: z.optional(z.object({ code: z.enum(ERROR_CODES), message: z.string(), detail: z.optional(z.string()) })),
});
export type PhoneState = z.infer<typeof PhoneStateSchema>;

/** Phone states by project id (as text: JSON object keys). */
export const PhoneStatesSchema = z.record(z.string(), PhoneStateSchema);
export type PhoneStates = z.infer<typeof PhoneStatesSchema>;

/** How long a phone may be away before the tray and notifications speak up (a short drop does not). */
export const PHONE_ATTENTION_MS = 5 * 60_000;

/** Phone Automation projects that are not deleted and have at least one API token: the ones with a phone to ask. */
export function isPhoneProject(p: Pick<Project, 'service' | 'status' | 'apiTokens'>): boolean {
  return p.service === 'phone-automation' && p.status !== 'deleted' && p.apiTokens.length > 0;
}

/**
 * A phone project whose phone is watched (the tray, notifications, the "Needs attention" chip, `status`): an active
 * one, or one added by hand — the server never told its status ("Not known"), which is not a reason to stop
 * watching its phone.
 */
export function isWatchedPhoneProject(p: Pick<Project, 'service' | 'status' | 'apiTokens' | 'source'>): boolean {
  return isPhoneProject(p) && (p.status === 'active' || (p.source === 'manual' && p.status === 'unknown'));
}

/** What the device-status answer said (the api-client's DeviceStatus has this shape). */
export interface DeviceAnswer {
  status: 'CONNECTED' | 'TIMEOUT' | 'UNPAIRED' | 'unknown';
  statusText?: string;
  connectedNumber?: string;
  messageQueueCount?: number;
}

export type CheckOutcome =
  { answer: DeviceAnswer } | { error: { code: (typeof ERROR_CODES)[number]; message: string; detail?: string } };

const KIND_OF: Record<DeviceAnswer['status'], PhoneStateKind> = {
  CONNECTED: 'connected',
  TIMEOUT: 'no-internet',
  UNPAIRED: 'unpaired',
  unknown: 'unknown',
};

/** The same state as before? Then `since` carries over. An unknown word must be the same word. */
function sameState(a: PhoneState, b: PhoneState): boolean {
  if (a.state !== b.state) return false;
  if (a.state !== 'unknown') return true;
  return a.statusText === b.statusText && a.error?.code === b.error?.code;
}

/** The state after a check at `checkedAt` (ISO), given the one before. */
export function phoneStateAfter(prev: PhoneState | undefined, outcome: CheckOutcome, checkedAt: string): PhoneState {
  const next: PhoneState =
    'answer' in outcome
      ? { state: KIND_OF[outcome.answer.status], checkedAt }
      : { state: 'unknown', checkedAt, error: { code: outcome.error.code, message: outcome.error.message } };
  if ('error' in outcome && outcome.error.detail && next.error) next.error.detail = outcome.error.detail;
  if ('answer' in outcome) {
    const a = outcome.answer;
    if (a.status === 'unknown' && a.statusText) next.statusText = a.statusText;
    if (a.connectedNumber !== undefined && a.status !== 'UNPAIRED') next.connectedNumber = a.connectedNumber;
    if (a.messageQueueCount !== undefined) next.queueCount = a.messageQueueCount;
  }
  next.since = prev && prev.since && sameState(prev, next) ? prev.since : checkedAt;
  return next;
}

/** Offline or not paired (or an unknown word): the phone is not doing its job. A failed check is not a verdict. */
export function isPhoneAway(p: PhoneState): boolean {
  return p.state === 'no-internet' || p.state === 'unpaired' || (p.state === 'unknown' && p.error === undefined);
}

/** Away for at least 5 minutes (by `since`). */
export function phoneNeedsAttention(p: PhoneState, now: number): boolean {
  if (!isPhoneAway(p) || !p.since) return false;
  const since = Date.parse(p.since);
  return Number.isFinite(since) && now - since >= PHONE_ATTENTION_MS;
}

/** The tray's rule for a project: expired or billing soon (dates.ts), or an active project's phone away for 5
 *  minutes or more. The tray icon, the list's "Needs attention" chip and `picky-tray status` all ask this. */
export function projectNeedsAttention(project: Project, phones: PhoneStates | undefined, now: number): boolean {
  return projectAttentionRank(project, phones, now) < NO_ATTENTION_RANK;
}

/** projectAttentionRank's rank for a project that needs nothing from the user. */
export const NO_ATTENTION_RANK = 3;

/**
 * Where a project goes in "Needs attention first" (the window's list and the tray menu); lower ranks first. The same
 * facts as projectNeedsAttention, so everything the "Needs attention" chip counts sorts above everything it does
 * not. The order is by how soon the user loses something:
 *   0: expired (the project has already stopped);
 *   1: an active project's phone away 5 minutes or more (its messages are stopping right now);
 *   2: billing soon (days away, and paying fixes it);
 *   3: the rest (deleted projects included).
 */
export function projectAttentionRank(project: Project, phones: PhoneStates | undefined, now: number): number {
  if (project.status === 'expired') return 0;
  if (isWatchedPhoneProject(project)) {
    const phone = phoneOf(phones, project.id);
    if (phone !== undefined && phoneNeedsAttention(phone, now)) return 1;
  }
  return project.status !== 'deleted' && isBillingSoon(project, now) ? 2 : NO_ATTENTION_RANK;
}

/**
 * The words for a phone state, never colour alone: "Phone connected", "Phone offline since 10:42", "Not paired",
 * "Phone status unknown". `clock` formats `since` (the caller's locale and time zone).
 */
export function phoneLabel(p: PhoneState | undefined, clock?: (iso: string) => string): string {
  if (!p) return 'Phone not checked yet';
  switch (p.state) {
    case 'connected':
      return 'Phone connected';
    case 'no-internet':
      return p.since && clock ? `Phone offline since ${clock(p.since)}` : 'Phone offline';
    case 'unpaired':
      return 'Not paired';
    default:
      return p.statusText ? `Phone status: ${p.statusText}` : 'Phone status unknown';
  }
}

/** Not connected first (offline, not paired, unknown, not yet checked), then connected. Lower ranks first. */
export function phoneRank(p: PhoneState | undefined): number {
  if (!p) return 3;
  if (p.state === 'no-internet') return 0;
  if (p.state === 'unpaired') return 1;
  if (p.state === 'unknown') return 2;
  return 4;
}

export function phoneOf(states: PhoneStates | undefined, projectId: number): PhoneState | undefined {
  return states?.[String(projectId)];
}

/** The latest phone check of any project (ISO), for "phones checked 2 min ago". */
export function lastPhoneCheck(states: PhoneStates | undefined): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const s of Object.values(states ?? {})) {
    const ms = s.checkedAt ? Date.parse(s.checkedAt) : NaN;
    if (Number.isFinite(ms) && ms > latestMs) {
      latestMs = ms;
      latest = s.checkedAt;
    }
  }
  return latest;
}
