// The tray's phone decisions: the icon needs attention only after 5 minutes away (no flicker on a short drop), the
// tooltip counts phones, each phone project's submenu shows its phone and offers "Restart bridge app".
import { describe, expect, it } from 'vitest';
import type { PhoneState, PhoneStates } from '../../app/core/phone-state';
import { buildTrayMenu, findMenuItem, parseMenuId } from '../../app/main/tray-menu';
import { trayPhoneCounts, trayPhoneLine, trayPhonesSummary } from '../../app/main/tray-phones';
import { trayIconState, trayTooltip } from '../../app/main/tray-state';
import { NOW, project, state, trayTime } from './main-fixtures';

const MIN = 60_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const phoneProject = (id: number, over: Parameters<typeof project>[1] = {}) =>
  project(id, { name: `Shop ${id}`, apiTokens: [{ token: `tok-${id}` }], ...over });
const away = (state: PhoneState['state'], forMs: number): PhoneState => ({
  state,
  since: ago(forMs),
  checkedAt: ago(10_000),
});
const connected: PhoneState = {
  state: 'connected',
  connectedNumber: '9234324324',
  since: ago(90 * MIN),
  checkedAt: ago(5_000),
};
const opts = { launchAtLogin: false, now: NOW, timeZone: 'UTC' };

describe('tray icon and phones', () => {
  const projects = [phoneProject(1), phoneProject(2)];

  it('stays ok for a phone that dropped a moment ago, and needs attention from 5 minutes on', () => {
    const phones = (forMs: number): PhoneStates => ({ '1': connected, '2': away('no-internet', forMs) });
    expect(trayIconState(state({ projects }), NOW)).toBe('ok');
    expect(trayIconState(state({ projects, phones: phones(30_000) }), NOW)).toBe('ok');
    expect(trayIconState(state({ projects, phones: phones(4 * MIN + 59_000) }), NOW)).toBe('ok');
    expect(trayIconState(state({ projects, phones: phones(5 * MIN) }), NOW)).toBe('attention');
    expect(trayIconState(state({ projects, phones: { '2': away('unpaired', 6 * MIN) } }), NOW)).toBe('attention');
  });

  it('ignores a failed check, a deleted or expired project, and projects without a phone', () => {
    const failed: PhoneState = {
      state: 'unknown',
      since: ago(60 * MIN),
      checkedAt: ago(MIN),
      error: { code: 'timeout', message: 'x' },
    };
    expect(trayIconState(state({ projects, phones: { '1': failed } }), NOW)).toBe('ok');
    const others = [
      phoneProject(3, { status: 'expired', nextBillingDate: undefined }),
      project(4, { service: 'whatsapp-official', apiTokens: [{ token: 't' }] }),
      project(5),
    ];
    const phones: PhoneStates = { '4': away('no-internet', 60 * MIN), '5': away('no-internet', 60 * MIN) };
    // The expired project needs attention for being expired, not for its phone.
    expect(trayIconState(state({ projects: others.slice(1), phones }), NOW)).toBe('ok');
  });

  it('counts phones in the tooltip: connected ones, or those away', () => {
    const many = [phoneProject(1), phoneProject(2), phoneProject(3), project(4), project(5), project(6)];
    expect(trayTooltip(state({ projects: many, phones: { '1': connected, '2': connected } }), NOW, 'UTC')).toBe(
      `Picky Tray — 6 projects · 2 phones connected · updated ${trayTime(new Date(NOW - 5 * 60_000).toISOString())}`,
    );
    const phones: PhoneStates = { '1': connected, '2': away('no-internet', MIN), '3': away('unpaired', MIN) };
    expect(trayTooltip(state({ projects: many, phones }), NOW, 'UTC')).toBe(
      `Picky Tray — 6 projects · 1 phone offline, 1 not paired · updated ${trayTime(new Date(NOW - 5 * 60_000).toISOString())}`,
    );
    expect(trayPhonesSummary(many, { '3': away('unpaired', MIN) })).toBe('1 phone not paired');
    expect(trayPhonesSummary([project(1)], undefined)).toBe('');
    expect(trayPhoneCounts(many, phones)).toEqual({ total: 3, connected: 1, offline: 1, unpaired: 1 });
  });

  it('shows each phone project’s phone in its submenu with Restart bridge app; not for other projects', () => {
    const s = state({
      projects: [phoneProject(1), phoneProject(2), project(3, { service: 'whatsapp-official' })],
      phones: { '1': connected, '2': away('no-internet', 20 * MIN) },
    });
    const model = buildTrayMenu(s, opts);
    expect(findMenuItem(model, 'project:1:phone')).toMatchObject({ label: 'Phone connected', enabled: false });
    expect(findMenuItem(model, 'project:1:restart-bridge')).toMatchObject({
      label: 'Restart bridge app',
      enabled: true,
    });
    expect(findMenuItem(model, 'project:2:phone')).toMatchObject({
      label: expect.stringMatching(/^Phone offline since 11:40( AM)?$/),
    });
    // Away 5 minutes or more: said in the project's own line too, and sorted up with what needs attention.
    expect(findMenuItem(model, 'project:2')).toMatchObject({ label: 'Shop 2 — Active · phone offline' });
    expect(model.findIndex((i) => i.id === 'project:2')).toBeLessThan(model.findIndex((i) => i.id === 'project:1'));
    expect(findMenuItem(model, 'project:3:phone')).toBeUndefined();
    expect(findMenuItem(model, 'project:3:restart-bridge')).toBeUndefined();
    expect(parseMenuId('project:2:restart-bridge')).toEqual({ kind: 'restart-bridge', projectId: 2 });
    expect(parseMenuId('project:2:phone')).toBeUndefined();
  });

  it('keeps the submenu the same while the phone stays the same (checks do not rebuild the menu)', () => {
    const a = state({ projects: [phoneProject(1)], phones: { '1': { ...connected, checkedAt: ago(60_000) } } });
    const b = state({ projects: [phoneProject(1)], phones: { '1': { ...connected, checkedAt: ago(1_000) } } });
    expect(JSON.stringify(buildTrayMenu(a, opts))).toBe(
      JSON.stringify(buildTrayMenu(b, { ...opts, now: NOW + 30_000 })),
    );
    expect(trayPhoneLine(undefined, NOW)).toBe('Phone not checked yet');
    expect(trayPhoneLine({ state: 'unknown', statusText: 'SLEEPING' }, NOW)).toBe('Phone status: SLEEPING');
  });
});
