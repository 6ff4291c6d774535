// Serves `virtual:compiled-parsers` (see compiled-parsers.ts) to Vite and Vitest. The generator imports the app's
// schemas, so it is loaded through Vite's module runner rather than bundled into the config.
import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';

const VIRTUAL_ID = 'virtual:compiled-parsers';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const GENERATOR = fileURLToPath(new URL('./compiled-parsers.ts', import.meta.url));

export function compiledParsers(): Plugin {
  return {
    name: 'picky-compiled-parsers',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(GENERATOR);
      const { module } = await runnerImport<typeof import('./compiled-parsers')>(GENERATOR);
      return module.compiledParsersModule();
    },
  };
}
