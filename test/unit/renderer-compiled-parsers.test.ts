// The renderer parses the sync state with zod's compiled parser, generated at build time (CSP forbids generating
// it in the page). It must accept exactly what zod's own parser accepts and return the same value; what it
// rejects goes to zod's parser, so the errors are zod's.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INVALID, withParser } from 'zod/v4/core';
import { parseSyncState } from 'virtual:compiled-parsers';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { type SyncState, SyncStateSchema } from '../../app/core/sync-state';
import { compiledParsersModule } from '../../renderer/compiled-parsers';
import { buildDemoProjects, generateProjects, toWire } from '../emulator/fixtures';

const Fast = withParser(SyncStateSchema, parseSyncState as (input: unknown) => SyncState | typeof INVALID);

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
  const json = () => JSON.parse(JSON.stringify(valid)) as Record<string, unknown> & { projects: Record<string, unknown>[] };
  const bad: unknown[] = [undefined, null, 0, -1, 1.5, '', 'x', true, [], {}, Number.NaN];
  for (const key of ['kind', 'projects', 'source', 'fetchedAt', 'error', 'failures', 'warning', 'nextRefreshAt']) {
    for (const value of bad) {
      const s = json();
      s[key] = value;
      yield [`state.${key} = ${String(value)}`, s];
    }
  }
  const project = valid.projects.find((p) => p.apiTokens.length > 0 && p.nextBillingDate && p.billingPlan) ?? valid.projects[0]!;
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

  it('accepts and rejects exactly what zod accepts and rejects, with zod’s own errors', () => {
    let rejected = 0;
    let cases = 0;
    for (const [label, input] of variations(stateWith(3))) {
      cases++;
      const slow = SyncStateSchema.safeParse(input);
      const fast = Fast.safeParse(input);
      expect({ label, success: fast.success }).toEqual({ label, success: slow.success });
      if (slow.success && fast.success) expect(fast.data).toEqual(slow.data);
      if (!slow.success && !fast.success) {
        rejected++;
        expect(fast.error.issues).toEqual(slow.error.issues);
      }
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

describe('the build-time generator', () => {
  it('writes module source with no Function or eval in it', () => {
    const source = compiledParsersModule();
    expect(source).toMatch(/^import \{ INVALID \} from 'zod\/v4\/core';/);
    expect(source).toContain('export const parseSyncState =');
    expect(source).not.toMatch(/\bnew Function\b|\beval\(/);
  });

  it('fails the build, saying why, for a schema whose compiled parser needs a callback', () => {
    const withCallback = z.object({ name: z.string().refine((s) => s.length < 5) });
    expect(() => compiledParsersModule({ parseThing: withCallback })).toThrow(/cannot be written as source/);
  });
});
