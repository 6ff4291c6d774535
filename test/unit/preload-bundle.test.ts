// The sandboxed preload loads into every window before the page: it must stay a few lines of forwarding, with no
// zod and no schema (main checks every input and answer). Checked on the real bundle, built by scripts/bundle.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let preload = '';

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/bundle.mjs')], { cwd: root, stdio: 'pipe' });
  preload = readFileSync(path.join(root, 'dist/preload.cjs'), 'utf8');
}, 60_000);

describe('dist/preload.cjs', () => {
  it('ships no zod', () => {
    expect(preload).not.toMatch(/zod/i);
    expect(preload).not.toMatch(/safeParse|\$ZodType|ZodError/);
  });

  it('requires nothing but electron, and stays small', () => {
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload.length).toBeLessThan(4096);
  });

  it('takes its channels from the contract’s names, not from a table of strings', () => {
    expect(preload).toContain('picky:invoke:');
    expect(preload).toContain('picky:event:');
    expect(preload).not.toMatch(/picky:[a-z]+:[a-z]+/);
  });
});
