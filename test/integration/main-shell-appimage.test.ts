// Linux from an AppImage that was replaced by a newer file at another path: the autostart entry written by the
// old one must be rewritten at start (when launch at login is on), or nothing starts at login any more. One the
// user switched off stays as it is.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autostartDesktopEntry } from '../../app/main/autostart-entry';
import { invokeChannel } from '../../app/shared/ipc-channels';
import { type MainProcessRun, startMainProcess } from './main-shell-harness';

const NEW_APPIMAGE = '/home/me/Applications/Picky Tray-0.2.0.AppImage';
let run: MainProcessRun;
let entryFile = '';
beforeAll(async () => {
  run = await startMainProcess({
    platform: 'linux',
    env: { APPIMAGE: NEW_APPIMAGE },
    beforeStart({ configHome }) {
      entryFile = path.join(configHome, 'autostart', 'picky-tray.desktop');
      mkdirSync(path.dirname(entryFile), { recursive: true });
      writeFileSync(
        entryFile,
        autostartDesktopEntry({ exec: '/home/me/Picky Tray-0.1.0.AppImage', name: 'Picky Tray' }),
      );
    },
  });
});
afterAll(async () => {
  await run?.stop();
});

describe('a replaced AppImage', () => {
  it('rewrites the autostart entry to the AppImage now running, and launch at login stays on', async () => {
    const text = readFileSync(entryFile, 'utf8');
    expect(text).toContain('Exec="/home/me/Applications/Picky Tray-0.2.0.AppImage" --hidden');
    expect(text).not.toContain('0.1.0');
    const res = await run.invoke(invokeChannel('getSettings'));
    expect(res.value).toMatchObject({ settings: { launchAtLogin: true } });
  });
});
