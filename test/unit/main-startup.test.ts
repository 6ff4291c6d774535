import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../app/main/app-menu';
import { cameOnline } from '../../app/main/online-edge';
import { shouldStartHidden } from '../../app/main/startup';
import { TEST_HOOK_ENV, testHookEnabled } from '../../app/main/test-hook';
import { trayIconFileName } from '../../app/main/tray-icons';
import { TRAY_ICON_STATES } from '../../app/main/tray-state';

describe('shouldStartHidden', () => {
  it('stays in the tray when started at login', () => {
    expect(shouldStartHidden({ argv: ['/opt/picky-tray', '--hidden'] })).toBe(true);
    expect(shouldStartHidden({ argv: ['/Applications/Picky Tray.app/x'], wasOpenedAtLogin: true })).toBe(true);
  });
  it('shows the window when the user starts it', () => {
    expect(shouldStartHidden({ argv: ['/opt/picky-tray'] })).toBe(false);
    expect(shouldStartHidden({ argv: ['/opt/picky-tray', '--hiddenx'], wasOpenedAtLogin: false })).toBe(false);
  });
});

describe('testHookEnabled', () => {
  it('only in an unpackaged run that asks for it', () => {
    expect(testHookEnabled(false, { [TEST_HOOK_ENV]: '1' })).toBe(true);
    expect(testHookEnabled(true, { [TEST_HOOK_ENV]: '1' })).toBe(false);
    expect(testHookEnabled(false, {})).toBe(false);
  });
});

describe('cameOnline', () => {
  it('fires only on the offline → online edge', () => {
    expect(cameOnline(false, true)).toBe(true);
    expect(cameOnline(true, true)).toBe(false);
    expect(cameOnline(true, false)).toBe(false);
    expect(cameOnline(false, false)).toBe(false);
  });
});

describe('appMenuTemplate', () => {
  it('gives macOS Quit and an Edit menu (paste into the token field), and other platforms none', () => {
    const mac = appMenuTemplate('darwin', 'Picky Tray');
    const roles = JSON.stringify(mac);
    expect(roles).toContain('"quit"');
    expect(roles).toContain('"paste"');
    expect(appMenuTemplate('linux', 'Picky Tray')).toBeNull();
    expect(appMenuTemplate('win32', 'Picky Tray')).toBeNull();
  });
});

function readPng(file: string | Buffer): { width: number; height: number; rgba: Buffer } {
  const b = typeof file === 'string' ? readFileSync(file) : file;
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (o < b.length) {
    const len = b.readUInt32BE(o);
    const type = b.toString('ascii', o + 4, o + 8);
    const data = b.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]); // 8-bit RGBA
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

/** The images in a Windows .ico, each checked against what its directory entry claims. */
function readIco(file: string): { width: number; height: number; rgba: Buffer }[] {
  const b = readFileSync(file);
  expect([b.readUInt16LE(0), b.readUInt16LE(2)]).toEqual([0, 1]);
  const count = b.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const e = 6 + 16 * i;
    const size = b[e] || 256;
    const image = readPng(b.subarray(b.readUInt32LE(e + 12), b.readUInt32LE(e + 12) + b.readUInt32LE(e + 8)));
    expect(image).toMatchObject({ width: size, height: b[e + 1] || 256 });
    return image;
  });
}

describe('tray icons', () => {
  const dir = path.resolve(__dirname, '../../build/icons/tray');
  const sizes: [NodeJS.Platform, number][] = [
    ['darwin', 16],
    ['linux', 22],
  ];

  it.each(sizes)('has a 1x and a 2x icon for every state on %s', (platform, size) => {
    for (const state of TRAY_ICON_STATES) {
      const file = path.join(dir, trayIconFileName(state, platform));
      expect(existsSync(file), file).toBe(true);
      expect(readPng(file)).toMatchObject({ width: size, height: size });
      expect(readPng(file.replace(/\.png$/, '@2x.png'))).toMatchObject({ width: size * 2, height: size * 2 });
    }
  });

  it('gives Windows one .ico per state with 16, 20, 24, 32 and 48 px, so the tray stays sharp at 125–200 %', () => {
    for (const state of TRAY_ICON_STATES) {
      const name = trayIconFileName(state, 'win32');
      expect(name).toBe(`${state}.ico`);
      expect(readIco(path.join(dir, name)).map((i) => i.width)).toEqual([16, 20, 24, 32, 48]);
    }
  });

  it('uses template images (black + alpha) on macOS, coloured icons elsewhere', () => {
    for (const state of TRAY_ICON_STATES) {
      const name = trayIconFileName(state, 'darwin');
      expect(name).toMatch(/Template\.png$/);
      const { rgba } = readPng(path.join(dir, name));
      let visible = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
        if (rgba[i + 3]! > 0) visible++;
      }
      expect(visible).toBeGreaterThan(20);
    }
    const coloured = readIco(path.join(dir, trayIconFileName('ok', 'win32')))[0]!.rgba;
    expect(coloured.some((v, i) => i % 4 === 1 && v > 100)).toBe(true);
  });

  it('draws each state differently', () => {
    const looks = TRAY_ICON_STATES.map((s) =>
      readPng(path.join(dir, trayIconFileName(s, 'darwin'))).rgba.toString('base64'),
    );
    expect(new Set(looks).size).toBe(TRAY_ICON_STATES.length);
  });

  it('has a 512px app icon for packaging', () => {
    expect(readPng(path.resolve(__dirname, '../../build/icon.png'))).toMatchObject({ width: 512, height: 512 });
  });
});
