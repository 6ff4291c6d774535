// The CLI from argv to exit code, with the process's streams passed in. Errors become one sentence on stderr
// (details only with PICKY_DEBUG=1), never a stack trace, never the token.
import { homedir } from 'node:os';
import { terminalText } from '../core/display-text';
import { isPickyError, toErrorInfo } from '../core/errors';
import { resolveDataDir } from '../core/data-dir';
import { openPickyCore } from '../core/picky-core';
import type { PickyCore } from '../core/picky-core';
import { originOf } from '../core/api-address';
import { masterTokenAccount } from '../core/origin-secrets';
import type { FetchProjects, SecretStore } from '../core/ports';
import { createKeytarSecretStore } from '../core/secret-store';
import { HELP_TEXT, parseArgv } from './argv';
import { type CliIo, runCommand } from './commands';
import { EXIT, type ExitCode } from './exit-codes';
import { PromptInterrupted, readHiddenToken, readPipedToken } from './read-token';

export interface CliProcess {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  platform: NodeJS.Platform;
  version: string;
  /** Injectable for tests; default the OS keychain. */
  secrets?: SecretStore;
  /** Injectable for tests; default the real HTTP client. */
  fetchProjects?: FetchProjects;
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s ? t.split(s).join('[token]') : t), text);
}

function debugDetails(e: Error): string {
  const parts = [e.stack ?? String(e)];
  let cause: unknown = e.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    parts.push(`Caused by: ${cause.stack ?? String(cause)}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}

export async function runCli(proc: CliProcess): Promise<ExitCode> {
  const secrets: string[] = [];
  // Every line the CLI prints passes the display sanitizer: errors and warnings quote server text too.
  const out = (text: string): void => void proc.stdout.write(`${terminalText(text)}\n`);
  const err = (text: string): void => void proc.stderr.write(`${terminalText(redact(text, secrets))}\n`);
  const drawing = (text: string): void => void proc.stdout.write(`${text}\n`);

  const parsed = parseArgv(proc.argv);
  if (!parsed.ok) {
    err(parsed.message);
    return EXIT.usage;
  }
  const cmd = parsed.command;
  if (cmd.name === 'help') {
    out(HELP_TEXT.trimEnd());
    return EXIT.ok;
  }
  if (cmd.name === 'version') {
    out(proc.version);
    return EXIT.ok;
  }

  const io: CliIo = {
    out,
    err,
    drawing,
    color: proc.stdout.isTTY === true && !proc.env.NO_COLOR,
    now: () => Date.now(),
    async readToken() {
      const token = proc.stdin.isTTY
        ? await readHiddenToken(proc.stdin, proc.stderr, 'Master API token (input hidden): ')
        : await readPipedToken(proc.stdin);
      secrets.push(token);
      return token;
    },
  };

  const secretStore = proc.secrets ?? createKeytarSecretStore();
  let core: PickyCore | undefined;
  try {
    const dataDir = resolveDataDir({ env: proc.env, platform: proc.platform, homedir: homedir() });
    core = await openPickyCore({
      dataDir,
      env: proc.env,
      secrets: secretStore,
      ...(proc.fetchProjects ? { fetchProjects: proc.fetchProjects } : {}),
    });
    return await runCommand(cmd, core, io);
  } catch (e) {
    if (e instanceof PromptInterrupted) {
      err('Cancelled; nothing was stored.');
      return EXIT.interrupted;
    }
    err(toErrorInfo(e).message);
    if (proc.env.PICKY_DEBUG === '1' && e instanceof Error) {
      // Details may quote anything a library put in a message; take the stored token out before printing.
      const view = core?.getSettingsView();
      const origin = view?.host ? originOf(view.effectiveBaseUrl) : undefined;
      const stored = origin ? await secretStore.get(masterTokenAccount(origin)).catch(() => null) : null;
      if (stored) secrets.push(stored);
      err(debugDetails(e));
    }
    if (isPickyError(e) && (e.code === 'bad-input' || e.code === 'not-found')) return EXIT.usage;
    return EXIT.error;
  } finally {
    await core?.dispose();
  }
}
