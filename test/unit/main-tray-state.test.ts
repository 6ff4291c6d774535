import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../app/core/sync-state';
import { TOOLTIP_MAX, trayIconState, trayTooltip } from '../../app/main/tray-state';
import { billingIn, DAY, NOW, project, state, trayTime } from './main-fixtures';

describe('trayIconState', () => {
  it('is no-token when no token is stored, whatever the cache holds', () => {
    expect(trayIconState(state({ kind: 'no-token', projects: [project(1, { status: 'expired' })] }), NOW)).toBe(
      'no-token',
    );
  });

  it('treats a rejected token like a missing one (the fix is the same: enter a token)', () => {
    expect(trayIconState(state({ kind: 'auth-error', error: { code: 'auth', message: 'x' } }), NOW)).toBe('no-token');
  });

  it('is ok when every project is active and no billing is near', () => {
    const projects = [project(1), project(2, { nextBillingDate: billingIn(10 * DAY) })];
    expect(trayIconState(state({ projects }), NOW)).toBe('ok');
  });

  it.each([
    ['an expired project', project(1, { status: 'expired' })],
    ['billing in 2 days', project(1, { nextBillingDate: billingIn(2 * DAY) })],
    ['billing in exactly 3 days', project(1, { nextBillingDate: billingIn(3 * DAY) })],
    ['billing earlier today', project(1, { nextBillingDate: billingIn(-3 * 60 * 60 * 1000) })],
  ])('is attention for %s', (_label, p) => {
    expect(trayIconState(state({ projects: [project(9), p] }), NOW)).toBe('attention');
  });

  it('is ok for a deleted project, even one whose billing date is near: it needs nothing from the user', () => {
    const deleted = project(1, { status: 'deleted', nextBillingDate: billingIn(DAY) });
    expect(trayIconState(state({ projects: [project(9), deleted] }), NOW)).toBe('ok');
  });

  it.each([
    ['billing on the fourth calendar day', billingIn(4 * DAY)],
    ['billing two days ago', billingIn(-2 * DAY)],
    ['an unparseable date', { given: 'soon' }],
  ])('is ok for %s', (_label, nextBillingDate) => {
    expect(trayIconState(state({ projects: [project(1, { nextBillingDate })] }), NOW)).toBe('ok');
  });

  it('is not attention for an unknown status', () => {
    expect(trayIconState(state({ projects: [project(1, { status: 'unknown', statusText: 'Paused' })] }), NOW)).toBe(
      'ok',
    );
  });

  it('is offline when the last refresh failed, even with an expired project in the offline copy', () => {
    const s = state({
      kind: 'offline',
      source: 'cache',
      projects: [project(1, { status: 'expired' })],
      error: { code: 'timeout', message: 'x' },
    });
    expect(trayIconState(s, NOW)).toBe('offline');
  });

  it('keeps showing what the user last saw while a refresh runs', () => {
    expect(trayIconState(state({ kind: 'refreshing', error: { code: 'dns', message: 'x' } }), NOW)).toBe('offline');
    expect(trayIconState(state({ kind: 'refreshing', error: { code: 'auth', message: 'x' } }), NOW)).toBe('no-token');
    expect(trayIconState(state({ kind: 'refreshing', projects: [project(1, { status: 'expired' })] }), NOW)).toBe(
      'attention',
    );
    expect(trayIconState(state({ kind: 'refreshing', projects: [project(1)] }), NOW)).toBe('ok');
  });
});

describe('trayTooltip', () => {
  it('counts projects and problems and says when the list was fetched', () => {
    const projects = [
      ...Array.from({ length: 10 }, (_, i) => project(i + 1)),
      project(20, { status: 'expired' }),
      project(21, { nextBillingDate: billingIn(DAY) }),
    ];
    expect(trayTooltip(state({ projects }), NOW, 'UTC')).toBe(
      `Picky Tray — 12 projects, 1 expired, 1 billing soon · updated ${trayTime(new Date(NOW - 5 * 60_000).toISOString())}`,
    );
  });

  it('uses the singular for one project and gives the clock time, the same a minute later', () => {
    const s = state({ projects: [project(1)], fetchedAt: new Date(NOW - 10_000).toISOString() });
    expect(trayTooltip(s, NOW, 'UTC')).toBe(`Picky Tray — 1 project · updated ${trayTime(s.fetchedAt!)}`);
    // The text does not age: re-setting an unchanged tooltip is what rebuilt the menu every minute.
    expect(trayTooltip(s, NOW + 59 * 60_000, 'UTC')).toBe(trayTooltip(s, NOW, 'UTC'));
    expect(trayTooltip(s, NOW, 'Asia/Kolkata')).toBe(
      `Picky Tray — 1 project · updated ${trayTime(s.fetchedAt!, 'Asia/Kolkata')}`,
    );
  });

  it('names the day when the list is from another day', () => {
    const s = state({ projects: [project(1)], fetchedAt: '2026-03-07T09:05:00Z' });
    expect(trayTooltip(s, NOW, 'UTC')).toBe(`Picky Tray — 1 project · updated ${trayTime('2026-03-07T09:05:00Z')}`);
  });

  it('asks for a token when there is none', () => {
    expect(trayTooltip(state({ kind: 'no-token', fetchedAt: undefined }), NOW)).toBe(
      'Picky Tray — Add your Master API token',
    );
  });

  it('says the token was refused', () => {
    expect(trayTooltip(state({ kind: 'auth-error', error: { code: 'auth', message: 'x' } }), NOW)).toBe(
      'Picky Tray — Picky Assist refused the token: enter a new one',
    );
  });

  it('tells apart the three ways a refresh fails: unreachable, token refused, request refused', () => {
    const fails = (code: 'timeout' | 'auth' | 'api-status' | 'http-status', kind: SyncState['kind']) =>
      state({ kind, source: 'none', fetchedAt: undefined, projects: [], error: { code, message: 'x' } });
    const unreachable = fails('timeout', 'offline');
    const token = fails('auth', 'auth-error');
    const refused = fails('api-status', 'refused');
    const http503 = fails('http-status', 'refused');
    expect([unreachable, token, refused, http503].map((s) => trayIconState(s, NOW))).toEqual([
      'offline',
      'no-token',
      'refused',
      'refused',
    ]);
    expect(trayTooltip(unreachable, NOW)).toBe("Picky Tray — Can't reach Picky Assist");
    expect(trayTooltip(token, NOW)).toBe('Picky Tray — Picky Assist refused the token: enter a new one');
    expect(trayTooltip(refused, NOW)).toBe('Picky Tray — Picky Assist refused the request (your token may be fine)');
    expect(trayTooltip(http503, NOW)).toBe(trayTooltip(refused, NOW));
    // While the next attempt runs, the icon keeps saying what the last one found.
    expect(trayIconState({ ...refused, kind: 'refreshing' }, NOW)).toBe('refused');
  });

  it('says Picky Assist cannot be reached, with the age of the offline copy', () => {
    const s = state({
      kind: 'offline',
      source: 'cache',
      projects: [project(1), project(2)],
      fetchedAt: new Date(NOW - 3 * 3_600_000).toISOString(),
      error: { code: 'connection-refused', message: 'long sentence' },
    });
    expect(trayTooltip(s, NOW, 'UTC')).toBe(
      `Picky Tray — Can't reach Picky Assist · as of ${trayTime(s.fetchedAt!)}: 2 projects`,
    );
  });

  it('unreachable with nothing cached says just that', () => {
    const s = state({ kind: 'offline', source: 'none', fetchedAt: undefined, error: { code: 'dns', message: 'x' } });
    expect(trayTooltip(s, NOW)).toBe("Picky Tray — Can't reach Picky Assist");
  });

  it('says it is refreshing', () => {
    expect(trayTooltip(state({ kind: 'refreshing', projects: [project(1)] }), NOW)).toBe(
      'Picky Tray — 1 project · refreshing…',
    );
    expect(trayTooltip(state({ kind: 'refreshing', fetchedAt: undefined }), NOW)).toBe(
      'Picky Tray — Loading your projects…',
    );
  });

  it('never exceeds the Windows tooltip limit', () => {
    const projects = [
      ...Array.from({ length: 5000 }, (_, i) => project(i, { status: 'expired' })),
      ...Array.from({ length: 5000 }, (_, i) => project(10_000 + i, { status: 'deleted' })),
      ...Array.from({ length: 5000 }, (_, i) => project(20_000 + i, { nextBillingDate: billingIn(DAY) })),
    ];
    const s = state({
      kind: 'refused',
      projects,
      error: { code: 'api-status', message: 'x' },
      fetchedAt: new Date(NOW - 100 * DAY).toISOString(),
    });
    const tip = trayTooltip(s, NOW);
    expect(tip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(tip.endsWith('…')).toBe(true);
  });
});
