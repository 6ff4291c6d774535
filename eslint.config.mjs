// Lint and layer rules. The folders are the layers; each block below says what a layer may import.
// ARCHITECTURE.md explains the same rules in words; test/unit/lint-layers.test.ts proves they fire.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Modules of app/core with no Node.js, file or network code: the only ones the renderer may import.
export const PURE_CORE_MODULES = [
  'api-url',
  'errors',
  'model',
  'model-values',
  'sync-state',
  'dates',
  'labels',
  'display-text',
  'manual-id',
  'phone-state',
];

const electron = { name: 'electron', message: 'Only app/main and app/preload talk to Electron.' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net'],
  message: 'The renderer runs in a browser page: no Node.js modules.',
};
const up = (folder, why) => ({ group: [`**/${folder}`, `**/${folder}/**`], message: why });
const fromTests = up('test', 'Product code never imports from test/.');

/** A layer's import rule: the names it may not import, and the path patterns it may not import. */
function layer(files, patterns, paths = []) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-results/', 'playwright-report/', 'build/icons/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'build/icons/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // An async function without await is how a port's implementation returns a promise; not a bug.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Tests read JSON and drive pages whose globals have no types; product code gets no such leeway.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },

  // ---- Layer rules ----
  // The core: runtime-agnostic; imports nothing from Electron, the DOM's code, the shells, the renderer or tests.
  layer(
    ['app/core/**'],
    [
      up('app/main', 'The core is used by every shell; it imports none of them.'),
      up('main', 'The core is used by every shell; it imports none of them.'),
      up('preload', 'The core imports no shell.'),
      up('preview', 'The core imports no shell.'),
      up('cli', 'The core imports no shell.'),
      up('shared', 'The core sits below app/shared: shared imports the core, never the reverse.'),
      up('renderer', 'The core never imports the renderer.'),
      fromTests,
    ],
    [electron],
  ),
  // Shared: the IPC contract and its handlers; imports only the core.
  layer(
    ['app/shared/**'],
    [
      up('main', 'app/shared imports only the core.'),
      up('preload', 'app/shared imports only the core.'),
      up('preview', 'app/shared imports only the core.'),
      up('cli', 'app/shared imports only the core.'),
      up('renderer', 'app/shared imports only the core.'),
      fromTests,
    ],
    [electron],
  ),
  // Main and preload: the Electron shell. Never the preview (a development tool), the CLI or the renderer.
  layer(
    ['app/main/**', 'app/preload/**'],
    [
      up('preview', 'The preview is a development tool; the Electron shell never imports it.'),
      up('cli', 'The Electron shell does not import the CLI.'),
      up('renderer', 'The Electron shell talks to the renderer over IPC only.'),
      fromTests,
    ],
  ),
  // The CLI and the preview: Node.js shells over the core and the contract; never Electron.
  layer(
    ['app/cli/**', 'app/preview/**'],
    [
      up('main', 'Only the Electron shell is in app/main.'),
      up('preload', 'Only the Electron shell is in app/preload.'),
      up('renderer', 'Node shells do not import the renderer.'),
      fromTests,
    ],
    [electron],
  ),
  // The renderer: a browser page. The core's pure modules and app/shared's contract, nothing else of app/.
  layer(
    ['renderer/src/**'],
    [
      {
        group: ['**/app/core/*', ...PURE_CORE_MODULES.map((m) => `!**/app/core/${m}`)],
        message: `The renderer may import only the core's pure modules (${PURE_CORE_MODULES.join(', ')}).`,
      },
      {
        group: ['**/app/shared/*', '!**/app/shared/ipc-contract'],
        message: "The renderer may import only app/shared's contract.",
      },
      up('app/main', 'The renderer talks to main over IPC only.'),
      up('app/preload', 'The renderer reaches the preload through window.picky only.'),
      up('app/preview', 'The renderer does not import the preview.'),
      up('app/cli', 'The renderer does not import the CLI.'),
      nodeBuiltins,
      fromTests,
    ],
    [electron],
  ),
);
