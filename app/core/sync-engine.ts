// The sync engine: owns the one SyncState, refreshes projects (single-flight), keeps the last good list
// on failure, writes the offline cache, schedules refreshes with back-off, and stores or clears the token.
//
// Decisions:
// - load() never touches the network. With a token and an offline copy it shows kind 'ok' with source 'cache'
//   (a consumer derives "stale" from source === 'cache'); with a token and no copy, kind 'ok' with no projects and
//   source 'none' until the first refresh.
// - The token is read from the keychain at every refresh, so the app and the CLI (same keychain) never disagree.
// - Any change of account (token set or cleared, base URL changed, cache cleared) bumps a generation number:
//   a refresh that started before it is discarded instead of overwriting the newer state.
// - clearCache() also clears what is shown: the list on screen came from that cache or will be re-fetched, and
//   keeping it would contradict "cleared". It does not refresh by itself (that would write the file again at
//   once); the next scheduled or manual refresh fills the list.
// - Billing-soon reminders are announced once per project and billing date for the engine's lifetime.
import { type BackoffOptions, nextRefreshDelayMs } from './backoff';
import { PickyError, isPickyError, toErrorInfo } from './errors';
import type { Project } from './model';
import type { PhoneStates } from './phone-state';
import { diffProjects, isDiffEmpty } from './project-diff';
import {
  type CacheAccount,
  type Clock,
  type FetchProjects,
  MASTER_TOKEN_ACCOUNT,
  type ProjectCache,
  type SecretStore,
  systemClock,
} from './ports';
import { INITIAL_SYNC_STATE, type ProjectDiff, type SyncState } from './sync-state';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A scheduled refresh alone must not keep a process (the CLI, a test) alive.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncEngineDeps {
  fetchProjects: FetchProjects;
  cache: ProjectCache;
  secrets: SecretStore;
  getBaseUrl: () => string;
  clock?: Clock;
  timers?: Timers;
  backoff?: Omit<BackoffOptions, 'jitter'>;
  /** Source of jitter for retries; default Math.random. Tests pass a constant. */
  random?: () => number;
}

export interface SyncEngine {
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  onDiff(listener: (diff: ProjectDiff) => void): () => void;
  /** Reads token presence and the offline copy for the current account. No network. */
  load(): Promise<SyncState>;
  /** Fetches projects; concurrent callers share one request. Never throws: failures land in the state. */
  refresh(): Promise<SyncState>;
  hasToken(): Promise<boolean>;
  /** Checks the token with the server first; throws the server's PickyError (and stores nothing) when it is rejected. */
  setToken(token: string): Promise<SyncState>;
  clearToken(): Promise<SyncState>;
  clearCache(): Promise<SyncState>;
  /** Starts background refreshes; `intervalMs` is read again at every scheduling. */
  start(intervalMs: () => number): void;
  stop(): void;
  /** Refresh now and reschedule (resume from sleep, network back, settings changed). */
  kick(): Promise<SyncState>;
  /** New phone states (from the phone monitor): shown at once, saved in the offline copy soon after. */
  setPhones(phones: PhoneStates): void;
  /** Writes pending phone states to the offline copy now. */
  flushPhones(): Promise<void>;
  /** Stops timers and listeners; a refresh still running is discarded (it writes nothing) and awaited. */
  dispose(): Promise<void>;
}

/** Phone states change up to 3 times a minute; the offline copy (which holds every project) is rewritten at most this often for them. */
export const PHONES_SAVE_DELAY_MS = 30_000;

/** Errors that mean "the server answered and said no" rather than "we could not find out". */
function isRejection(e: unknown): e is PickyError {
  return isPickyError(e) && (e.code === 'auth' || e.code === 'api-status');
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const clock = deps.clock ?? systemClock;
  const timers = deps.timers ?? defaultTimers;
  const random = deps.random ?? Math.random;
  const stateListeners = new Set<(state: SyncState) => void>();
  const diffListeners = new Set<(diff: ProjectDiff) => void>();
  const announcedBilling = new Set<string>();

  let state: SyncState = INITIAL_SYNC_STATE;
  let generation = 0;
  let inFlight: { generation: number; promise: Promise<SyncState> } | undefined;
  let intervalGetter: (() => number) | undefined;
  let timer: unknown;
  let disposed = false;
  let phonesTimer: unknown;
  let phonesDirty = false;
  let phonesWrite: Promise<void> = Promise.resolve();
  /** The account whose list is on screen, for saving phone states beside it. */
  let shownAccount: CacheAccount | undefined;

  const iso = (): string => new Date(clock.now()).toISOString();

  function setState(next: SyncState): void {
    state = next;
    for (const listener of [...stateListeners]) {
      try {
        listener(state);
      } catch {
        // One broken listener must not stop the others or the engine.
      }
    }
  }

  function emitDiff(diff: ProjectDiff): void {
    const fresh = diff.billingSoon.filter((b) => !announcedBilling.has(`${b.id}|${b.instant}`));
    for (const b of fresh) announcedBilling.add(`${b.id}|${b.instant}`);
    const toSend: ProjectDiff = { ...diff, billingSoon: fresh };
    if (isDiffEmpty(toSend)) return;
    for (const listener of [...diffListeners]) {
      try {
        listener(toSend);
      } catch {
        // As above.
      }
    }
  }

  async function readCache(
    account: CacheAccount,
  ): Promise<{ projects?: Project[]; fetchedAt?: string; warning?: string; phones?: PhoneStates }> {
    try {
      const result = await deps.cache.read(account);
      return {
        projects: result.data?.projects,
        fetchedAt: result.data?.fetchedAt,
        warning: result.warning,
        phones: result.data?.phones,
      };
    } catch (e) {
      return { warning: toErrorInfo(e).message };
    }
  }

  async function writeCache(
    account: CacheAccount,
    projects: Project[],
    fetchedAt: string,
  ): Promise<string | undefined> {
    try {
      await deps.cache.write(account, withPhones({ fetchedAt, projects }));
      shownAccount = account;
      return undefined;
    } catch (e) {
      return `Projects are up to date, but they could not be saved for offline use: ${toErrorInfo(e).message}`;
    }
  }

  function withPhones<T extends object>(value: T): T & { phones?: PhoneStates } {
    return state.phones && state.phones.length > 0 ? { ...value, phones: state.phones } : value;
  }

  async function savePhones(): Promise<void> {
    if (!phonesDirty || !shownAccount || !state.fetchedAt || state.source === 'none') return;
    phonesDirty = false;
    const account = shownAccount;
    const data = withPhones({ fetchedAt: state.fetchedAt, projects: state.projects });
    phonesWrite = phonesWrite.then(async () => {
      try {
        await deps.cache.write(account, data);
      } catch {
        // The states are on screen; the next save (or refresh) tries again, and a refresh reports a disk problem.
        phonesDirty = true;
      }
    });
    await phonesWrite;
  }

  function applySuccess(
    projects: Project[],
    fetchedAt: string,
    warning: string | undefined,
    before: Project[] | undefined,
  ): void {
    setState(
      withPhones({
        kind: 'ok',
        projects,
        source: 'network',
        fetchedAt,
        lastAttemptAt: fetchedAt,
        warning,
        failures: 0,
        nextRefreshAt: state.nextRefreshAt,
      }),
    );
    emitDiff(diffProjects(before, projects, clock.now()));
  }

  function applyFailure(e: unknown, attemptAt: string): void {
    const error = toErrorInfo(e);
    setState({
      ...state,
      kind: error.code === 'auth' ? 'auth-error' : error.code === 'no-token' ? 'no-token' : 'offline',
      error,
      lastAttemptAt: attemptAt,
      failures: state.failures + 1,
    });
  }

  async function doRefresh(): Promise<SyncState> {
    const gen = generation;
    let token: string | null;
    try {
      token = await deps.secrets.get(MASTER_TOKEN_ACCOUNT);
    } catch (e) {
      if (gen === generation) applyFailure(e, iso());
      return state;
    }
    if (gen !== generation) return state;
    if (!token) {
      setState({ ...INITIAL_SYNC_STATE, lastAttemptAt: iso() });
      return state;
    }
    const account: CacheAccount = { baseUrl: deps.getBaseUrl(), token };
    const attemptAt = iso();
    // Keep what the user sees (and the last error) while the request runs.
    setState({ ...state, kind: 'refreshing', lastAttemptAt: attemptAt });
    let projects: Project[];
    try {
      projects = await deps.fetchProjects({ baseUrl: account.baseUrl, token: account.token });
    } catch (e) {
      if (gen === generation) applyFailure(e, attemptAt);
      return state;
    }
    if (gen !== generation) return state;
    const fetchedAt = iso();
    const before = state.source === 'none' ? undefined : state.projects;
    const warning = await writeCache(account, projects, fetchedAt);
    if (gen !== generation) return state;
    applySuccess(projects, fetchedAt, warning, before);
    return state;
  }

  function schedule(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (!intervalGetter || disposed || state.kind === 'no-token') {
      if (state.nextRefreshAt !== undefined) setState({ ...state, nextRefreshAt: undefined });
      return;
    }
    const delay = nextRefreshDelayMs(intervalGetter(), state.failures, {
      ...deps.backoff,
      jitter: state.failures > 0 ? random() : undefined,
    });
    timer = timers.setTimeout(() => {
      timer = undefined;
      void refresh();
    }, delay);
    setState({ ...state, nextRefreshAt: new Date(clock.now() + delay).toISOString() });
  }

  function refresh(): Promise<SyncState> {
    if (disposed) return Promise.resolve(state);
    // Join the running request only if it is for the current account: one started before a token or URL change
    // will be discarded, so a caller after the change needs a request of its own.
    if (inFlight && inFlight.generation === generation) return inFlight.promise;
    const entry: { generation: number; promise: Promise<SyncState> } = { generation, promise: Promise.resolve(state) };
    entry.promise = doRefresh().finally(() => {
      if (inFlight !== entry) return;
      inFlight = undefined;
      if (intervalGetter) schedule();
    });
    inFlight = entry;
    return entry.promise;
  }

  async function load(): Promise<SyncState> {
    generation += 1;
    const gen = generation;
    let token: string | null;
    try {
      token = await deps.secrets.get(MASTER_TOKEN_ACCOUNT);
    } catch (e) {
      // Without the keychain there is no token and no key for the offline copy: say why, show nothing.
      if (gen === generation) setState({ ...INITIAL_SYNC_STATE, kind: 'offline', error: toErrorInfo(e) });
      return state;
    }
    if (gen !== generation) return state;
    if (!token) {
      setState({ ...INITIAL_SYNC_STATE });
      return state;
    }
    const account: CacheAccount = { baseUrl: deps.getBaseUrl(), token };
    const cached = await readCache(account);
    if (gen !== generation) return state;
    shownAccount = cached.projects ? account : undefined;
    const loaded: SyncState = {
      kind: 'ok',
      projects: cached.projects ?? [],
      source: cached.projects ? 'cache' : 'none',
      fetchedAt: cached.fetchedAt,
      warning: cached.warning,
      failures: 0,
    };
    if (cached.phones) loaded.phones = cached.phones;
    setState(loaded);
    if (intervalGetter) schedule();
    return state;
  }

  async function setToken(raw: string): Promise<SyncState> {
    const token = raw.trim();
    if (!token)
      throw new PickyError(
        'bad-input',
        'The token is empty. Paste the Master API token from your Picky Assist account settings.',
      );
    const account: CacheAccount = { baseUrl: deps.getBaseUrl(), token };
    let projects: Project[] | undefined;
    let unreachable: unknown;
    try {
      projects = await deps.fetchProjects({ baseUrl: account.baseUrl, token });
    } catch (e) {
      // The server said no: keep everything as it was.
      if (isRejection(e) || (isPickyError(e) && e.code === 'aborted')) throw e;
      // We could not find out (offline, server broken): store it anyway so the app works when the server is back.
      unreachable = e;
    }
    await deps.secrets.set(MASTER_TOKEN_ACCOUNT, token);
    generation += 1;
    // Another token may be another account: its phones are not these.
    state = { ...state, phones: undefined };
    const attemptAt = iso();
    if (projects) {
      const warning = await writeCache(account, projects, attemptAt);
      applySuccess(projects, attemptAt, warning, undefined);
    } else {
      const cached = await readCache(account);
      shownAccount = cached.projects ? account : undefined;
      setState({
        kind: 'offline',
        phones: cached.phones,
        projects: cached.projects ?? [],
        source: cached.projects ? 'cache' : 'none',
        fetchedAt: cached.fetchedAt,
        lastAttemptAt: attemptAt,
        error: toErrorInfo(unreachable),
        warning: cached.warning,
        failures: 1,
      });
    }
    if (intervalGetter) schedule();
    return state;
  }

  async function clearToken(): Promise<SyncState> {
    generation += 1;
    shownAccount = undefined;
    await deps.secrets.delete(MASTER_TOKEN_ACCOUNT);
    await deps.cache.clear();
    setState({ ...INITIAL_SYNC_STATE });
    schedule();
    return state;
  }

  async function clearCache(): Promise<SyncState> {
    generation += 1;
    shownAccount = undefined;
    await deps.cache.clear();
    setState({
      ...state,
      phones: undefined,
      kind: state.kind === 'refreshing' ? 'ok' : state.kind,
      projects: [],
      source: 'none',
      fetchedAt: undefined,
      warning: undefined,
    });
    return state;
  }

  return {
    getState: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onDiff(listener) {
      diffListeners.add(listener);
      return () => diffListeners.delete(listener);
    },
    load,
    refresh,
    async hasToken() {
      return Boolean(await deps.secrets.get(MASTER_TOKEN_ACCOUNT));
    },
    setToken,
    clearToken,
    clearCache,
    start(intervalMs) {
      intervalGetter = intervalMs;
      if (!inFlight) schedule();
    },
    stop() {
      intervalGetter = undefined;
      schedule();
    },
    async kick() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      return refresh();
    },
    setPhones(phones) {
      if (disposed) return;
      setState({ ...state, phones });
      phonesDirty = true;
      if (phonesTimer === undefined) {
        phonesTimer = timers.setTimeout(() => {
          phonesTimer = undefined;
          void savePhones();
        }, PHONES_SAVE_DELAY_MS);
      }
    },
    async flushPhones() {
      if (phonesTimer !== undefined) timers.clearTimeout(phonesTimer);
      phonesTimer = undefined;
      await savePhones();
    },
    async dispose() {
      if (phonesTimer !== undefined) timers.clearTimeout(phonesTimer);
      phonesTimer = undefined;
      await savePhones().catch(() => undefined);
      disposed = true;
      // Discard whatever is running: its result must not land in the cache after the owner has gone.
      generation += 1;
      intervalGetter = undefined;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      stateListeners.clear();
      diffListeners.clear();
      await inFlight?.promise.catch(() => undefined);
    },
  };
}
