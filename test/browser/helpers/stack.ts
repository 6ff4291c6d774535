// One emulator + one preview per test file: in-process, random ports, a fresh data folder and a keychain
// service name of its own (inside the private keyring of scripts/with-keyring.sh).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { type MemoryLog, createLogger, createMemoryLog } from '../../../app/core/logger';
import { createKeytarSecretStore } from '../../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../../app/preview/preview-server';
import { startEmulator } from '../../emulator/server';
import { cacheKeyAccountFor, tokenAccountFor } from '../../helpers/accounts';

/** Picky Assist's published limit for status calls, per account per minute. */
const STATUS_LIMIT = 3;

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type EmulatorScenario = NonNullable<Parameters<typeof startEmulator>[0]>['scenario'];

export interface Stack {
  emulator: Emulator;
  preview: PreviewHandle;
  dataDir: string;
  service: string;
  /** What the preview logged (it would print it in its terminal). */
  log: MemoryLog;
  /** Starts a new preview on the same data folder and keychain service (the old one must be closed). */
  restartPreview(options?: { apiUrl?: string }): Promise<PreviewHandle>;
  close(): Promise<void>;
}

export interface StackOptions {
  scenario?: EmulatorScenario;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator({ port: 0, ...(options.scenario ? { scenario: options.scenario } : {}) });
  const dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-browser-'));
  const service = `Picky Tray browser test ${randomBytes(6).toString('hex')}`;
  const log = createMemoryLog();
  const open = (apiUrl: string) =>
    startPreview({
      port: 0,
      dataDir,
      env: { PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: dataDir },
      secrets: createKeytarSecretStore(service),
      logger: createLogger({ sinks: [log.sink] }),
    });
  const stack: Stack = {
    emulator,
    preview: await open(emulator.baseUrl),
    dataDir,
    service,
    log,
    async restartPreview(restart = {}) {
      stack.preview = await open(restart.apiUrl ?? emulator.baseUrl);
      return stack.preview;
    },
    async close() {
      // Every browser session, whatever it tested, is also checked against Picky Assist's published limit: the
      // emulator counts every phone status call per account, and drops (never answers) one over 3 in a minute.
      const stats = emulator.statusStats();
      await stack.preview.close().catch(() => undefined);
      await emulator.close().catch(() => undefined);
      const secrets = createKeytarSecretStore(service);
      await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
      await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
      await rm(dataDir, { recursive: true, force: true });
      const over = Object.entries(stats).filter(([, s]) => s.maxInAnyMinute > STATUS_LIMIT || s.dropped > 0);
      if (over.length > 0) {
        throw new Error(
          `This session made more phone status calls than Picky Assist allows (${STATUS_LIMIT} a minute per account): ${JSON.stringify(Object.fromEntries(over))}`,
        );
      }
    },
  };
  return stack;
}

/** One stack for the whole spec file: started before its first test, closed (and checked against the status limit)
 *  after its last. Tests read it through the returned function. */
export function stackPerFile(options: StackOptions = {}): () => Stack {
  let stack: Stack | undefined;
  test.beforeAll(async () => {
    stack = await startStack(options);
  });
  test.afterAll(async () => {
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error('The stack is used before the spec file started it.');
    return stack;
  };
}
