// `npm run preview`: serves the renderer with the real core on 127.0.0.1 and prints the address to open.
import { startPreview } from './preview-server';

function portFromArgs(argv: readonly string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return undefined;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port takes a number from 0 to 65535 (0 picks a free port).');
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFromArgs(process.argv.slice(2));
  const preview = await startPreview({
    ...(port === undefined ? {} : { port }),
    onOpenExternal: (url) => console.log(`The page asked to open: ${url}`),
  });
  console.log('Picky Tray preview is running (a development tool: the real core, in your browser).');
  console.log(`Open: ${preview.url}`);
  console.log('The #secret part authorises this one run; do not share it. Press Ctrl+C to stop.');
  const stop = () => {
    void preview.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : 'The preview could not start.');
  process.exit(1);
});
