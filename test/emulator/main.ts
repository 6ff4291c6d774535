// `npm run emulator`: the Picky Assist emulator as a standalone server, for the demo and for trying the app
// without an account. Flags: --port N (or env PICKY_EMULATOR_PORT; default 4010, 0 = random), --host H,
// --projects N (the demo account gets N generated projects), --latency MS, --listing-refused (the project listing
// refused, the device calls answering: for projects added by hand).
import { z } from 'zod';
import { DEMO_TOKEN, SECOND_TOKEN } from './fixtures';
import { startEmulator } from './server';

const DEFAULT_PORT = 4010;

const ArgsSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65_535).optional(),
    host: z.string().min(1).optional(),
    projects: z.coerce.number().int().min(0).max(100_000).optional(),
    latency: z.coerce.number().int().min(0).max(600_000).optional(),
    'listing-refused': z.literal(true).optional(),
    help: z.literal(true).optional(),
  })
  .strict();
type Args = z.infer<typeof ArgsSchema>;

const USAGE = `Usage: npm run emulator -- [--port N] [--host 127.0.0.1] [--projects N] [--latency MS]
  --port N       port to listen on (default ${DEFAULT_PORT}, or env PICKY_EMULATOR_PORT; 0 picks a free one)
  --host H       address to bind (default 127.0.0.1; control endpoints are served on loopback only)
  --projects N   give the demo account N generated projects instead of its six
  --latency MS   wait MS milliseconds before every API answer
  --listing-refused  pm/get-projects refuses every request (the documented "disabled" envelope); device-status
                 and device-action still answer project API tokens: add projects by hand`;

/** Turns argv (`--name value`, `--name=value`, `--help`) into an object, then lets zod judge it. */
function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Args {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      raw.help = true;
      continue;
    }
    if (arg === '--listing-refused') {
      raw['listing-refused'] = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unexpected argument "${arg}".`);
    const name = m[1]!;
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value.`);
    raw[name] = value;
  }
  if (raw.port === undefined && env.PICKY_EMULATOR_PORT) raw.port = env.PICKY_EMULATOR_PORT;
  const result = ArgsSchema.safeParse(raw);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return result.data;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const scenario: Record<string, number | boolean> = {};
  if (args.projects !== undefined) scenario.generatedProjects = args.projects;
  if (args.latency !== undefined) scenario.latencyMs = args.latency;
  if (args['listing-refused']) scenario.listingRefused = true;
  const emulator = await startEmulator({ port: args.port ?? DEFAULT_PORT, host: args.host ?? '127.0.0.1', scenario });

  // These tokens are fake fixtures for the emulator only, so printing them is the point.
  console.log(`Picky Assist emulator listening on ${emulator.origin}

Point Picky Tray at it:
  PICKY_API_URL=${emulator.baseUrl}

${args['listing-refused'] ? 'The project listing is REFUSED (--listing-refused): add projects by hand with a license key and a\nproject API token (e.g. PKYA-715Q-ACME-7K2D and 2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2, project 715).\n\n' : ''}Demo account Master API token (${args.projects ?? 6} projects):
  ${DEMO_TOKEN}
Second account token (2 projects):
  ${SECOND_TOKEN}

Try it:
  export PICKY_API_URL=${emulator.baseUrl}
  npm run cli -- token set        (paste the demo token when asked)
  npm run cli -- projects

Phones (demo: 715 connected, 716 offline, 912 not paired, 802 only has an IP-limited token):
  take a phone offline:   curl -X POST ${emulator.origin}/__emulator/phone -d '{"projectId":715,"state":"TIMEOUT"}'
  bring it back:          curl -X POST ${emulator.origin}/__emulator/phone -d '{"projectId":715,"state":"CONNECTED"}'
  pair 912 (QR screen):   curl -X POST ${emulator.origin}/__emulator/phone -d '{"projectId":912,"state":"CONNECTED","connectedNumber":"61491570156"}'
  Status calls are limited to 3 a minute per account, as upstream: a call over it is dropped (no answer).

Control (loopback only): POST ${emulator.origin}/__emulator/scenario  {"latencyMs": 2000}
                         POST ${emulator.origin}/__emulator/reset
                         POST ${emulator.origin}/__emulator/phone     {"projectId":715,"state":"TIMEOUT","queue":3}
                         GET  ${emulator.origin}/__emulator/phone?projectId=715  (its state, the commands it received)
                         GET  ${emulator.origin}/__emulator/stats     (status calls per account, dropped ones)
Stop with Ctrl+C.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the emulator.`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    console.error('That port is already in use. Pick another with --port N (or --port 0 for any free port).');
  else console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
