// `project add` at a terminal: the license key and token typed at two hidden prompts (nothing echoed), checked with
// the emulator over HTTP; runCli in-process with a stand-in terminal and an in-memory keychain.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/run-cli';
import { originSecretAccount } from '../../app/core/origin-secrets';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { MANUAL_DEMO } from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { CLI_TEST_TIMEOUT_MS } from '../helpers/run-tsx';

afterAll(removeTempDirs);

/** A terminal's stdin: raw mode, and what the user types, one line per prompt. */
function terminalTyping(lines: string[]): NodeJS.ReadStream {
  const stream = new PassThrough() as unknown as NodeJS.ReadStream & { isRaw: boolean };
  Object.assign(stream, { isTTY: true, isRaw: false });
  stream.setRawMode = (mode: boolean) => {
    stream.isRaw = mode;
    // Each prompt turns raw mode on, then gets one line.
    if (mode) {
      const line = lines.shift();
      if (line !== undefined) setImmediate(() => (stream as unknown as PassThrough).write(`${line}\r`));
    }
    return stream;
  };
  return stream;
}

// Each test starts several CLI processes; on a busy 2-core machine each start can take seconds. A bound for a
// hang, not a speed check.
describe('picky-tray project add at a terminal', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('asks for the license key and the token at hidden prompts, and echoes neither', async () => {
    const emu = await startEmulator({ port: 0, host: '127.0.0.1', scenario: { listingRefused: true } });
    try {
      const secrets = createMemorySecretStore();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await runCli({
        argv: ['project', 'add', '--name', 'Front desk'],
        env: { PICKY_TRAY_HOME: await makeTempDir('cli-prompt'), PICKY_API_URL: emu.baseUrl },
        stdin: terminalTyping([MANUAL_DEMO.licenseKey, MANUAL_DEMO.apiToken]),
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: stderr as unknown as NodeJS.WriteStream,
        platform: 'linux',
        version: '1.2.3',
        secrets,
      });
      expect(code).toBe(0);
      expect(err).toContain('License key (input hidden; Enter for none): ');
      expect(err).toContain('Project API token (input hidden; Enter for none): ');
      expect(out).toContain('project 715');
      expect(`${out}${err}`).not.toContain(MANUAL_DEMO.apiToken);
      expect(`${out}${err}`).not.toContain(MANUAL_DEMO.licenseKey);
      const origin = new URL(emu.baseUrl).origin;
      expect(await secrets.get(originSecretAccount('project-api-token:1', origin))).toBe(MANUAL_DEMO.apiToken);
      expect(await secrets.get(originSecretAccount('project-license-key:1', origin))).toBe(MANUAL_DEMO.licenseKey);
    } finally {
      await emu.close();
    }
  });
});
