// The CLI from argv to exit code, with the process's streams passed in. Errors become one sentence on stderr
// (with --debug, the log's lines too, on stderr), never a stack trace, never the token.
import { homedir } from 'node:os';
import { terminalText } from '../core/display-text';
import { isPickyError, toErrorInfo } from '../core/errors';
import { resolveDataDir } from '../core/data-dir';
import { createLineSink, createLogger } from '../core/logger';
import { openPickyCore } from '../core/picky-core';
import type { PickyCore } from '../core/picky-core';
import type { FetchProjects, SecretStore } from '../core/ports';
import { createKeytarSecretStore } from '../core/secret-store';
import { HELP_TEXT, parseArgv, takeDebugFlag } from './argv';
import { type CliIo, runCommand } from './commands';
import { detailLine } from './format';
import { EXIT, type ExitCode } from './exit-codes';
import { createInterface } from 'node:readline/promises';
import { PromptInterrupted, readHiddenToken, readPipedLines, readPipedToken } from './read-token';

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

export async function runCli(proc: CliProcess): Promise<ExitCode> {
  const secrets: string[] = [];
  // Every line the CLI prints passes the display sanitizer: errors and warnings quote server text too.
  const out = (text: string): void => void proc.stdout.write(`${terminalText(text)}\n`);
  const err = (text: string): void => void proc.stderr.write(`${terminalText(redact(text, secrets))}\n`);
  const drawing = (text: string): void => void proc.stdout.write(`${text}\n`);
  const { debug, argv } = takeDebugFlag(proc.argv);
  // The log goes to stderr with --debug, and nowhere otherwise: a script reading stdout never sees it. Its lines
  // quote server text, so they pass the display sanitizer like every other line.
  const logger = createLogger({
    sinks: debug ? [createLineSink((line) => void proc.stderr.write(`${terminalText(line)}\n`))] : [],
    level: 'debug',
  });

  const parsed = parseArgv(argv);
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
      logger.addSecret(token);
      return token;
    },
    async readProjectSecrets(mode) {
      const hint = mode === 'edit' ? 'input hidden; Enter keeps it, - removes it' : 'input hidden; Enter for none';
      let licenseKey: string;
      let apiToken: string;
      if (proc.stdin.isTTY) {
        licenseKey = await readHiddenToken(proc.stdin, proc.stderr, `License key (${hint}): `);
        apiToken = await readHiddenToken(proc.stdin, proc.stderr, `Project API token (${hint}): `);
      } else {
        [licenseKey = '', apiToken = ''] = await readPipedLines(proc.stdin, 2);
      }
      for (const v of [licenseKey.trim(), apiToken.trim()]) {
        if (v.length < 4) continue;
        secrets.push(v);
        logger.addSecret(v);
      }
      return { licenseKey, apiToken };
    },
    async confirm(question) {
      if (!proc.stdin.isTTY) return undefined;
      const rl = createInterface({ input: proc.stdin, output: proc.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
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
      logger,
      ...(proc.fetchProjects ? { fetchProjects: proc.fetchProjects } : {}),
    });
    return await runCommand(cmd, core, io);
  } catch (e) {
    if (e instanceof PromptInterrupted) {
      err('Cancelled; nothing was stored.');
      return EXIT.interrupted;
    }
    const info = toErrorInfo(e);
    err(info.message);
    // The CLI has no Settings: name what it reads instead.
    if (info.fix === 'address') {
      const url = core?.getSettingsView().effectiveBaseUrl ?? proc.env.PICKY_API_URL ?? 'the default';
      err(`The API address in use is ${url}; set another with the PICKY_API_URL environment variable.`);
    } else if (info.fix === 'token' && cmd.name !== 'token-set') {
      err('Store the right one with `picky-tray token set`.');
    }
    const details = detailLine(info, 'verbose' in cmd ? cmd.verbose : false);
    if (details) err(details);
    // The details (stack, causes) go to the log, which masks every token it has seen.
    logger.error(`"${cmd.name}" failed`, { error: e });
    if (isPickyError(e) && (e.code === 'bad-input' || e.code === 'not-found')) return EXIT.usage;
    return EXIT.error;
  } finally {
    await core?.dispose();
  }
}
