// runCli in-process: argv to exit code with memory secrets, a fake fetch and a temporary data folder.
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/run-cli';
import { PickyError } from '../../app/core/errors';
import type { Project } from '../../app/core/model';
import { type FetchProjects } from '../../app/core/ports';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { tokenAccountFor } from '../helpers/accounts';
import { minimalProject } from '../helpers/projects';

const TOKEN = 'cli-run-master-token-8c2e71d0';
const API_URL = 'https://api.test/app/api/v2';

function project(id: number, patch: Partial<Project> = {}): Project {
  return minimalProject(id, { licenseKey: `LK-${id}`, ...patch });
}

async function run(
  argv: string[],
  opts: {
    stdin?: string;
    fetch?: FetchProjects;
    secrets?: ReturnType<typeof createMemorySecretStore>;
    env?: Record<string, string>;
    home?: string;
  } = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli({
    argv,
    env: {
      PICKY_TRAY_HOME: opts.home ?? (await makeTempDir('cli-run')),
      PICKY_API_URL: API_URL,
      ...opts.env,
    },
    stdin: Readable.from([opts.stdin ?? '']) as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    platform: 'linux',
    version: '1.2.3',
    secrets: opts.secrets ?? createMemorySecretStore(),
    fetchProjects: opts.fetch ?? (async () => [project(1), project(2, { status: 'expired' })]),
  });
  return { code, out, err };
}

afterEach(removeTempDirs);

describe('runCli', () => {
  it('prints help and version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: '1.2.3\n', err: '' });
    expect((await run([])).out).toMatch(/^Picky Tray/);
  });

  it('usage errors exit 64 with one sentence on stderr', async () => {
    const r = await run(['nope']);
    expect(r).toMatchObject({ code: 64, out: '' });
    expect(r.err).toMatch(/^Unknown command "nope"\./);
  });

  it('token set reads stdin, and nothing it prints contains the token', async () => {
    const secrets = createMemorySecretStore();
    const r = await run(['token', 'set'], { stdin: `${TOKEN}\n`, secrets });
    expect(r.code).toBe(0);
    expect(r.out).toBe('Token checked with Picky Assist and saved in the system keychain: 2 projects.\n');
    expect(await secrets.get(tokenAccountFor(API_URL))).toBe(TOKEN);
    expect(r.out + r.err).not.toContain(TOKEN);
  });

  it('an empty stdin is refused as bad input', async () => {
    const r = await run(['token', 'set'], { stdin: '\n\n' });
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/No token was given/);
  });

  it('a rejected token exits 2 with the server’s sentence', async () => {
    const r = await run(['token', 'set'], {
      stdin: TOKEN,
      fetch: async () => {
        throw new PickyError('auth', 'Picky Assist rejected that Master API token.');
      },
    });
    expect(r).toEqual({ code: 2, out: '', err: 'Picky Assist rejected that Master API token. Nothing was stored.\n' });
  });

  it('token set stores nothing when Picky Assist refuses the request or cannot be reached, unless --save-unchecked', async () => {
    for (const failure of [
      new PickyError(
        'api-status',
        "Picky Assist refused the request — it isn't accepting API requests right now; your token may be fine.",
        {},
        { detail: 'Picky Assist said "API disabled" (status 600).' },
      ),
      new PickyError('timeout', "Can't reach Picky Assist — check your internet connection."),
    ]) {
      const working = 'the-working-token-0123456789';
      const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: working });
      const fetch = async () => {
        throw failure;
      };
      const refused = await run(['token', 'set'], { stdin: TOKEN, secrets, fetch });
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(failure.message);
      expect(refused.err).toMatch(
        /Nothing was stored: the token could not be checked\. To store it anyway and have it checked at the next answer, run `picky-tray token set --save-unchecked`\./,
      );
      expect(refused.err).not.toMatch(/status 600/);
      // The working token is still the one stored.
      expect(await secrets.get(tokenAccountFor(API_URL))).toBe(working);

      const verbose = await run(['token', 'set', '--verbose'], { stdin: TOKEN, secrets, fetch });
      if (failure.detail) expect(verbose.err).toContain(`Details: ${failure.detail}`);

      const saved = await run(['token', 'set', '--save-unchecked'], { stdin: TOKEN, secrets, fetch });
      expect(saved.code).toBe(0);
      expect(saved.err).toMatch(
        /^Token saved in the system keychain without a check, as asked; it is checked at the next answer\./,
      );
      expect(await secrets.get(tokenAccountFor(API_URL))).toBe(TOKEN);
    }
    expect((await run(['--help'])).out).toMatch(/--save-unchecked +store it anyway/);
    expect((await run(['status', '--save-unchecked'])).code).toBe(64);
  });

  it('names PICKY_API_URL, not Settings, when the fix is the API address', async () => {
    const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: TOKEN });
    const r = await run(['projects'], {
      secrets,
      fetch: async () => {
        throw new PickyError(
          'dns',
          "Can't reach Picky Assist at api.test — check your internet connection and the API address.",
          {},
          { fix: 'address' },
        );
      },
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/set another with the PICKY_API_URL environment variable/);
    expect(r.err).toContain(API_URL);
    expect(r.err).not.toMatch(/Settings/);
  });

  it('an unexpected failure prints a sentence, not a stack; --debug adds the log, details included, without the token', async () => {
    const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: TOKEN });
    const careless: FetchProjects = async (req) => {
      throw new Error(`library failed for body {"token":"${req.token}"}`);
    };
    const plain = await run(['projects'], { secrets, fetch: careless });
    expect(plain.code).toBe(2);
    expect(plain.err).not.toMatch(/\bat /);
    expect(plain.err).not.toContain(TOKEN);
    expect(plain.err.trimEnd().split('\n')).toHaveLength(1);

    const debug = await run(['projects', '--debug'], { secrets, fetch: careless });
    expect(debug.code).toBe(2);
    expect(debug.out).toBe('');
    expect(debug.err).toMatch(/ WARN {2}sync: Refreshing projects failed .*library failed for body/);
    expect(debug.err).toMatch(/ ERROR "projects" failed .*"stack":\["at /);
    expect(debug.err).not.toContain(TOKEN);
  });

  it('--debug works before or after the command, and its lines never show the token, even when a library quoted it', async () => {
    const leaky = createMemorySecretStore();
    leaky.set = async (_account, secret) => {
      throw new Error(`secret service refused to store ${secret}`);
    };
    const r = await run(['--debug', 'token', 'set'], { stdin: TOKEN, secrets: leaky });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Something unexpected went wrong/);
    expect(r.err).toContain('secret service refused to store [redacted]');
    expect(r.err).not.toContain(TOKEN);
  });

  it('PICKY_DEBUG is gone: the environment variable adds nothing', async () => {
    const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: TOKEN });
    const failing: FetchProjects = async () => {
      throw new Error('library failed');
    };
    const r = await run(['projects'], { secrets, fetch: failing, env: { PICKY_DEBUG: '1' } });
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('qr keeps terminal escape sequences in server text away from the terminal', async () => {
    const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: TOKEN });
    const hostile = async () => [
      project(1, { name: 'Shop\u001b]52;c;ZXZpbA==\u0007bot', licenseKey: 'LK-1\u001b[2J' }),
      project(2, { name: 'Official\u001b[31m', service: 'whatsapp-official', licenseKey: undefined }),
    ];
    const qr = await run(['qr', '1'], { secrets, fetch: hostile });
    expect(qr.code).toBe(0);
    expect(qr.out).toContain('License key: LK-1[2J');
    const none = await run(['qr', '2'], { secrets, fetch: hostile });
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^“Official\[31m” is a WhatsApp Official Account project/);
    // The drawn QR itself is block characters and spaces only (plus newlines).
    for (const text of [qr.out, qr.err, none.out, none.err])
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('status exit codes follow the projects', async () => {
    const secrets = createMemorySecretStore({ [tokenAccountFor(API_URL)]: TOKEN });
    const home = await makeTempDir('cli-run-status');
    expect((await run(['status'], { secrets, home })).code).toBe(1);
    expect((await run(['status'], { secrets, home, fetch: async () => [project(1)] })).code).toBe(0);
    // Deleted is reported but does not fail; billing soon does.
    const deleted = await run(['status'], {
      secrets,
      home,
      fetch: async () => [project(1), project(3, { status: 'deleted' })],
    });
    expect(deleted).toMatchObject({ code: 0, out: '2 projects: 1 active, 1 deleted · updated just now\n' });
    const soon = { given: 'soon', instant: new Date(Date.now() + 36 * 3_600_000).toISOString() };
    const billing = await run(['status'], {
      secrets,
      home,
      fetch: async () => [project(4, { nextBillingDate: soon })],
    });
    expect(billing.code).toBe(1);
    expect(billing.out).toMatch(
      /^1 project: 1 active · updated just now\n {2}bills (tomorrow|in 2 days): Project 4 \(project 4\)\n$/,
    );
    const offline = await run(['status'], {
      secrets,
      home,
      fetch: async () => {
        throw new PickyError('timeout', 'Picky Assist took too long to answer.');
      },
    });
    expect(offline.code).toBe(3);
    expect(offline.out).toMatch(/^1 project: 1 active · offline copy from just now\n/);
    expect(offline.err).toMatch(/Picky Assist took too long to answer\.\n$/);
  });
});
