// `npm run emulator` as a user runs it (a real child process), and the emulator's own rules: tokens, ids,
// control endpoints on loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const children: ChildProcess[] = [];
const emulators: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of emulators.splice(0)) await e.close();
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.pid !== undefined) c.kill('SIGKILL');
});

/** Starts test/emulator/main.ts with tsx and resolves with its output once `until` appears (or it exits). */
function runMain(
  args: string[],
  until: RegExp,
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, PICKY_EMULATOR_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve) => {
    const check = () => {
      if (until.test(out)) resolve({ child, output: () => out, exited });
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    void exited.then(() => resolve({ child, output: () => out, exited }));
  });
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('npm run emulator (test/emulator/main.ts)', () => {
  it('prints the base URL, the demo token and how to try it, serves projects, and exits cleanly on SIGTERM', async () => {
    const run = await runMain(['--port', '0', '--projects', '25'], /Stop with Ctrl\+C/);
    const text = run.output();
    const base = /PICKY_API_URL=(http:\/\/127\.0\.0\.1:\d+\/app\/api\/v2)/.exec(text)?.[1];
    expect(base, text).toBeDefined();
    expect(text).toContain(DEMO_TOKEN);
    expect(text).toContain('npm run cli -- token set');
    expect(text).toContain('npm run cli -- projects');
    const answer = (await post(`${base}/pm/get-projects`, { token: DEMO_TOKEN, project_id: 0 })) as {
      status: number;
      data: unknown[];
    };
    expect(answer.status).toBe(100);
    expect(answer.data).toHaveLength(25);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad flag with the usage and exit code 2', async () => {
    const run = await runMain(['--port', 'eighty'], /Usage:/);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('--port N');
  });
});

describe('emulator rules', () => {
  it('answers token and id problems with envelopes over HTTP 200, like upstream', async () => {
    const emu = await startEmulator({ port: 0 });
    emulators.push(emu);
    const url = `${emu.baseUrl}/pm/get-projects`;
    expect(await post(url, { token: 'nope', project_id: 0 })).toEqual({ status: 401, message: 'Invalid token' });
    expect(await post(url, { token: '', project_id: 0 })).toEqual({ status: 400, message: 'Token is required' });
    expect(await post(url, { token: DEMO_TOKEN, project_id: 9 })).toEqual({
      status: 404,
      message: 'Project not found',
    });
    expect(await post(url, { token: DEMO_TOKEN, project_id: 'x' })).toEqual({
      status: 400,
      message: 'Invalid project_id',
    });
    const single = (await post(url, { token: DEMO_TOKEN, project_id: '715' })) as Record<string, unknown>;
    expect(single).toMatchObject({
      status: 100,
      project_id: '715',
      number: '9234324324',
      next_billing_date: '',
      amount_debited: '0.00',
    });
    expect('billing_plan' in single).toBe(false);
    expect(
      await post(`${emu.baseUrl}/device-status`, { token: '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2', application: 3 }),
    ).toEqual({
      status: 400,
      message: 'Invalid application',
    });
    const res = await fetch(url);
    expect(res.status).toBe(405);
  });

  it('serves control endpoints on loopback only', async () => {
    const open = await startEmulator({ port: 0, host: '0.0.0.0' });
    emulators.push(open);
    const res = await fetch(`http://127.0.0.1:${open.port}/__emulator/stats`);
    expect(res.status).toBe(404);
    const local = await startEmulator({ port: 0 });
    emulators.push(local);
    expect((await fetch(`${local.origin}/__emulator/stats`)).status).toBe(200);
  });

  it('counts requests per path and forgets them on reset', async () => {
    const emu = await startEmulator({ port: 0, scenario: { listShape: 'array' } });
    emulators.push(emu);
    const answer = await post(`${emu.baseUrl}/pm/get-projects`, { token: DEMO_TOKEN, project_id: 0 });
    expect(Array.isArray(answer)).toBe(true);
    expect(emu.requestCount('/app/api/v2/pm/get-projects')).toBe(1);
    expect(emu.requestCount()).toBe(1);
    emu.resetScenario();
    expect(emu.requestCount()).toBe(0);
    expect(Array.isArray(await post(`${emu.baseUrl}/pm/get-projects`, { token: DEMO_TOKEN, project_id: 0 }))).toBe(
      false,
    );
  });
});
