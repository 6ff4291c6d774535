// The tray's icon and tooltip, decided from the sync state alone (phone states included). Pure, unit-tested.
import type { ErrorCode } from '../core/errors';
import { kindForError } from '../core/sync-engine';
import type { SyncKind, SyncState } from '../core/sync-state';
import { isBillingSoon, needsAttention, shortDateTime } from '../core/dates';
import { displayText } from '../core/display-text';
import { HAND_ADDED_ONLY, handAddedOnlyReason } from '../core/labels';
import { phonesNeedAttention, trayPhonesSummary } from './tray-phones';

export const TRAY_ICON_STATES = ['ok', 'attention', 'offline', 'refused', 'no-token'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

const APP_NAME = 'Picky Tray';
/** Windows cuts tray tooltips at 127 characters; stay under it everywhere. */
export const TOOLTIP_MAX = 127;

/** While a refresh runs, the state keeps the previous error: judge by what the user last saw. */
export function settledKind(state: SyncState): Exclude<SyncKind, 'refreshing'> {
  if (state.kind !== 'refreshing') return state.kind;
  if (!state.error) return 'ok';
  const kind = kindForError(state.error);
  return kind === 'refreshing' ? 'ok' : kind;
}

export function trayIconState(state: SyncState, now: number): TrayIconState {
  const kind = settledKind(state);
  // A rejected token needs the same fix as a missing one: enter a token.
  if (kind === 'no-token' || kind === 'auth-error') return 'no-token';
  if (kind === 'offline') return 'offline';
  if (kind === 'refused') return 'refused';
  // A phone counts once it has been away 5 minutes: a short drop does not flicker the icon.
  const attention =
    state.projects.some((p) => needsAttention(p, now)) || phonesNeedAttention(state.projects, state.phones, now);
  return attention ? 'attention' : 'ok';
}

// The tooltip's headline for each way a refresh can fail; the three that every surface tells apart first.
const UNREACHABLE = "Can't reach Picky Assist";
const REFUSED = 'Picky Assist refused the request';
const FAILURE_HEADLINES: Partial<Record<ErrorCode, string>> = {
  'api-status': REFUSED,
  'http-status': REFUSED,
  'not-json': "Picky Assist's answer could not be read",
  schema: "Picky Assist's answer could not be read",
  'too-large': "Picky Assist's answer was too large",
  'keychain-unavailable': 'The keychain is unavailable',
  'keychain-failed': 'The keychain failed',
};

export function failureHeadline(state: SyncState): string {
  const code = state.error?.code;
  return (code && FAILURE_HEADLINES[code]) ?? UNREACHABLE;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 projects, 1 expired, 2 billing soon · 1 phone offline" */
export function projectsSummary(state: SyncState, now: number): string {
  const parts = [plural(state.projects.length, 'project', 'projects')];
  const expired = state.projects.filter((p) => p.status === 'expired').length;
  const deleted = state.projects.filter((p) => p.status === 'deleted').length;
  const billing = state.projects.filter((p) => p.status === 'active' && isBillingSoon(p, now)).length;
  if (expired > 0) parts.push(`${expired} expired`);
  if (deleted > 0) parts.push(`${deleted} deleted`);
  if (billing > 0) parts.push(`${billing} billing soon`);
  const phones = trayPhonesSummary(state.projects, state.phones);
  return phones ? `${parts.join(', ')} · ${phones}` : parts.join(', ');
}

/** One line for the tray's tooltip and the status line at the top of its menu. It changes only when the state
 *  does (or the day turns): a clock time, never "N min ago". */
export function trayStatusLine(state: SyncState, now: number, timeZone?: string): string {
  const kind = settledKind(state);
  if (kind === 'no-token') return 'Add your Master API token';
  if (kind === 'auth-error') return 'Picky Assist refused the token: enter a new one';
  // An absolute time ("14:05", or "7 Mar 14:05" on another day), written by the one date rule as the phones' times
  // are: the text changes when the list is fetched again, not every minute (each change re-sends the whole menu on
  // Linux, closing it under the pointer).
  const updated = shortDateTime(state.fetchedAt, now, timeZone ? { timeZone } : {});
  const summary = projectsSummary(state, now);
  // Only projects added by hand: say why (as the window's header does), never "refused" or "loading" alone. No
  // phone-check time here: it would change the line, and re-send the menu, after every check.
  const byHand = handAddedOnlyReason(state);
  if (byHand) return `${HAND_ADDED_ONLY} (${byHand}) · ${summary}`;
  if (kind === 'offline' || kind === 'refused') {
    // The time before the counts: the tooltip is capped (Windows keeps 127 characters), and "as of when" is what
    // tells the user how old the list is.
    const cached = state.projects.length > 0 ? ` · ${updated ? `as of ${updated}: ` : ''}${summary}` : '';
    const hint = kind === 'refused' && failureHeadline(state) === REFUSED ? ' (your token may be fine)' : '';
    return `${failureHeadline(state)}${hint}${cached}`;
  }
  if (state.kind === 'refreshing') return state.fetchedAt ? `${summary} · refreshing…` : 'Loading your projects…';
  return updated ? `${summary} · updated ${updated}` : summary;
}

export function trayTooltip(state: SyncState, now: number, timeZone?: string): string {
  return displayText(`${APP_NAME} — ${trayStatusLine(state, now, timeZone)}`, TOOLTIP_MAX);
}
