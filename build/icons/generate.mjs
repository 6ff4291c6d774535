// Draws every icon Picky Tray ships from one set of shapes, in code, and writes PNGs (zlib-encoded here,
// no image library): tray icons per state at 1x/2x (16px, and 22px for Linux panels), macOS template images
// (black + alpha), Windows .ico files (16-48 px in one file), and the 512px app icon used for packaging. Run: node build/icons/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- PNG encoding -----------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** rgba: Uint8Array of width*height*4, straight (not premultiplied) alpha. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A Windows .ico holding one PNG per size (PNG entries are valid in icons since Windows Vista). Windows picks the
 * size the scaling asks for (16 px at 100 %, 20 at 125 %, 24 at 150 %, 32 at 200 %), so the tray stays sharp.
 */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // width (0 means 256)
    entry[1] = size >= 256 ? 0 : size; // height
    entry[2] = 0; // no palette
    entry[3] = 0; // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** The sizes in each Windows tray .ico. */
export const WINDOWS_TRAY_ICO_SIZES = [16, 20, 24, 32, 48];

// ---- Shapes (design units; a shape is a point-in-shape test) ------------------------------------------------
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r1, r2) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= r1 * r1 && d >= r2 * r2;
};
/** A thick line with round ends. */
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r;
};
const polyline = (points, r) => {
  const parts = points.slice(1).map((p, i) => capsule(points[i][0], points[i][1], p[0], p[1], r));
  return (x, y) => parts.some((s) => s(x, y));
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.max(x0 + r, Math.min(x1 - r, x));
  const cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

// ---- The tray glyphs, on a 16-unit grid --------------------------------------------------------------------
// ok: a solid disc with a check cut out; attention: a solid disc with "!" cut out;
// offline: an empty ring crossed out; no-token: an empty ring with a keyhole (also "the token was refused");
// refused: a solid disc with a bar cut out, a "no entry" sign (Picky Assist answered, and refused the request).
const TRAY = {
  ok: {
    color: [31, 157, 85],
    shape: minus(
      circle(8, 8, 7.2),
      polyline(
        [
          [4.6, 8.3],
          [7, 10.7],
          [11.5, 5.6],
        ],
        0.95,
      ),
    ),
  },
  attention: {
    color: [224, 150, 0],
    shape: minus(circle(8, 8, 7.2), union(roundRect(7.05, 3.4, 8.95, 9.4, 0.9), circle(8, 11.9, 1.15))),
  },
  offline: { color: [110, 120, 132], shape: union(ring(8, 8, 7.2, 5.5), capsule(3.4, 12.6, 12.6, 3.4, 0.85)) },
  refused: {
    color: [196, 72, 52],
    shape: minus(circle(8, 8, 7.2), roundRect(3.6, 7, 12.4, 9, 0.6)),
  },
  'no-token': {
    color: [59, 110, 220],
    shape: union(ring(8, 8, 7.2, 5.5), circle(8, 6.9, 1.75), roundRect(7.15, 7, 8.85, 11.2, 0.5)),
  },
};

/** Rasterizes `paint(x, y) -> [r,g,b,a] | null` (design units) at `size` px with 8x8 supersampling. */
function rasterize(size, designSize, paint) {
  const out = new Uint8Array(size * size * 4);
  const ss = 8;
  const scale = designSize / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((px + (sx + 0.5) / ss) * scale, (py + (sy + 0.5) / ss) * scale);
          if (!c) continue;
          const ca = c[3] / 255;
          r += c[0] * ca;
          g += c[1] * ca;
          b += c[2] * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / n) * 255);
    }
  }
  return out;
}

function trayIcon(state, size, template) {
  const { color, shape } = TRAY[state];
  const rgb = template ? [0, 0, 0] : color;
  return encodePng(
    size,
    size,
    rasterize(size, 16, (x, y) => (shape(x, y) ? [...rgb, 255] : null)),
  );
}

// ---- The app icon, on a 512-unit grid: a QR-like mark (three finder squares) and the "ok" check disc ----------
function finder(x, y) {
  return union(
    minus(rect(x, y, x + 126, y + 126), rect(x + 22, y + 22, x + 104, y + 104)),
    rect(x + 44, y + 44, x + 82, y + 82),
  );
}
const APP_MARK = union(finder(96, 96), finder(290, 96), finder(96, 290));
const APP_CHECK_DISC = circle(353, 353, 70);
const APP_CHECK = polyline(
  [
    [318, 356],
    [344, 382],
    [390, 330],
  ],
  12,
);
const APP_TILE = roundRect(24, 24, 488, 488, 104);

function appIconPaint(x, y) {
  if (!APP_TILE(x, y)) return null;
  if (APP_CHECK_DISC(x, y)) return APP_CHECK(x, y) ? [21, 128, 61, 255] : [255, 255, 255, 255];
  if (APP_MARK(x, y)) return [255, 255, 255, 255];
  // Diagonal gradient, teal to green.
  const t = (x + y) / 1024;
  return [Math.round(15 + (22 - 15) * t), Math.round(118 + (163 - 118) * t), Math.round(110 + (74 - 110) * t), 255];
}

function main() {
  const trayDir = path.join(here, 'tray');
  mkdirSync(trayDir, { recursive: true });
  const written = [];
  const write = (file, data) => {
    writeFileSync(file, data);
    written.push(path.relative(path.join(here, '..', '..'), file));
  };
  for (const state of Object.keys(TRAY)) {
    write(path.join(trayDir, `${state}.png`), trayIcon(state, 16, false));
    write(path.join(trayDir, `${state}@2x.png`), trayIcon(state, 32, false));
    write(path.join(trayDir, `${state}-22.png`), trayIcon(state, 22, false));
    write(path.join(trayDir, `${state}-22@2x.png`), trayIcon(state, 44, false));
    write(path.join(trayDir, `${state}Template.png`), trayIcon(state, 16, true));
    write(path.join(trayDir, `${state}Template@2x.png`), trayIcon(state, 32, true));
    write(
      path.join(trayDir, `${state}.ico`),
      encodeIco(WINDOWS_TRAY_ICO_SIZES.map((size) => ({ size, png: trayIcon(state, size, false) }))),
    );
  }
  write(path.join(here, '..', 'icon.png'), encodePng(512, 512, rasterize(512, 512, appIconPaint)));
  console.log(`Wrote ${written.length} icons:\n  ${written.join('\n  ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
