// The emulator started on its own (`npm run emulator -- --listing-refused`), as a user starts it: a real child
// process on a free port. With the flag, the project listing is refused with the documented envelope, while a
// project API token's device status still answers (what projects added by hand need); its banner says so.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, MANUAL_DEMO } from '../emulator/fixtures';
import { REPO_ROOT } from '../helpers/run-tsx';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
});

/** Starts the emulator's own CLI and resolves with what it printed once it says where it listens. */
function startEmulatorCli(args: string[]): Promise<{ origin: string; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'test/emulator/main.ts'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((done, fail) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] && out.includes('Stop with Ctrl+C.')) done({ origin: m[1], banner: out });
    });
    child.on('exit', (code) => fail(new Error(`The emulator exited (${code}) before listening: ${out}`)));
  });
}

const post = async (url: string, body: unknown) =>
  (await (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, unknown>;

describe('npm run emulator -- --listing-refused', () => {
  it('refuses the listing, answers device status for a project token, and says so in its banner', async () => {
    const { origin, banner } = await startEmulatorCli(['--port', '0', '--listing-refused']);
    expect(banner).toContain('The project listing is REFUSED (--listing-refused)');
    expect(banner).toContain(MANUAL_DEMO.licenseKey);
    const listing = await post(`${origin}/app/api/v2/pm/get-projects`, { token: DEMO_TOKEN, project_id: 0 });
    expect(listing).toMatchObject({ status: 400, message: expect.stringMatching(/disabled/) as unknown });
    const status = await post(`${origin}/app/api/v2/device-status`, { token: MANUAL_DEMO.apiToken, application: 10 });
    expect(status).toMatchObject({ project_id: '715' });
  });

  it('without the flag, the listing answers', async () => {
    const { origin, banner } = await startEmulatorCli(['--port', '0']);
    expect(banner).not.toContain('REFUSED');
    const listing = await post(`${origin}/app/api/v2/pm/get-projects`, { token: DEMO_TOKEN, project_id: 0 });
    expect(listing).toMatchObject({ status: 100 });
  });
});
