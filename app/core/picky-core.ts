// The facade that every shell uses (Electron main, the browser preview, the CLI): settings + keychain +
// offline cache + sync engine, composed. No logic of its own beyond wiring; no electron.
import {
  type DeviceCommand,
  type DeviceCommandRequest,
  type DeviceStatus,
  type DeviceStatusRequest,
  fetchProjects as httpFetchProjects,
} from './api-client';
import { fetchRegisteringSecrets, registerProjectSecrets, secretStoreRegisteringSecrets } from './log-secrets';
import { silentLogger } from './logger';
import type { Project } from './model';
import { type BudgetLedger, createFileBudgetLedger } from './phone-budget';
import { type CheckResult, createPhoneMonitor } from './phone-monitor';
import { MAX_STATUS_CALLS_PER_MINUTE } from './phone-schedule';
import type { PhoneState } from './phone-state';
import type { PhoneTokenSource } from './phone-token';
import { type ApiServer, type Clock, type FetchProjects, type Logger, type SecretStore, systemClock } from './ports';
import { createProjectCache } from './project-cache';
import { createKeytarSecretStore } from './secret-store';
import { addressRefusal } from './api-url';
import { PickyError } from './errors';
import { migrateLegacyToOrigin } from './migrate-legacy';
import { type Settings, type SettingsPatch, chooseApiAddress } from './settings-schema';
import { masterTokenAccount } from './origin-secrets';
import { createSettingsStore } from './settings-store';
import { type SyncEngine, type Timers, createSyncEngine } from './sync-engine';
import type { SyncState } from './sync-state';
import { mergeState } from './manual-merge';
import { manualNumberOf } from './manual-id';
import {
  type CheckProjectToken,
  type ManualProjectInput,
  type ManualProjectPatch,
  type ManualSaveOptions,
  type ManualSaveResult,
  checkProjectTokenOverHttp,
  createManualProjects,
} from './manual-projects';

/** SettingsView in app/shared/ipc-contract.ts without what only the shell knows (core does not import from shared). */
export interface CoreSettingsView {
  settings: Settings;
  effectiveBaseUrl: string;
  baseUrlFromEnv: boolean;
  /** The host (and port) the token is sent to; absent when the address in effect is refused. */
  host?: string;
  /** Why the address in effect may not be used (which one, and why); no request is made until it changes. */
  addressProblem?: string;
  warning?: string;
}

/** Whether the origin in effect has a token, and that origin's host; never the token itself. */
export interface CoreTokenStatus {
  stored: boolean;
  host?: string;
  /** The stored token's last 4 characters, so the user can tell which account is connected (longer tokens only). */
  tokenEnding?: string;
  addressProblem?: string;
}

/** The last 4 characters of a token long enough that they give nothing useful away; nothing for a short one. */
export function tokenEnding(token: string): string | undefined {
  return token.length >= 16 ? token.slice(-4) : undefined;
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
  /** Where the core says what went wrong. Default: nowhere. Every secret the core handles is registered with it. */
  logger?: Logger;
  /** The device-status call that checks a hand-added project's token. Default: the real HTTP client. */
  checkProjectToken?: CheckProjectToken;
  /** Default: the real HTTP client. */
  fetchDeviceStatus?: (request: DeviceStatusRequest) => Promise<DeviceStatus>;
  sendDeviceCommand?: (request: DeviceCommandRequest) => Promise<void>;
  /** Default: the ledger file in the data folder, shared with every other Picky Tray process. */
  budgetLedger?: BudgetLedger;
  /** Which project API token asks about a project's phone; default: the project's own list (phone-token.ts). */
  phoneTokenFor?: PhoneTokenSource;
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

/** The sync engine's own methods (written once, in sync-engine.ts), plus settings, the project lookup and the
 *  background refresh, which reads its interval from the settings. `load`, `start` and `stop` stay inside: the
 *  core calls them when the account or the interval changes. */
export interface PickyCore extends Omit<SyncEngine, 'load' | 'start' | 'stop' | 'setPhones'> {
  /** Whether the origin in effect has a token, and that origin's host (or why its address is refused). */
  getTokenStatus(): Promise<CoreTokenStatus>;
  getSettingsView(): CoreSettingsView;
  updateSettings(patch: SettingsPatch): Promise<CoreSettingsView>;
  /** A project by id, fetched or added by hand; a hand-added id merged into a fetched project finds that one. */
  getProject(id: number): Project | undefined;
  /** Projects added by hand for the origin in effect (secrets included: main side only). */
  listManualProjects(): Project[];
  addManualProject(input: ManualProjectInput, options?: ManualSaveOptions): Promise<ManualSaveResult>;
  editManualProject(id: number, patch: ManualProjectPatch, options?: ManualSaveOptions): Promise<ManualSaveResult>;
  /** Removes the entry and its own keychain entries only. */
  removeManualProject(id: number): Promise<void>;
  startBackgroundRefresh(): void;
  stopBackgroundRefresh(): void;
  phones: CorePhones;
}

export async function openPickyCore(options: PickyCoreOptions): Promise<PickyCore> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const secrets = secretStoreRegisteringSecrets(options.secrets ?? createKeytarSecretStore(), logger);
  const settingsStore = createSettingsStore(options.dataDir);
  const loaded = await settingsStore.load();
  let settings = loaded.settings;
  if (loaded.warning)
    logger.warn('The settings file could not be used; defaults are in use', { warning: loaded.warning });
  // Until a setting is saved: saving writes a fresh, valid file, and the warning asks the user to do just that.
  let settingsWarning = loaded.warning;
  // An address in settings.json that the rule refuses: reported (and no request made) until the user replaces it.
  let refusedFileUrl = loaded.refusedApiBaseUrl;
  const address = () => chooseApiAddress(settings, options.env, refusedFileUrl);
  function server(): ApiServer {
    const { source, url, check } = address();
    if (check.ok) return { ok: true, baseUrl: check.url, origin: check.origin, host: check.host };
    return { ok: false, error: new PickyError('settings-invalid', addressRefusal(source, url, check.reason)) };
  }
  const baseUrl = (): string => address().url.replace(/\/+$/, '');

  // Secrets and the offline copy from before they were per origin move, once, to the origin in effect now.
  const first = server();
  if (first.ok) {
    try {
      const { moved } = await migrateLegacyToOrigin(secrets, options.dataDir, first.origin, clock);
      if (moved.length > 0) logger.info('Moved what earlier versions kept to the API origin in effect', { moved });
    } catch (e) {
      // Keychain or disk out of reach: nothing was lost (each legacy item stays until its copy is in place), and
      // engine.load() below reports the same problem in the state; the move is tried again at the next start.
      logger.warn('Moving the token and offline copy of earlier versions to their API origin failed', { error: e });
    }
  }

  const cache = createProjectCache({ dir: options.dataDir, secrets, clock, logger: logger.child('cache') });
  const engine: SyncEngine = createSyncEngine({
    fetchProjects: fetchRegisteringSecrets(options.fetchProjects ?? httpFetchProjects, logger),
    cache,
    secrets,
    getServer: server,
    clock,
    timers: options.timers,
    logger: logger.child('sync'),
  });
  // Projects from the offline copy carry secrets too; registered before anything can log them.
  engine.subscribe((state) => registerProjectSecrets(logger, state.projects));

  // Hand-added projects of the origin in effect, merged into every state the surfaces get.
  const manualStore = createManualProjects({
    dataDir: options.dataDir,
    secrets,
    check: options.checkProjectToken ?? checkProjectTokenOverHttp,
    // The same budget as the phone checks: adding a project never pushes the account over 3 status calls a minute.
    slot: (run, onWait) => monitor.statusCall(run, onWait),
    clock,
    logger: logger.child('manual'),
  });
  let manual: Project[] = [];
  let manualWarning: string | undefined;
  const listeners = new Set<(state: SyncState) => void>();
  const merged = (state: SyncState): SyncState => mergeState(state, manual, manualWarning);
  function emit(): void {
    const state = merged(engine.getState());
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (error) {
        // One broken listener must not stop the others.
        logger.error('A listener failed while handling a new sync state', { error });
      }
    }
  }
  engine.subscribe(() => emit());
  async function loadManual(): Promise<void> {
    const s = server();
    if (!s.ok) {
      manual = [];
      manualWarning = undefined;
      return;
    }
    try {
      const loaded = await manualStore.load(s.origin);
      manual = loaded.projects;
      manualWarning = loaded.warning;
    } catch (e) {
      manual = [];
      manualWarning = 'The projects added by hand could not be read from the keychain or the data folder.';
      logger.warn('Reading the projects added by hand failed', { error: e });
    }
    registerProjectSecrets(logger, manual);
  }
  function manualServer() {
    const s = server();
    if (!s.ok) throw s.error;
    return { baseUrl: s.baseUrl, origin: s.origin };
  }
  async function afterManualChange(): Promise<void> {
    await loadManual();
    emit();
    monitor.poke();
  }

  await loadManual();
  await engine.load();

  // Phones are asked while the account answers; projects added by hand (no listing, or no Master token) are asked
  // with their own project API token whatever the listing does.
  const isActive = (): boolean => {
    const s = engine.getState();
    if (s.kind === 'ok' || (s.kind === 'refreshing' && s.error === undefined)) return true;
    return manual.length > 0 && (s.kind === 'no-token' || s.kind === 'refused');
  };
  const monitor = createPhoneMonitor({
    getProjects: () => merged(engine.getState()).projects,
    isActive,
    // Project API tokens go only to the address the rule accepted (api-url.ts), like the Master token.
    getBaseUrl: () => {
      const s = server();
      if (!s.ok) throw s.error;
      return s.baseUrl;
    },
    limit: () => settings.phoneChecksPerMinute ?? MAX_STATUS_CALLS_PER_MINUTE,
    ledger: options.budgetLedger ?? createFileBudgetLedger(options.dataDir, clock),
    onChange: (phones) => engine.setPhones(phones),
    clock,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.fetchDeviceStatus ? { fetchDeviceStatus: options.fetchDeviceStatus } : {}),
    ...(options.sendDeviceCommand ? { sendDeviceCommand: options.sendDeviceCommand } : {}),
    ...(options.phoneTokenFor ? { tokenFor: options.phoneTokenFor } : {}),
    logger: logger.child('phones'),
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
    const s = server();
    if (s.ok) view.host = s.host;
    else view.addressProblem = s.error.message;
    if (settingsWarning) view.warning = settingsWarning;
    return view;
  }

  const findProject = (id: number): Project | undefined => {
    const projects = merged(engine.getState()).projects;
    const direct = projects.find((p) => p.id === id);
    if (direct) return direct;
    // A hand-added project now merged into the fetched one: the same project under its fetched id.
    const n = manualNumberOf(id);
    return n === undefined ? undefined : projects.find((p) => p.manual?.number === n);
  };

  return {
    ...engine,
    getState: () => merged(engine.getState()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: () => engine.refresh().then(merged),
    // Resume from sleep or network back: the list, and a sweep of every phone within the budget.
    kick: () => {
      monitor.sweep();
      return engine.kick().then(merged);
    },
    clearToken: () => engine.clearToken().then(adoptPhones).then(merged),
    clearCache: () => engine.clearCache().then(adoptPhones).then(merged),
    async dispose() {
      listeners.clear();
      await monitor.dispose();
      await engine.dispose();
    },
    setToken: (token, tokenOptions) => {
      // Registered before the server sees it: a rejected token is never stored, but may be quoted in an error.
      logger.addSecret(token);
      return engine.setToken(token, tokenOptions).then(adoptPhones).then(merged);
    },
    listManualProjects: () => [...manual],
    async addManualProject(input, saveOptions) {
      const result = await manualStore.add(manualServer(), input, saveOptions);
      await afterManualChange();
      return result;
    },
    async editManualProject(id, patch, saveOptions) {
      const result = await manualStore.edit(manualServer(), id, patch, saveOptions);
      await afterManualChange();
      return result;
    },
    async removeManualProject(id) {
      await manualStore.remove(manualServer(), id);
      await afterManualChange();
    },
    async getTokenStatus() {
      const s = server();
      if (!s.ok) return { stored: false, addressProblem: s.error.message };
      const token = await secrets.get(masterTokenAccount(s.origin));
      if (!token) return { stored: false, host: s.host };
      const ending = tokenEnding(token);
      return ending ? { stored: true, host: s.host, tokenEnding: ending } : { stored: true, host: s.host };
    },
    getSettingsView,
    async updateSettings(patch) {
      const urlBefore = baseUrl();
      const intervalBefore = settings.refreshIntervalMinutes;
      settings = await settingsStore.update(patch);
      settingsWarning = undefined;
      if (patch.apiBaseUrl !== undefined) refusedFileUrl = undefined;
      if (baseUrl() !== urlBefore) {
        // Another server is another account: show its offline copy (if any), then ask it with its own token, if it
        // has one (never this one's). The refresh is not awaited so a slow server never holds the settings screen;
        // callers that care await refresh().
        await loadManual();
        await engine.load();
        adoptPhones(undefined);
        void engine.kick();
      } else if (background && settings.refreshIntervalMinutes !== intervalBefore) {
        engine.start(intervalMs);
      }
      return getSettingsView();
    },
    getProject: findProject,
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
  };
}
