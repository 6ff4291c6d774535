// `npm run demo` (after `npm run build`), and `npm start` where Electron's binary is missing: Picky Tray against
// the built-in emulator, without a Picky Assist account and without touching your keychain or your settings.
// - starts the emulator on a free port and makes a temporary data folder;
// - launches the desktop app with PICKY_API_URL (the emulator) and PICKY_TRAY_HOME (the temporary folder), and
//   hands it the demo token in a 0600 file in that folder, read once and deleted by the main process, kept in
//   memory only: never in argv or the environment (demo-launch.ts; an unpackaged run honours it, a packaged app
//   ignores it);
// - where Electron's binary is missing, says so and starts the browser preview on the same emulator instead.
// - `--listing-refused`: the emulator refuses every project listing (pm/get-projects, as documented since
//   Feb 2023) while device calls answer; no Master token is handed over, and a demo license key and project API
//   token are printed to add a project by hand.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { checkApiBaseUrl } from '../app/core/api-url';
import { masterTokenAccount } from '../app/core/origin-secrets';
import { createMemorySecretStore } from '../app/core/secret-store';
import { startPreview } from '../app/preview/preview-server';
import { DEMO_TOKEN, MANUAL_DEMO } from '../test/emulator/fixtures';
import { startEmulator } from '../test/emulator/server';
import { launchDesktop } from './demo-launch';

const root = path.resolve(__dirname, '..');

/** The Electron executable, when its binary has been downloaded (node_modules/electron resolves to its path). */
function electronBinary(): string | undefined {
  try {
    const resolved: unknown = createRequire(path.join(root, 'package.json'))('electron');
    return typeof resolved === 'string' && existsSync(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

function emulatorOrigin(baseUrl: string): string {
  const checked = checkApiBaseUrl(baseUrl);
  if (!checked.ok) throw new Error(`The emulator's address was refused: ${checked.reason}`);
  return checked.origin;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--listing-refused');
  if (unknown.length > 0) {
    console.error(`Unknown option: ${unknown.join(' ')}. The demo takes --listing-refused or nothing.`);
    process.exit(64);
  }
  const listingRefused = args.includes('--listing-refused');
  const whatRuns = demoSubject(listingRefused);
  const emulator = await startEmulator({ port: 0, ...(listingRefused ? { scenario: { listingRefused: true } } : {}) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'picky-tray-demo-'));
  const env = { ...process.env, PICKY_API_URL: emulator.baseUrl, PICKY_TRAY_HOME: dataDir };
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  };

  console.log(`Demo: emulator at ${emulator.baseUrl}, temporary data folder ${dataDir}.`);
  if (listingRefused) {
    console.log(
      'This emulator refuses to list projects, like Picky Assist may. Add a project by hand ("Add a project…", or ' +
        '`picky-tray project add --name "Front desk"`) with:',
    );
    console.log(`  License key:       ${MANUAL_DEMO.licenseKey}`);
    console.log(`  Project API token: ${MANUAL_DEMO.apiToken}`);
  }
  const phone = (body: string) => `  curl -X POST ${emulator.origin}/__emulator/phone -d '${body}'`;
  console.log(
    [
      'Phones: Acme Support Line (715) is connected, Bella Salon (716) offline, Harbor Clinic (912) not paired.',
      'Take a phone offline, then bring it back (the list follows within a minute; 3 checks a minute is the budget):',
      phone('{"projectId":715,"state":"TIMEOUT"}'),
      phone('{"projectId":715,"state":"CONNECTED"}'),
      "Pair Harbor Clinic while its QR is open (the QR screen says 'Paired with …' and closes):",
      phone('{"projectId":912,"state":"CONNECTED","connectedNumber":"61491570156"}'),
    ].join('\n'),
  );
  const binary = electronBinary();
  if (binary) {
    const electronArgs = [root];
    // Chromium will not start as root with its sandbox on.
    if (process.platform === 'linux' && process.getuid?.() === 0) electronArgs.push('--no-sandbox');
    const child = launchDesktop({
      binary,
      args: electronArgs,
      env,
      ...(listingRefused ? {} : { token: DEMO_TOKEN }),
      privateDir: dataDir,
    });
    console.log(`Picky Tray is starting ${whatRuns}. Quit it from its tray menu to end the demo.`);
    const stop = () => child.kill('SIGTERM');
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
    await cleanUp();
    process.exit(code);
  }

  console.log(
    "Not the desktop app: Electron's binary is not installed (it downloads from GitHub, which this machine cannot " +
      `reach), so this is the browser preview ${whatRuns}: the same screens and core, without the tray.`,
  );
  const preview = await startPreview({
    env,
    dataDir,
    // The demo token lives in memory only, for the emulator's origin: your keychain is not touched.
    secrets: createMemorySecretStore(
      listingRefused ? {} : { [masterTokenAccount(emulatorOrigin(emulator.baseUrl))]: DEMO_TOKEN },
    ),
    rendererDir: path.join(root, 'dist', 'renderer'),
    onOpenExternal: (url) => console.log(`The page asked to open: ${url}`),
  });
  console.log(`Open: ${preview.url}`);
  console.log('The #secret part authorises this one run. Press Ctrl+C to stop.');
  const stop = () => {
    void preview
      .close()
      .then(cleanUp)
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : 'The demo could not start.');
  process.exit(1);
});

/** What the demo runs, in the words it prints: the demo account, or no account at all and a refused listing. */
function demoSubject(listingRefused: boolean): string {
  return listingRefused
    ? 'with no Master token and the project listing refused (add the project above by hand)'
    : 'with the demo account';
}
