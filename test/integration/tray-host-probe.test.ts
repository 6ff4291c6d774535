// The tray-host probe against a real, private dbus-daemon: an owned name, the unowned watcher, and no bus at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTrayHost } from '../../app/main/tray-host-probe';
import { startPrivateSessionBus } from './main-shell-harness';

let bus: { address: string; stop(): void };
const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
beforeAll(async () => {
  bus = await startPrivateSessionBus();
});
afterAll(() => {
  bus?.stop();
  if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
});

describe('probeTrayHost', () => {
  it('asks the session bus who owns a name', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    expect(await probeTrayHost()).toBe('absent');
    // The bus itself always owns its own name: proof the question reaches a real bus and the answer is read.
    expect(await probeTrayHost('org.freedesktop.DBus')).toBe('present');
  });

  it('says unknown, not "no tray", when there is no bus to ask', async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/picky-tray-bus';
    expect(await probeTrayHost()).toBe('unknown');
  });
});
