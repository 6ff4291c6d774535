// The facade that every shell uses (Electron main, the browser preview, the CLI): settings + keychain +
// offline cache + sync engine, composed. No logic of its own beyond wiring; no electron.
import { fetchProjects as httpFetchProjects } from './api-client';
import { fetchRegisteringSecrets, registerProjectSecrets, secretStoreRegisteringSecrets } from './log-secrets';
import { silentLogger } from './logger';
import type { Project } from './model';
import { type Clock, type FetchProjects, type Logger, type SecretStore, systemClock } from './ports';
import { createProjectCache } from './project-cache';
import { createKeytarSecretStore } from './secret-store';
import { type Settings, type SettingsPatch, effectiveBaseUrl } from './settings-schema';
import { createSettingsStore } from './settings-store';
import { type SyncEngine, type Timers, createSyncEngine } from './sync-engine';

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
  /** Where the core says what went wrong. Default: nowhere. Every secret the core handles is registered with it. */
  logger?: Logger;
}

/** The sync engine's own methods (written once, in sync-engine.ts), plus settings, the project lookup and the
 *  background refresh, which reads its interval from the settings. `load`, `start` and `stop` stay inside: the
 *  core calls them when the account or the interval changes. */
export interface PickyCore extends Omit<SyncEngine, 'load' | 'start' | 'stop'> {
  getSettingsView(): CoreSettingsView;
  updateSettings(patch: SettingsPatch): Promise<CoreSettingsView>;
  getProject(id: number): Project | undefined;
  startBackgroundRefresh(): void;
  stopBackgroundRefresh(): void;
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
  const baseUrl = (): string => effectiveBaseUrl(settings, options.env);

  const cache = createProjectCache({ dir: options.dataDir, secrets, clock, logger: logger.child('cache') });
  const engine: SyncEngine = createSyncEngine({
    fetchProjects: fetchRegisteringSecrets(options.fetchProjects ?? httpFetchProjects, logger),
    cache,
    secrets,
    getBaseUrl: baseUrl,
    clock,
    timers: options.timers,
    logger: logger.child('sync'),
  });
  // Projects from the offline copy carry secrets too; registered before anything can log them.
  engine.subscribe((state) => registerProjectSecrets(logger, state.projects));
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
    ...engine,
    setToken: (token, tokenOptions) => {
      // Registered before the server sees it: a rejected token is never stored, but may be quoted in an error.
      logger.addSecret(token);
      return engine.setToken(token, tokenOptions);
    },
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
    getProject: (id) => engine.getState().projects.find((p) => p.id === id),
    startBackgroundRefresh() {
      background = true;
      engine.start(intervalMs);
    },
    stopBackgroundRefresh() {
      background = false;
      engine.stop();
    },
  };
}
