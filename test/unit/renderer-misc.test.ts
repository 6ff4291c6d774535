import { describe, expect, it } from 'vitest';
import { qrLayout } from '../../renderer/src/lib/qr-layout';
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
  it('uses whole-pixel modules and at least 80% of the shorter side', () => {
    for (const shorter of [480, 600, 720, 800, 1080, 1440]) {
      for (const matrix of [21, 25, 29, 33, 37, 41]) {
        const { moduleSize, side } = qrLayout(matrix, shorter);
        expect(Number.isInteger(moduleSize)).toBe(true);
        expect(side).toBe(moduleSize * (matrix + 8));
        expect(side).toBeGreaterThanOrEqual(shorter * 0.8);
        expect(side).toBeLessThanOrEqual(shorter * 0.95);
      }
    }
  });
  it('never goes below one pixel per module', () => {
    expect(qrLayout(177, 100).moduleSize).toBe(1);
  });
});
