// The CLI's phone commands when device-status fails, end to end: a real child process, the emulator over HTTP, the
// real keychain and a real data folder per run (its own budget ledger, as on separate computers).
// - device-status that accepts the call and never answers: `status`, `phones` and `phone <id>` still end (the check
//   gives up after its 10 s; the child is only killed after a generous minute), say in a sentence why the phone is
//   unknown, and exit as documented;
// - device-status answering an HTML error page: the headline by default, its details only with --verbose.
// No project API token (nor the Master token) appears in any output.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';
import { REPO_ROOT } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping CLI phone fault tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const SECRETS = [DEMO_TOKEN, ...buildDemoProjects().flatMap((p) => p.api_tokens.map((t) => t.token))];
/** Only a backstop for a CLI that never ends: the runs below end on their own, within the check's 10 s bound. */
const KILL_AFTER_MS = 60_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], home: string, apiUrl: string, stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'app/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PICKY_API_URL: apiUrl, PICKY_TRAY_HOME: home, NO_COLOR: '1', PICKY_DEBUG: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  const kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(kill);
      for (const secret of SECRETS) {
        expect(stdout, `a token in stdout of ${args.join(' ')}`).not.toContain(secret);
        expect(stderr, `a token in stderr of ${args.join(' ')}`).not.toContain(secret);
      }
      done({ code, signal, stdout, stderr });
    });
  });
}

const emulators: RunningEmulator[] = [];
afterAll(async () => {
  const keychain = createKeytarSecretStore();
  for (const e of emulators.splice(0)) {
    await e.close();
    await keychain.delete(tokenAccountFor(e.baseUrl)).catch(() => false);
    await keychain.delete(cacheKeyAccountFor(e.baseUrl)).catch(() => false);
  }
  await removeTempDirs();
});

/** A fresh data folder with the demo token stored for `emu` (the token is checked against its project list). */
async function signedInHome(emu: RunningEmulator): Promise<string> {
  const home = await makeTempDir('cli-phone-fault');
  const set = await cli(['token', 'set'], home, emu.baseUrl, DEMO_TOKEN);
  expect(set.code, set.stderr).toBe(0);
  return home;
}

/** One after another: they share the origin's keychain entries (the token, the offline copy's key). */
async function signedInHomes(emu: RunningEmulator, n: number): Promise<string[]> {
  const homes: string[] = [];
  for (let i = 0; i < n; i++) homes.push(await signedInHome(emu));
  return homes;
}

describe.skipIf(!haveBus)('CLI phones when device-status never answers', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, scenario: { deviceStatusFault: 'hang' } });
    emulators.push(emu);
  }, 60_000);

  it('status, phones and phone <id> end by themselves and say why the phone is unknown', async () => {
    const homes = await signedInHomes(emu, 3);
    const [status, phones, phone] = await Promise.all([
      cli(['status'], homes[0]!, emu.baseUrl),
      cli(['phones'], homes[1]!, emu.baseUrl),
      cli(['phone', '715'], homes[2]!, emu.baseUrl),
    ]);
    const why = /Can.t reach Picky Assist/;

    // status: the phone that was asked is unknown, and one line says why. A failed check is no verdict on the
    // phone, so it is not listed as needing attention; the exit code is the demo's expired project's 1.
    expect(status.signal).toBeNull();
    expect(status.stdout).toMatch(/^6 projects: .* · 0 phones connected, 1 unknown, 3 not checked yet · updated/);
    expect(status.stdout).toMatch(new RegExp(`\\n {2}phone check failed: \\S.* \\(project \\d+\\): ${why.source}`));
    expect(status.stdout).not.toMatch(/\n {2}phone (offline|not paired|unknown)/);
    expect(status.stdout).toMatch(/\n {2}expired: /);
    expect(status.code).toBe(1);

    // phones: the list is fresh (exit 0); the phone that was asked says the check failed, and why, in a sentence.
    expect(phones.signal).toBeNull();
    expect(phones.code).toBe(0);
    expect(phones.stdout).toMatch(/\n\d+\s+\S.*\s+check failed\s/);
    expect(phones.stdout).toMatch(new RegExp(`\\n\\n\\d+ \\S.*: ${why.source}.*[.!]\\n?$`, 's'));

    // phone <id>: checked now; the phone is not known to be connected (exit 1), and "Why" says why.
    expect(phone.signal).toBeNull();
    expect(phone.code).toBe(1);
    expect(phone.stdout).toMatch(/^Project:\s+715 Acme Support Line\nPhone:\s+check failed/);
    expect(phone.stdout).toMatch(new RegExp(`\\nWhy:\\s+${why.source}.*[.!]`));
    expect(phone.stdout).not.toContain('Details');
  }, 120_000);
});

describe.skipIf(!haveBus)('CLI phone errors: the headline, and the details only with --verbose', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    // Four data folders are four budgets (as on four computers), more than the account's 3 calls a minute between
    // them; the limit is not what this tests, so the emulator answers every call.
    emu = await startEmulator({ port: 0, scenario: { deviceStatusFault: 'html', statusLimitPerMinute: 0 } });
    emulators.push(emu);
  }, 60_000);

  it('phone <id> and phones print "Details" only when asked', async () => {
    const homes = await signedInHomes(emu, 4);
    const [phone, phoneVerbose, phones, phonesVerbose] = await Promise.all([
      cli(['phone', '715'], homes[0]!, emu.baseUrl),
      cli(['phone', '715', '--verbose'], homes[1]!, emu.baseUrl),
      cli(['phones'], homes[2]!, emu.baseUrl),
      cli(['phones', '--verbose'], homes[3]!, emu.baseUrl),
    ]);
    // The technical part: the address that answered and its HTTP status.
    const detail = `${emu.baseUrl} answered HTTP 502`;

    expect(phone.code).toBe(1);
    expect(phone.stdout).toMatch(/\nWhy:\s+\S.*[.!]/);
    expect(phone.stdout).not.toContain('Details');
    expect(phone.stdout).not.toContain('HTTP 502');
    expect(phoneVerbose.code).toBe(1);
    expect(phoneVerbose.stdout, phoneVerbose.stdout + phoneVerbose.stderr).toMatch(/\nWhy:\s+\S.*[.!]/);
    expect(phoneVerbose.stdout, phoneVerbose.stdout + phoneVerbose.stderr).toMatch(
      new RegExp(`\\nDetails:\\s+${detail}\\.`),
    );

    expect(phones.code).toBe(0);
    expect(phones.stdout).toMatch(/\n715 Acme Support Line: \S.*[.!]/);
    expect(phones.stdout).not.toContain('Details');
    expect(phonesVerbose.code).toBe(0);
    expect(phonesVerbose.stdout).toMatch(new RegExp(`\\n715 Acme Support Line: \\S.*[.!]\\n {2}Details: ${detail}`));
  }, 120_000);
});
