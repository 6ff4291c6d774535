import { describe, expect, it } from 'vitest';
import { buildTrayMenu, findMenuItem, type MenuItemModel, type MenuModel, parseMenuId } from '../../app/main/tray-menu';
import { escapeMenuLabel, toMenuTemplate } from '../../app/main/tray-menu-template';
import { billingIn, DAY, NOW, project, state, trayTime } from './main-fixtures';

const opts = { launchAtLogin: false, now: NOW, timeZone: 'UTC' };
const ids = (model: MenuModel) => model.map((i) => i.id);
const projectItems = (model: MenuModel) =>
  model.filter((i): i is Extract<MenuItemModel, { type: 'submenu' }> => i.type === 'submenu');

describe('buildTrayMenu', () => {
  it('has the fixed entries in order, with Quit last', () => {
    const model = buildTrayMenu(state({ projects: [project(1)] }), opts);
    expect(ids(model)).toEqual([
      'status',
      'sep-status',
      'project:1',
      'sep-projects',
      'refresh',
      'open',
      'settings',
      'add-project',
      'launch-at-login',
      'open-logs',
      'sep-quit',
      'quit',
    ]);
    expect(findMenuItem(model, 'open-logs')).toMatchObject({ label: 'Open logs folder', enabled: true });
    expect(findMenuItem(model, 'quit')).toMatchObject({ label: 'Quit Picky Tray', enabled: true });
    expect(findMenuItem(model, 'status')).toMatchObject({
      enabled: false,
      label: `1 project · updated ${trayTime(new Date(NOW - 5 * 60_000).toISOString())}`,
    });
  });

  it('labels each project with its name and status, attention first, then by name', () => {
    const projects = [
      project(1, { name: 'Zulu' }),
      project(2, { name: 'alpha' }),
      project(3, { name: 'Mike', status: 'expired' }),
      project(4, { name: 'Bravo', nextBillingDate: billingIn(2 * DAY + 1000) }),
      project(5, { name: 'Echo', status: 'deleted' }),
      project(6, { name: 'Kilo', status: 'unknown', statusText: 'Suspended' }),
    ];
    const labels = projectItems(buildTrayMenu(state({ projects }), opts)).map((i) => i.label);
    expect(labels).toEqual([
      'Mike — Expired',
      'Bravo — Active · bills in 2 days',
      'alpha — Active',
      'Echo — Deleted',
      'Kilo — Suspended',
      'Zulu — Active',
    ]);
  });

  it('says "bills today" and "bills tomorrow"', () => {
    const projects = [
      project(1, { name: 'A', nextBillingDate: billingIn(60_000) }),
      project(2, { name: 'B', nextBillingDate: billingIn(DAY - 60_000) }),
    ];
    const labels = projectItems(buildTrayMenu(state({ projects }), opts)).map((i) => i.label);
    expect(labels).toContain('A — Active · bills today');
    expect(labels).toContain('B — Active · bills tomorrow');
    expect(
      buildTrayMenu(state({ projects: [project(1, { name: 'T', nextBillingDate: billingIn(-60_000) })] }), opts),
    ).toContainEqual(expect.objectContaining({ label: 'T — Active · bills today' }));
  });

  it('gives each project Show pairing QR, Copy license key and Open details', () => {
    const model = buildTrayMenu(state({ projects: [project(7)] }), opts);
    const sub = findMenuItem(model, 'project:7');
    expect(sub?.type).toBe('submenu');
    if (sub?.type !== 'submenu') return;
    expect(sub.items.map((i) => [i.id, 'label' in i ? i.label : ''])).toEqual([
      ['project:7:qr', 'Show pairing QR'],
      ['project:7:copy-license', 'Copy license key'],
      ['project:7:details', 'Open details'],
    ]);
  });

  it('leaves out the QR and license entries for a project without a license key', () => {
    const model = buildTrayMenu(
      state({ projects: [project(8, { licenseKey: undefined, service: 'whatsapp-official' })] }),
      opts,
    );
    expect(findMenuItem(model, 'project:8:qr')).toBeUndefined();
    expect(findMenuItem(model, 'project:8:copy-license')).toBeUndefined();
    expect(findMenuItem(model, 'project:8:details')).toBeDefined();
  });

  it('shows at most maxProjects, attention ones kept, then "More…" with the rest counted', () => {
    const projects = [
      ...Array.from({ length: 14 }, (_, i) => project(i + 1, { name: `P${String(i + 1).padStart(2, '0')}` })),
      project(99, { name: 'ZZ', status: 'expired' }),
    ];
    const model = buildTrayMenu(state({ projects }), { ...opts, maxProjects: 10 });
    const shown = projectItems(model);
    expect(shown).toHaveLength(10);
    expect(shown[0]?.id).toBe('project:99');
    expect(findMenuItem(model, 'more')).toMatchObject({ label: 'More… (5 more)', enabled: true });
    expect(parseMenuId('more')).toEqual({ kind: 'open-window' });
  });

  it('has no "More…" when everything fits, and defaults to 10', () => {
    expect(findMenuItem(buildTrayMenu(state({ projects: [project(1)] }), opts), 'more')).toBeUndefined();
    const many = Array.from({ length: 11 }, (_, i) => project(i));
    expect(projectItems(buildTrayMenu(state({ projects: many }), opts))).toHaveLength(10);
  });

  it('offers to add a token instead of projects when there is none, and cannot refresh', () => {
    const model = buildTrayMenu(state({ kind: 'no-token', fetchedAt: undefined }), opts);
    expect(findMenuItem(model, 'add-token')).toMatchObject({ label: 'Add your Master API token…', enabled: true });
    expect(findMenuItem(model, 'refresh')).toMatchObject({ enabled: false });
    expect(parseMenuId('add-token')).toEqual({ kind: 'open-settings' });
  });

  it('says when the account has no projects', () => {
    const model = buildTrayMenu(state({ projects: [] }), opts);
    expect(findMenuItem(model, 'no-projects')).toMatchObject({ label: 'No projects in this account', enabled: false });
  });

  it('shows "Refreshing…" disabled while refreshing, "Refresh now" otherwise', () => {
    expect(findMenuItem(buildTrayMenu(state({ kind: 'refreshing' }), opts), 'refresh')).toMatchObject({
      label: 'Refreshing…',
      enabled: false,
    });
    expect(findMenuItem(buildTrayMenu(state(), opts), 'refresh')).toMatchObject({
      label: 'Refresh now',
      enabled: true,
    });
    const offline = state({ kind: 'offline', error: { code: 'timeout', message: 'x' } });
    expect(findMenuItem(buildTrayMenu(offline, opts), 'refresh')).toMatchObject({
      label: 'Refresh now',
      enabled: true,
    });
  });

  it('lists the offline copy while offline', () => {
    const s = state({
      kind: 'offline',
      source: 'cache',
      projects: [project(1, { name: 'Cached' })],
      error: { code: 'timeout', message: 'x' },
    });
    const model = buildTrayMenu(s, opts);
    expect(findMenuItem(model, 'project:1')).toMatchObject({ label: 'Cached — Active' });
    expect(findMenuItem(model, 'status')).toMatchObject({
      label: expect.stringMatching(/^Can't reach Picky Assist · as of \d{1,2}:\d\d(?: [AP]M)?: 1 project/),
    });
  });

  it('reflects the real launch-at-login state in the checkbox', () => {
    expect(findMenuItem(buildTrayMenu(state(), { ...opts, launchAtLogin: true }), 'launch-at-login')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
    expect(findMenuItem(buildTrayMenu(state(), opts), 'launch-at-login')).toMatchObject({
      checked: false,
      enabled: true,
    });
    expect(
      findMenuItem(buildTrayMenu(state(), { ...opts, launchAtLoginSupported: false }), 'launch-at-login'),
    ).toMatchObject({ enabled: false });
  });

  it('is plain serializable data', () => {
    const model = buildTrayMenu(state({ projects: [project(1), project(2, { status: 'expired' })] }), opts);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('has unique ids', () => {
    const model = buildTrayMenu(state({ projects: Array.from({ length: 12 }, (_, i) => project(i)) }), opts);
    const all: string[] = [];
    const walk = (m: MenuModel) => m.forEach((i) => (all.push(i.id), i.type === 'submenu' && walk(i.items)));
    walk(model);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('parseMenuId', () => {
  it('maps every clickable id to an action', () => {
    expect(parseMenuId('project:12:qr')).toEqual({ kind: 'show-qr', projectId: 12 });
    expect(parseMenuId('project:12:copy-license')).toEqual({ kind: 'copy-license', projectId: 12 });
    expect(parseMenuId('project:12:details')).toEqual({ kind: 'open-project', projectId: 12 });
    expect(parseMenuId('refresh')).toEqual({ kind: 'refresh' });
    expect(parseMenuId('open')).toEqual({ kind: 'open-window' });
    expect(parseMenuId('settings')).toEqual({ kind: 'open-settings' });
    expect(parseMenuId('add-project')).toEqual({ kind: 'add-project' });
    expect(parseMenuId('launch-at-login')).toEqual({ kind: 'toggle-launch-at-login' });
    expect(parseMenuId('open-logs')).toEqual({ kind: 'open-logs' });
    expect(parseMenuId('quit')).toEqual({ kind: 'quit' });
  });

  it('ignores anything else', () => {
    for (const id of [
      'project:12',
      'project:x:qr',
      'project:12:qr:extra',
      'project:-1:qr',
      'sep-quit',
      'QUIT',
      '',
      'project:99999999999999999:qr',
    ]) {
      expect(parseMenuId(id)).toBeUndefined();
    }
  });
});

describe('toMenuTemplate', () => {
  it('keeps ids, labels, states and submenus, and routes every click by id', () => {
    const model = buildTrayMenu(state({ projects: [project(3, { name: 'R&D' })] }), { ...opts, launchAtLogin: true });
    const clicked: string[] = [];
    const template = toMenuTemplate(model, (id) => clicked.push(id));
    expect(template.map((t) => t.id)).toEqual(model.map((m) => m.id));
    const sub = template.find((t) => t.id === 'project:3');
    expect(sub?.label).toBe('R&&D — Active');
    const submenu = sub?.submenu as { id?: string; click?: () => void }[];
    submenu.find((s) => s.id === 'project:3:qr')?.click?.();
    (template.find((t) => t.id === 'open-logs')?.click as (() => void) | undefined)?.();
    (template.find((t) => t.id === 'quit')?.click as (() => void) | undefined)?.();
    expect(clicked).toEqual(['project:3:qr', 'open-logs', 'quit']);
    expect(template.find((t) => t.id === 'launch-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    expect(template.find((t) => t.id === 'status')).toMatchObject({ enabled: false });
    expect(template.find((t) => t.id === 'sep-quit')).toMatchObject({ type: 'separator' });
  });

  it('escapes ampersands so Electron shows them instead of making mnemonics', () => {
    expect(escapeMenuLabel('A & B && C')).toBe('A && B &&&& C');
  });
});
