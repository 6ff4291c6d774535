// The CLI end to end: a real child process (`tsx app/cli/main.ts`), the real HTTP emulator, the real keychain
// (private GNOME Keyring from scripts/with-keyring.sh) and a real data folder. The token only ever goes in on stdin.
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRenderedQr } from '../helpers/terminal-qr-reader';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, SECOND_TOKEN } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { CLI_TEST_TIMEOUT_MS, REPO_ROOT } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { tokenAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping CLI integration tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );
const haveZbar = spawnSync('zbarimg', ['--version']).status === 0;
if (!haveZbar) console.warn('Skipping the QR scan check: zbarimg is not installed.');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let home = '';
let apiUrl = '';

function cli(args: string[], options: { stdin?: string; apiUrl?: string } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PICKY_API_URL: options.apiUrl ?? apiUrl,
      PICKY_TRAY_HOME: home,
      NO_COLOR: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(options.stdin ?? '');
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const keychain = createKeytarSecretStore();
let emu: Awaited<ReturnType<typeof startEmulator>>;

// Each test starts several CLI processes; on a busy 2-core machine each start can take seconds. A bound for a
// hang, not a speed check.
describe.skipIf(!haveBus)('picky-tray CLI', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    home = await makeTempDir('cli-home');
    emu = await startEmulator({ port: 0, host: '127.0.0.1' });
    apiUrl = emu.baseUrl;
    await keychain.delete(tokenAccountFor(apiUrl));
  });
  afterAll(async () => {
    await emu?.close().catch(() => undefined);
    if (haveBus) await keychain.delete(tokenAccountFor(apiUrl));
    await removeTempDirs();
  });

  it('prints help and version without touching anything', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: picky-tray <command>/);
    expect(help.stdout).toMatch(/Exit codes:/);
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('says clearly that there is no token yet', async () => {
    expect(await cli(['token', 'status'])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/No Master API token is stored yet/),
    });
    const projects = await cli(['projects']);
    expect(projects.code).toBe(2);
    expect(projects.stderr).toMatch(
      /No Master API token is stored yet, and no project was added by hand\. Run `picky-tray token set`/,
    );
    // An account whose listing is refused has the other way in.
    expect(projects.stderr).toContain('add one with `picky-tray project add --name "…"`');
    expect(projects.stderr).not.toMatch(/\n\s+at /);
    expect((await cli(['status'])).code).toBe(2);
  });

  it('refuses a token passed as an argument and stores nothing', async () => {
    const r = await cli(['token', 'set', DEMO_TOKEN]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/does not take the token as an argument/);
    expect(r.stderr + r.stdout).not.toContain(DEMO_TOKEN);
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBeNull();
  });

  it('rejects a wrong token from stdin with the server’s reason', async () => {
    const r = await cli(['token', 'set'], { stdin: 'definitely-not-the-token\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(20);
    expect(r.stderr).not.toContain('definitely-not-the-token');
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBeNull();
  });

  it('sets the token from stdin after checking it', async () => {
    const r = await cli(['token', 'set'], { stdin: `${DEMO_TOKEN}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Token checked with Picky Assist and saved in the system keychain: \d+ projects\./);
    expect(r.stdout + r.stderr).not.toContain(DEMO_TOKEN);
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBe(DEMO_TOKEN);
    const status = await cli(['token', 'status']);
    expect(status).toMatchObject({ code: 0, stdout: 'A Master API token is stored in the system keychain.\n' });
  });

  let projects: {
    id: number;
    name: string;
    status: string;
    service: string;
    licenseKey?: string;
    apiTokens: { token: string }[];
  }[] = [];

  it('lists projects as JSON with masked API tokens', async () => {
    const r = await cli(['projects', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      source: string;
      stale: boolean;
      fetchedAt: string;
      projects: typeof projects;
    };
    expect(json).toMatchObject({ source: 'network', stale: false });
    expect(Number.isNaN(Date.parse(json.fetchedAt))).toBe(false);
    projects = json.projects;
    expect(projects.length).toBe(6);
    const tokens = projects.flatMap((p) => p.apiTokens.map((t) => t.token));
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(t).toMatch(/^\*\*\*\*/);
    expect(r.stdout).not.toContain(DEMO_TOKEN);
  });

  it('lists projects as a table', async () => {
    const r = await cli(['projects']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+SERVICE\s+PLAN\s+NEXT BILLING$/);
    expect(lines).toHaveLength(projects.length + 1);
    for (const p of projects) expect(r.stdout).toContain(String(p.id));
    expect(r.stdout).toMatch(/Expired/);
    expect(r.stdout).toMatch(/WhatsApp Official/);
  });

  it('shows one project with masked tokens, and reveals them only when asked', async () => {
    const p = projects.find((x) => x.apiTokens.length > 0 && x.licenseKey);
    expect(p).toBeDefined();
    const r = await cli(['project', String(p?.id)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Name:\\s+${p?.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toMatch(/^License key:\s+\S+/m);
    expect(r.stdout).toMatch(/API tokens are masked/);
    const revealed = await cli(['project', String(p?.id), '--json', '--reveal']);
    const full = JSON.parse(revealed.stdout) as { apiTokens: { token: string }[] };
    expect(full.apiTokens[0]?.token).not.toMatch(/^\*\*\*\*/);
    expect(r.stdout).not.toContain(full.apiTokens[0]?.token);
  });

  it('draws a scannable pairing QR of the license key', async () => {
    const p = projects.find((x) => x.service === 'phone-automation' && x.licenseKey);
    const r = await cli(['qr', String(p?.id)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`License key: ${p?.licenseKey}`);
    if (!haveZbar) return;
    // Turn the drawn half-blocks back into pixels and let a real scanner read them.
    const art = r.stdout.split('\n\n')[0] ?? '';
    const matrix = parseRenderedQr(art);
    const scale = 6;
    const size = (matrix[0]?.length ?? 0) * scale;
    const rows: string[] = [];
    for (let y = 0; y < matrix.length * scale; y++) {
      const row = matrix[Math.floor(y / scale)] ?? [];
      rows.push(Array.from({ length: size }, (_, x) => (row[Math.floor(x / scale)] ? '1' : '0')).join(' '));
    }
    const file = join(home, 'qr.pbm');
    await writeFile(file, `P1\n${size} ${rows.length}\n${rows.join('\n')}\n`);
    const scan = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
    expect(scan.stdout.trim()).toBe(p?.licenseKey);
  });

  it('explains why a WhatsApp Official project has no QR', async () => {
    const p = projects.find((x) => x.service === 'whatsapp-official');
    const r = await cli(['qr', String(p?.id)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WhatsApp Official Account project: it has no license key/);
    expect(r.stdout).toBe('');
  });

  it('rejects bad input with exit 64 and a sentence', async () => {
    for (const args of [['frobnicate'], ['project', 'abc'], ['project', '999999'], ['projects', '--bogus'], ['qr']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr, args.join(' ')).toMatch(/\w+.*\./);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await cli(['project', '999999'])).stderr).toMatch(/There is no project 999999 in this account/);
  });

  it('status: 1 when something needs attention (expired, billing soon), naming each; deleted is reported only', async () => {
    const r = await cli(['status']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^6 projects: 4 active, 1 expired, 1 deleted · \d+ phones? connected.* · updated just now$/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}bills (today|tomorrow|in \d days): Bella Salon Bookings \(project \d+\)$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}expired: Café Lumière Orders \(project \d+\)$/));
    expect(r.stdout).not.toMatch(/Spring Campaign/);
  });

  it('status: 0 when every project is active (second account)', async () => {
    expect((await cli(['token', 'set'], { stdin: SECOND_TOKEN })).code).toBe(0);
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    // Its one phone is checked if the minute's budget (shared with the runs above) has room.
    expect(r.stdout).toMatch(
      /^2 projects: 2 active · (1 phone connected|0 phones connected, 1 not checked yet) · updated just now\n$/,
    );
  });

  it('status: 3 when the server is gone and the offline copy is shown', async () => {
    await emu.close();
    const r = await cli(['status']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^2 projects: 2 active · .*phones? connected.* · offline copy from just now\n$/);
    expect(r.stderr).toMatch(
      // The time in the user's own format (the one date rule in app/core/dates.ts), then how long ago.
      /^Showing the offline copy from [^(]*\d{1,2}:\d\d[^(]* \(just now\)\. Can't reach Picky Assist at 127\.0\.0\.1:\d+ — is the emulator running\? Start it with npm run emulator\.\n$/,
    );

    const json = await cli(['projects', '--json']);
    expect(json.code).toBe(3);
    const parsed = JSON.parse(json.stdout) as {
      source: string;
      stale: boolean;
      error?: { code: string; message: string };
    };
    expect(parsed).toMatchObject({
      source: 'cache',
      stale: true,
      error: { code: expect.any(String), message: expect.any(String) },
    });

    const offline = await cli(['projects', '--offline', '--json']);
    expect(offline.code).toBe(3);
    expect(JSON.parse(offline.stdout)).toMatchObject({ source: 'cache', stale: true });
    expect(offline.stderr).toBe('');
  });

  it('status: 2 when the server is gone and there is no offline copy', async () => {
    const cleared = await cli(['token', 'clear']);
    expect(cleared.code).toBe(0);
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBeNull();
    // The server cannot be asked: nothing is stored unless the user says so explicitly.
    const refused = await cli(['token', 'set'], { stdin: DEMO_TOKEN });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Nothing was stored: the token could not be checked/);
    expect(refused.stderr).toMatch(/picky-tray token set --save-unchecked/);
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBeNull();
    const set = await cli(['token', 'set', '--save-unchecked'], { stdin: DEMO_TOKEN });
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/^Token saved in the system keychain without a check, as asked/);
    expect(await keychain.get(tokenAccountFor(apiUrl))).toBe(DEMO_TOKEN);
    const r = await cli(['status']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.length).toBeGreaterThan(20);
    const offline = await cli(['projects', '--offline']);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/no offline copy of your projects yet/);
  });
});
