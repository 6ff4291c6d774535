// The browser preview: the real core (keychain, cache, HTTP client, sync) in Node, the built renderer
// served on 127.0.0.1, and the IPC contract bridged over HTTP. A development and test tool; never packaged.
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { resolveDataDir } from '../core/data-dir';
import { createLineSink, createLogger } from '../core/logger';
import { type PickyCore, openPickyCore } from '../core/picky-core';
import type { FetchProjects, Logger, SecretStore } from '../core/ports';
import { stateForWindow } from '../core/project-tokens';
import { createCoreHandlers } from '../shared/core-handlers';
import { dispatchInvoke } from '../shared/ipc-dispatch';
import { withFailureLog } from '../shared/logged-handlers';
import type { EventName } from '../shared/ipc-contract';
import { SECRET_HEADER, sameOrigin, secretMatches } from './bridge-guard';
import { type StaticFile, injectBridgeScript, readStaticFile } from './static-files';

export interface PreviewOptions {
  /** 0 picks a free port. Default: env PICKY_PREVIEW_PORT, else 4020. */
  port?: number;
  /** Default: PICKY_TRAY_HOME, else the app's usual folder. */
  dataDir?: string;
  /** Default: process.env (PICKY_API_URL and PICKY_TRAY_HOME are honoured). */
  env?: Record<string, string | undefined>;
  /** Default: the OS keychain. Tests pass a keychain store with their own service name. */
  secrets?: SecretStore;
  fetchProjects?: FetchProjects;
  /** The built renderer. Default: dist/renderer under the current folder. */
  rendererDir?: string;
  /** Start the periodic refresh (and one right away). Default true. */
  backgroundRefresh?: boolean;
  /** Called with each URL a page asked to open (the preview cannot open a browser itself). */
  onOpenExternal?: (url: string) => void;
  /** Default: the log's lines on stderr (the terminal the preview runs in). Tests pass an in-memory one. */
  logger?: Logger;
}

export interface PreviewHandle {
  /** The address to open, with `#secret=…`. */
  url: string;
  origin: string;
  secret: string;
  port: number;
  core: PickyCore;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
const MAX_BODY_BYTES = 64 * 1024;
const BRIDGE_SCRIPT_PATH = '/preview-bridge.js';

async function compileBridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirnameOf(), 'http-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no preview bridge script');
  return file.text;
}

// This file runs under tsx (CommonJS) and under Playwright's loader; both give __dirname.
function __dirnameOf(): string {
  return typeof __dirname === 'string' ? __dirname : resolve(process.cwd(), 'app/preview');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function refuse(res: ServerResponse): void {
  send(res, 403, 'text/plain; charset=utf-8', 'Forbidden\n');
}

/** The request body, or TOO_LARGE past MAX_BODY_BYTES. The rest of a too-large body is read and dropped
 *  (not left unread), so the client gets its 413 instead of a reset connection. */
const TOO_LARGE = Symbol('too-large');

function readBody(req: IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        resolveBody(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', rejectBody);
  });
}

function parseRequest(text: string): { name: unknown; input: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    return { name: record.name, input: record.input };
  } catch {
    // Not JSON: the page gets its 400, and nothing ran.
    return undefined;
  }
}

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewHandle> {
  const env = options.env ?? process.env;
  const logger =
    options.logger ?? createLogger({ sinks: [createLineSink((line) => void process.stderr.write(`${line}\n`))] });
  const dataDir = options.dataDir ?? resolveDataDir({ env, platform: process.platform, homedir: homedir() });
  const rendererDir = resolve(options.rendererDir ?? resolve(process.cwd(), 'dist/renderer'));
  const indexFile = await readStaticFile(rendererDir, 'index.html');
  if (!indexFile) {
    throw new Error(
      `The renderer is not built (no ${resolve(rendererDir, 'index.html')}). Run \`npm run build:renderer\` first.`,
    );
  }
  const bridgeScript = await compileBridgeScript();
  const indexHtml = injectBridgeScript(indexFile.body.toString('utf8'), BRIDGE_SCRIPT_PATH);
  // The build's files are read once, like the index page above: a page load then costs no disk round trips.
  // (A rebuilt renderer has new asset names anyway, so the preview is restarted after a build.)
  const files = new Map<string, Promise<StaticFile | undefined>>();
  const staticFile = (path: string) => {
    let file = files.get(path);
    if (!file) {
      file = readStaticFile(rendererDir, path);
      files.set(path, file);
      // Remember only what exists: a miss is cheap and must not grow the map without bound.
      void file.then((f) => f ?? files.delete(path));
    }
    return file;
  };

  const core = await openPickyCore({
    dataDir,
    env,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.fetchProjects ? { fetchProjects: options.fetchProjects } : {}),
    logger,
  });
  const coreHandlers = createCoreHandlers(core, {
    mode: 'preview',
    version: process.env.npm_package_version ?? '0.0.0-preview',
    platform: process.platform,
    openQr: async () => false,
    openExternal: async (url: string) => {
      options.onOpenExternal?.(url);
      return false;
    },
    // The preview writes no log file: its log lines go to the terminal it runs in (or to the test's logger).
    openLogsFolder: async () => ({
      opened: false,
      message: 'The preview writes no log file: its log is printed in the terminal where `npm run preview` runs.',
    }),
    log: logger.child('ipc'),
  });
  const handlers = withFailureLog(coreHandlers, logger.child('ipc'));

  const secret = randomBytes(32).toString('hex');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const broadcast = (event: EventName, payload: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const unsubscribers = [
    core.subscribe((s) => broadcast('stateChanged', stateForWindow(s))),
    core.onDiff((d) => broadcast('projectsChanged', d)),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!sameOrigin(req, port)) return refuse(res);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;

    if (path.startsWith('/__bridge/')) {
      if (!secretMatches(req.headers[SECRET_HEADER], secret)) return refuse(res);
      if (path === '/__bridge/invoke' && req.method === 'POST') {
        const body = await readBody(req);
        if (body === TOO_LARGE) {
          res.setHeader('connection', 'close');
          return send(res, 413, 'text/plain; charset=utf-8', 'Request too large\n');
        }
        const request = parseRequest(body);
        if (!request) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
        const envelope = await dispatchInvoke(handlers, request.name, request.input);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
      }
      if (path === '/__bridge/events' && req.method === 'GET') {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/event-stream; charset=utf-8',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => {
          clearInterval(ping);
          streams.delete(res);
        });
        return;
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    if (path === '/' || path === '/index.html') return send(res, 200, 'text/html; charset=utf-8', indexHtml);
    if (path === BRIDGE_SCRIPT_PATH) return send(res, 200, 'text/javascript; charset=utf-8', bridgeScript);
    const file = await staticFile(path);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    return send(res, 200, file.type, file.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('The preview failed to answer a request', { method: req.method, error });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'The preview failed to answer.\n');
      else res.end();
    });
  });
  const wanted = options.port ?? Number(env.PICKY_PREVIEW_PORT ?? 4020);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(Number.isInteger(wanted) && wanted >= 0 ? wanted : 4020, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : wanted;
  const origin = `http://127.0.0.1:${port}`;

  if (options.backgroundRefresh !== false) {
    core.startBackgroundRefresh();
    // Opening the preview is like opening the app: refresh now rather than at the next interval, so the page shows
    // current projects (or says why it could not) instead of only the offline copy.
    if ((await core.getTokenStatus()).stored) void core.kick();
  }

  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    secret,
    port,
    core,
    async close() {
      for (const off of unsubscribers) off();
      core.stopBackgroundRefresh();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await core.dispose();
    },
  };
}
