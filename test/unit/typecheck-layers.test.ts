// Each layer is type-checked with only the types its code may use (`npm run typecheck` runs every config):
// the core, shared code, CLI and preview server without the DOM; the page without Node.js; the Electron shell
// with Node's and Electron's. These checks keep the configs honest: every source file is in a layer's config,
// and no layer's config quietly gains the other side's types.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
interface Config {
  extends?: string;
  compilerOptions?: { lib?: string[]; types?: string[]; noUnusedLocals?: boolean; noUnusedParameters?: boolean };
  include?: string[];
  exclude?: string[];
}
const read = (file: string): Config => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Config;
const LAYERS = ['tsconfig.node.json', 'tsconfig.electron.json', 'tsconfig.renderer.json'] as const;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

function covers(config: Config, file: string): boolean {
  const inside = (entry: string) => file === entry || file.startsWith(`${entry}/`);
  return (config.include ?? []).some(inside) && !(config.exclude ?? []).some(inside);
}

describe('per-layer type checking', () => {
  it('puts every file of app/ and renderer/src/ in exactly one layer', () => {
    const configs = LAYERS.map(read);
    for (const file of [...sources('app'), ...sources('renderer/src')]) {
      const owners = LAYERS.filter((_, i) => covers(configs[i]!, file));
      expect(owners, file).toHaveLength(1);
    }
  });

  it('keeps the DOM out of the Node.js and Electron layers, and Node.js out of the page', () => {
    for (const file of ['tsconfig.node.json', 'tsconfig.electron.json']) {
      const options = read(file).compilerOptions ?? {};
      expect(
        options.lib?.some((l) => /^dom/i.test(l)),
        file,
      ).toBe(false);
      expect(options.types, file).toEqual(['node']);
    }
    const page = read('tsconfig.renderer.json').compilerOptions ?? {};
    expect(page.lib).toContain('DOM');
    expect(page.types).toEqual([]);
  });

  it('checks unused code everywhere, and `npm run typecheck` runs every layer', () => {
    const base = read('tsconfig.base.json').compilerOptions ?? {};
    expect(base).toMatchObject({ noUnusedLocals: true, noUnusedParameters: true });
    for (const file of [...LAYERS, 'tsconfig.json']) expect(read(file).extends, file).toBe('./tsconfig.base.json');
    const scripts = (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    for (const file of [...LAYERS, 'tsconfig.json']) expect(scripts.typecheck).toContain(`tsc -p ${file}`);
  });
});
