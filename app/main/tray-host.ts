// Is there a tray on this desktop? Electron 39 shows its tray icon as a StatusNotifierItem over D-Bus; a desktop
// shows such items only when something owns org.kde.StatusNotifierWatcher on the session bus (KDE, Xfce, Cinnamon,
// GNOME with the AppIndicator extension...). Without an owner the icon goes nowhere, and an app started hidden
// could not be reached. Pure decisions here; tray-host-probe.ts asks the bus.

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** 'absent' only when the bus answered that nobody owns the watcher; anything unclear is 'unknown'. */
export type TrayHost = 'present' | 'absent' | 'unknown';

/**
 * The reply to org.freedesktop.DBus.NameHasOwner, as printed by `gdbus call` ("(true,)") or
 * `dbus-send --print-reply` ("   boolean true"). Anything else (an error, no tool) is unknown.
 */
export function parseNameHasOwnerReply(stdout: string): TrayHost {
  const gdbus = /^\(\s*(true|false)\s*,?\s*\)\s*$/m.exec(stdout);
  const dbusSend = /^\s*boolean\s+(true|false)\s*$/m.exec(stdout);
  const answer = gdbus?.[1] ?? dbusSend?.[1];
  if (answer === 'true') return 'present';
  if (answer === 'false') return 'absent';
  return 'unknown';
}

/** Only Linux needs asking: Windows and macOS always have a notification area / menu bar. */
export function needsTrayHostProbe(platform: NodeJS.Platform): boolean {
  return platform === 'linux';
}

/** Started hidden (at login, or `--hidden`) but no tray to come back through: show the window after all. */
export function startHiddenDespiteTrayHost(wantsHidden: boolean, host: TrayHost): boolean {
  return wantsHidden && host !== 'absent';
}

/** For Settings: how to get a tray, when the desktop has none. */
export function trayHostHint(host: TrayHost): string | undefined {
  if (host !== 'absent') return undefined;
  return (
    'This desktop shows no tray icons, so Picky Tray opens its window instead. On GNOME, install and turn on the ' +
    '“AppIndicator and KStatusNotifierItem Support” extension (Debian and Ubuntu: sudo apt install ' +
    'gnome-shell-extension-appindicator, then log out and in); KDE, Xfce and Cinnamon have a tray built in.'
  );
}
