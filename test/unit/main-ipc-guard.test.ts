import { describe, expect, it, vi } from 'vitest';
import { INITIAL_SYNC_STATE } from '../../app/core/sync-state';
import { guardedInvoke, type TrustPolicy } from '../../app/main/guarded-invoke';
import { isTrustedSender, originOf } from '../../app/main/trusted-sender';
import { type InvokeHandlers, INVOKE_NAMES } from '../../app/shared/ipc-contract';

const trusted = new Set([3, 4]);
const ok = { frameUrl: 'app://picky/index.html#/settings', isTopFrame: true, webContentsId: 3 };

describe('isTrustedSender', () => {
  it('accepts the top frame of one of our windows showing app://picky', () => {
    expect(isTrustedSender(ok, trusted)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://picky/', webContentsId: 4 }, trusted)).toBe(true);
  });

  it.each([
    ['a webContents that is not ours', { ...ok, webContentsId: 99 }],
    ['a subframe', { ...ok, isTopFrame: false }],
    ['a frame that is gone', { ...ok, frameUrl: null }],
    ['an empty URL', { ...ok, frameUrl: '' }],
    ['a remote site', { ...ok, frameUrl: 'https://evil.example/' }],
    ['another host on our scheme', { ...ok, frameUrl: 'app://evil/index.html' }],
    ['a look-alike host', { ...ok, frameUrl: 'app://picky.evil/index.html' }],
    ['file://', { ...ok, frameUrl: 'file:///work/main/dist/renderer/index.html' }],
    ['about:blank', { ...ok, frameUrl: 'about:blank' }],
    ['data:', { ...ok, frameUrl: 'data:text/html,hi' }],
    ['garbage', { ...ok, frameUrl: 'not a url' }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });

  it('accepts a dev server only when it is listed', () => {
    const dev = { ...ok, frameUrl: 'http://localhost:5173/#/' };
    expect(isTrustedSender(dev, trusted)).toBe(false);
    expect(isTrustedSender(dev, trusted, ['app://picky', 'http://localhost:5173'])).toBe(true);
    expect(
      isTrustedSender({ ...dev, frameUrl: 'http://localhost:5174/' }, trusted, [
        'app://picky',
        'http://localhost:5173',
      ]),
    ).toBe(false);
  });

  it('computes origins for custom schemes too', () => {
    expect(originOf('app://picky/a/b?c#d')).toBe('app://picky');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeUndefined();
  });
});

function spyHandlers() {
  const handlers = Object.fromEntries(INVOKE_NAMES.map((n) => [n, vi.fn(async () => undefined)])) as unknown as Record<
    string,
    ReturnType<typeof vi.fn>
  >;
  handlers.getState = vi.fn(async () => INITIAL_SYNC_STATE);
  handlers.openQr = vi.fn(async () => ({ handled: true }));
  handlers.openExternal = vi.fn(async () => ({ opened: true }));
  return handlers;
}
const policy: TrustPolicy = { trustedWebContentsIds: trusted, allowedOrigins: ['app://picky'] };
const asHandlers = (h: Record<string, unknown>) => h as unknown as InvokeHandlers;

describe('guardedInvoke', () => {
  it('serves a trusted sender through the contract', async () => {
    const h = spyHandlers();
    await expect(guardedInvoke(ok, policy, asHandlers(h), 'getState', undefined)).resolves.toEqual({
      ok: true,
      value: INITIAL_SYNC_STATE,
    });
    await expect(guardedInvoke(ok, policy, asHandlers(h), 'openQr', { projectId: 5 })).resolves.toEqual({
      ok: true,
      value: { handled: true },
    });
    expect(h.openQr).toHaveBeenCalledWith({ projectId: 5 });
  });

  it('never reaches a handler for an untrusted sender, even with a valid payload', async () => {
    const h = spyHandlers();
    const result = await guardedInvoke({ ...ok, frameUrl: 'https://evil.example/' }, policy, asHandlers(h), 'openQr', {
      projectId: 5,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: expect.stringMatching(/did not come from its own window/) },
    });
    expect(h.openQr).not.toHaveBeenCalled();
  });

  it.each([
    ['openQr', { projectId: '5' }],
    ['openQr', { projectId: -1 }],
    ['openQr', { projectId: 1.5 }],
    ['openQr', { projectId: 5, extra: true }],
    ['openQr', undefined],
    ['openExternal', { url: 42 }],
    ['openExternal', { url: 'x'.repeat(5000) }],
    ['setToken', { token: '' }],
    ['setToken', { token: 'a'.repeat(513) }],
    ['setToken', 'plain-string-token'],
    ['getState', { unexpected: 1 }],
    ['updateSettings', { refreshIntervalMinutes: 0 }],
    ['updateSettings', { apiBaseUrl: 'javascript:alert(1)' }],
    ['updateSettings', { somethingElse: true }],
  ])('rejects %s with %j before any handler runs', async (name, input) => {
    const h = spyHandlers();
    const result = await guardedInvoke(ok, policy, asHandlers(h), name, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('rejects names that are not in the contract, including prototype keys', async () => {
    const h = spyHandlers();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      await expect(guardedInvoke(ok, policy, asHandlers(h), name, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'bad-input' },
      });
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });
});
