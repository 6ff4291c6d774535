// Bundles the Node-side entry points with esbuild (the renderer is built by Vite):
//   app/main/main.ts       -> dist/main.cjs     (Electron main process)
//   app/preload/preload.ts -> dist/preload.cjs  (sandboxed preload: one file, requires only 'electron')
//   app/cli/main.ts        -> dist/cli.cjs      (the `picky-tray` CLI, with a shebang)
// and copies the tray icons next to main.cjs (dist/icons/).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { common, entries } from './bundle-config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

mkdirSync(dist, { recursive: true });
let built = 0;
let failed = 0;
for (const entry of entries) {
  const src = path.join(root, entry.src);
  const outfile = path.join(dist, entry.out);
  try {
    await build({
      ...common,
      entryPoints: [src],
      outfile,
      minify: entry.minify ?? false,
      ...(entry.banner ? { banner: { js: entry.banner } } : {}),
    });
  } catch {
    // esbuild has already printed the errors; build the other entries, then fail.
    console.error(`bundle: FAILED ${entry.src}`);
    failed++;
    continue;
  }
  if (entry.executable) chmodSync(outfile, 0o755);
  console.log(`bundle: ${entry.src} -> dist/${entry.out}`);
  built++;
}

// Tray icons and the window/notification icon travel with main.cjs (and into the package with it).
const iconsOut = path.join(dist, 'icons');
mkdirSync(iconsOut, { recursive: true });
const trayIcons = path.join(root, 'build', 'icons', 'tray');
let icons = 0;
if (existsSync(trayIcons)) {
  for (const file of readdirSync(trayIcons).filter((f) => f.endsWith('.png') || f.endsWith('.ico'))) {
    copyFileSync(path.join(trayIcons, file), path.join(iconsOut, file));
    icons++;
  }
}
const appIcon = path.join(root, 'build', 'icon.png');
if (existsSync(appIcon)) {
  copyFileSync(appIcon, path.join(iconsOut, 'app.png'));
  icons++;
}
if (icons === 0) console.log('bundle: no icons found (run node build/icons/generate.mjs)');
console.log(`bundle: ${built} bundle(s), ${icons} icon file(s) in dist/`);
if (failed > 0) process.exit(1);
