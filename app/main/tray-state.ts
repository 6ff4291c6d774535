// The tray's icon and tooltip, decided from the sync state alone. Pure, unit-tested.
import type { ErrorCode } from '../core/errors';
import type { SyncKind, SyncState } from '../core/sync-state';
import { isBillingSoon, needsAttention } from '../core/dates';
import { displayText } from '../core/display-text';
import { clockTime } from './clock-time';

export const TRAY_ICON_STATES = ['ok', 'attention', 'offline', 'no-token'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

const APP_NAME = 'Picky Tray';
/** Windows cuts tray tooltips at 127 characters; stay under it everywhere. */
export const TOOLTIP_MAX = 127;

/** While a refresh runs, the state keeps the previous error: judge by what the user last saw. */
export function settledKind(state: SyncState): Exclude<SyncKind, 'refreshing'> {
  if (state.kind !== 'refreshing') return state.kind;
  if (!state.error) return 'ok';
  return state.error.code === 'auth' ? 'auth-error' : 'offline';
}

export function trayIconState(state: SyncState, now: number): TrayIconState {
  const kind = settledKind(state);
  // A rejected token needs the same fix as a missing one: enter a token.
  if (kind === 'no-token' || kind === 'auth-error') return 'no-token';
  if (kind === 'offline') return 'offline';
  return state.projects.some((p) => needsAttention(p, now)) ? 'attention' : 'ok';
}

const OFFLINE_REASONS: Partial<Record<ErrorCode, string>> = {
  timeout: 'the server did not answer',
  'connection-refused': 'the server refused the connection',
  dns: 'the server name was not found',
  network: 'network error',
  'http-status': 'the server answered with an error',
  'api-status': 'the API answered with an error',
  'not-json': 'unexpected answer from the server',
  schema: 'unexpected answer from the server',
  'too-large': 'the answer was too large',
  'keychain-unavailable': 'the keychain is unavailable',
  'keychain-failed': 'the keychain failed',
};

export function offlineReason(state: SyncState): string {
  const code = state.error?.code;
  return (code && OFFLINE_REASONS[code]) ?? 'could not reach Picky Assist';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 projects, 1 expired, 2 billing soon" */
export function projectsSummary(state: SyncState, now: number): string {
  const parts = [plural(state.projects.length, 'project', 'projects')];
  const expired = state.projects.filter((p) => p.status === 'expired').length;
  const deleted = state.projects.filter((p) => p.status === 'deleted').length;
  const billing = state.projects.filter((p) => p.status === 'active' && isBillingSoon(p, now)).length;
  if (expired > 0) parts.push(`${expired} expired`);
  if (deleted > 0) parts.push(`${deleted} deleted`);
  if (billing > 0) parts.push(`${billing} billing soon`);
  return parts.join(', ');
}

/** One line for the tray's tooltip and the status line at the top of its menu. It changes only when the state
 *  does (or the day turns): a clock time, never "N min ago". */
export function trayStatusLine(state: SyncState, now: number, timeZone?: string): string {
  const kind = settledKind(state);
  if (kind === 'no-token') return 'Add your Master API token';
  if (kind === 'auth-error') return 'Your Master API token was rejected: enter a new one';
  const updated = clockTime(state.fetchedAt, now, timeZone);
  const summary = projectsSummary(state, now);
  if (kind === 'offline') {
    const cached = state.projects.length > 0 ? ` · ${summary}${updated ? ` as of ${updated}` : ''}` : '';
    return `Offline: ${offlineReason(state)}${cached}`;
  }
  if (state.kind === 'refreshing') return state.fetchedAt ? `${summary} · refreshing…` : 'Loading your projects…';
  return updated ? `${summary} · updated ${updated}` : summary;
}

export function trayTooltip(state: SyncState, now: number, timeZone?: string): string {
  return displayText(`${APP_NAME} — ${trayStatusLine(state, now, timeZone)}`, TOOLTIP_MAX);
}
