// ARCHITECTURE.md names real files: every backticked repo path in it must exist, so the page cannot drift silently.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const TOP_DIRS = ['app/', 'renderer/', 'test/', 'scripts/', 'build/'];
const EXTENSIONS = /\.(ts|tsx|mts|mjs|cjs|js|json|sh|yml|yaml|md|css|html|plist|png)$/;

/** Backticked spans that look like repo paths: under a top folder, or a top-level file with a known extension. */
export function repoPaths(markdown: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(/`([^`\s]+)`/g)) {
    const text = match[1]!;
    const underTop = TOP_DIRS.some((d) => text.startsWith(d));
    const topLevelFile = !text.includes('/') && EXTENSIONS.test(text);
    if (underTop || topLevelFile) found.add(text);
  }
  return [...found];
}

describe('ARCHITECTURE.md', () => {
  const doc = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  const paths = repoPaths(doc);

  it('names enough paths to be worth checking', () => {
    expect(paths.length).toBeGreaterThanOrEqual(20);
  });

  it('names only paths that exist', () => {
    const missing = paths.filter((p) => !existsSync(join(root, p)));
    expect(missing, `ARCHITECTURE.md names paths that do not exist: ${missing.join(', ')}`).toEqual([]);
  });

  it('is linked from README.md', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('ARCHITECTURE.md');
  });
});
