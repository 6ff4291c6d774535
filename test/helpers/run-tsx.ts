// Runs a TypeScript file in a child Node process (through tsx), for tests that need a separate process:
// a different environment (no D-Bus session) or a process that can be killed mid-write.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bound on a test that runs the CLI several times as real processes (a hang fails it; slowness does not). */
export const CLI_TEST_TIMEOUT_MS = 120_000;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startTsx(script: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): Promise<ChildResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Runs any command to completion with `stdin` as its input (tokens reach the CLI this way, never argv). */
export function runWithInput(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<ChildResult> {
  const child = spawn(command, [...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const result = collect(child);
  child.stdin?.end(stdin);
  return result;
}

/** Runs the script to completion. */
export function runTsx(script: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<ChildResult> {
  return collect(startTsx(script, env, args));
}

/** Runs the script until it prints a line containing `marker`, then kills it with SIGKILL (a crash). */
export async function runTsxUntilThenKill(
  script: string,
  env: NodeJS.ProcessEnv,
  marker: string,
  args: string[] = [],
): Promise<ChildResult & { sawMarker: boolean }> {
  const child = startTsx(script, env, args);
  let sawMarker = false;
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    seen += chunk.toString('utf8');
    if (!sawMarker && seen.includes(marker)) {
      sawMarker = true;
      child.kill('SIGKILL');
    }
  });
  const result = await collect(child);
  return { ...result, sawMarker };
}
