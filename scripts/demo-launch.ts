// How the demo starts the desktop app with the demo token: the token goes into a 0600 file in the demo's private
// temporary folder, and only that file's path goes into the child's environment (see app/main/session-token.ts,
// which reads the file once and deletes it). The token itself is never in the child's argv or environment.
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { SESSION_TOKEN_FILE_ENV, writeSessionTokenFile } from '../app/main/session-token';

export interface DesktopLaunch {
  binary: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Absent: the app starts without a Master token (the demo with the listing refused). */
  token?: string;
  /** A folder only this user can read (the demo's mkdtemp folder); the token file is written there. */
  privateDir: string;
  stdio?: StdioOptions;
}

export function launchDesktop(launch: DesktopLaunch): ChildProcess {
  const env = { ...launch.env };
  if (launch.token !== undefined) env[SESSION_TOKEN_FILE_ENV] = writeSessionTokenFile(launch.privateDir, launch.token);
  return spawn(launch.binary, [...launch.args], {
    env,
    stdio: launch.stdio ?? 'inherit',
  });
}
