// What scripts/bundle.mjs hands to esbuild, in one place, so the packaging test can bundle the same way and see
// which npm packages end up inside main.cjs and preload.cjs (and so must not ship again in node_modules).

/** Node-side entry points (the renderer is built by Vite). */
export const entries = [
  { src: 'app/main/main.ts', out: 'main.cjs', packaged: true },
  // Minified: it loads into every window. No zod in it: test/unit/preload-bundle.test.ts.
  { src: 'app/preload/preload.ts', out: 'preload.cjs', minify: true, packaged: true },
  { src: 'app/cli/main.ts', out: 'cli.cjs', banner: '#!/usr/bin/env node', executable: true, packaged: false },
];

export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Electron is provided by the runtime; keytar is a native module loaded from node_modules (the one runtime
  // dependency in package.json). Everything else is bundled in, so it is a devDependency.
  external: ['electron', 'keytar'],
  legalComments: 'none',
  // Turns import('keytar') into require('keytar'): a plain CommonJS load, which also works from inside an
  // asar archive and with keytar's .node file unpacked next to it.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};
