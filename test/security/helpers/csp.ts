// Reads a Content-Security-Policy and checks that it lets no injected script run: scripts only from the page's
// own origin, no inline script, no eval, no plugins, no other origins.
import { expect } from 'vitest';

export function cspDirectives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** The sources that govern scripts: script-src if given, else default-src. */
export function scriptSources(directives: Map<string, string[]>): string[] {
  return directives.get('script-src') ?? directives.get('default-src') ?? [];
}

export function expectStrictScriptPolicy(directives: Map<string, string[]>): void {
  expect(directives.get('default-src'), 'default-src').toEqual(["'self'"]);
  const scripts = scriptSources(directives);
  expect(scripts, 'script sources').toEqual(["'self'"]);
  for (const [name, values] of directives) {
    for (const value of values) {
      expect(value, `${name}`).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
      expect(value, `${name}`).not.toMatch(/^\*$|^https?:$|^http:\/\/|^https:\/\//);
    }
  }
  const objects = directives.get('object-src') ?? directives.get('default-src');
  expect(objects, 'object-src').not.toContain('*');
}
