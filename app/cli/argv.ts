// Command-line parsing: argv is untrusted text, so it is tokenized, then checked with zod per command.
// Nothing here ever echoes a value that could be a secret (see TOKEN_IN_ARGV and describeArg).
import { z } from 'zod';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'token-set'; saveUnchecked: boolean; verbose: boolean }
  | { name: 'token-clear' }
  | { name: 'token-status' }
  | { name: 'projects'; json: boolean; offline: boolean; reveal: boolean; verbose: boolean }
  | { name: 'project'; id: number; json: boolean; offline: boolean; reveal: boolean; verbose: boolean }
  | { name: 'qr'; id: number; offline: boolean; verbose: boolean }
  | { name: 'status'; offline: boolean; json: boolean; verbose: boolean }
  | { name: 'project-add'; projectName: string; saveUnchecked: boolean; verbose: boolean }
  | { name: 'project-edit'; ref: string; projectName?: string; saveUnchecked: boolean; verbose: boolean }
  | { name: 'project-remove'; ref: string; yes: boolean }
  | { name: 'phones'; json: boolean; offline: boolean; verbose: boolean }
  | { name: 'phone'; id: number; json: boolean; action?: PhoneAction; yes: boolean; verbose: boolean };

/** What `picky-tray phone <id> <action>` can tell a phone's bridge app (`reset` is not offered: it wipes it). */
export const PHONE_ACTIONS = ['restart', 'pause-queue', 'resume-queue', 'clear-queue'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

export type ParseResult = { ok: true; command: Command } | { ok: false; message: string };

export const TOKEN_IN_ARGV =
  'Picky Tray does not take the token as an argument: command lines are visible to other programs on this computer ' +
  'and are saved in your shell history. Run `picky-tray token set` and paste the token at the prompt, or pipe it in: ' +
  '`picky-tray token set < token.txt`. If you just typed it on the command line, consider it exposed and create a new one.';

export const PROJECT_SECRET_IN_ARGV =
  'Picky Tray does not take a license key or an API token as an argument: command lines are visible to other ' +
  'programs on this computer and are saved in your shell history. Run `picky-tray project add --name "…"` and paste ' +
  'them at the prompts, or pipe them in as two lines (license key, then API token). If you just typed a token on ' +
  'the command line, consider it exposed and create a new one in your Picky Assist dashboard.';

const FLAG_NAMES = ['json', 'offline', 'reveal', 'verbose', 'save-unchecked', 'yes', 'help', 'version'] as const;
type FlagName = (typeof FLAG_NAMES)[number];

const ALLOWED_FLAGS: Record<string, readonly FlagName[]> = {
  projects: ['json', 'offline', 'reveal', 'verbose'],
  project: ['json', 'offline', 'reveal', 'verbose', 'save-unchecked', 'yes'],
  qr: ['offline', 'verbose'],
  status: ['offline', 'json', 'verbose'],
  phones: ['json', 'offline', 'verbose'],
  phone: ['json', 'yes', 'verbose'],
  token: ['save-unchecked', 'verbose'],
  help: [],
};

const IdSchema = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a number')
  .transform(Number);

const FlagsSchema = z.strictObject({
  json: z.boolean().default(false),
  offline: z.boolean().default(false),
  reveal: z.boolean().default(false),
  verbose: z.boolean().default(false),
  'save-unchecked': z.boolean().default(false),
  yes: z.boolean().default(false),
});

const PROJECT_SUBCOMMANDS = ['add', 'edit', 'remove'] as const;

/** `--name <value>` / `--name=<value>` (only `project add` and `project edit` take it), taken out before parsing. */
function takeName(argv: readonly string[]): { name?: string; argv: string[]; error?: string } {
  const rest: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--name') {
      value = argv[i + 1];
      if (value === undefined)
        return { argv: rest, error: `--name needs a value, such as --name "Front desk". ${USAGE_HINT}` };
      i++;
    } else if (arg.startsWith('--name=')) {
      value = arg.slice('--name='.length);
    } else {
      rest.push(arg);
      continue;
    }
    if (name !== undefined) return { argv: rest, error: `Give --name once. ${USAGE_HINT}` };
    name = value;
  }
  return name === undefined ? { argv: rest } : { name, argv: rest };
}

/** An option that looks like it carries a project secret (a license key or an API token). */
function looksLikeSecretOption(name: string): boolean {
  return /key|license|licence|secret/.test(name);
}

/** Safe to show back to the user: a short, plain word; anything else is described, not repeated. */
function describeArg(arg: string): string {
  return /^-{0,2}[a-z][a-z0-9-]{0,24}$/i.test(arg) ? `"${arg}"` : 'an argument';
}

const USAGE_HINT = 'Run `picky-tray help` to see what it can do.';

/** `--debug` applies to every command (it only adds log lines on stderr), so it is taken out before parsing. */
export function takeDebugFlag(argv: readonly string[]): { debug: boolean; argv: string[] } {
  const rest = argv.filter((a) => a !== '--debug');
  return { debug: rest.length !== argv.length, argv: rest };
}

export function parseArgv(fullArgv: readonly string[]): ParseResult {
  const positionals: string[] = [];
  const flags = new Set<FlagName>();
  const isProject = fullArgv.find((a) => !a.startsWith('-')) === 'project';
  const named = isProject ? takeName(fullArgv) : { argv: [...fullArgv] };
  if (named.error) return { ok: false, message: named.error };
  const argv = named.argv;
  for (const arg of argv) {
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const name = arg.replace(/^--?/, '').split('=', 1)[0]?.toLowerCase() ?? '';
      if (isProject && (name.includes('token') || looksLikeSecretOption(name)))
        return { ok: false, message: PROJECT_SECRET_IN_ARGV };
      if (name === 'token' || name.startsWith('token')) return { ok: false, message: TOKEN_IN_ARGV };
      if (name === 'save-unchecked' && arg.includes('=')) return { ok: false, message: TOKEN_IN_ARGV };
      const alias: Record<string, FlagName> = { h: 'help', v: 'version' };
      const flag = alias[name] ?? (FLAG_NAMES as readonly string[]).find((f) => f === name && arg.startsWith('--'));
      if (!flag)
        return { ok: false, message: `Unknown option ${describeArg(arg.split('=', 1)[0] ?? arg)}. ${USAGE_HINT}` };
      if (arg.includes('=')) return { ok: false, message: `The option --${flag} does not take a value. ${USAGE_HINT}` };
      flags.add(flag as FlagName);
    } else {
      positionals.push(arg);
    }
  }

  const [name, ...rest] = positionals;
  if (flags.has('help') || name === 'help') return { ok: true, command: { name: 'help' } };
  if (flags.has('version') || name === 'version') {
    const onlyVersion = positionals.length === (name === 'version' ? 1 : 0) && [...flags].every((f) => f === 'version');
    return onlyVersion
      ? { ok: true, command: { name: 'version' } }
      : { ok: false, message: `--version takes nothing else. ${USAGE_HINT}` };
  }
  if (name === undefined) return { ok: true, command: { name: 'help' } };
  const allowed = ALLOWED_FLAGS[name];
  if (!allowed) return { ok: false, message: `Unknown command ${describeArg(name)}. ${USAGE_HINT}` };
  for (const f of flags) {
    if (!allowed.includes(f))
      return { ok: false, message: `The option --${f} does not apply to "${name}". ${USAGE_HINT}` };
  }
  const {
    'save-unchecked': saveUnchecked,
    yes,
    ...parsedFlags
  } = FlagsSchema.parse(Object.fromEntries([...flags].map((f) => [f, true])));
  const verbose = parsedFlags.verbose;
  const sub = name === 'project' ? PROJECT_SUBCOMMANDS.find((s) => s === rest[0]) : undefined;
  if (saveUnchecked && !(name === 'token' && rest[0] === 'set') && sub !== 'add' && sub !== 'edit')
    return {
      ok: false,
      message: `The option --save-unchecked applies only to "token set", "project add" and "project edit". ${USAGE_HINT}`,
    };
  if (yes && sub !== 'remove' && name !== 'phone')
    return {
      ok: false,
      message: `The option --yes applies only to "project remove" and "phone <id> clear-queue". ${USAGE_HINT}`,
    };
  if (named.name !== undefined && sub !== 'add' && sub !== 'edit')
    return { ok: false, message: `The option --name applies only to "project add" and "project edit". ${USAGE_HINT}` };
  if (sub) {
    const [, ...extra] = rest;
    for (const f of ['json', 'offline', 'reveal'] as const) {
      if (parsedFlags[f])
        return { ok: false, message: `The option --${f} does not apply to "project ${sub}". ${USAGE_HINT}` };
    }
    if (sub === 'add') {
      if (extra.length > 0) return { ok: false, message: PROJECT_SECRET_IN_ARGV };
      if (named.name === undefined || named.name.trim() === '')
        return {
          ok: false,
          message: `"project add" needs a name: picky-tray project add --name "Front desk". ${USAGE_HINT}`,
        };
      return { ok: true, command: { name: 'project-add', projectName: named.name, saveUnchecked, verbose } };
    }
    if (extra.length !== 1)
      return extra.length > 1
        ? { ok: false, message: PROJECT_SECRET_IN_ARGV }
        : { ok: false, message: `"project ${sub}" needs the id or name of a project added by hand. ${USAGE_HINT}` };
    const ref = extra[0] ?? '';
    if (sub === 'edit') {
      const command: Command = { name: 'project-edit', ref, saveUnchecked, verbose };
      if (named.name !== undefined) command.projectName = named.name;
      return { ok: true, command };
    }
    if (verbose)
      return { ok: false, message: `The option --verbose does not apply to "project remove". ${USAGE_HINT}` };
    return { ok: true, command: { name: 'project-remove', ref, yes } };
  }

  switch (name) {
    case 'token': {
      const [sub, ...extra] = rest;
      if (sub === 'set')
        return extra.length > 0
          ? { ok: false, message: TOKEN_IN_ARGV }
          : { ok: true, command: { name: 'token-set', saveUnchecked, verbose } };
      if (sub !== 'clear' && sub !== 'status') {
        return {
          ok: false,
          message: `"token" needs one of: set, clear, status${sub === undefined ? '' : ` (not ${describeArg(sub)})`}. ${USAGE_HINT}`,
        };
      }
      if (extra.length > 0) return { ok: false, message: `"token ${sub}" takes no arguments. ${USAGE_HINT}` };
      if (verbose)
        return { ok: false, message: `The option --verbose does not apply to "token ${sub}". ${USAGE_HINT}` };
      return { ok: true, command: { name: sub === 'clear' ? 'token-clear' : 'token-status' } };
    }
    case 'projects':
    case 'status':
    case 'phones':
      if (rest.length > 0)
        return {
          ok: false,
          message: `"${name}" takes no arguments (got ${describeArg(rest[0] ?? '')}). ${USAGE_HINT}`,
        };
      if (name === 'projects') return { ok: true, command: { name, ...parsedFlags } };
      return { ok: true, command: { name, json: parsedFlags.json, offline: parsedFlags.offline, verbose } };
    case 'phone': {
      const [rawId, action, ...extra] = rest;
      if (rawId === undefined || extra.length > 0)
        return {
          ok: false,
          message: `"phone" needs one project id and at most one action, for example \`picky-tray phone 715\` or \`picky-tray phone 715 restart\`. ${USAGE_HINT}`,
        };
      const id = IdSchema.safeParse(rawId);
      if (!id.success)
        return { ok: false, message: `The project id must be a number, such as 715 (got ${describeArg(rawId)}).` };
      if (action !== undefined && !(PHONE_ACTIONS as readonly string[]).includes(action))
        return {
          ok: false,
          message: `"phone ${id.data}" can do: ${PHONE_ACTIONS.join(', ')} (not ${describeArg(action)}). ${USAGE_HINT}`,
        };
      if (yes && action !== 'clear-queue')
        return { ok: false, message: `--yes only confirms "clear-queue". ${USAGE_HINT}` };
      const command: Command = { name: 'phone', id: id.data, json: parsedFlags.json, yes, verbose };
      if (action !== undefined) command.action = action as PhoneAction;
      return { ok: true, command };
    }
    case 'project':
    case 'qr': {
      if (rest.length !== 1)
        return {
          ok: false,
          message: `"${name}" needs exactly one project id, for example \`picky-tray ${name} 715\`. ${USAGE_HINT}`,
        };
      const id = IdSchema.safeParse(rest[0]);
      if (!id.success)
        return {
          ok: false,
          message: `The project id must be a number, such as 715 (got ${describeArg(rest[0] ?? '')}).`,
        };
      return name === 'project'
        ? { ok: true, command: { name, id: id.data, ...parsedFlags } }
        : { ok: true, command: { name, id: id.data, offline: parsedFlags.offline, verbose } };
    }
    default:
      return { ok: false, message: `Unknown command ${describeArg(name)}. ${USAGE_HINT}` };
  }
}

export const HELP_TEXT = `Picky Tray — your Picky Assist projects from the terminal.

Usage: picky-tray <command> [options]

Commands:
  token set             Store your Master API token in the system keychain, once Picky Assist accepts it.
                        Reads it from a hidden prompt, or from stdin when piped: picky-tray token set < token.txt
                        The token is never accepted as an argument. When Picky Assist cannot be reached or
                        refuses every request, nothing is stored and the exit code is 2, unless:
    --save-unchecked    store it anyway (replacing any stored token); it is checked at the next answer.
  token status          Say whether a token is stored (never prints it).
  token clear           Remove the token and the offline copy of your projects.
  projects              List projects: id, name, status, service, plan, next billing.
  project <id>          Every field of one project; per-project API tokens are masked.
  qr <id>               Draw the project's pairing QR (its license key) in the terminal.
  project add --name "Front desk"
                        Add a project by hand (when your account cannot list projects): its license key and
                        one project API token from hidden prompts, or two piped lines; never as arguments.
                        The token is checked with one device status call; --save-unchecked saves it anyway
                        when Picky Assist cannot be reached.
  project edit <id|name> [--name "…"]
                        Change a hand-added project (at the prompts Enter keeps a value, - removes it).
  project remove <id|name> [--yes]
                        Remove a hand-added project and its keychain entries (asks first, unless --yes).
  status                One line: how many projects, how many active, their phones, when updated; then a line
                        for each project that needs attention (expired, billing within 3 days, or its phone
                        not connected). --json prints the same facts as JSON.
  phones                A table of phone projects: id, name, phone state, since, connected number, queue,
                        checked. First checks as many phones as the budget allows now (oldest first).
  phone <id>            One project's phone, checked now (waiting for a free check if it must, saying so).
  phone <id> restart    Restart the Picky Assist app on the phone.
  phone <id> pause-queue / resume-queue
                        Pause or resume sending the phone's queued messages.
  phone <id> clear-queue --yes
                        Delete every queued message of the project (refused without --yes).
  help, --help, -h      This text.
  --version, -v         The version.

Options:
  --json                Machine-readable output (projects, project, status, phones, phone).
  --offline             Use only the offline copy; do not contact Picky Assist (projects, project, qr, status,
                        phones).
  --yes                 Confirm phone <id> clear-queue, which deletes messages (and project remove).
  --reveal              Show per-project API tokens instead of masking them (projects, project).
  --debug               Also print what Picky Tray does and why something failed, on stderr (never a token).
  --verbose             Error details (status codes, addresses, the server's words), and dates as sent.

Environment:
  PICKY_API_URL         API address (default https://pickyassist.com/app/api/v2).
  PICKY_TRAY_HOME       Folder for settings and the offline copy.

Phone checks: Picky Assist answers at most 3 phone status checks a minute for the whole account. Every Picky
Tray (the app, this command, another terminal) shares that budget, so a check may wait for a free slot.

Exit codes:
  0  done (status: nothing needs attention; deleted projects are reported but do not count)
  1  status: some project is expired or billing within 3 days, or an active project's phone is offline or not
     paired; phone <id>: that phone is not connected; token status: no token stored
  2  error, and no offline copy to show; token set: nothing stored
  3  Picky Assist could not be reached: showing the offline copy (wins over 1)
  64 bad input: unknown command or option, bad or unknown project id, a token or license key given as an
     argument, phone <id> clear-queue without --yes
  130 interrupted at the prompt
`;
