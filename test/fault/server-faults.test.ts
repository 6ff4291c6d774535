// The server (or the network to it) failing in every way we know, seen through the real core: the emulator over
// real HTTP, the real keychain, a real data folder. Each failure gives its own state (kind 'offline', its own
// error code and sentence), and the projects fetched before stay visible with their original fetch time.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMasterToken } from '../../app/core/master-token';
import { DEFAULT_MAX_BYTES, fetchProjects } from '../../app/core/api-client';
import type { ErrorCode } from '../../app/core/errors';
import { type PickyCore, openPickyCore } from '../../app/core/picky-core';
import { type FetchProjects, type SecretStore } from '../../app/core/ports';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import type { SyncState } from '../../app/core/sync-state';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, type Scenario, startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the server fault tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

/** The real HTTP client with a short timeout, so "the server hangs" takes one second, not fifteen. */
const TIMEOUT_MS = 1000;
const quickFetch: FetchProjects = (request) => fetchProjects({ ...request, timeoutMs: TIMEOUT_MS });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await removeTempDirs();
});

interface Fixture {
  core: PickyCore;
  emulator: RunningEmulator;
  good: SyncState;
  dataDir: string;
  secrets: SecretStore;
}

/** A core that has fetched the demo account once and written its offline copy. */
async function connectedCore(): Promise<Fixture> {
  const emulator = await startEmulator({ port: 0 });
  cleanups.push(() => emulator.close());
  const secrets = createKeytarSecretStore(`Picky Tray fault ${randomUUID()}`);
  cleanups.push(async () => {
    await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
    await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  });
  const dataDir = await makeTempDir('server-fault');
  const core = await openPickyCore({
    dataDir,
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets,
    fetchProjects: quickFetch,
  });
  cleanups.push(() => core.dispose());
  await core.setToken(parseMasterToken(DEMO_TOKEN));
  const good = await core.refresh();
  expect(good).toMatchObject({ kind: 'ok', source: 'network' });
  expect(good.projects.length).toBeGreaterThan(0);
  return { core, emulator, good, dataDir, secrets };
}

interface Fault {
  what: string;
  code: ErrorCode;
  /** The state it leaves: Picky Assist unreachable ('offline') or answering and refusing ('refused'). */
  kind: 'offline' | 'refused';
  /** Words the sentence or its details must contain, so each failure reads as itself. */
  says: RegExp;
  apply(emulator: RunningEmulator): Promise<void> | void;
}

const FAULTS: Fault[] = [
  {
    what: 'the server hangs',
    code: 'timeout',
    kind: 'offline',
    says: /did not answer/i,
    apply: (e) => e.setScenario({ hang: true }),
  },
  {
    what: 'HTTP 500 with an HTML page',
    code: 'http-status',
    kind: 'refused',
    says: /HTTP 500/,
    apply: (e) => e.setScenario({ http500Html: true }),
  },
  {
    what: 'malformed JSON',
    code: 'not-json',
    kind: 'refused',
    says: /not valid JSON/,
    apply: (e) => e.setScenario({ malformedJson: true }),
  },
  {
    what: 'a body past the size cap',
    code: 'too-large',
    kind: 'refused',
    says: /too large/i,
    // One MiB past the client's real default cap, whatever it is set to.
    apply: (e) => e.setScenario({ oversizeBytes: DEFAULT_MAX_BYTES + 1024 * 1024 } satisfies Partial<Scenario>),
  },
  {
    what: 'the connection closes midway',
    code: 'network',
    kind: 'offline',
    says: /broke before/,
    apply: (e) => e.setScenario({ closeMidway: true }),
  },
  {
    what: 'nothing listens any more',
    code: 'connection-refused',
    kind: 'offline',
    says: /Nothing is listening/,
    apply: (e) => e.close(),
  },
];

describe.skipIf(!haveBus)('server faults through the core', () => {
  const seen: { code: ErrorCode; message: string }[] = [];

  for (const fault of FAULTS) {
    it(`${fault.what}: ${fault.kind} with error '${fault.code}', cached projects still shown`, async () => {
      const { core, emulator, good } = await connectedCore();
      await fault.apply(emulator);
      const failed = await core.refresh();

      expect(failed.kind).toBe(fault.kind);
      expect(failed.error?.code).toBe(fault.code);
      expect(`${failed.error?.message} ${failed.error?.detail}`).toMatch(fault.says);
      // A sentence a person can act on: it ends with what to do, not with a stack trace or a raw errno.
      expect(failed.error?.message).toMatch(/^[A-Z].{30,}[.!]$/s);
      expect(failed.error?.message).not.toMatch(/\n\s+at /);
      expect(failed.error?.message).not.toContain(DEMO_TOKEN);
      // What the user saw stays on screen, with the time it was really fetched.
      expect(failed.projects).toEqual(good.projects);
      expect(failed.fetchedAt).toBe(good.fetchedAt);
      expect(failed.failures).toBe(1);
      expect(core.getState()).toEqual(failed);
      seen.push({ code: failed.error!.code, message: `${failed.error!.message} ${failed.error!.detail}` });
    });
  }

  // The headline is shared on purpose within a kind ("Can't reach Picky Assist …"): one likely fix per kind. The
  // headline with its details is what tells each failure apart.
  it('gives each failure its own code and its own sentence with details', () => {
    // Runs after the cases above (vitest runs a file's tests in order); fewer entries means one of them failed.
    console.log(seen.map((s) => `${s.code}: ${s.message}`).join('\n'));
    expect(seen).toHaveLength(FAULTS.length);
    expect(new Set(seen.map((s) => s.code)).size).toBe(FAULTS.length);
    expect(new Set(seen.map((s) => s.message)).size).toBe(FAULTS.length);
  });

  it('recovers on the next refresh once the server answers properly again', async () => {
    const { core, emulator, good } = await connectedCore();
    emulator.setScenario({ http500Html: true });
    expect((await core.refresh()).kind).toBe('refused');
    emulator.setScenario({ malformedJson: true, http500Html: false });
    expect((await core.refresh()).failures).toBe(2);
    emulator.resetScenario();
    const back = await core.refresh();
    expect(back).toMatchObject({ kind: 'ok', source: 'network', failures: 0 });
    expect(back.error).toBeUndefined();
    expect(back.projects.map((p) => p.id)).toEqual(good.projects.map((p) => p.id));
    expect(Date.parse(back.fetchedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(good.fetchedAt ?? ''));
  });

  it('a core restarted while the server is down shows the offline copy, then says why it could not refresh', async () => {
    const { core, emulator, good, dataDir, secrets } = await connectedCore();
    await core.dispose();
    await emulator.close();
    const restarted = await openPickyCore({
      dataDir,
      env: { PICKY_API_URL: emulator.baseUrl },
      secrets,
      fetchProjects: quickFetch,
    });
    cleanups.push(() => restarted.dispose());
    expect(restarted.getState()).toMatchObject({ kind: 'ok', source: 'cache', fetchedAt: good.fetchedAt });
    expect(restarted.getState().projects).toEqual(good.projects);
    const failed = await restarted.refresh();
    expect(failed).toMatchObject({
      kind: 'offline',
      source: 'cache',
      fetchedAt: good.fetchedAt,
      error: { code: 'connection-refused' },
    });
    expect(failed.projects).toEqual(good.projects);
  });
});
