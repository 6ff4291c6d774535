// The layer rules in eslint.config.mjs, proved to fire: each case lints a line that breaks a rule, as if it were
// written in a real file of that layer, and expects ESLint's no-restricted-imports error; allowed imports pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Only the import rule, and no type information: the layer rule needs none, and the type-aware parser's start-up
// (the whole program) is what made this test slow.
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

/** The no-restricted-imports messages ESLint gives for `source` written into `filePath` (an existing file). */
async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: Array<[layer: string, file: string, line: string]> = [
  ['core', 'app/core/model.ts', "import { app } from 'electron';"],
  ['core', 'app/core/model.ts', "import { createTrayController } from '../main/tray-controller';"],
  ['core', 'app/core/model.ts', "import { contract } from '../shared/ipc-contract';"],
  ['core', 'app/core/model.ts', "import { runCli } from '../cli/run-cli';"],
  ['core', 'app/core/model.ts', "import { startPreview } from '../preview/preview-server';"],
  ['core', 'app/core/model.ts', "import { App } from '../../renderer/src/App';"],
  ['core', 'app/core/model.ts', "import { startEmulator } from '../../test/emulator/server';"],
  ['shared', 'app/shared/ipc-contract.ts', "import { createTrayController } from '../main/tray-controller';"],
  ['shared', 'app/shared/ipc-contract.ts', "import { runCli } from '../cli/run-cli';"],
  ['main', 'app/main/tray-state.ts', "import { startPreview } from '../preview/preview-server';"],
  ['main', 'app/main/tray-state.ts', "import { runCli } from '../cli/run-cli';"],
  ['cli', 'app/cli/format.ts', "import { app } from 'electron';"],
  ['preview', 'app/preview/static-files.ts', "import { createTrayController } from '../main/tray-controller';"],
  ['renderer', 'renderer/src/lib/routes.ts', "import { createProjectCache } from '../../../app/core/project-cache';"],
  ['renderer', 'renderer/src/lib/routes.ts', "import { dispatch } from '../../../app/shared/ipc-dispatch';"],
  ['renderer', 'renderer/src/lib/routes.ts', "import { readFile } from 'node:fs/promises';"],
  ['renderer', 'renderer/src/lib/routes.ts', "import { ipcRenderer } from 'electron';"],
];

describe('layer rules', () => {
  it.each(forbidden)('%s refuses: %s ← %s', async (_layer, file, line) => {
    const errors = await layerErrors(file, `${line}\nexport const x = 1;\n`);
    expect(errors.length).toBe(1);
  });

  it.each([
    ['app/shared/ipc-contract.ts', "import { type Project } from '../core/model';"],
    ['app/main/tray-state.ts', "import { type Project } from '../core/model';"],
    ['renderer/src/lib/routes.ts', "import { type Project } from '../../../app/core/model';"],
    ['renderer/src/lib/routes.ts', "import { type contract } from '../../../app/shared/ipc-contract';"],
  ])('allows %s ← %s', async (file, line) => {
    expect(await layerErrors(file, `${line}\nexport const x = 1;\n`)).toEqual([]);
  });
});
