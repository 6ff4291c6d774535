// "Open logs folder" (Settings and the tray): shows the data folder's logs/ in the file manager. The folder is
// made first, so the file manager never says it does not exist before the first line was written.
import { mkdir } from 'node:fs/promises';
import type { Logger } from '../core/ports';
import type { LogsFolderAnswer } from '../shared/ipc-contract';

export interface LogsFolderDeps {
  folder: string;
  /** Electron's shell.openPath: resolves to an error message, or '' when it worked. */
  openPath: (path: string) => Promise<string>;
  log: Logger;
}

export function createOpenLogsFolder(deps: LogsFolderDeps): () => Promise<LogsFolderAnswer> {
  return async () => {
    const notOpened = {
      opened: false,
      folder: deps.folder,
      message: `Picky Tray could not open the logs folder. Its log files are in ${deps.folder}.`,
    };
    try {
      await mkdir(deps.folder, { recursive: true, mode: 0o700 });
      const error = await deps.openPath(deps.folder);
      if (!error) return { opened: true, folder: deps.folder };
      deps.log.warn('Opening the logs folder failed', { error });
    } catch (error) {
      deps.log.warn('Opening the logs folder failed', { error });
    }
    return notOpened;
  };
}
