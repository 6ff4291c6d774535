// The real main process as macOS would run it (process.platform = 'darwin'), through the recording stand-in for
// Electron: reopening from Finder, the QR over full-screen apps, the menu on right click.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoProjects } from '../emulator/fixtures';
import { fake, FakeBrowserWindow, FakeTray } from '../electron/fake-electron';
import { hook, type MainProcessRun, startMainProcess, until } from './main-shell-harness';

let run: MainProcessRun;
const qrId = Number(buildDemoProjects().find((p) => p.license_key)!.project_id);
beforeAll(async () => {
  run = await startMainProcess({ platform: 'darwin' });
  await until('the projects', () =>
    hook()
      .menu()
      .some((i) => i.id === `project:${qrId}`),
  );
});
afterAll(async () => {
  await run?.stop();
});

describe('on macOS', () => {
  it('shows the main window again when the app is reopened from Finder or Spotlight (activate)', async () => {
    const w = await until('the main window', () => run.mainWindow()?.isVisible() && run.mainWindow());
    w.close();
    expect(w.isVisible()).toBe(false);
    fake.app.emit('activate');
    expect(w.isVisible()).toBe(true);
  });

  it('a tray click hides the window in front, brings forward one behind other apps', () => {
    const w = run.mainWindow()!;
    const tray = FakeTray.all[0]!;
    w.focus();
    tray.emit('click');
    expect(w.isVisible()).toBe(false);
    tray.emit('click');
    expect(w.isVisible()).toBe(true);
    w.blur();
    tray.emit('click');
    expect(w.isVisible()).toBe(true);
    expect(w.isFocused()).toBe(true);
  });

  it('pops the menu up on right click (a context menu set on the icon would swallow the left click)', () => {
    const tray = FakeTray.all[0]!;
    expect(tray.menus).toEqual([]);
    tray.emit('right-click');
    expect(tray.popped.at(-1)?.map((i) => i.id)).toEqual(
      hook()
        .menu()
        .map((i) => i.id),
    );
  });

  it('opens the QR as a frameless window over the display on every Space, never native full screen, and activates the app', async () => {
    fake.app.focusCalls.length = 0;
    hook().click(`project:${qrId}:qr`);
    const qr = await until('the QR window', () =>
      FakeBrowserWindow.all.find((w) => w.webContents.url.includes('#/qr/')),
    );
    expect(qr.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 1024, frame: false, show: false });
    expect(qr.options).not.toHaveProperty('fullscreen');
    expect(qr.allWorkspaces).toEqual({ flag: true, options: { visibleOnFullScreen: true } });
    expect(qr.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    await until('the QR to show', () => qr.isVisible());
    expect(qr.log).toEqual(['show']);
    expect(qr.isFullScreen()).toBe(false);
    expect(fake.app.focusCalls).toContainEqual({ steal: true });
    qr.close();
  });
});
