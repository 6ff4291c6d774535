// The facade that every shell uses (Electron main, the browser preview, the CLI): settings + keychain +
// offline cache + sync engine, composed. No logic of its own beyond wiring; no electron.
import { fetchProjects as httpFetchProjects } from './api-client';
import type { Project } from './model';
import { type Clock, type FetchProjects, type SecretStore, systemClock } from './ports';
import { createProjectCache } from './project-cache';
import { createKeytarSecretStore } from './secret-store';
import { type Settings, type SettingsPatch, effectiveBaseUrl } from './settings-schema';
import { createSettingsStore } from './settings-store';
import { type SetTokenOptions, type SyncEngine, type Timers, createSyncEngine } from './sync-engine';
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
}

export interface PickyCore {
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  onDiff(listener: (diff: ProjectDiff) => void): () => void;
  refresh(): Promise<SyncState>;
  hasToken(): Promise<boolean>;
  setToken(token: string, options?: SetTokenOptions): Promise<SyncState>;
  clearToken(): Promise<SyncState>;
  getSettingsView(): CoreSettingsView;
  updateSettings(patch: SettingsPatch): Promise<CoreSettingsView>;
  clearCache(): Promise<SyncState>;
  getProject(id: number): Project | undefined;
  startBackgroundRefresh(): void;
  stopBackgroundRefresh(): void;
  kick(): Promise<SyncState>;
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
    setToken: (token, tokenOptions) => engine.setToken(token, tokenOptions),
    clearToken: () => engine.clearToken(),
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
        void engine.kick();
      } else if (background && settings.refreshIntervalMinutes !== intervalBefore) {
        engine.start(intervalMs);
      }
      return getSettingsView();
    },
    clearCache: () => engine.clearCache(),
    getProject: (id) => engine.getState().projects.find((p) => p.id === id),
    startBackgroundRefresh() {
      background = true;
      engine.start(intervalMs);
    },
    stopBackgroundRefresh() {
      background = false;
      engine.stop();
    },
    kick: () => engine.kick(),
    dispose: () => engine.dispose(),
  };
}
