import { describe, expect, it } from 'vitest';
import { trayClickAction } from '../../app/main/tray-click';
import {
  needsTrayHostProbe,
  parseNameHasOwnerReply,
  startHiddenDespiteTrayHost,
  trayHostHint,
} from '../../app/main/tray-host';

describe('parseNameHasOwnerReply', () => {
  it('reads gdbus and dbus-send answers', () => {
    expect(parseNameHasOwnerReply('(true,)\n')).toBe('present');
    expect(parseNameHasOwnerReply('(false,)\n')).toBe('absent');
    expect(parseNameHasOwnerReply('method return time=1 sender=org.freedesktop.DBus\n   boolean true\n')).toBe(
      'present',
    );
    expect(parseNameHasOwnerReply('method return time=1 sender=org.freedesktop.DBus\n   boolean false\n')).toBe(
      'absent',
    );
  });
  it('treats anything else as unknown, never as "no tray"', () => {
    for (const text of ['', 'Error: Could not connect', '(true, false)', 'boolean maybe']) {
      expect(parseNameHasOwnerReply(text)).toBe('unknown');
    }
  });
});

describe('the tray host decision', () => {
  it('asks only on Linux', () => {
    expect(needsTrayHostProbe('linux')).toBe(true);
    expect(needsTrayHostProbe('win32')).toBe(false);
    expect(needsTrayHostProbe('darwin')).toBe(false);
  });
  it('stays hidden unless the bus said for sure there is no tray', () => {
    expect(startHiddenDespiteTrayHost(true, 'present')).toBe(true);
    expect(startHiddenDespiteTrayHost(true, 'unknown')).toBe(true);
    expect(startHiddenDespiteTrayHost(true, 'absent')).toBe(false);
    expect(startHiddenDespiteTrayHost(false, 'present')).toBe(false);
  });
  it('gives Settings a sentence only when there is no tray', () => {
    expect(trayHostHint('absent')).toMatch(/gnome-shell-extension-appindicator/);
    expect(trayHostHint('present')).toBeUndefined();
    expect(trayHostHint('unknown')).toBeUndefined();
  });
});

describe('trayClickAction', () => {
  const look = (visible: boolean, focused: boolean, minimized = false) => ({ visible, focused, minimized });
  it('Linux: always shows (desktops forward different clicks, a click never hides)', () => {
    expect(trayClickAction('linux', look(true, true))).toBe('show');
    expect(trayClickAction('linux', look(false, false))).toBe('show');
  });
  it('Windows: hides a window on screen even though the taskbar took its focus', () => {
    expect(trayClickAction('win32', look(true, false))).toBe('hide');
    expect(trayClickAction('win32', look(true, false, true))).toBe('show');
    expect(trayClickAction('win32', look(false, false))).toBe('show');
  });
  it('macOS: hides the window in front, brings forward one behind', () => {
    expect(trayClickAction('darwin', look(true, true))).toBe('hide');
    expect(trayClickAction('darwin', look(true, false))).toBe('show');
  });
});
