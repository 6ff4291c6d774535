// `picky-tray project add|edit|remove` and every command with projects added by hand: a real child process, the
// real HTTP emulator with its listing refused (then working), the real keychain and a real data folder. The license
// key and the token only ever go in on stdin (piped here; the hidden prompt: test/unit/cli-manual-prompt.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANUAL_ID_BASE } from '../../app/core/manual-id';
import { originSecretAccount } from '../../app/core/origin-secrets';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, MANUAL_DEMO } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';
import { CLI_TEST_TIMEOUT_MS, REPO_ROOT } from '../helpers/run-tsx';
import { parseRenderedQr } from '../helpers/terminal-qr-reader';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping CLI hand-added project tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );
const haveZbar = spawnSync('zbarimg', ['--version']).status === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
let home = '';
let apiUrl = '';

function cli(args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: home, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The drawn half-blocks back into pixels, read by a real scanner (as cli.test.ts does). */
function scanTerminalQr(stdout: string, file: string): string {
  const matrix = parseRenderedQr(stdout.split('\n\n')[0] ?? '');
  const scale = 6;
  const size = (matrix[0]?.length ?? 0) * scale;
  const rows: string[] = [];
  for (let y = 0; y < matrix.length * scale; y++) {
    const row = matrix[Math.floor(y / scale)] ?? [];
    rows.push(Array.from({ length: size }, (_, x) => (row[Math.floor(x / scale)] ? '1' : '0')).join(' '));
  }
  writeFileSync(file, `P1\n${size} ${rows.length}\n${rows.join('\n')}\n`);
  return spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).stdout.trim();
}

const keychain = createKeytarSecretStore();
let emu: Awaited<ReturnType<typeof startEmulator>>;
const ID1 = MANUAL_ID_BASE + 1;
const account = (kind: 'project-license-key' | 'project-api-token', n: number) =>
  originSecretAccount(`${kind}:${n}` as const, new URL(apiUrl).origin);
const all = (r: Run) => `${r.stdout}\n${r.stderr}`;

// Each test starts several CLI processes; on a busy 2-core machine each start can take seconds. A bound for a
// hang, not a speed check.
describe.skipIf(!haveBus)('picky-tray project add / edit / remove', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    home = await makeTempDir('cli-manual');
    emu = await startEmulator({ port: 0, host: '127.0.0.1', scenario: { listingRefused: true } });
    apiUrl = emu.baseUrl;
  });
  afterAll(async () => {
    await emu?.close().catch(() => undefined);
    if (haveBus) {
      await keychain.delete(tokenAccountFor(apiUrl));
      await keychain.delete(cacheKeyAccountFor(apiUrl));
      for (const n of [1, 2, 3]) {
        await keychain.delete(account('project-license-key', n));
        await keychain.delete(account('project-api-token', n));
      }
    }
    await removeTempDirs();
  });

  it('refuses a license key or token given as an argument (exit 64), before anything is stored', async () => {
    for (const args of [
      ['project', 'add', '--name', 'Desk', MANUAL_DEMO.licenseKey],
      ['project', 'add', '--name', 'Desk', `--license-key=${MANUAL_DEMO.licenseKey}`],
      ['project', 'add', '--name', 'Desk', '--api-token', MANUAL_DEMO.apiToken],
      ['project', 'edit', 'Desk', MANUAL_DEMO.apiToken],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr).toMatch(/does not take a license key or an API token as an argument/);
      expect(all(r)).not.toContain(MANUAL_DEMO.apiToken);
      expect(all(r)).not.toContain(MANUAL_DEMO.licenseKey);
    }
    expect(await keychain.get(account('project-license-key', 1))).toBeNull();
    expect((await cli(['project', 'add'])).code).toBe(64);
  });

  it('adds from two piped lines, checks the token once, and every command shows the project, marked as added by hand', async () => {
    const before = emu.requestCount('/app/api/v2/device-status');
    const add = await cli(
      ['project', 'add', '--name', 'Front desk'],
      `${MANUAL_DEMO.licenseKey}\n${MANUAL_DEMO.apiToken}\n`,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added “Front desk” (id ${ID1})`);
    expect(add.stdout).toContain('project 715, connected number 9234324324');
    expect(emu.requestCount('/app/api/v2/device-status') - before).toBe(1);
    expect(await keychain.get(account('project-license-key', 1))).toBe(MANUAL_DEMO.licenseKey);
    expect(await keychain.get(account('project-api-token', 1))).toBe(MANUAL_DEMO.apiToken);

    // No Master token: the hand-added project alone.
    const list = await cli(['projects']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(String(ID1));
    expect(list.stdout).toContain('Front desk (added by hand)');
    expect(list.stdout).toContain('Not known');
    const json = await cli(['projects', '--json']);
    const parsed = JSON.parse(json.stdout) as {
      projects: { id: number; source?: string; apiTokens: { token: string }[] }[];
    };
    expect(parsed.projects[0]).toMatchObject({ id: ID1, source: 'manual' });
    expect(json.stdout).not.toContain(MANUAL_DEMO.apiToken);
    const one = await cli(['project', String(ID1), '--json']);
    expect(JSON.parse(one.stdout)).toMatchObject({ id: ID1, source: 'manual', licenseKey: MANUAL_DEMO.licenseKey });
    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('1 project: 1 added by hand');
    const qr = await cli(['qr', String(ID1)]);
    expect(qr.code).toBe(0);
    expect(qr.stdout).toContain(`License key: ${MANUAL_DEMO.licenseKey}`);
    if (haveZbar) expect(scanTerminalQr(qr.stdout, join(home, 'qr.pbm'))).toBe(MANUAL_DEMO.licenseKey);
    else console.warn('Skipping the terminal QR scan: zbarimg is not installed.');

    // Nothing secret in the data folder.
    for (const f of await readdir(home)) {
      if (!f.endsWith('.json')) continue;
      const text = await readFile(join(home, f), 'utf8');
      expect(text).not.toContain(MANUAL_DEMO.licenseKey);
      expect(text).not.toContain(MANUAL_DEMO.apiToken);
    }
  });

  it('a refused token stores nothing and shows the server’s words; unreachable needs --save-unchecked', async () => {
    const refused = await cli(['project', 'add', '--name', 'Typo'], `K-TYPO-0001\nffffffffffffffffffffffffffffffff\n`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused this project API token');
    expect(refused.stderr).toContain('Invalid token');
    expect(await keychain.get(account('project-license-key', 2))).toBeNull();
  });

  it('with a Master token and the listing refused: the hand-added project still listed, the refusal said', async () => {
    const set = await cli(['token', 'set', '--save-unchecked'], DEMO_TOKEN);
    expect(set.code).toBe(0);
    const list = await cli(['projects']);
    expect(list.stdout).toContain('Front desk (added by hand)');
    expect(list.stderr).toMatch(/refused the request/);
    // The listing works again: the project shows once, as the fetched 715.
    emu.setScenario({ listingRefused: false });
    const merged = await cli(['projects', '--json']);
    const ids = (JSON.parse(merged.stdout) as { projects: { id: number }[] }).projects.map((p) => p.id);
    expect(ids.filter((id) => id === 715)).toHaveLength(1);
    expect(ids).not.toContain(ID1);
    const detail = await cli(['project', String(ID1)]);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toMatch(/ID:\s+715/);
    expect(detail.stdout).toContain(`Also added by hand`);
    emu.setScenario({ listingRefused: true });
  });

  it('edits by name from piped lines (empty keeps, - removes), and removes only with --yes when there is no terminal', async () => {
    const edit = await cli(['project', 'edit', 'front desk', '--name', 'Reception'], `\n-\n`);
    expect(edit.code).toBe(0);
    expect(edit.stdout).toContain('Saved “Reception”');
    expect(await keychain.get(account('project-license-key', 1))).toBe(MANUAL_DEMO.licenseKey);
    expect(await keychain.get(account('project-api-token', 1))).toBeNull();

    const unasked = await cli(['project', 'remove', 'Reception']);
    expect(unasked.code).toBe(64);
    expect(unasked.stderr).toContain('add --yes');
    const removed = await cli(['project', 'remove', 'Reception', '--yes']);
    expect(removed.code).toBe(0);
    expect(await keychain.get(account('project-license-key', 1))).toBeNull();
    // The Master token is untouched.
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBe(DEMO_TOKEN);
    expect((await cli(['project', 'remove', 'Reception', '--yes'])).code).toBe(64);
  });
});
