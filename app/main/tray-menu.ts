// The tray menu as plain data: a serializable tree with stable ids, built from the sync state alone.
// tray-menu-template.ts turns it into Electron's template; tests (and the end-to-end test) read it as is.
import type { Project } from '../core/model';
import type { SyncState } from '../core/sync-state';
import { billsPhrase, readableBilling } from '../core/dates';
import { DISPLAY_LIMITS, displayText } from '../core/display-text';
import { statusLabel } from '../core/labels';
import { isPhoneProject, phoneOf, projectAttentionRank } from '../core/phone-state';
import { trayPhoneLine, trayPhoneNote } from './tray-phones';
import { settledKind, trayStatusLine } from './tray-state';

export type MenuItemModel =
  | { type: 'normal'; id: string; label: string; enabled: boolean }
  | { type: 'checkbox'; id: string; label: string; checked: boolean; enabled: boolean }
  | { type: 'separator'; id: string }
  | { type: 'submenu'; id: string; label: string; items: MenuItemModel[] };
export type MenuModel = MenuItemModel[];

export const DEFAULT_MAX_PROJECTS = 10;

export interface TrayMenuOptions {
  /** The real state (login item / autostart file), not what settings say. */
  launchAtLogin: boolean;
  launchAtLoginSupported?: boolean;
  now: number;
  maxProjects?: number;
  /** For tests; the user's own zone otherwise. */
  timeZone?: string;
}

/** What a click on a menu item asks the app to do. */
export type TrayAction =
  | { kind: 'show-qr'; projectId: number }
  | { kind: 'copy-license'; projectId: number }
  | { kind: 'open-project'; projectId: number }
  | { kind: 'restart-bridge'; projectId: number }
  | { kind: 'open-window' }
  | { kind: 'open-settings' }
  | { kind: 'add-project' }
  | { kind: 'refresh' }
  | { kind: 'toggle-launch-at-login' }
  | { kind: 'open-logs' }
  | { kind: 'quit' };

const PROJECT_ACTIONS = {
  qr: 'show-qr',
  'copy-license': 'copy-license',
  details: 'open-project',
  'restart-bridge': 'restart-bridge',
} as const;
type ProjectActionSuffix = keyof typeof PROJECT_ACTIONS;

function projectItemId(projectId: number, suffix?: ProjectActionSuffix | 'phone' | 'phone-sep'): string {
  return suffix ? `project:${projectId}:${suffix}` : `project:${projectId}`;
}

/** The inverse of the ids below; anything else (a status line, a submenu header) does nothing. */
export function parseMenuId(id: string): TrayAction | undefined {
  const m = /^project:(\d{1,16}):(qr|copy-license|details|restart-bridge)$/.exec(id);
  if (m) {
    const projectId = Number(m[1]);
    const kind = PROJECT_ACTIONS[m[2] as ProjectActionSuffix];
    return Number.isSafeInteger(projectId) ? { kind, projectId } : undefined;
  }
  switch (id) {
    case 'more':
    case 'open':
    case 'status':
      return { kind: 'open-window' };
    case 'add-token':
    case 'settings':
      return { kind: 'open-settings' };
    case 'add-project':
      return { kind: 'add-project' };
    case 'refresh':
      return { kind: 'refresh' };
    case 'launch-at-login':
      return { kind: 'toggle-launch-at-login' };
    case 'open-logs':
      return { kind: 'open-logs' };
    case 'quit':
      return { kind: 'quit' };
    default:
      return undefined;
  }
}

/** " · bills tomorrow" for an active project billing soon (the user's calendar days). */
function billingNote(project: Project, now: number): string {
  if (project.status !== 'active') return '';
  const view = readableBilling(project, now);
  return view?.soon ? ` · ${billsPhrase(view.daysLeft)}` : '';
}

/** Attention first, in the list's order (projectAttentionRank: expired, a phone away 5 minutes or more, billing
 *  soon), then by name. Stable for equal names. */
export function sortForTray(projects: readonly Project[], now: number, phones?: SyncState['phones']): Project[] {
  const rank = (p: Project) => projectAttentionRank(p, phones, now);
  return projects
    .map((p, i) => ({ p, i, rank: rank(p) }))
    .sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name) || a.i - b.i)
    .map((x) => x.p);
}

/** The project's name as the tray shows it: through the display sanitizer, capped for a menu. */
function projectName(project: Project): string {
  return displayText(project.name, DISPLAY_LIMITS.trayName) || `Project ${project.id}`;
}

function projectSubmenu(project: Project, state: SyncState, now: number, timeZone?: string): MenuItemModel {
  const items: MenuItemModel[] = [];
  if (isPhoneProject(project)) {
    const phone = phoneOf(state.phones, project.id);
    items.push({
      type: 'normal',
      id: projectItemId(project.id, 'phone'),
      label: trayPhoneLine(phone, now, timeZone),
      enabled: false,
    });
    items.push({
      type: 'normal',
      id: projectItemId(project.id, 'restart-bridge'),
      label: 'Restart bridge app',
      enabled: true,
    });
    items.push({ type: 'separator', id: projectItemId(project.id, 'phone-sep') });
  }
  if (project.licenseKey) {
    items.push({ type: 'normal', id: projectItemId(project.id, 'qr'), label: 'Show pairing QR', enabled: true });
    items.push({
      type: 'normal',
      id: projectItemId(project.id, 'copy-license'),
      label: 'Copy license key',
      enabled: true,
    });
  }
  items.push({ type: 'normal', id: projectItemId(project.id, 'details'), label: 'Open details', enabled: true });
  return {
    type: 'submenu',
    id: projectItemId(project.id),
    label: `${projectName(project)} — ${displayText(statusLabel(project), 24) || 'Unknown status'}${billingNote(project, now)}${trayPhoneNote(project, state.phones, now)}`,
    items,
  };
}

function projectSection(state: SyncState, now: number, maxProjects: number, timeZone?: string): MenuItemModel[] {
  const kind = settledKind(state);
  if (kind === 'no-token' || kind === 'auth-error') {
    return [{ type: 'normal', id: 'add-token', label: 'Add your Master API token…', enabled: true }];
  }
  if (state.projects.length === 0) {
    const label = state.fetchedAt ? 'No projects in this account' : 'No projects yet';
    return [{ type: 'normal', id: 'no-projects', label, enabled: false }];
  }
  const sorted = sortForTray(state.projects, now, state.phones);
  const shown = sorted.slice(0, Math.max(0, maxProjects)).map((p) => projectSubmenu(p, state, now, timeZone));
  const hidden = sorted.length - shown.length;
  if (hidden > 0) shown.push({ type: 'normal', id: 'more', label: `More… (${hidden} more)`, enabled: true });
  return shown;
}

export function buildTrayMenu(state: SyncState, opts: TrayMenuOptions): MenuModel {
  const { now } = opts;
  const refreshing = state.kind === 'refreshing';
  const hasToken = settledKind(state) !== 'no-token';
  return [
    // Linux AppIndicators show no tooltip, so the status also heads the menu.
    { type: 'normal', id: 'status', label: trayStatusLine(state, now, opts.timeZone), enabled: false },
    { type: 'separator', id: 'sep-status' },
    ...projectSection(state, now, opts.maxProjects ?? DEFAULT_MAX_PROJECTS, opts.timeZone),
    { type: 'separator', id: 'sep-projects' },
    {
      type: 'normal',
      id: 'refresh',
      label: refreshing ? 'Refreshing…' : 'Refresh now',
      enabled: !refreshing && hasToken,
    },
    { type: 'normal', id: 'open', label: 'Open Picky Tray', enabled: true },
    { type: 'normal', id: 'settings', label: 'Settings…', enabled: true },
    { type: 'normal', id: 'add-project', label: 'Add a project…', enabled: true },
    {
      type: 'checkbox',
      id: 'launch-at-login',
      label: 'Launch at login',
      checked: opts.launchAtLogin,
      enabled: opts.launchAtLoginSupported ?? true,
    },
    { type: 'normal', id: 'open-logs', label: 'Open logs folder', enabled: true },
    { type: 'separator', id: 'sep-quit' },
    { type: 'normal', id: 'quit', label: 'Quit Picky Tray', enabled: true },
  ];
}

/** Depth-first lookup, for tests and the end-to-end hook. */
export function findMenuItem(model: MenuModel, id: string): MenuItemModel | undefined {
  for (const item of model) {
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const found = findMenuItem(item.items, id);
      if (found) return found;
    }
  }
  return undefined;
}
