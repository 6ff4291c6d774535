// Bundles a child-process script into one CommonJS file with esbuild, so each of the many children the fault
// tests start runs on plain Node (about 0.1 s to start) instead of compiling TypeScript through tsx every time.
// keytar stays external (a native module); NODE_PATH lets the bundle find it in the repository's node_modules.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../helpers/run-tsx';

export interface BundledChild {
  file: string;
  /** The bundle's own temporary folder; remove it when done. */
  dir: string;
  /** Environment entries the bundle needs to resolve its external modules. */
  env: { NODE_PATH: string };
}

export async function bundleChild(script: string): Promise<BundledChild> {
  const dir = await mkdtemp(join(tmpdir(), 'picky-tray-child-'));
  const file = join(dir, 'child.cjs');
  await build({
    entryPoints: [resolve(REPO_ROOT, script)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['keytar'],
    // import('keytar') would go through the ES module resolver, which ignores NODE_PATH; require() honours it.
    supported: { 'dynamic-import': false },
    logLevel: 'silent',
  });
  return { file, dir, env: { NODE_PATH: resolve(REPO_ROOT, 'node_modules') } };
}
