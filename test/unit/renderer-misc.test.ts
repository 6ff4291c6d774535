import { describe, expect, it } from 'vitest';
import { QR_CAPTION_PX, QR_CLOSE_BOX, devicePixelsPerModule, qrLayout } from '../../renderer/src/lib/qr-layout';
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
  it('is at least 80% of the shorter side in every window from the app minimum up, and leaves the caption room', () => {
    for (const [width, height] of windows) {
      for (const matrix of [21, 25, 29, 33, 37, 41]) {
        const { side } = qrLayout(matrix, { width, height });
        const shorter = Math.min(width, height);
        expect(side, `${width}x${height}, ${matrix} modules`).toBeGreaterThanOrEqual(shorter * 0.8);
        expect(side + QR_CAPTION_PX).toBeLessThanOrEqual(height);
        expect(side).toBeLessThanOrEqual(width);
      }
    }
  });
  it('puts Close in the top corner only when the code leaves that corner free, else beside the caption', () => {
    for (const [width, height] of windows) {
      const layout = qrLayout(25, { width, height });
      const cornerFree = (width - layout.side) / 2 >= QR_CLOSE_BOX.width;
      expect(layout.closeAt, `${width}x${height}`).toBe(cornerFree ? 'top' : 'bottom');
    }
    expect(qrLayout(25, { width: 1280, height: 800 }).closeAt).toBe('top');
    expect(qrLayout(25, { width: 600, height: 600 }).closeAt).toBe('bottom');
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
