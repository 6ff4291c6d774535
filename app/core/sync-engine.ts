// The sync engine: owns the one SyncState, refreshes projects (single-flight), keeps the last good list
// on failure, writes the offline cache, schedules refreshes with back-off, and stores or clears the token.
//
// Decisions:
// - load() never touches the network. With a token and an offline copy it shows kind 'ok' with source 'cache'
//   (a consumer derives "stale" from source === 'cache'); with a token and no copy, kind 'ok' with no projects and
//   source 'none' until the first refresh.
// - The token is read from the keychain at every refresh, so the app and the CLI (same keychain) never disagree.
// - The token belongs to the API origin it was checked with (keychain entry `master-token@<origin>`): a refresh
//   reads the entry of the origin in effect and sends it only there, so changing the address never sends a token
//   to another server; the new server has no token until the user enters one for it. An address the rule refuses
//   (api-url.ts) makes no request at all: the state says why, as an error with kind 'no-token'.
// - Any change of account (token set or cleared, base URL changed, cache cleared) bumps a generation number:
//   a refresh that started before it is discarded instead of overwriting the newer state.
// - clearCache() also clears what is shown: the list on screen came from that cache or will be re-fetched, and
//   keeping it would contradict "cleared". It does not refresh by itself (that would write the file again at
//   once); the next scheduled or manual refresh fills the list.
// - Billing-soon reminders are announced once per project and billing date for the engine's lifetime.
import { type BackoffOptions, nextRefreshDelayMs } from './backoff';
import { type ErrorInfo, PickyError, failureKind, isPickyError, toErrorInfo } from './errors';
import { silentLogger } from './logger';
import type { Project } from './model';
import type { MasterToken } from './master-token';
import type { PhoneStates } from './phone-state';
import { diffProjects, isDiffEmpty } from './project-diff';
import { masterTokenAccount } from './origin-secrets';
import {
  type ApiServer,
  type CacheAccount,
  type Clock,
  type FetchProjects,
  type Logger,
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
  /** The API server in effect, read at every operation (Settings and settings.json can change it). */
  getServer: () => ApiServer;
  clock?: Clock;
  timers?: Timers;
  backoff?: Omit<BackoffOptions, 'jitter'>;
  /** Source of jitter for retries; default Math.random. Tests pass a constant. */
  random?: () => number;
  logger?: Logger;
}

export interface SyncEngine {
  getState(): SyncState;
  subscribe(listener: (state: SyncState) => void): () => void;
  onDiff(listener: (diff: ProjectDiff) => void): () => void;
  /** Reads token presence and the offline copy for the current account. No network. */
  load(): Promise<SyncState>;
  /** Fetches projects; concurrent callers share one request. Never throws: failures land in the state. */
  refresh(): Promise<SyncState>;
  /** Whether the origin in effect has a token; throws the refusal when the address is refused. */
  hasToken(): Promise<boolean>;
  /**
   * Checks the token with the server first and stores it only when Picky Assist accepts it. When the server
   * refuses it (or redirects), throws that error and stores nothing. When the check cannot be made (Picky Assist
   * unreachable, or refusing every request), throws too — unless `saveUnchecked`, the user's explicit "Save and
   * keep trying": then it is stored unchecked, and the next successful answer checks it.
   */
  setToken(token: MasterToken, options?: SetTokenOptions): Promise<SyncState>;
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

export interface SetTokenOptions {
  saveUnchecked?: boolean;
}

/** Phone states change up to 3 times a minute; the offline copy (which holds every project) is rewritten at most this often for them. */
export const PHONES_SAVE_DELAY_MS = 30_000;

/** Errors that mean "the server refused this token": nothing is stored, whatever the user chose. A redirect counts:
 *  following it could send the token elsewhere, and whatever answers there never accepted it. */
function refusesToken(e: unknown): e is PickyError {
  return (
    isPickyError(e) &&
    (e.code === 'auth' || e.code === 'aborted' || (e.code === 'http-status' && e.details.redirect === true))
  );
}

/** The state kind a failed refresh leaves: the three ways a request fails stay apart. */
export function kindForError(error: ErrorInfo): SyncState['kind'] {
  if (error.code === 'no-token') return 'no-token';
  const kind = failureKind(error.code);
  if (kind === 'token') return 'auth-error';
  if (kind === 'refused') return 'refused';
  return 'offline';
}

/** While checking a token, a redirect is the server's refusal of it (issue: it never accepted the token). */
function redirectRefusal(e: PickyError): PickyError {
  return new PickyError(
    'auth',
    'The server refused this token — it answered with a redirect, which Picky Tray does not follow, so nothing was stored.',
    e.details,
    { cause: e, ...(e.detail ? { detail: e.detail } : {}), fix: e.fix ?? 'token' },
  );
}

const UNCHECKED_REFUSED =
  'Picky Assist refused the token you saved without a check — copy the Master API token again from your Picky Assist dashboard (API → Master API token).';

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const clock = deps.clock ?? systemClock;
  const timers = deps.timers ?? defaultTimers;
  const random = deps.random ?? Math.random;
  const log = deps.logger ?? silentLogger;
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
      } catch (error) {
        // One broken listener must not stop the others or the engine.
        log.error('A listener failed while handling a new sync state', { kind: state.kind, error });
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
      } catch (error) {
        // As above.
        log.error('A listener failed while handling project changes', { error });
      }
    }
  }

  async function readCache(
    account: CacheAccount,
  ): Promise<{ projects?: Project[]; fetchedAt?: string; warning?: string; phones?: PhoneStates }> {
    try {
      const result = await deps.cache.read(account);
      if (result.warning) log.warn('The offline copy could not be used', { warning: result.warning });
      return {
        projects: result.data?.projects,
        fetchedAt: result.data?.fetchedAt,
        warning: result.warning,
        phones: result.data?.phones,
      };
    } catch (e) {
      log.warn('Reading the offline copy failed', { error: e });
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
      log.warn('Saving the offline copy failed', { projects: projects.length, error: e });
      return `Projects are up to date, but they could not be saved for offline use: ${toErrorInfo(e).message}`;
    }
  }

  function withPhones<T extends object>(value: T): T & { phones?: PhoneStates } {
    return state.phones && Object.keys(state.phones).length > 0 ? { ...value, phones: state.phones } : value;
  }

  async function savePhones(): Promise<void> {
    if (!phonesDirty || !shownAccount || !state.fetchedAt || state.source === 'none') return;
    phonesDirty = false;
    const account = shownAccount;
    const data = withPhones({ fetchedAt: state.fetchedAt, projects: state.projects });
    phonesWrite = phonesWrite.then(async () => {
      try {
        await deps.cache.write(account, data);
      } catch (e) {
        // The states are on screen; the next save (or refresh) tries again, and a refresh reports a disk problem.
        log.warn('Saving the phone states for offline use failed', { error: e });
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
    if (state.failures > 0)
      log.info('Refreshing projects works again', { after: state.failures, count: projects.length });
    else log.debug('Projects refreshed', { count: projects.length });
    // A success also checks a token saved unchecked: tokenUnchecked is left out.
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
    let error = toErrorInfo(e);
    log.warn('Refreshing projects failed', { failures: state.failures + 1, error: e });
    // The first answer about a token saved unchecked says so plainly.
    if (error.code === 'auth' && state.tokenUnchecked) error = { ...error, message: UNCHECKED_REFUSED };
    setState({
      ...state,
      kind: kindForError(error),
      error,
      lastAttemptAt: attemptAt,
      failures: state.failures + 1,
    });
  }

  /** The state for an address that may not be used: no request, no token, the reason as the error. */
  function refusedState(error: PickyError, attemptAt?: string): SyncState {
    return { ...INITIAL_SYNC_STATE, error: toErrorInfo(error), ...(attemptAt ? { lastAttemptAt: attemptAt } : {}) };
  }

  async function doRefresh(): Promise<SyncState> {
    const gen = generation;
    const server = deps.getServer();
    if (!server.ok) {
      setState(refusedState(server.error, iso()));
      return state;
    }
    let token: string | null;
    try {
      token = await deps.secrets.get(masterTokenAccount(server.origin));
    } catch (e) {
      if (gen === generation) applyFailure(e, iso());
      return state;
    }
    if (gen !== generation) return state;
    if (!token) {
      setState({ ...INITIAL_SYNC_STATE, lastAttemptAt: iso() });
      return state;
    }
    const account: CacheAccount = { baseUrl: server.baseUrl, token };
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
    const server = deps.getServer();
    if (!server.ok) {
      setState(refusedState(server.error));
      if (intervalGetter) schedule();
      return state;
    }
    let token: string | null;
    try {
      token = await deps.secrets.get(masterTokenAccount(server.origin));
    } catch (e) {
      // Without the keychain there is no token and no key for the offline copy: say why, show nothing.
      log.warn('Reading the token from the keychain failed', { error: e });
      if (gen === generation) setState({ ...INITIAL_SYNC_STATE, kind: 'offline', error: toErrorInfo(e) });
      return state;
    }
    if (gen !== generation) return state;
    if (!token) {
      setState({ ...INITIAL_SYNC_STATE });
      if (intervalGetter) schedule();
      return state;
    }
    const account: CacheAccount = { baseUrl: server.baseUrl, token };
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

  /** The server in effect, or the refusal as a PickyError for callers that act on the user's behalf. */
  function usableServer(): Extract<ApiServer, { ok: true }> {
    const server = deps.getServer();
    if (!server.ok) throw server.error;
    return server;
  }

  async function setToken(token: MasterToken, options: SetTokenOptions = {}): Promise<SyncState> {
    // The token is checked with, stored for and sent only to this one origin, even if the address changes meanwhile.
    const server = usableServer();
    const account: CacheAccount = { baseUrl: server.baseUrl, token };
    let projects: Project[] | undefined;
    let unchecked: unknown;
    try {
      projects = await deps.fetchProjects({ baseUrl: account.baseUrl, token });
    } catch (e) {
      // The server refused this token: keep everything as it was.
      if (refusesToken(e)) {
        log.info('The server did not accept the new token; nothing was stored', { error: e });
        throw e.code === 'http-status' ? redirectRefusal(e) : e;
      }
      // We could not find out (unreachable, or refusing every request). Storing it anyway is the user's explicit
      // choice only: an unchecked token never silently replaces one that works.
      if (!options.saveUnchecked) {
        log.info('The new token could not be checked; nothing was stored', { error: e });
        throw e;
      }
      log.warn('The new token could not be checked; stored unchecked, as the user chose', { error: e });
      unchecked = e;
    }
    await deps.secrets.set(masterTokenAccount(server.origin), token);
    generation += 1;
    // Another token may be another account: its phones are not these.
    state = { ...state, phones: undefined };
    const attemptAt = iso();
    if (projects) {
      const warning = await writeCache(account, projects, attemptAt);
      applySuccess(projects, attemptAt, warning, undefined);
    } else {
      const cached = await readCache(account);
      const error = toErrorInfo(unchecked);
      shownAccount = cached.projects ? account : undefined;
      setState({
        kind: kindForError(error),
        phones: cached.phones,
        projects: cached.projects ?? [],
        source: cached.projects ? 'cache' : 'none',
        fetchedAt: cached.fetchedAt,
        lastAttemptAt: attemptAt,
        error,
        warning: cached.warning,
        tokenUnchecked: true,
        failures: 1,
      });
    }
    if (intervalGetter) schedule();
    return state;
  }

  async function clearToken(): Promise<SyncState> {
    const server = usableServer();
    generation += 1;
    shownAccount = undefined;
    await deps.secrets.delete(masterTokenAccount(server.origin));
    await deps.cache.clear(server.baseUrl);
    setState({ ...INITIAL_SYNC_STATE });
    schedule();
    return state;
  }

  async function clearCache(): Promise<SyncState> {
    const server = usableServer();
    generation += 1;
    shownAccount = undefined;
    await deps.cache.clear(server.baseUrl);
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
      return Boolean(await deps.secrets.get(masterTokenAccount(usableServer().origin)));
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
      await savePhones(); // never rejects: a failed save is logged and left dirty
      disposed = true;
      // Discard whatever is running: its result must not land in the cache after the owner has gone.
      generation += 1;
      intervalGetter = undefined;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      stateListeners.clear();
      diffListeners.clear();
      // refresh() never rejects (failures land in the state); this only waits for it to finish.
      await inFlight?.promise.catch(() => undefined);
    },
  };
}
