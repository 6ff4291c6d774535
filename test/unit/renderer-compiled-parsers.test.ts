// The renderer parses what the main side sends with zod's compiled parsers, generated from the IPC contract at
// build time (CSP forbids generating them in the page), and lets zod itself decide whenever a compiled parser
// says INVALID or a schema has none. A compiled parser must accept exactly what zod accepts and return the same
// value.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { INVALID, envelope, events, outputs } from 'virtual:compiled-parsers';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { type SyncState, SyncStateSchema } from '../../app/core/sync-state';
import { invokeContract } from '../../app/shared/ipc-contract';
import { compiledParsersModule } from '../../renderer/compiled-parsers';
import { parseEnvelope, parseEvent, parseOutput } from '../../renderer/src/api/contract-parse';
import { buildDemoProjects, generateProjects, toWire } from '../emulator/fixtures';

const parseSyncState = outputs.getState!;

function stateWith(count: number): SyncState {
  const wire = [...buildDemoProjects(), ...generateProjects(count)].map((p) => toWire(p, true));
  return {
    kind: 'offline',
    projects: parseProjectsResponse({ status: 100, message: 'Success', data: wire }),
    source: 'cache',
    fetchedAt: '2026-11-27T09:00:00.000Z',
    lastAttemptAt: '2026-11-27T09:05:00.000Z',
    error: { code: 'connection-refused', message: 'Picky Assist could not be reached.' },
    failures: 2,
  };
}

/** Variations of a valid state: each field of the state and of a project broken in the ways a bad answer could. */
function* variations(valid: SyncState): Generator<[string, unknown]> {
  const json = () =>
    JSON.parse(JSON.stringify(valid)) as Record<string, unknown> & { projects: Record<string, unknown>[] };
  const bad: unknown[] = [undefined, null, 0, -1, 1.5, '', 'x', true, [], {}, Number.NaN];
  for (const key of ['kind', 'projects', 'source', 'fetchedAt', 'error', 'failures', 'warning', 'nextRefreshAt']) {
    for (const value of bad) {
      const s = json();
      s[key] = value;
      yield [`state.${key} = ${String(value)}`, s];
    }
  }
  const project =
    valid.projects.find((p) => p.apiTokens.length > 0 && p.nextBillingDate && p.billingPlan) ?? valid.projects[0]!;
  for (const key of Object.keys(project).concat(['licenseKey', 'notes', 'unexpected'])) {
    for (const value of bad) {
      const s = json();
      s.projects[0] = { ...(JSON.parse(JSON.stringify(project)) as Record<string, unknown>), [key]: value };
      yield [`project.${key} = ${String(value)}`, s];
    }
  }
  for (const [path, value] of [
    ['apiTokens.0.token', 5],
    ['apiTokens.0', 'token'],
    ['webhooks.global', 7],
    ['billingPlan.id', 1.5],
    ['nextBillingDate.given', null],
    ['nextBillingDate.instant', 3],
  ] as const) {
    const s = json();
    const p = JSON.parse(JSON.stringify(project)) as Record<string, unknown>;
    const [a, b, c] = path.split('.');
    const inner = p[a!] as Record<string, unknown>;
    if (c !== undefined) (inner[b!] as Record<string, unknown>)[c] = value;
    else inner[b!] = value;
    s.projects[0] = p;
    yield [`project.${path} = ${String(value)}`, s];
  }
  yield ['no projects', { ...json(), projects: [] }];
  yield ['not an object', 'state'];
}

describe('the compiled sync-state parser', () => {
  it('returns exactly what zod returns for a real 2,000-project state', () => {
    const state = stateWith(2000);
    const fast = parseSyncState(JSON.parse(JSON.stringify(state)));
    expect(fast).not.toBe(INVALID);
    expect(fast).toEqual(SyncStateSchema.parse(JSON.parse(JSON.stringify(state))));
  });

  it('accepts and rejects exactly what zod accepts and rejects', () => {
    let rejected = 0;
    let cases = 0;
    for (const [label, input] of variations(stateWith(3))) {
      cases++;
      const slow = SyncStateSchema.safeParse(input);
      const fast = parseSyncState(input);
      expect({ label, accepted: fast !== INVALID }).toEqual({ label, accepted: slow.success });
      if (slow.success) expect(fast).toEqual(slow.data);
      else rejected++;
    }
    expect(cases).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(100);
  });

  it('builds a fresh value rather than handing back its input', () => {
    const input = JSON.parse(JSON.stringify(stateWith(1))) as SyncState;
    const out = parseSyncState(input) as SyncState;
    expect(out).not.toBe(input);
    expect(out.projects[0]).not.toBe(input.projects[0]);
  });
});

describe('the rest of the contract', () => {
  it('has a compiled parser for every answer and event that carries the state, and for the envelope', () => {
    expect(envelope).toBeTypeOf('function');
    for (const name of ['getState', 'refresh', 'setToken', 'clearToken', 'clearCache'] as const)
      expect(outputs[name]).toBe(parseSyncState);
    expect(events.stateChanged).toBe(parseSyncState);
  });

  it('agrees with zod on small answers, good and bad', () => {
    const samples: Array<[keyof typeof invokeContract, unknown]> = [
      ['getTokenStatus', { stored: true }],
      ['getTokenStatus', { stored: 'yes' }],
      ['openQr', { handled: false }],
      ['openQr', {}],
      ['openExternal', { opened: true }],
      ['getAppInfo', { version: '0.1.0', mode: 'preview', platform: 'linux' }],
      ['getAppInfo', { version: '0.1.0', mode: 'browser', platform: 'linux' }],
    ];
    for (const [name, value] of samples) {
      const fast = outputs[name]!(value);
      const slow = invokeContract[name].output.safeParse(value);
      expect({ name, value, accepted: fast !== INVALID }).toEqual({ name, value, accepted: slow.success });
    }
    for (const route of ['/', '/settings', '/project/12', '/qr/7', '/qr/x', '/elsewhere', 7]) {
      expect({ route, accepted: events.navigate!({ route }) !== INVALID }).toEqual({
        route,
        accepted: /^\/(settings|project\/\d+|qr\/\d+)?$/.test(String(route)) && typeof route === 'string',
      });
    }
  });

  it('lets zod decide where there is no compiled parser (the settings, whose URL rule is a callback)', async () => {
    expect(outputs.getSettings).toBeNull();
    const view = {
      settings: {
        refreshIntervalMinutes: 15,
        launchAtLogin: false,
        notifications: true,
        apiBaseUrl: 'https://example.com/api',
      },
      effectiveBaseUrl: 'https://example.com/api',
      baseUrlFromEnv: false,
      launchAtLoginSupported: true,
    };
    await expect(parseOutput('getSettings', view)).resolves.toEqual({ ok: true, value: view });
    const badUrl = { ...view, settings: { ...view.settings, apiBaseUrl: 'ftp://example.com' } };
    await expect(parseOutput('getSettings', badUrl)).resolves.toEqual({ ok: false });
  });

  it('refuses a bad answer or envelope, after zod has had its say', async () => {
    await expect(parseOutput('getState', { kind: 'ok' })).resolves.toEqual({ ok: false });
    await expect(parseEnvelope({ ok: true, value: 1 })).resolves.toEqual({ ok: true, value: { ok: true, value: 1 } });
    await expect(parseEnvelope({ ok: 'yes', value: 1 })).resolves.toEqual({ ok: false });
    await expect(parseEnvelope({ ok: false, error: { code: 'nope', message: 'x' } })).resolves.toEqual({ ok: false });
    await expect(parseEnvelope({ ok: false, error: { code: 'auth', message: 'Invalid token.' } })).resolves.toEqual({
      ok: true,
      value: { ok: false, error: { code: 'auth', message: 'Invalid token.' } },
    });
  });

  it('delivers a good event at once and drops a bad one', async () => {
    const deliver = vi.fn();
    parseEvent('navigate', { route: '/settings' }, deliver);
    expect(deliver).toHaveBeenCalledWith({ route: '/settings' });
    deliver.mockClear();
    parseEvent('navigate', { route: 'javascript:alert(1)' }, deliver);
    parseEvent('stateChanged', { kind: 'ok', projects: 'none' }, deliver);
    await new Promise((r) => setTimeout(r, 50));
    expect(deliver).not.toHaveBeenCalled();
  });
});

describe('the build-time generator', () => {
  it('writes module source with no Function, eval or import in it, and each shared schema once', () => {
    const source = compiledParsersModule();
    expect(source).toContain("export const INVALID = Symbol('invalid');");
    expect(source).not.toMatch(/\bnew Function\b|\beval\(|^import /m);
    expect(source.match(/new Set\(\["no-token"/g)?.length).toBe(1);
  });

  it('fails the build, saying why, when a schema that must compile cannot', () => {
    const withCallback = z.object({ name: z.string().refine((s) => s.length < 5) });
    const schemas = { envelope: withCallback, outputs: {}, events: {} };
    expect(() => compiledParsersModule(schemas, ['envelope'])).toThrow(
      /compiled parser for envelope cannot be built: .*cannot be written as source/,
    );
    expect(compiledParsersModule(schemas, [])).toMatch(/export const envelope = null \/\* zod decides: /);
  });
});
