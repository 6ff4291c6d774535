// The facade that every shell uses (Electron main, the browser preview, the CLI): settings + keychain +
// offline cache + sync engine, composed. No logic of its own beyond wiring; no electron.
import {
  type DeviceCommand,
  type DeviceCommandRequest,
  type DeviceStatus,
  type DeviceStatusRequest,
  fetchProjects as httpFetchProjects,
} from './api-client';
import type { Project } from './model';
import { type BudgetLedger, createFileBudgetLedger } from './phone-budget';
import { type CheckResult, createPhoneMonitor } from './phone-monitor';
import { MAX_STATUS_CALLS_PER_MINUTE } from './phone-schedule';
import type { PhoneState } from './phone-state';
import type { PhoneTokenSource } from './phone-token';
import { type Clock, type FetchProjects, type SecretStore, systemClock } from './ports';
import { createProjectCache } from './project-cache';
import { createKeytarSecretStore } from './secret-store';
import { type Settings, type SettingsPatch, effectiveBaseUrl } from './settings-schema';
import { createSettingsStore } from './settings-store';
import { type SyncEngine, type Timers, createSyncEngine } from './sync-engine';
import type { ProjectDiff, SyncState } from './sync-state';

/** SettingsView in app/shared/ipc-contract.ts without what only the shell knows (core does not import from shared). */
export interface CoreSettingsView {
  settings: Settings;
  effectiveBaseUrl: string;
  baseUrlFromEnv: boolean;
  warning?: string;
}

export interface PickyCoreOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  /** Default: the OS keychain through keytar. */
  secrets?: SecretStore;
  /** Default: the real HTTP client. */
  fetchProjects?: FetchProjects;
  clock?: Clock;
  timers?: Timers;
  /** Default: the real HTTP client. */
  fetchDeviceStatus?: (request: DeviceStatusRequest) => Promise<DeviceStatus>;
  sendDeviceCommand?: (request: DeviceCommandRequest) => Promise<void>;
  /** Default: the ledger file in the data folder, shared with every other Picky Tray process. */
  budgetLedger?: BudgetLedger;
  /** Which project API token asks about a project's phone; default: the project's own list (phone-token.ts). */
  phoneTokenFor?: PhoneTokenSource;
  /** Where caught problems of background work are reported. */
  log?: (message: string) => void;
}

/** Phones: the status of each phone project's phone, within the account's shared budget of status calls. */
export interface CorePhones {
  /** The project whose QR or detail is open (undefined: none). */
  focus(projectId: number | undefined): void;
  /** Checks a project at the next free slot; says when that is (ISO). */
  checkSoon(projectId: number): Promise<{ at: string }>;
  /** Checks a project now, waiting for a free slot if it must. */
  checkProject(projectId: number, onWait?: (until: number) => void): Promise<PhoneState>;
  /** As many checks as the budget allows right now, oldest first. */
  checkWithinBudget(): Promise<CheckResult>;
  nextSlotAt(): Promise<number>;
  command(projectId: number, command: DeviceCommand, options?: { confirmed?: boolean }): Promise<void>;
}

export interface PickyCore {
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  onDiff(listener: (diff: ProjectDiff) => void): () => void;
  refresh(): Promise<SyncState>;
  hasToken(): Promise<boolean>;
  setToken(token: string): Promise<SyncState>;
  clearToken(): Promise<SyncState>;
  getSettingsView(): CoreSettingsView;
  updateSettings(patch: SettingsPatch): Promise<CoreSettingsView>;
  clearCache(): Promise<SyncState>;
  getProject(id: number): Project | undefined;
  startBackgroundRefresh(): void;
  stopBackgroundRefresh(): void;
  kick(): Promise<SyncState>;
  phones: CorePhones;
  dispose(): Promise<void>;
}

export async function openPickyCore(options: PickyCoreOptions): Promise<PickyCore> {
  const clock = options.clock ?? systemClock;
  const secrets = options.secrets ?? createKeytarSecretStore();
  const settingsStore = createSettingsStore(options.dataDir);
  const loaded = await settingsStore.load();
  let settings = loaded.settings;
  // Until a setting is saved: saving writes a fresh, valid file, and the warning asks the user to do just that.
  let settingsWarning = loaded.warning;
  const baseUrl = (): string => effectiveBaseUrl(settings, options.env);

  const cache = createProjectCache({ dir: options.dataDir, secrets, clock });
  const engine: SyncEngine = createSyncEngine({
    fetchProjects: options.fetchProjects ?? httpFetchProjects,
    cache,
    secrets,
    getBaseUrl: baseUrl,
    clock,
    timers: options.timers,
  });
  await engine.load();

  const isActive = (): boolean => {
    const s = engine.getState();
    return s.kind === 'ok' || (s.kind === 'refreshing' && s.error === undefined);
  };
  const monitor = createPhoneMonitor({
    getProjects: () => engine.getState().projects,
    isActive,
    getBaseUrl: baseUrl,
    limit: () => settings.phoneChecksPerMinute ?? MAX_STATUS_CALLS_PER_MINUTE,
    ledger: options.budgetLedger ?? createFileBudgetLedger(options.dataDir, clock),
    onChange: (phones) => engine.setPhones(phones),
    clock,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.fetchDeviceStatus ? { fetchDeviceStatus: options.fetchDeviceStatus } : {}),
    ...(options.sendDeviceCommand ? { sendDeviceCommand: options.sendDeviceCommand } : {}),
    ...(options.phoneTokenFor ? { tokenFor: options.phoneTokenFor } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  monitor.setStates(engine.getState().phones);
  // The schedule depends on the list and on being online: decide again when either changes.
  let seen = { projects: engine.getState().projects, active: isActive() };
  engine.subscribe((s) => {
    const active = isActive();
    if (s.projects === seen.projects && active === seen.active) return;
    seen = { projects: s.projects, active };
    monitor.poke();
  });
  /** After the account changed under the engine: its phones are the offline copy's, not the old account's. */
  const adoptPhones = <T>(value: T): T => {
    monitor.setStates(engine.getState().phones);
    monitor.poke();
    return value;
  };

  let background = false;
  const intervalMs = (): number => settings.refreshIntervalMinutes * 60_000;

  function getSettingsView(): CoreSettingsView {
    const view: CoreSettingsView = {
      settings,
      effectiveBaseUrl: baseUrl(),
      baseUrlFromEnv: Boolean(options.env.PICKY_API_URL?.trim()),
    };
    if (settingsWarning) view.warning = settingsWarning;
    return view;
  }

  return {
    getState: () => engine.getState(),
    subscribe: (listener) => engine.subscribe(listener),
    onDiff: (listener) => engine.onDiff(listener),
    refresh: () => engine.refresh(),
    hasToken: () => engine.hasToken(),
    setToken: (token) => engine.setToken(token).then(adoptPhones),
    clearToken: () => engine.clearToken().then(adoptPhones),
    getSettingsView,
    async updateSettings(patch) {
      const urlBefore = baseUrl();
      const intervalBefore = settings.refreshIntervalMinutes;
      settings = await settingsStore.update(patch);
      settingsWarning = undefined;
      if (baseUrl() !== urlBefore) {
        // Another server is another account: show its offline copy (if any), then ask it. The refresh is not
        // awaited so a slow server never holds the settings screen; callers that care await refresh().
        await engine.load();
        adoptPhones(undefined);
        void engine.kick();
      } else if (background && settings.refreshIntervalMinutes !== intervalBefore) {
        engine.start(intervalMs);
      }
      return getSettingsView();
    },
    clearCache: () => engine.clearCache().then(adoptPhones),
    getProject: (id) => engine.getState().projects.find((p) => p.id === id),
    startBackgroundRefresh() {
      background = true;
      engine.start(intervalMs);
      monitor.start();
    },
    stopBackgroundRefresh() {
      background = false;
      engine.stop();
      monitor.stop();
    },
    // Resume from sleep or network back: the list, and a sweep of every phone within the budget.
    kick: () => {
      monitor.sweep();
      return engine.kick();
    },
    phones: {
      focus: (projectId) => monitor.focus(projectId),
      checkSoon: async (projectId) => {
        const { at } = await monitor.checkSoon(projectId);
        return { at: new Date(at).toISOString() };
      },
      checkProject: (projectId, onWait) => monitor.checkProject(projectId, onWait),
      checkWithinBudget: () => monitor.checkWithinBudget(),
      nextSlotAt: () => monitor.nextSlotAt(),
      command: (projectId, command, opts) => monitor.command(projectId, command, opts),
    },
    async dispose() {
      await monitor.dispose();
      await engine.dispose();
    },
  };
}
