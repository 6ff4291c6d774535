// scripts/ensure-node-modules.sh and scripts/ensure-system-packages.sh, run for real by bash with stand-ins for
// npm, sudo, apt-get and id on PATH that record how they were called.
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-tsx';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterEach(removeTempDirs);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function bash(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    execFile('bash', [script, ...args], { env }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A folder of executables that append their name, arguments and chosen variables to `calls.log`. */
async function fakeBin(dir: string, tools: Record<string, string>): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  for (const [name, body] of Object.entries(tools)) {
    await writeFile(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

describe('ensure-node-modules.sh', () => {
  async function project() {
    const dir = await makeTempDir('ensure-npm');
    await mkdir(join(dir, 'scripts'));
    await copyFile(join(REPO_ROOT, 'scripts/ensure-node-modules.sh'), join(dir, 'scripts/ensure-node-modules.sh'));
    await writeFile(join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
    const log = join(dir, 'calls.log');
    // npm ci empties node_modules and writes the hidden lockfile, as the real one does.
    const bin = await fakeBin(dir, {
      npm: `echo "npm $* skip=\${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" >> "${log}"
if [ "$1" = ci ]; then rm -rf node_modules; mkdir -p node_modules/electron; echo '{"version":"39.0.0"}' > node_modules/electron/package.json; fi
mkdir -p node_modules; echo '{}' > node_modules/.package-lock.json`,
    });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const run = () => bash(join(dir, 'scripts/ensure-node-modules.sh'), [], env);
    const calls = async () => (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    return { dir, run, calls };
  }

  it('installs the locked versions with npm ci when node_modules is missing, then not again', async () => {
    const p = await project();
    await writeFile(join(p.dir, 'package-lock.json'), '{}');
    expect((await p.run()).code).toBe(0);
    expect(await p.calls()).toEqual(['npm ci --no-audit --no-fund skip=']);
    expect((await p.run()).code).toBe(0);
    expect(await p.calls()).toHaveLength(1);
  });

  it('installs again when the lockfile is newer, keeping the Electron binary of the same version', async () => {
    const p = await project();
    await writeFile(join(p.dir, 'package-lock.json'), '{}');
    await p.run();
    await mkdir(join(p.dir, 'node_modules/electron/dist'), { recursive: true });
    await writeFile(join(p.dir, 'node_modules/electron/dist/electron'), 'binary');
    await writeFile(join(p.dir, 'node_modules/electron/path.txt'), 'electron');
    const later = new Date(Date.now() + 60_000);
    await utimes(join(p.dir, 'package-lock.json'), later, later);
    expect((await p.run()).code).toBe(0);
    expect((await p.calls())[1]).toBe('npm ci --no-audit --no-fund skip=1');
    expect(await readFile(join(p.dir, 'node_modules/electron/dist/electron'), 'utf8')).toBe('binary');
  });

  it('uses npm install when there is no lockfile', async () => {
    const p = await project();
    expect((await p.run()).code).toBe(0);
    expect(await p.calls()).toEqual(['npm install --no-audit --no-fund skip=']);
  });
});

describe('ensure-system-packages.sh', () => {
  it("passes DEBIAN_FRONTEND through sudo and shows apt's output when it fails", async () => {
    const dir = await makeTempDir('ensure-apt');
    const log = join(dir, 'calls.log');
    // The script with its probes pointed at an empty folder, so every package counts as missing.
    const original = await readFile(join(REPO_ROOT, 'scripts/ensure-system-packages.sh'), 'utf8');
    const script = join(dir, 'ensure-system-packages.sh');
    await writeFile(script, original.replace(/=\/usr\//g, `=${dir}/nothing/usr/`));
    const bin = await fakeBin(dir, {
      id: 'echo 1000',
      sudo: `echo "sudo $*" >> "${log}"; exec "$@"`,
      'apt-get': `echo "apt-get $* frontend=\${DEBIAN_FRONTEND:-}" >> "${log}"
if [ "$1" = install ]; then echo "E: Unable to locate package zbar-tools"; exit 100; fi`,
    });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    delete env.DEBIAN_FRONTEND;
    const run = await bash(script, ['test'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('E: Unable to locate package zbar-tools');
    expect(run.stderr).toMatch(/apt-get install failed \(its output is above\)/);
    const calls = (await readFile(log, 'utf8')).trim().split('\n');
    expect(calls[0]).toBe('sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq');
    expect(calls[1]).toBe('apt-get update -qq frontend=noninteractive');
    expect(calls[2]).toMatch(
      /^sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /,
    );
    expect(calls[3]).toMatch(/^apt-get install .* frontend=noninteractive$/);
  });
});
