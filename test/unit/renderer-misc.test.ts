import { describe, expect, it } from 'vitest';
import { QR_MIN_SIDE, QR_ROOM, devicePixelsPerModule, qrLayout } from '../../renderer/src/lib/qr-layout';
import { parseRoute, routePath } from '../../renderer/src/lib/routes';

describe('routes', () => {
  it('reads the routes the tray sends', () => {
    expect(parseRoute('#/')).toEqual({ name: 'list' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/project/715')).toEqual({ name: 'project', id: 715 });
    expect(parseRoute('#/qr/42')).toEqual({ name: 'qr', id: 42 });
  });
  it('falls back to the list for anything else', () => {
    expect(parseRoute('')).toEqual({ name: 'list' });
    expect(parseRoute('#secret=abc')).toEqual({ name: 'list' });
    expect(parseRoute('#/project/abc')).toEqual({ name: 'list' });
    expect(parseRoute('#/project/99999999999999999')).toEqual({ name: 'list' });
  });
  it('round-trips', () => {
    for (const hash of ['#/', '#/settings', '#/project/7', '#/qr/8'])
      expect(`#${routePath(parseRoute(hash))}`).toBe(hash);
  });
});

describe('qrLayout', () => {
  const windows = [
    [1280, 800],
    [980, 700],
    [1366, 768],
    [1920, 1080],
    [800, 600],
    [2560, 1440],
    [800, 800],
    [700, 700],
    [600, 600],
    [480, 420], // the app's smallest window
    [420, 800],
  ] as const;
  // The steps and the key need room: 80% of the shorter side holds in ordinary desktop windows (and tall narrow
  // ones); in every window from the app's minimum up the code keeps a size that scans easily.
  it('is at least 80% of the shorter side from 980x700 up and in tall windows, and never under 180 px or 5 px a module', () => {
    for (const [width, height] of windows) {
      for (const matrix of [21, 25, 29, 33, 37, 41]) {
        const { side } = qrLayout(matrix, { width, height });
        const shorter = Math.min(width, height);
        const label = `${width}x${height}, ${matrix} modules`;
        if ((width >= 980 && height >= 700) || height >= 1.8 * width)
          expect(side, label).toBeGreaterThanOrEqual(shorter * 0.8);
        expect(side, label).toBeGreaterThanOrEqual(QR_MIN_SIDE);
        if (matrix <= 33) expect(side / (matrix + 8), label).toBeGreaterThanOrEqual(5);
        expect(side, label).toBeLessThanOrEqual(width);
      }
    }
  });
  it('leaves the text its room: beside the code in wide windows, below it in narrow ones', () => {
    for (const [width, height] of windows) {
      const layout = qrLayout(29, { width, height });
      const room = QR_ROOM[layout.compact ? 'compact' : 'regular'];
      if (layout.arrangement === 'beside') {
        expect(layout.side + room.status + 2 * room.margin, `${width}x${height}`).toBeLessThanOrEqual(height);
        expect(layout.side + layout.panelWidth + 4 * room.margin, `${width}x${height}`).toBeLessThanOrEqual(width);
      } else {
        expect(layout.side + room.status + room.belowText + 2 * room.margin, `${width}x${height}`).toBeLessThanOrEqual(
          height,
        );
      }
    }
    expect(qrLayout(29, { width: 1920, height: 1080 }).arrangement).toBe('beside');
    expect(qrLayout(29, { width: 480, height: 420 })).toMatchObject({ arrangement: 'below', compact: true });
    expect(qrLayout(29, { width: 420, height: 800 }).arrangement).toBe('below');
  });
  it('never goes below one pixel per module', () => {
    expect(qrLayout(177, { width: 100, height: 100 }).side).toBe(177 + 8);
  });
  it('draws whole device pixels per module, enough to fill the side on any scale factor', () => {
    for (const ratio of [1, 1.25, 1.5, 2, 3]) {
      for (const side of [185, 361, 640, 933]) {
        const px = devicePixelsPerModule(side, 25, ratio);
        expect(Number.isInteger(px)).toBe(true);
        expect(px * 33).toBeGreaterThanOrEqual(side * ratio);
        expect((px - 1) * 33).toBeLessThan(side * ratio);
      }
    }
  });
});
