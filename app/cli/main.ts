// Entry point: `npm run cli -- <command>` (tsx) and the `picky-tray` bin (bundled to dist/cli.cjs).
// No top-level await, so the same file bundles to CommonJS.
import packageJson from '../../package.json';
import { runCli } from './run-cli';

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  platform: process.platform,
  version: packageJson.version,
}).then(
  (code) => process.exit(code),
  () => {
    // runCli catches everything it knows about; this is a last resort that still prints no stack.
    process.stderr.write('Picky Tray stopped unexpectedly. Run again with --debug for details.\n');
    process.exit(2);
  },
);
