import { describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { PickyError } from '../../app/core/errors';
import type { Project } from '../../app/core/model';
import type {
  CacheAccount,
  CachedProjects,
  FetchProjectsRequest,
  ProjectCache,
  SecretStore,
} from '../../app/core/ports';
import { masterTokenAccount } from '../../app/core/origin-secrets';
import { type Timers, createSyncEngine } from '../../app/core/sync-engine';
import type { ProjectDiff, SyncState } from '../../app/core/sync-state';
import { minimalProject } from '../helpers/projects';

const TOKEN = 'master-token-abc123';
const BASE = 'http://api.test/app/api/v2';
const MASTER_TOKEN_ACCOUNT = masterTokenAccount('http://api.test');

const project = minimalProject;

function memorySecrets(initial: Record<string, string> = {}): SecretStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (a) => data.get(a) ?? null,
    set: async (a, s) => void data.set(a, s),
    delete: async (a) => data.delete(a),
  };
}

/** Keeps one entry keyed by account, like the real cache file. */
function memoryCache(): ProjectCache & {
  entry?: { account: CacheAccount; data: CachedProjects };
  failWrites: boolean;
  writes: number;
} {
  const cache = {
    entry: undefined as { account: CacheAccount; data: CachedProjects } | undefined,
    failWrites: false,
    writes: 0,
    async read(account: CacheAccount) {
      const e = cache.entry;
      if (!e) return {};
      if (e.account.token !== account.token || e.account.baseUrl !== account.baseUrl) return {};
      return { data: structuredClone(e.data) };
    },
    async write(account: CacheAccount, data: CachedProjects) {
      cache.writes += 1;
      if (cache.failWrites) throw new PickyError('disk', 'The disk is full. Free some space.');
      cache.entry = { account: { ...account }, data: structuredClone(data) };
    },
    async clear() {
      cache.entry = undefined;
    },
  };
  return cache;
}

type Responder = (req: FetchProjectsRequest) => Promise<Project[]>;
function fakeFetch(initial: Responder) {
  const f = {
    calls: [] as FetchProjectsRequest[],
    respond: initial,
    fn: (req: FetchProjectsRequest) => {
      f.calls.push(req);
      return f.respond(req);
    },
  };
  return f;
}

function fakeTimers(): Timers & { pending: { cb: () => void; ms: number; id: number }[]; fire(): void } {
  let next = 1;
  const t = {
    pending: [] as { cb: () => void; ms: number; id: number }[],
    setTimeout(cb: () => void, ms: number) {
      const id = next++;
      t.pending.push({ cb, ms, id });
      return id;
    },
    clearTimeout(handle: unknown) {
      t.pending = t.pending.filter((p) => p.id !== handle);
    },
    fire() {
      const p = t.pending.shift();
      if (!p) throw new Error('no timer pending');
      p.cb();
    },
  };
  return t;
}

function setup(opts: { token?: string | null; projects?: Project[] } = {}) {
  let now = Date.parse('2026-11-27T10:00:00Z');
  const clock = { now: () => now };
  const secrets = memorySecrets(opts.token === null ? {} : { [MASTER_TOKEN_ACCOUNT]: opts.token ?? TOKEN });
  const cache = memoryCache();
  const list = { current: opts.projects ?? [project(1), project(2)] };
  const fetch = fakeFetch(async () => structuredClone(list.current));
  const timers = fakeTimers();
  let baseUrl = BASE;
  const engine = createSyncEngine({
    fetchProjects: fetch.fn,
    cache,
    secrets,
    getServer: () => ({ ok: true, baseUrl, origin: new URL(baseUrl).origin, host: new URL(baseUrl).host }),
    clock,
    timers,
    random: () => 0,
  });
  const states: SyncState[] = [];
  const diffs: ProjectDiff[] = [];
  engine.subscribe((s) => states.push(s));
  engine.onDiff((d) => diffs.push(d));
  return {
    engine,
    secrets,
    cache,
    fetch,
    timers,
    list,
    states,
    diffs,
    advance: (ms: number) => void (now += ms),
    setBaseUrl: (u: string) => void (baseUrl = u),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** Starts a refresh whose request is held until `release()`, and waits until it has been sent. */
async function heldRefresh(t: ReturnType<typeof setup>) {
  let release: () => void = () => {};
  t.fetch.respond = () => new Promise((r) => (release = () => r([project(1)])));
  const pending = t.engine.refresh();
  await settle();
  return { pending, release: () => release() };
}

describe('sync engine: load', () => {
  it('without a token shows no-token and never calls the server', async () => {
    const t = setup({ token: null });
    expect((await t.engine.load()).kind).toBe('no-token');
    expect((await t.engine.refresh()).kind).toBe('no-token');
    expect(t.fetch.calls).toHaveLength(0);
  });

  it('with a token and an offline copy shows the cached projects without the network', async () => {
    const t = setup();
    await t.cache.write(
      { baseUrl: BASE, token: TOKEN },
      { fetchedAt: '2026-11-26T09:00:00.000Z', projects: [project(7)] },
    );
    const s = await t.engine.load();
    expect(s).toMatchObject({ kind: 'ok', source: 'cache', fetchedAt: '2026-11-26T09:00:00.000Z' });
    expect(s.projects.map((p) => p.id)).toEqual([7]);
    expect(t.fetch.calls).toHaveLength(0);
  });

  it('shows a keychain failure as a reason, not a crash', async () => {
    const t = setup();
    t.secrets.get = async () => {
      throw new PickyError('keychain-unavailable', 'The system keychain is not available. Unlock it and try again.');
    };
    const s = await t.engine.load();
    expect(s.kind).toBe('offline');
    expect(s.error?.code).toBe('keychain-unavailable');
  });
});

describe('sync engine: refresh', () => {
  it('fetches with the stored token and base URL, writes the cache, and reports ok', async () => {
    const t = setup();
    await t.engine.load();
    const s = await t.engine.refresh();
    expect(t.fetch.calls).toEqual([{ baseUrl: BASE, token: TOKEN }]);
    expect(s).toMatchObject({ kind: 'ok', source: 'network', failures: 0, fetchedAt: '2026-11-27T10:00:00.000Z' });
    expect(s.error).toBeUndefined();
    expect(t.cache.entry?.data.projects.map((p) => p.id)).toEqual([1, 2]);
    expect(t.states.some((x) => x.kind === 'refreshing')).toBe(true);
  });

  it('is single-flight: 200 concurrent refreshes make one request and all see the same result', async () => {
    const t = setup();
    await t.engine.load();
    const results = await Promise.all(Array.from({ length: 200 }, () => t.engine.refresh()));
    expect(t.fetch.calls).toHaveLength(1);
    expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    await t.engine.refresh();
    expect(t.fetch.calls).toHaveLength(2);
  });

  it('keeps the projects the user saw when the network fails, with the reason and time', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh();
    t.advance(60_000);
    t.fetch.respond = async () => {
      throw new PickyError('connection-refused', 'Picky Assist could not be reached. Check your connection.');
    };
    const s = await t.engine.refresh();
    expect(s.kind).toBe('offline');
    expect(s.projects.map((p) => p.id)).toEqual([1, 2]);
    expect(s.error).toEqual({
      code: 'connection-refused',
      message: 'Picky Assist could not be reached. Check your connection.',
    });
    expect(s.fetchedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(s.lastAttemptAt).toBe('2026-11-27T10:01:00.000Z');
    expect(s.failures).toBe(1);
    expect((await t.engine.refresh()).failures).toBe(2);
  });

  it('falls back to the offline copy when the first refresh fails', async () => {
    const t = setup();
    await t.cache.write(
      { baseUrl: BASE, token: TOKEN },
      { fetchedAt: '2026-11-20T00:00:00.000Z', projects: [project(9)] },
    );
    await t.engine.load();
    t.fetch.respond = async () => {
      throw new PickyError('timeout', 'Picky Assist took too long to answer.');
    };
    const s = await t.engine.refresh();
    expect(s).toMatchObject({ kind: 'offline', source: 'cache', fetchedAt: '2026-11-20T00:00:00.000Z' });
    expect(s.projects.map((p) => p.id)).toEqual([9]);
  });

  it('reports a rejected token as auth-error', async () => {
    const t = setup();
    await t.engine.load();
    t.fetch.respond = async () => {
      throw new PickyError('auth', 'Picky Assist rejected the Master API token. Set a new one.');
    };
    const s = await t.engine.refresh();
    expect(s.kind).toBe('auth-error');
    expect(s.error?.code).toBe('auth');
  });

  it('clears the error after the next success', async () => {
    const t = setup();
    await t.engine.load();
    t.fetch.respond = async () => {
      throw new PickyError('network', 'The connection dropped.');
    };
    await t.engine.refresh();
    t.fetch.respond = async () => [project(1)];
    const s = await t.engine.refresh();
    expect(s.kind).toBe('ok');
    expect(s.error).toBeUndefined();
    expect(s.failures).toBe(0);
  });

  it('keeps fresh projects when the cache cannot be written, with a warning', async () => {
    const t = setup();
    await t.engine.load();
    t.cache.failWrites = true;
    const s = await t.engine.refresh();
    expect(s.kind).toBe('ok');
    expect(s.source).toBe('network');
    expect(s.projects.map((p) => p.id)).toEqual([1, 2]);
    expect(s.warning).toMatch(/could not be saved for offline use: The disk is full/);
  });

  it('never puts the token into the state', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh();
    t.fetch.respond = async () => {
      throw new PickyError('auth', 'rejected');
    };
    await t.engine.refresh();
    expect(JSON.stringify(t.states)).not.toContain(TOKEN);
  });
});

describe('sync engine: diffs', () => {
  it('emits a diff once per change, and nothing when nothing changed', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh(); // first load: no added/removed noise
    expect(t.diffs).toEqual([]);
    t.list.current = [project(1, { status: 'expired' }), project(3)];
    await t.engine.refresh();
    expect(t.diffs).toHaveLength(1);
    expect(t.diffs[0]).toEqual({
      added: [{ id: 3, name: 'Project 3' }],
      removed: [{ id: 2, name: 'Project 2' }],
      statusChanged: [{ id: 1, name: 'Project 1', from: 'active', to: 'expired' }],
      billingSoon: [],
    });
    await t.engine.refresh();
    await t.engine.refresh();
    expect(t.diffs).toHaveLength(1);
  });

  it('compares against the offline copy, so changes since the last run are reported', async () => {
    const t = setup();
    await t.cache.write(
      { baseUrl: BASE, token: TOKEN },
      { fetchedAt: '2026-11-20T00:00:00.000Z', projects: [project(1)] },
    );
    await t.engine.load();
    await t.engine.refresh();
    expect(t.diffs.map((d) => d.added)).toEqual([[{ id: 2, name: 'Project 2' }]]);
  });

  it('announces a billing date once, not at every refresh', async () => {
    const soon = { given: '2026-11-29', instant: '2026-11-29T00:00:00.000Z' };
    const t = setup({ projects: [project(1, { nextBillingDate: soon })] });
    await t.engine.load();
    await t.engine.refresh();
    await t.engine.refresh();
    expect(t.diffs).toEqual([
      {
        added: [],
        removed: [],
        statusChanged: [],
        billingSoon: [{ id: 1, name: 'Project 1', instant: '2026-11-29T00:00:00.000Z', daysLeft: 2 }],
      },
    ]);
  });
});

describe('sync engine: tokens', () => {
  it('setToken checks the token with the server, then stores it and caches the projects', async () => {
    const t = setup({ token: null });
    await t.engine.load();
    const s = await t.engine.setToken(parseMasterToken('  new-token  '));
    expect(t.fetch.calls).toEqual([{ baseUrl: BASE, token: 'new-token' }]);
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe('new-token');
    expect(s).toMatchObject({ kind: 'ok', source: 'network' });
    expect(t.cache.entry?.account.token).toBe('new-token');
  });

  it('setToken stores nothing when the server rejects the token; the previous token and cache stay', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh();
    const cacheBefore = structuredClone(t.cache.entry);
    t.fetch.respond = async (req) => {
      if (req.token === 'wrong') throw new PickyError('auth', 'Picky Assist rejected that token.');
      return [project(1), project(2)];
    };
    await expect(t.engine.setToken(parseMasterToken('wrong'))).rejects.toMatchObject({ code: 'auth' });
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
    expect(t.cache.entry).toEqual(cacheBefore);
    expect(t.engine.getState()).toMatchObject({ kind: 'ok', source: 'network' });
    t.fetch.respond = async () => {
      throw new PickyError('api-status', 'Picky Assist said: invalid request (status 101).');
    };
    await expect(t.engine.setToken(parseMasterToken('other'))).rejects.toMatchObject({ code: 'api-status' });
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
    // A real HTTP 401 or 403 comes from the client as 'auth' too (api-client.test.ts): nothing stored.
  });

  it('setToken stores nothing when the token cannot be checked, unless the user chose "Save and keep trying"', async () => {
    for (const [code, kind] of [
      ['dns', 'offline'],
      ['api-status', 'refused'],
      ['http-status', 'refused'],
    ] as const) {
      const t = setup();
      await t.engine.load();
      t.fetch.respond = async () => {
        throw new PickyError(code, 'It could not be checked.');
      };
      await expect(t.engine.setToken(parseMasterToken('unchecked-token'))).rejects.toMatchObject({ code });
      // An unchecked token never silently replaces the working one.
      expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
      const s = await t.engine.setToken(parseMasterToken('unchecked-token'), { saveUnchecked: true });
      expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe('unchecked-token');
      expect(s).toMatchObject({ kind, error: { code }, tokenUnchecked: true, failures: 1 });

      // The next answer checks it: a success clears the mark; a refusal of the token says so plainly.
      t.fetch.respond = async () => {
        throw new PickyError('auth', 'Picky Assist refused the token.');
      };
      expect(await t.engine.refresh()).toMatchObject({
        kind: 'auth-error',
        error: {
          code: 'auth',
          message: expect.stringMatching(/^Picky Assist refused the token you saved without a check/),
        },
      });
      t.fetch.respond = async () => [project(1)];
      expect((await t.engine.refresh()).tokenUnchecked).toBeUndefined();
    }
  });

  it('setToken treats a redirect as a refusal of the token, even with "Save and keep trying"', async () => {
    const t = setup();
    await t.engine.load();
    t.fetch.respond = async () => {
      throw new PickyError('http-status', 'A redirect.', { status: 302, redirect: true });
    };
    await expect(t.engine.setToken(parseMasterToken('redirected'), { saveUnchecked: true })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/^The server refused this token/),
    });
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
  });

  it('a failed refresh keeps the three ways apart: unreachable, token refused, request refused', async () => {
    const t = setup();
    await t.engine.load();
    for (const [code, kind] of [
      ['timeout', 'offline'],
      ['connection-refused', 'offline'],
      ['auth', 'auth-error'],
      ['api-status', 'refused'],
      ['http-status', 'refused'],
      ['not-json', 'refused'],
    ] as const) {
      t.fetch.respond = async () => {
        throw new PickyError(code, 'x');
      };
      expect((await t.engine.refresh()).kind, code).toBe(kind);
    }
  });

  it('clearToken deletes the token and the cache', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh();
    const s = await t.engine.clearToken();
    expect(s).toMatchObject({ kind: 'no-token', projects: [], source: 'none' });
    expect(t.secrets.data.has(MASTER_TOKEN_ACCOUNT)).toBe(false);
    expect(t.cache.entry).toBeUndefined();
    expect(await t.engine.hasToken()).toBe(false);
  });

  it('clearCache empties the file and what is shown, and keeps the token', async () => {
    const t = setup();
    await t.engine.load();
    await t.engine.refresh();
    const s = await t.engine.clearCache();
    expect(s).toMatchObject({ kind: 'ok', projects: [], source: 'none' });
    expect(s.fetchedAt).toBeUndefined();
    expect(t.cache.entry).toBeUndefined();
    expect(await t.engine.hasToken()).toBe(true);
    expect((await t.engine.refresh()).projects).toHaveLength(2);
  });

  it('discards a refresh that was running when the token was cleared', async () => {
    const t = setup();
    await t.engine.load();
    const { pending, release } = await heldRefresh(t);
    await t.engine.clearToken();
    release();
    await pending;
    expect(t.engine.getState()).toMatchObject({ kind: 'no-token', projects: [] });
    expect(t.cache.entry).toBeUndefined();
  });
  it('a refresh after a base URL change on the same origin asks the new address even while the old request runs', async () => {
    const t = setup();
    await t.engine.load();
    const { pending: old, release } = await heldRefresh(t);
    t.setBaseUrl('http://api.test/v3');
    await t.engine.load();
    t.fetch.respond = async () => [project(5)];
    const fresh = await t.engine.refresh();
    expect(t.fetch.calls.map((c) => c.baseUrl)).toEqual([BASE, 'http://api.test/v3']);
    expect(fresh.projects.map((p) => p.id)).toEqual([5]);
    release();
    await old;
    expect(t.engine.getState().projects.map((p) => p.id)).toEqual([5]);
    expect(t.cache.entry?.account.baseUrl).toBe('http://api.test/v3');
  });
  it('another origin gets no token: after the change, a refresh sends nothing and shows onboarding', async () => {
    const t = setup();
    await t.engine.load();
    const { pending: old, release } = await heldRefresh(t);
    t.setBaseUrl('http://other.test/v2');
    await t.engine.load();
    const after = await t.engine.refresh();
    expect(t.fetch.calls.map((c) => c.baseUrl)).toEqual([BASE]);
    expect(after).toMatchObject({ kind: 'no-token', projects: [] });
    expect(await t.engine.hasToken()).toBe(false);
    release();
    await old;
    expect(t.engine.getState()).toMatchObject({ kind: 'no-token', projects: [] });
    // The old origin's token is still there for when the address goes back.
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
  });
  it('a refused address makes no request, stores nothing and says why', async () => {
    const t = setup();
    const refusal = new PickyError('settings-invalid', 'The API address in PICKY_API_URL was refused.');
    const engine = createSyncEngine({
      fetchProjects: t.fetch.fn,
      cache: t.cache,
      secrets: t.secrets,
      getServer: () => ({ ok: false, error: refusal }),
      timers: t.timers,
    });
    expect(await engine.load()).toMatchObject({ kind: 'no-token', error: { code: 'settings-invalid' } });
    expect(await engine.refresh()).toMatchObject({ kind: 'no-token', error: { message: refusal.message } });
    await expect(engine.setToken(parseMasterToken('another'))).rejects.toBe(refusal);
    await expect(engine.hasToken()).rejects.toBe(refusal);
    expect(t.fetch.calls).toEqual([]);
    expect(t.secrets.data.get(MASTER_TOKEN_ACCOUNT)).toBe(TOKEN);
  });
});

describe('sync engine: scheduling', () => {
  it('refreshes at the interval while healthy and backs off while failing', async () => {
    const t = setup();
    await t.engine.load();
    t.engine.start(() => 15 * 60_000);
    expect(t.timers.pending.map((p) => p.ms)).toEqual([15 * 60_000]);
    expect(t.engine.getState().nextRefreshAt).toBe('2026-11-27T10:15:00.000Z');

    t.fetch.respond = async () => {
      throw new PickyError('timeout', 'Too slow.');
    };
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      t.timers.fire();
      await settle();
      delays.push(t.timers.pending[0]?.ms ?? -1);
    }
    expect(t.fetch.calls).toHaveLength(3);
    expect(delays).toEqual([30_000, 60_000, 120_000]);

    t.fetch.respond = async () => [project(1)];
    t.timers.fire();
    await settle();
    expect(t.engine.getState().kind).toBe('ok');
    expect(t.timers.pending.map((p) => p.ms)).toEqual([15 * 60_000]);
  });

  it('kick refreshes now and keeps exactly one timer', async () => {
    const t = setup();
    await t.engine.load();
    t.engine.start(() => 60_000);
    await t.engine.kick();
    expect(t.fetch.calls).toHaveLength(1);
    expect(t.timers.pending).toHaveLength(1);
  });

  it('stop and dispose leave no timer behind', async () => {
    const t = setup();
    await t.engine.load();
    t.engine.start(() => 60_000);
    t.engine.stop();
    expect(t.timers.pending).toHaveLength(0);
    expect(t.engine.getState().nextRefreshAt).toBeUndefined();
    t.engine.start(() => 60_000);
    await t.engine.dispose();
    expect(t.timers.pending).toHaveLength(0);
  });

  it('does not schedule anything without a token', async () => {
    const t = setup({ token: null });
    await t.engine.load();
    t.engine.start(() => 60_000);
    expect(t.timers.pending).toHaveLength(0);
    await t.engine.setToken(parseMasterToken('tok'));
    expect(t.timers.pending).toHaveLength(1);
  });
});
