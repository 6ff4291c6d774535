// Small builders for the main-process unit tests (not a test file itself).
import type { Project } from '../../app/core/model';
import type { SyncState } from '../../app/core/sync-state';
import { shortDateTime } from '../../app/core/dates';

export const NOW = Date.parse('2026-03-10T12:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

export function project(id: number, over: Partial<Project> = {}): Project {
  return {
    id,
    name: `Project ${id}`,
    status: 'active',
    service: 'phone-automation',
    licenseKey: `LIC-${id}`,
    apiTokens: [],
    webhooks: {},
    ...over,
  };
}

export function billingIn(ms: number): Project['nextBillingDate'] {
  const instant = new Date(NOW + ms).toISOString();
  return { given: instant.slice(0, 10), instant };
}

export function state(over: Partial<SyncState> = {}): SyncState {
  return {
    kind: 'ok',
    projects: [],
    source: 'network',
    failures: 0,
    fetchedAt: new Date(NOW - 5 * 60_000).toISOString(),
    ...over,
  };
}

/** A time as the tray writes it (the one date rule, this runtime's locale): "11:55" or "11:55 AM". */
export function trayTime(iso: string, timeZone = 'UTC'): string {
  return shortDateTime(iso, NOW, { timeZone }) ?? iso;
}
