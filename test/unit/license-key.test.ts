// The license key as the QR must encode it: text as sent, a JSON number only when it is a safe integer, anything
// else unusable with a sentence, from the wire through `picky-tray qr` and the project details.
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/run-cli';
import { formatProjectDetails } from '../../app/cli/format';
import { MAX_LICENSE_KEY, parseProjectsResponse } from '../../app/core/api-wire';
import type { Project } from '../../app/core/model';
import { tokenAccountFor } from '../helpers/accounts';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { qrMatrix } from '../../app/cli/terminal-qr';
import { parseRenderedQr } from '../helpers/terminal-qr-reader';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterEach(removeTempDirs);

const wire = (license_key: unknown) => ({ project_id: '1', project_name: 'Shop', service: '1', license_key });
const parse = (license_key: unknown): Project => parseProjectsResponse({ status: 100, data: [wire(license_key)] })[0]!;

const KEYS = {
  numeric: 12345678,
  huge: Number('12345678901234567890123'),
  empty: '',
  overCapacity: 'k'.repeat(3000),
} as const;

describe('license_key at the wire', () => {
  it('keeps text as sent and a safe integer as its digits', () => {
    expect(parse('PKY-123').licenseKey).toBe('PKY-123');
    expect(parse(KEYS.numeric).licenseKey).toBe('12345678');
    expect(parse(Number.MAX_SAFE_INTEGER).licenseKey).toBe('9007199254740991');
  });

  it('never turns a number that lost digits into a key', () => {
    for (const key of [KEYS.huge, 1.5, -3]) {
      const p = parse(key);
      expect(p.licenseKey).toBeUndefined();
      expect(p.licenseKeyProblem).toMatch(/number too large to read exactly/);
      expect(JSON.stringify(p)).not.toContain('e+22');
    }
  });

  it('reads an empty key as none, and a key past the cap as unusable, never cut', () => {
    expect(parse(KEYS.empty)).toMatchObject({ licenseKey: undefined, licenseKeyProblem: undefined });
    const long = parse(KEYS.overCapacity);
    expect(long.licenseKey).toBeUndefined();
    expect(long.licenseKeyProblem).toMatch(/license key of 3000 characters/);
    expect(parse('K'.repeat(MAX_LICENSE_KEY)).licenseKey).toHaveLength(MAX_LICENSE_KEY);
  });
});

async function qr(project: Project) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli({
    argv: ['qr', '1'],
    env: {
      PICKY_TRAY_HOME: await makeTempDir('license-key'),
      PICKY_API_URL: 'http://127.0.0.1:9/app/api/v2',
      NO_COLOR: '1',
    },
    stdin: Readable.from(['']) as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    platform: 'linux',
    version: '1.2.3',
    secrets: createMemorySecretStore({ [tokenAccountFor('http://127.0.0.1:9')]: 'license-key-test-token-0123' }),
    fetchProjects: async () => [project],
  });
  return { code, out, err };
}

describe('picky-tray qr and details', () => {
  it('draws a numeric key as its digits', async () => {
    const { code, out } = await qr(parse(KEYS.numeric));
    expect(code).toBe(0);
    const drawn = out.split('\n\n')[0]!;
    expect(parseRenderedQr(drawn).slice(0, qrMatrix('12345678').length)).toEqual(qrMatrix('12345678'));
    expect(out).toContain('License key: 12345678');
  });

  it('says why for a huge number, and draws nothing', async () => {
    const { code, out, err } = await qr(parse(KEYS.huge));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^“Shop”: Picky Assist sent this license key as a number too large to read exactly/);
  });

  it('says there is no key for an empty one', async () => {
    const { code, err } = await qr(parse(KEYS.empty));
    expect(code).toBe(2);
    expect(err).toMatch(/has no license key/);
  });

  it('says why for an over-capacity key from the server', async () => {
    const { code, out, err } = await qr(parse(KEYS.overCapacity));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/license key of 3000 characters/);
  });

  it('says why when the encoder cannot hold a key that came another way (an old offline copy)', async () => {
    const project: Project = { ...parse('x'), licenseKey: 'k'.repeat(3000) };
    const { code, out, err } = await qr(project);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/cannot be drawn as a QR code/);
  });

  it('details show the reason in place of the key', () => {
    expect(formatProjectDetails(parse(KEYS.huge), false, 0)).toMatch(
      /^License key:\s+Picky Assist sent this license key as a number/m,
    );
  });
});
