// electron-builder.yml checked against electron-builder's own schema, and for what must (not) be packaged.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (a devDependency); neither ships types we can use here.
const require = createRequire(__filename);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const file = path.resolve(__dirname, '../../electron-builder.yml');
const config = yaml.load(readFileSync(file, 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  mac: { extendInfo: Record<string, unknown> };
  deb: { depends: string[] };
  linux: { target: string[]; category: string };
};

describe('electron-builder.yml', () => {
  it('matches electron-builder 26 configuration schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages only the built app, never sources, tests or the emulator', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(
      ['dist/icons/**', 'dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/**', 'package.json'].sort(),
    );
    expect(config.files).toContain('!dist/renderer/**/*.map');
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });

  it('is a tray app on macOS and depends on libsecret on Debian', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.appId).toBe('com.pickytray.app');
    expect(config.productName).toBe('Picky Tray');
  });
});
