// The packaging config, read the way electron-builder 26 reads it (its own loader, schema, deb metadata check and
// .desktop naming, called from app-builder-lib), and the files it would put in the asar. `npm run dist` cannot run
// here (it needs Electron's binary), so these are the guards for what a packaged build would get wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, APP_NAME } from '../../app/main/app-identity';
import { common, entries } from '../../scripts/bundle-config.mjs';
import { missingReleaseSettings, NOTARIZE_ENV_SETS } from '../../scripts/release-preflight';

// app-builder-lib and builder-util come with electron-builder (a devDependency); they ship no types we can use here.
const require = createRequire(__filename);
const root = path.resolve(__dirname, '../..');

type Json = Record<string, unknown>;
interface BuilderConfig extends Json {
  /** Normalized by electron-builder's loader into file sets. */
  files: { filter: string[] }[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  forceCodeSigning?: boolean;
  artifactName?: string;
  linux: Json & { target: string[]; category: string };
  deb: Json & { depends: string[]; recommends?: string[] };
  mac: Json & { extendInfo: Json; identity?: string | null; notarize?: boolean };
  win: Json & { signtoolOptions?: Json };
  nsis: Json;
}

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<BuilderConfig>;
  validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { AppInfo } = require('app-builder-lib/out/appInfo') as {
  AppInfo: new (info: unknown) => { computePackageUrl(): Promise<string | null> };
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as {
  default: { prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<Json> } };
};
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
  LinuxTargetHelper: { prototype: { getDesktopFileName(this: unknown): string } };
};

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Json & {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  desktopName?: string;
};

let release: BuilderConfig;
let unsigned: BuilderConfig;
beforeAll(async () => {
  release = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  unsigned = await getConfig(root, path.join(root, 'electron-builder-unsigned.yml'), null);
});

/** The slice of electron-builder's packager its deb and .desktop code reads. */
function linuxPackager(config: BuilderConfig) {
  const info = { metadata: pkg, devMetadata: pkg, config, repositoryInfo: Promise.resolve(null) };
  return {
    info,
    config,
    appInfo: new AppInfo(info),
    platformSpecificBuildOptions: config.linux,
    executableName: String(config.executableName ?? pkg.name),
  };
}
/** FpmTarget's own check: it refuses to build a deb without a homepage and a maintainer with an email. */
function debMetadata(config: BuilderConfig): Promise<Json> {
  return FpmTarget.prototype.computeFpmMetaInfoOptions.call({
    packager: linuxPackager(config),
    options: { ...config.linux, ...config.deb },
  });
}

describe('electron-builder.yml', () => {
  it('matches electron-builder 26 configuration schema, release and unsigned alike', async () => {
    await expect(validateConfiguration(release, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration(unsigned, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the hardening fuses', () => {
    expect(release.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('is a tray app on macOS and keeps libsecret and libnotify on Debian, without appindicator packages', () => {
    expect(release.mac.extendInfo.LSUIElement).toBe(true);
    expect(release.deb.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libnotify4']));
    // Electron 39 talks StatusNotifierItem over D-Bus itself; an appindicator library is never loaded.
    expect(JSON.stringify([release.deb.depends, release.deb.recommends ?? []])).not.toMatch(/appindicator/);
    expect(release.linux.target).toEqual(['AppImage', 'deb']);
    expect(release.linux.category).toBe('Utility');
    expect(release.appId).toBe('com.pickytray.app');
    expect(release.productName).toBe('Picky Tray');
    // Windows shows toasts only for the AppUserModelID on the installer's shortcut, which is the appId.
    expect(APP_ID).toBe(release.appId);
    expect(APP_NAME).toBe(release.productName);
  });

  it('gives the deb what electron-builder requires of it: a homepage and a maintainer with an email', async () => {
    // Without either, `npm run dist` stops on Linux ("Please specify project homepage", "author email is missed").
    await expect(debMetadata(release)).resolves.toMatchObject({
      name: 'picky-tray',
      maintainer: expect.stringMatching(/^.+ <[^@\s]+@[^@\s]+>$/),
      url: expect.stringMatching(/^https:\/\//),
    });
    await expect(debMetadata(unsigned)).resolves.toMatchObject({ name: 'picky-tray' });
  });

  it('names the installed .desktop file after desktopName, which Electron uses as the Wayland app id', () => {
    expect(pkg.desktopName).toBe('picky-tray.desktop');
    const packager = linuxPackager(release);
    expect(LinuxTargetHelper.prototype.getDesktopFileName.call({ packager })).toBe('picky-tray');
  });
});

/** The artefact name pattern electron-builder uses for a target (its own precedence: target, platform, root). */
function artifactPattern(config: BuilderConfig, platform: 'linux' | 'mac' | 'win', target: string): string | undefined {
  const targetOptions = (config[target] ?? {}) as Json;
  const platformOptions = config[platform] as Json;
  return (targetOptions.artifactName ?? platformOptions.artifactName ?? config.artifactName) as string | undefined;
}
const TARGETS: ['linux' | 'mac' | 'win', string][] = [
  ['linux', 'appImage'],
  ['linux', 'deb'],
  ['mac', 'dmg'],
  ['win', 'nsis'],
];

describe('signing', () => {
  it('a release requires signing: forceCodeSigning, hardened runtime with notarization, Authenticode SHA-256', () => {
    expect(release.forceCodeSigning).toBe(true);
    expect(release.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(release.mac.identity).toBeUndefined();
    const entitlements = readFileSync(path.join(root, String(release.mac.entitlements)), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(release.win.signtoolOptions).toMatchObject({
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: expect.stringMatching(/^https?:\/\//),
    });
    for (const [platform, target] of TARGETS) {
      expect(artifactPattern(release, platform, target) ?? '').not.toContain('unsigned');
    }
  });

  it('keeps certificates and passwords out of the config: they come from the environment', () => {
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(certificateFile|certificatePassword|cscLink|cscKeyPassword|password)\s*:/im);
    expect(text).not.toMatch(/^\s*(appleId|appleIdPassword|teamId)\s*:/im);
  });

  it('an unsigned build is explicit (npm run dist:unsigned) and every file it writes says "unsigned"', () => {
    expect(pkg.scripts['dist:unsigned']).toContain('--config electron-builder-unsigned.yml');
    expect(pkg.scripts.dist).toContain('--config electron-builder.yml');
    expect(pkg.scripts.dist).toMatch(/release-preflight\.ts && electron-builder/);
    expect(unsigned.forceCodeSigning).toBe(false);
    expect(unsigned.mac).toMatchObject({ identity: null, notarize: false });
    for (const [platform, target] of TARGETS) {
      expect(artifactPattern(unsigned, platform, target), `${platform} ${target}`).toMatch(/-unsigned\.\$\{ext\}$/);
    }
    // Everything else is the release's.
    expect(unsigned.appId).toBe(release.appId);
    expect(unsigned.files).toEqual(release.files);
    expect(unsigned.electronFuses).toEqual(release.electronFuses);
  });

  it('the release preflight stops a macOS release that could not be notarized, and only that', () => {
    expect(missingReleaseSettings('darwin', {})).toEqual([expect.stringContaining('npm run dist:unsigned')]);
    expect(missingReleaseSettings('darwin', { APPLE_ID: 'a@example.com', APPLE_TEAM_ID: 'T' })).toHaveLength(1);
    for (const set of NOTARIZE_ENV_SETS) {
      expect(missingReleaseSettings('darwin', Object.fromEntries(set.map((k) => [k, 'x'])))).toEqual([]);
    }
    expect(missingReleaseSettings('linux', {})).toEqual([]);
    expect(missingReleaseSettings('win32', {})).toEqual([]);
  });
});

/** Every file under `dir`, relative to the project root, with forward slashes. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}
/** electron-builder's `files`: a path is in when the last pattern that matches it is not a negation. */
function packed(files: readonly string[], patterns: readonly string[]): string[] {
  return files.filter((file) => {
    let inside = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) inside = !negated;
    }
    return inside;
  });
}
/** npm packages a production install has (what electron-builder copies into the asar's node_modules). */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
}
/** npm packages esbuild puts inside the packaged bundles. */
async function bundledPackages(): Promise<string[]> {
  const found = new Set<string>();
  for (const entry of entries.filter((e) => e.packaged)) {
    const result = await build({
      ...common,
      entryPoints: [path.join(root, entry.src)],
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: path.join(root, 'dist', entry.out),
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) found.add(m[1]!);
    }
  }
  return [...found].sort();
}

describe('what the asar would contain', () => {
  it('only the built app: no sources, tests, preview, source maps or emulator', () => {
    if (
      !existsSync(path.join(root, 'dist', 'renderer', 'index.html')) ||
      !existsSync(path.join(root, 'dist', 'main.cjs'))
    ) {
      throw new Error('dist/ is not built: run `npm run build` first (npm test does).');
    }
    const candidates = [
      'package.json',
      ...walk(path.join(root, 'dist')),
      ...walk(path.join(root, 'app')),
      ...walk(path.join(root, 'test')),
    ];
    const asar = packed(
      candidates,
      release.files.flatMap((set) => set.filter),
    );
    expect(asar).toEqual(
      expect.arrayContaining(['package.json', 'dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html']),
    );
    expect(asar).toContain('dist/icons/ok-22.png');
    expect(asar).toContain('dist/icons/ok.ico');
    const wrong = asar.filter(
      (f) =>
        !(f === 'package.json' || f.startsWith('dist/')) ||
        /(^|\/)(test|tests|__tests__|emulator|preview)(\/|$)/.test(f) ||
        /(^|\/)preview[^/]*$/.test(f) ||
        f.endsWith('.map') ||
        f === 'dist/cli.cjs',
    );
    expect(wrong).toEqual([]);
  });

  it('ships each module once: what esbuild bundles is a devDependency, keytar is the one runtime dependency', async () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['keytar']);
    const bundled = await bundledPackages();
    expect(bundled).toEqual(expect.arrayContaining(['zod']));
    const production = new Set(productionPackages());
    expect(production.has('keytar')).toBe(true);
    // A module inside main.cjs or preload.cjs and again in node_modules would ship twice.
    expect(bundled.filter((name) => production.has(name))).toEqual([]);
    expect(common.external.sort()).toEqual(['electron', 'keytar']);
    expect(release.asarUnpack).toContain('**/node_modules/keytar/**');
  });
});
