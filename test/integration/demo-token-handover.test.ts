// The demo's token reaches the desktop app through a 0600 file that the app reads once and deletes: never through
// the child's environment (readable in /proc/<pid>/environ) or argv. Real files, a real child process.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_TOKEN_FILE_ENV, takeSessionToken, writeSessionTokenFile } from '../../app/main/session-token';
import { launchDesktop } from '../../scripts/demo-launch';
import { REPO_ROOT } from '../helpers/run-tsx';

const TOKEN = 'demo-handover-token-5f0c9a1e7b';
const dirs: string[] = [];
function privateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'picky-handover-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('session token file', () => {
  it('is written readable by this user only, read once, then gone from the disk and the environment', () => {
    const dir = privateDir();
    const file = writeSessionTokenFile(dir, TOKEN);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const env: Record<string, string | undefined> = { [SESSION_TOKEN_FILE_ENV]: file, OTHER: 'x' };
    expect(takeSessionToken(env, false)).toBe(TOKEN);
    expect(env).toEqual({ OTHER: 'x' });
    expect(existsSync(file)).toBe(false);
    expect(takeSessionToken(env, false)).toBeUndefined();
  });

  it('a packaged build deletes the file unread', () => {
    const file = writeSessionTokenFile(privateDir(), TOKEN);
    const env: Record<string, string | undefined> = { [SESSION_TOKEN_FILE_ENV]: file };
    expect(takeSessionToken(env, true)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(SESSION_TOKEN_FILE_ENV in env).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses a file others can read, and a symbolic link', () => {
    const dir = privateDir();
    const open = join(dir, 'open-token');
    writeFileSync(open, TOKEN);
    chmodSync(open, 0o644);
    expect(takeSessionToken({ [SESSION_TOKEN_FILE_ENV]: open }, false)).toBeUndefined();
    const target = join(dir, 'target');
    writeFileSync(target, TOKEN, { mode: 0o600 });
    const link = join(dir, 'link');
    symlinkSync(target, link);
    expect(takeSessionToken({ [SESSION_TOKEN_FILE_ENV]: link }, false)).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')(
    "the demo's child process has the token in memory, and not in its environment, argv or the disk",
    async () => {
      const dir = privateDir();
      // A stand-in for Electron's main process: it takes the token the way main.ts does, then reports what the
      // kernel shows of its environment and command line, and whether the token file is still there.
      const child = join(dir, 'child.ts');
      writeFileSync(
        child,
        `import { readFileSync, existsSync } from 'node:fs';
import { SESSION_TOKEN_FILE_ENV, takeSessionToken } from ${JSON.stringify(join(REPO_ROOT, 'app/main/session-token.ts'))};
const file = process.env[SESSION_TOKEN_FILE_ENV] ?? '';
const token = takeSessionToken(process.env, false);
process.stdout.write(JSON.stringify({
  token,
  file,
  fileLeft: existsSync(file),
  environ: readFileSync('/proc/self/environ', 'latin1'),
  cmdline: readFileSync('/proc/self/cmdline', 'latin1'),
}));
`,
      );
      const proc = launchDesktop({
        binary: process.execPath,
        args: ['--import', 'tsx', child],
        env: { ...process.env, PICKY_TRAY_HOME: dir },
        token: TOKEN,
        privateDir: dir,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      proc.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const code = await new Promise<number | null>((done) => proc.on('close', done));
      expect(code).toBe(0);
      const report = JSON.parse(out) as {
        token: string;
        file: string;
        fileLeft: boolean;
        environ: string;
        cmdline: string;
      };
      expect(report.token).toBe(TOKEN);
      expect(report.file.startsWith(dir)).toBe(true);
      expect(report.fileLeft).toBe(false);
      expect(report.environ).not.toContain(TOKEN);
      expect(report.cmdline).not.toContain(TOKEN);
    },
  );
});
