import { describe, expect, it } from 'vitest';
import { QR_CAPTION_PX, QR_CLOSE_BOX, qrLayout } from '../../renderer/src/lib/qr-layout';
import { timeAgo } from '../../renderer/src/lib/relative-time';
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
    for (const hash of ['#/', '#/settings', '#/project/7', '#/qr/8']) expect(`#${routePath(parseRoute(hash))}`).toBe(hash);
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it('says how long ago in plain words', () => {
    expect(timeAgo('2026-11-27T09:59:50Z', now)).toBe('just now');
    expect(timeAgo('2026-11-27T09:58:00Z', now)).toBe('2 min ago');
    expect(timeAgo('2026-11-27T07:00:00Z', now)).toBe('3 h ago');
    expect(timeAgo('2026-11-26T09:00:00Z', now)).toBe('1 day ago');
    expect(timeAgo('2026-11-20T10:00:00Z', now)).toBe('7 days ago');
  });
  it('gives nothing for a missing or broken time', () => {
    expect(timeAgo(undefined, now)).toBeUndefined();
    expect(timeAgo('yesterday', now)).toBeUndefined();
  });
});

describe('qrLayout', () => {
  const landscape = [
    [1280, 800],
    [980, 700],
    [1366, 768],
    [1920, 1080],
    [800, 600],
    [2560, 1440],
  ] as const;
  it('uses whole-pixel modules, at least 80% of the shorter side, and leaves room for the caption', () => {
    for (const [width, height] of landscape) {
      for (const matrix of [21, 25, 29, 33, 37, 41]) {
        const { moduleSize, side } = qrLayout(matrix, { width, height });
        const shorter = Math.min(width, height);
        expect(Number.isInteger(moduleSize)).toBe(true);
        expect(side).toBe(moduleSize * (matrix + 8));
        expect(side, `${width}x${height}, ${matrix} modules`).toBeGreaterThanOrEqual(shorter * 0.8);
        expect(side + QR_CAPTION_PX).toBeLessThanOrEqual(height);
      }
    }
  });
  it('keeps the Close button’s corner free in a squarish or tall window', () => {
    for (const [width, height] of [
      [600, 600],
      [480, 420],
      [420, 800],
    ] as const) {
      const layout = qrLayout(25, { width, height });
      expect(layout.reserveTop).toBe(true);
      expect(layout.side + QR_CAPTION_PX + QR_CLOSE_BOX.height).toBeLessThanOrEqual(height);
      expect(layout.side).toBeLessThanOrEqual(width);
    }
    expect(qrLayout(25, { width: 1280, height: 800 }).reserveTop).toBe(false);
  });
  it('never goes below one pixel per module', () => {
    expect(qrLayout(177, { width: 100, height: 100 }).moduleSize).toBe(1);
  });
});
