// Starts the real bundled main process (dist/main.cjs, rebundled from the current sources) under Node with the
// recording stand-in for Electron, as a given platform, against the real emulator, with a throwaway data folder.
// Each test file that uses it runs in its own process (Vitest isolates files), so one start per file.
// Not a test file itself. See main-shell.test.ts for the Linux run with the full tour.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { TEST_HOOK_GLOBAL, type TestHook } from '../../app/main/test-hook';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { fake, FakeBrowserWindow } from '../electron/fake-electron';
import { writeSessionTokenFile } from '../../app/main/session-token';

const root = path.resolve(__dirname, '../..');
const nodeRequire = createRequire(__filename);
const ModuleInternals = nodeRequire('node:module') as {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
};

export const hook = (): TestHook => (globalThis as Record<string, unknown>)[TEST_HOOK_GLOBAL] as TestHook;

export async function until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Gave up waiting for ${what}.`);
}

export interface MainProcessRun {
  emulator: RunningEmulator;
  dataDir: string;
  configHome: string;
  mainWindow(): FakeBrowserWindow | undefined;
  /** Calls an IPC handler as our own main window would. */
  invoke(channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
  stop(): Promise<void>;
}

export interface MainProcessOptions {
  platform: NodeJS.Platform;
  /** Extra command-line arguments, as a login item would pass (`--hidden`). */
  args?: string[];
  env?: Record<string, string>;
  /** Runs before the main process starts, with its folders (to leave an old autostart entry, say). */
  beforeStart?: (dirs: { dataDir: string; configHome: string }) => void;
}

export async function startMainProcess(options: MainProcessOptions): Promise<MainProcessRun> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (or `npm run build`) first.');
  }
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { stdio: 'pipe' });
  const emulator = await startEmulator({ port: 0 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'picky-main-'));
  const configHome = mkdtempSync(path.join(os.tmpdir(), 'picky-xdg-'));
  const savedEnv = { ...process.env };
  const savedArgv = [...process.argv];
  const savedPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.assign(process.env, {
    PICKY_API_URL: emulator.baseUrl,
    PICKY_TRAY_HOME: dataDir,
    PICKY_TRAY_SESSION_TOKEN_FILE: writeSessionTokenFile(dataDir, DEMO_TOKEN),
    PICKY_TRAY_E2E: '1',
    XDG_CONFIG_HOME: configHome,
    ...options.env,
  });
  process.argv.push(...(options.args ?? []));
  options.beforeStart?.({ dataDir, configHome });
  Object.defineProperty(process, 'platform', { ...savedPlatform, value: options.platform });
  const originalLoad = ModuleInternals._load;
  ModuleInternals._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean) {
    return request === 'electron' ? fake : originalLoad.call(this, request, parent, isMain);
  };
  nodeRequire(path.join(root, 'dist', 'main.cjs'));
  await until('the tray to have a menu', () => hook()?.menu().length > 0);

  const mainWindow = () => FakeBrowserWindow.all.find((w) => w.webContents.id === hook().mainWebContentsId());
  return {
    emulator,
    dataDir,
    configHome,
    mainWindow,
    async invoke(channel, input) {
      const handler = fake.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler for ${channel}`);
      const id = hook().mainWebContentsId() ?? -1;
      const event = { sender: { id }, senderFrame: { url: 'app://picky/index.html#/', parent: null } };
      return (await handler(event, input)) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    async stop() {
      fake.app.quit();
      // Quit waits for the core's writes under way (a few seconds at most), then goes through.
      await fake.app.whenQuit();
      ModuleInternals._load = originalLoad;
      Object.defineProperty(process, 'platform', savedPlatform);
      process.argv.splice(0, process.argv.length, ...savedArgv);
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
      await emulator.close();
      // The quit waited for the core; a phone check's budget write can still be settling, so removal retries.
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      rmSync(configHome, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** A private D-Bus session bus (a real dbus-daemon), on which nothing owns org.kde.StatusNotifierWatcher. */
export async function startPrivateSessionBus(): Promise<{ address: string; stop(): void }> {
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    daemon.once('error', reject);
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
  });
  return { address, stop: () => daemon.kill() };
}
