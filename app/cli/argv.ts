// Command-line parsing: argv is untrusted text, so it is tokenized, then checked with zod per command.
// Nothing here ever echoes a value that could be a secret (see TOKEN_IN_ARGV and describeArg).
import { z } from 'zod';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'token-set' }
  | { name: 'token-clear' }
  | { name: 'token-status' }
  | { name: 'projects'; json: boolean; offline: boolean; reveal: boolean }
  | { name: 'project'; id: number; json: boolean; offline: boolean; reveal: boolean }
  | { name: 'qr'; id: number; offline: boolean }
  | { name: 'status'; offline: boolean; json: boolean }
  | { name: 'phones'; json: boolean; offline: boolean }
  | { name: 'phone'; id: number; json: boolean; action?: PhoneAction; yes: boolean };

/** What `picky-tray phone <id> <action>` can tell a phone's bridge app (`reset` is not offered: it wipes it). */
export const PHONE_ACTIONS = ['restart', 'pause-queue', 'resume-queue', 'clear-queue'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

export type ParseResult = { ok: true; command: Command } | { ok: false; message: string };

export const TOKEN_IN_ARGV =
  'Picky Tray does not take the token as an argument: command lines are visible to other programs on this computer ' +
  'and are saved in your shell history. Run `picky-tray token set` and paste the token at the prompt, or pipe it in: ' +
  '`picky-tray token set < token.txt`. If you just typed it on the command line, consider it exposed and create a new one.';

const FLAG_NAMES = ['json', 'offline', 'reveal', 'yes', 'help', 'version'] as const;
type FlagName = (typeof FLAG_NAMES)[number];

const ALLOWED_FLAGS: Record<string, readonly FlagName[]> = {
  projects: ['json', 'offline', 'reveal'],
  project: ['json', 'offline', 'reveal'],
  qr: ['offline'],
  status: ['offline', 'json'],
  phones: ['json', 'offline'],
  phone: ['json', 'yes'],
  token: [],
  help: [],
};

const IdSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a number')
  .transform(Number);

const FlagsSchema = z.strictObject({
  json: z.boolean().default(false),
  offline: z.boolean().default(false),
  reveal: z.boolean().default(false),
  yes: z.boolean().default(false),
});

/** Safe to show back to the user: a short, plain word; anything else is described, not repeated. */
function describeArg(arg: string): string {
  return /^-{0,2}[a-z][a-z0-9-]{0,24}$/i.test(arg) ? `"${arg}"` : 'an argument';
}

const USAGE_HINT = 'Run `picky-tray help` to see what it can do.';

export function parseArgv(argv: readonly string[]): ParseResult {
  const positionals: string[] = [];
  const flags = new Set<FlagName>();
  for (const arg of argv) {
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      const name = arg.replace(/^--?/, '').split('=', 1)[0]?.toLowerCase() ?? '';
      if (name === 'token' || name.startsWith('token')) return { ok: false, message: TOKEN_IN_ARGV };
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
  const parsedFlags = FlagsSchema.parse(Object.fromEntries([...flags].map((f) => [f, true])));

  switch (name) {
    case 'token': {
      const [sub, ...extra] = rest;
      if (sub === 'set')
        return extra.length > 0 ? { ok: false, message: TOKEN_IN_ARGV } : { ok: true, command: { name: 'token-set' } };
      if (sub !== 'clear' && sub !== 'status') {
        return {
          ok: false,
          message: `"token" needs one of: set, clear, status${sub === undefined ? '' : ` (not ${describeArg(sub)})`}. ${USAGE_HINT}`,
        };
      }
      if (extra.length > 0) return { ok: false, message: `"token ${sub}" takes no arguments. ${USAGE_HINT}` };
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
      if (name === 'projects')
        return {
          ok: true,
          command: { name, json: parsedFlags.json, offline: parsedFlags.offline, reveal: parsedFlags.reveal },
        };
      return { ok: true, command: { name, json: parsedFlags.json, offline: parsedFlags.offline } };
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
      if (parsedFlags.yes && action !== 'clear-queue')
        return { ok: false, message: `--yes only confirms "clear-queue". ${USAGE_HINT}` };
      const command: Command = { name: 'phone', id: id.data, json: parsedFlags.json, yes: parsedFlags.yes };
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
        ? {
            ok: true,
            command: {
              name,
              id: id.data,
              json: parsedFlags.json,
              offline: parsedFlags.offline,
              reveal: parsedFlags.reveal,
            },
          }
        : { ok: true, command: { name, id: id.data, offline: parsedFlags.offline } };
    }
    default:
      return { ok: false, message: `Unknown command ${describeArg(name)}. ${USAGE_HINT}` };
  }
}

export const HELP_TEXT = `Picky Tray — your Picky Assist projects from the terminal.

Usage: picky-tray <command> [options]

Commands:
  token set             Store your Master API token in the system keychain (checked with Picky Assist first).
                        Reads it from a hidden prompt, or from stdin when piped: picky-tray token set < token.txt
                        The token is never accepted as an argument.
  token status          Say whether a token is stored (never prints it).
  token clear           Remove the token and the offline copy of your projects.
  projects              List projects: id, name, status, service, plan, next billing.
  project <id>          Every field of one project; per-project API tokens are masked.
  qr <id>               Draw the project's pairing QR (its license key) in the terminal.
  status                One line: how many projects, how many active, their phones, when updated.
                        --json prints the same facts as JSON.
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
  --yes                 Confirm phone <id> clear-queue, which deletes messages.
  --reveal              Show per-project API tokens instead of masking them (projects, project).

Environment:
  PICKY_API_URL         API base URL (default https://pickyassist.com/app/api/v2).
  PICKY_TRAY_HOME       Folder for settings and the offline copy.
  PICKY_DEBUG=1         Print error details as well as the message.

Phone checks: Picky Assist answers at most 3 phone status checks a minute for the whole account. Every Picky
Tray (the app, this command, another terminal) shares that budget, so a check may wait for a free slot.

Exit codes:
  0  done (status: every project active and every active project's phone connected)
  1  status: some project expired or deleted, or an active project's phone is offline or not paired;
     phone <id>: that phone is not connected; token status: no token stored
  2  error, and no offline copy to show
  3  Picky Assist could not be reached: showing the offline copy (wins over 1)
  64 bad input: unknown command or option, bad or unknown project id, a token given as an argument,
     phone <id> clear-queue without --yes
  130 interrupted at the prompt
`;
