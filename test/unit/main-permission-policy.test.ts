import { describe, expect, it } from 'vitest';
import { CLIPBOARD_WRITE_PERMISSION, isPermissionAllowed } from '../../app/main/permission-policy';

const OWN = ['app://picky'];

describe('isPermissionAllowed', () => {
  it('lets our own page write to the clipboard (the Copy buttons use navigator.clipboard.writeText)', () => {
    expect(
      isPermissionAllowed(
        {
          permission: CLIPBOARD_WRITE_PERMISSION,
          requestingUrl: 'app://picky/index.html#/project/7',
          isMainFrame: true,
        },
        OWN,
      ),
    ).toBe(true);
    expect(
      isPermissionAllowed(
        { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://picky', isMainFrame: true },
        OWN,
      ),
    ).toBe(true);
  });

  it('refuses clipboard writes from any other origin or from a subframe', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://127.0.0.1:5173/',
      '',
      'not a url',
    ]) {
      expect(
        isPermissionAllowed({ permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: url, isMainFrame: true }, OWN),
        url,
      ).toBe(false);
    }
    expect(
      isPermissionAllowed({ permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: undefined, isMainFrame: true }, OWN),
    ).toBe(false);
    expect(
      isPermissionAllowed(
        { permission: CLIPBOARD_WRITE_PERMISSION, requestingUrl: 'app://picky/index.html', isMainFrame: false },
        OWN,
      ),
    ).toBe(false);
  });

  it('refuses every other permission, even to our own page', () => {
    for (const permission of [
      'clipboard-read',
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fullscreen',
      'unknown',
      'deprecated-sync-clipboard-read',
    ]) {
      expect(
        isPermissionAllowed({ permission, requestingUrl: 'app://picky/index.html', isMainFrame: true }, OWN),
        permission,
      ).toBe(false);
    }
  });
});
