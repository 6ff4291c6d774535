// Linux with a real, private D-Bus session on which nothing owns org.kde.StatusNotifierWatcher (stock GNOME
// without the AppIndicator extension): a login start (--hidden) must show the window, since there is no tray to
// come back through, and Settings says how to get one. Also: a second launch with --hidden stays in the tray.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../app/shared/ipc-channels';
import { fake } from '../electron/fake-electron';
import { type MainProcessRun, startMainProcess, startPrivateSessionBus, until } from './main-shell-harness';

let run: MainProcessRun;
let bus: { address: string; stop(): void };
beforeAll(async () => {
  bus = await startPrivateSessionBus();
  run = await startMainProcess({
    platform: 'linux',
    args: ['--hidden'],
    env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
  });
});
afterAll(async () => {
  await run?.stop();
  bus?.stop();
});

describe('Linux without a tray host', () => {
  it('shows the window although started with --hidden', async () => {
    const w = await until('the main window', () => run.mainWindow()?.isVisible() && run.mainWindow());
    expect(w.isVisible()).toBe(true);
  });

  it('says in Settings how to get a tray', async () => {
    const res = await run.invoke(invokeChannel('getSettings'));
    expect(res.ok).toBe(true);
    expect((res.value as { trayHint?: string }).trayHint).toMatch(/AppIndicator.*extension/);
  });

  it('a second launch with --hidden does not bring the window up; one without does', () => {
    const w = run.mainWindow()!;
    w.close();
    fake.app.emit('second-instance', {}, ['/opt/Picky Tray/picky-tray', '--hidden'], '/');
    expect(w.isVisible()).toBe(false);
    fake.app.emit('second-instance', {}, ['/opt/Picky Tray/picky-tray'], '/');
    expect(w.isVisible()).toBe(true);
  });
});
