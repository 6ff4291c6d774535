// Asks the session bus whether a StatusNotifierWatcher has an owner, with the command-line tools a desktop already
// has (gdbus from GLib, else dbus-send): no native module. The answer is parsed by tray-host.ts.
import { execFile } from 'node:child_process';
import { parseNameHasOwnerReply, STATUS_NOTIFIER_WATCHER, type TrayHost } from './tray-host';

const commands = (name: string): readonly (readonly [string, readonly string[]])[] => [
  [
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.DBus',
      '--object-path',
      '/org/freedesktop/DBus',
      '--method',
      'org.freedesktop.DBus.NameHasOwner',
      name,
    ],
  ],
  [
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${name}`,
    ],
  ],
];

function run(command: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 2000, env: process.env }, (error, stdout) => {
      // A missing tool or an unreachable bus is not an answer: the caller treats it as unknown (keeps the tray).
      resolve(error ? undefined : stdout);
    });
  });
}

/** Whether `name` has an owner on the session bus ('present'/'absent'), or 'unknown' when the bus cannot be asked. */
export async function probeTrayHost(name = STATUS_NOTIFIER_WATCHER): Promise<TrayHost> {
  for (const [command, args] of commands(name)) {
    const stdout = await run(command, args);
    if (stdout !== undefined) return parseNameHasOwnerReply(stdout);
  }
  return 'unknown';
}
