// A Picky Assist–compatible HTTP server (node:http) for tests, the demo and development. It answers like the
// documented API (HTTP 200 with status 100 on success, error envelopes for bad tokens) and can misbehave on
// demand (see scenario.ts). Control endpoints under /__emulator/ exist only when bound to loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  DEMO_TOKEN,
  SECOND_TOKEN,
  HOSTILE_TOKEN,
  buildHostileProjects,
  buildDemoProjects,
  buildSecondProjects,
  generateProjects,
  phoneDefaultsFor,
  toWire,
  type FixtureProject,
} from './fixtures';
import {
  DEVICE_COMMANDS,
  PhonePatchSchema,
  createPhones,
  type DeviceCommandWord,
  type PhoneView,
  type StatusStats,
} from './phones';
import { DEFAULT_SCENARIO, applyScenario, type Scenario, type ScenarioPatch } from './scenario';

export type { Scenario, ScenarioPatch } from './scenario';

export const API_PREFIX = '/app/api/v2';
const GET_PROJECTS = `${API_PREFIX}/pm/get-projects`;
const DEVICE_STATUS = `${API_PREFIX}/device-status`;
const DEVICE_ACTION = `${API_PREFIX}/device-action`;
/** Accounts by Master token, as the stats name them (never by token). */
const ACCOUNT_LABELS: Readonly<Record<string, string>> = { [DEMO_TOKEN]: 'demo', [SECOND_TOKEN]: 'second' };
const MAX_REQUEST_BYTES = 64 * 1024;
/** The Project Management API as documented since 1 Feb 2023: every request fails, in the usual envelope. */
export const LISTING_REFUSED = Object.freeze({
  status: 400,
  message: 'Project Management API is disabled. Any request made to this end point will fail.',
});

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  scenario?: Partial<Scenario>;
  /** The emulator's clock (phones, the status rate limit); default Date.now. */
  now?: () => number;
}

export interface RunningEmulator {
  origin: string;
  /** origin + '/app/api/v2': what the app's API address setting (or PICKY_API_URL) takes. */
  baseUrl: string;
  port: number;
  setScenario(s: Partial<Scenario>): void;
  resetScenario(): void;
  /** Requests received on `path` (a URL path such as '/app/api/v2/pm/get-projects'); all API requests without one. */
  requestCount(path?: string): number;
  /** Every request received, control endpoints included, as it arrived: for tests that check what reached a
   *  server (a token must never reach one it was not checked with). */
  received(): readonly ReceivedRequest[];
  /** Status calls per account ('demo', 'second'): received, answered, dropped over the limit, most in any minute. */
  statusStats(): Record<string, StatusStats>;
  /** Sets a project's phone, as POST /__emulator/phone does. */
  setPhone(patch: unknown): void;
  /** A project's phone as GET /__emulator/phone?projectId=… reads it: its state and the commands it received. */
  phone(projectId: number): PhoneView;
  close(): Promise<void>;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Header names and values, as sent. */
  headers: readonly string[];
  /** The body as text (at most the first 64 KiB). */
  body: string;
}

const RequestBodySchema = z.looseObject({
  token: z.unknown().optional(),
  project_id: z.unknown().optional(),
  application: z.unknown().optional(),
  command: z.unknown().optional(),
});

interface Envelope {
  [key: string]: unknown;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const controlEnabled = isLoopback(host);
  let scenario: Scenario = applyScenario(DEFAULT_SCENARIO, options.scenario ?? {});
  const clockNow = options.now ?? Date.now;
  const counts = new Map<string, number>();
  const flipCalls = new Map<number, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const log: ReceivedRequest[] = [];
  let origin = '';
  let generated: { count: number; day: string; list: FixtureProject[] } | undefined;
  const phones = createPhones(options.now ?? Date.now);

  const accounts = (): Map<string, FixtureProject[]> => {
    const now = new Date();
    const n = scenario.generatedProjects;
    let demo: FixtureProject[];
    if (n === undefined) demo = buildDemoProjects({ now, qrOrigin: origin });
    else {
      // Generated lists are cached: 10,000 projects per request would be slow to rebuild.
      const day = now.toISOString().slice(0, 10);
      if (!generated || generated.count !== n || generated.day !== day) {
        generated = { count: n, day, list: generateProjects(n, { now, qrOrigin: origin }) };
      }
      demo = generated.list;
    }
    return new Map([
      [DEMO_TOKEN, demo],
      [SECOND_TOKEN, buildSecondProjects({ now, qrOrigin: origin })],
      [HOSTILE_TOKEN, buildHostileProjects({ now, qrOrigin: origin })],
    ]);
  };

  /** The project as it goes on the wire for this call (string ids, the flipping status). */
  const wireProject = (p: FixtureProject): Record<string, unknown> => {
    const wire = toWire(p, scenario.stringIds);
    if (scenario.flipStatus !== undefined && p.project_id === scenario.flipStatus) {
      const calls = (flipCalls.get(p.project_id) ?? 0) + 1;
      flipCalls.set(p.project_id, calls);
      wire.project_status = calls % 2 === 1 ? 'Active' : 'Expired';
    }
    return wire;
  };

  const getProjects = (body: z.infer<typeof RequestBodySchema>): unknown => {
    const tokenError = checkToken(body.token);
    if (tokenError) return tokenError;
    const projects = accounts().get(body.token as string);
    if (!projects) return { status: 401, message: 'Invalid token' };
    const projectId = toProjectId(body.project_id);
    if (projectId === undefined) return { status: 400, message: 'Invalid project_id' };
    if (projectId !== 0) {
      const one = projects.find((p) => p.project_id === projectId);
      if (!one) return { status: 404, message: 'Project not found' };
      return { status: 100, message: 'Success', ...wireProject(one) };
    }
    const list = projects.map(wireProject);
    switch (scenario.listShape) {
      case 'array':
        return list;
      case 'projects':
        return { status: 100, message: 'Success', projects: list };
      case 'single':
        return list.length > 0 ? { status: 100, message: 'Success', ...list[0] } : { status: 100, message: 'Success' };
      default:
        return { status: 100, message: 'Success', data: list };
    }
  };

  /** The project that owns a project API token, its account, and the token's IP limit. */
  const byProjectToken = (
    token: string,
  ): { project: FixtureProject; account: string; ip: string; all: FixtureProject[] } | undefined => {
    for (const [master, projects] of accounts()) {
      for (const project of projects) {
        const entry = project.api_tokens.find((t) => t.token === token);
        if (entry) return { project, account: ACCOUNT_LABELS[master] ?? 'other', ip: entry.ip, all: projects };
      }
    }
    return undefined;
  };

  /** A token limited to another address is refused, as upstream refuses it from anywhere else. */
  const ipRefusal = (ip: string, req: IncomingMessage): Envelope | undefined => {
    if (ip === '' || scenario.ignoreTokenIpLimits) return undefined;
    const from = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    return from === ip ? undefined : { status: 403, message: `Access denied: this API token is restricted to ${ip}` };
  };

  const findDeviceProject = (
    body: z.infer<typeof RequestBodySchema>,
    req: IncomingMessage,
  ): { error: Envelope } | { project: FixtureProject; account: string } => {
    const tokenError = checkToken(body.token);
    if (tokenError) return { error: tokenError };
    const found = byProjectToken(body.token as string);
    if (!found) return { error: { status: 401, message: 'Invalid token' } };
    const refused = ipRefusal(found.ip, req);
    if (refused) return { error: refused };
    return { project: found.project, account: found.account };
  };

  const deviceStatus = (body: z.infer<typeof RequestBodySchema>, req: IncomingMessage): unknown => {
    const found = findDeviceProject(body, req);
    if ('error' in found) return found.error;
    if (body.application !== 10 && body.application !== '10') return { status: 400, message: 'Invalid application' };
    const project = found.project;
    const phone = phones.read(project.project_id, () => phoneDefaultsFor(project));
    return {
      project_id: String(project.project_id),
      status: phone.state,
      connected_number: phone.connectedNumber,
      version: '2.3000.1015',
      message_queue_count: phone.queue,
      time: new Date(clockNow()).toISOString().slice(0, 19).replace('T', ' '),
    };
  };

  const deviceAction = (body: z.infer<typeof RequestBodySchema>, req: IncomingMessage): unknown => {
    const found = findDeviceProject(body, req);
    if ('error' in found) return found.error;
    const command = typeof body.command === 'string' ? body.command.trim() : '';
    if (body.application === 10 || body.application === '10') return { status: 100, message: 'Success' };
    if (!(DEVICE_COMMANDS as readonly string[]).includes(command)) return { status: 400, message: 'Invalid command' };
    const project = found.project;
    phones.command(project.project_id, command as DeviceCommandWord, () => phoneDefaultsFor(project));
    return { status: 100, message: 'Success' };
  };

  /** The account a status call counts against (per account, as the limit is budgeted), if the token is known. */
  const statusAccount = (raw: string): string | undefined => {
    try {
      const body = RequestBodySchema.safeParse(JSON.parse(raw));
      const token = body.success ? body.data.token : undefined;
      return typeof token === 'string' ? byProjectToken(token)?.account : undefined;
    } catch {
      return undefined;
    }
  };

  const answerApi = (req: IncomingMessage, res: ServerResponse, path: string, raw: string): void => {
    if (scenario.hang) return; // Kept open until the client gives up or the emulator closes.
    if (path === DEVICE_STATUS && scenario.deviceStatusFault !== undefined) {
      if (scenario.deviceStatusFault === 'hang') return;
      if (scenario.deviceStatusFault === 'html') return send(res, 502, 'text/html; charset=utf-8', HTML_500);
      return sendJson(res, 200, { status: 401, message: 'Invalid token' });
    }
    if (scenario.http500Html) {
      send(res, 500, 'text/html; charset=utf-8', HTML_500);
      return;
    }
    if (scenario.httpStatus) {
      const { status, message } = scenario.httpStatus;
      sendJson(res, status, { status, message: message ?? 'Service unavailable' });
      return;
    }
    if (scenario.malformedJson) {
      send(res, 200, 'application/json', '{"status":100,"message":"Success","data":[{"project_id":"715","project_na');
      return;
    }
    let parsedBody: z.infer<typeof RequestBodySchema>;
    try {
      const decoded: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      const result = RequestBodySchema.safeParse(decoded);
      if (!result.success) {
        sendJson(res, 200, { status: 400, message: 'Invalid request body' });
        return;
      }
      parsedBody = result.data;
    } catch {
      sendJson(res, 200, { status: 400, message: 'Invalid JSON in request body' });
      return;
    }
    const answer = scenario.apiError
      ? { status: scenario.apiError.status, message: scenario.apiError.message }
      : scenario.listingRefused && path === GET_PROJECTS
        ? LISTING_REFUSED
        : path === GET_PROJECTS
          ? getProjects(parsedBody)
          : path === DEVICE_ACTION
            ? deviceAction(parsedBody, req)
            : deviceStatus(parsedBody, req);
    const text = JSON.stringify(answer);
    if (scenario.closeMidway) {
      const bytes = Buffer.from(text, 'utf8');
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.max(1, bytes.length >> 1)), () => {
        // Flushed half the body: now drop the connection, as a crashing proxy would.
        req.socket.destroy();
      });
      return;
    }
    if (scenario.oversizeBytes !== undefined) {
      streamOversize(res, answer, scenario.oversizeBytes);
      return;
    }
    send(res, 200, 'application/json; charset=utf-8', text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;

    if (path.startsWith('/__emulator/')) {
      if (!controlEnabled) return sendJson(res, 404, { error: 'Control endpoints are only served on loopback.' });
      if (path === '/__emulator/stats' && req.method === 'GET') {
        return sendJson(res, 200, { requests: Object.fromEntries(counts), deviceStatus: phones.stats() });
      }
      if (path === '/__emulator/reset' && req.method === 'POST') {
        resetScenario();
        return sendJson(res, 200, { scenario });
      }
      if (path === '/__emulator/phone' && req.method === 'GET') {
        try {
          return sendJson(res, 200, viewPhone(Number(url.searchParams.get('projectId'))));
        } catch (e) {
          return sendJson(res, 404, { error: e instanceof Error ? e.message : 'No such phone.' });
        }
      }
      if (path === '/__emulator/phone' && req.method === 'POST') {
        try {
          setPhone(raw.trim() === '' ? {} : (JSON.parse(raw) as unknown));
          return sendJson(res, 200, { ok: true });
        } catch (e) {
          return sendJson(res, 400, { error: e instanceof Error ? e.message : 'The body must be JSON.' });
        }
      }
      if (path === '/__emulator/scenario' && req.method === 'POST') {
        try {
          scenario = applyScenario(scenario, raw.trim() === '' ? {} : (JSON.parse(raw) as unknown));
          return sendJson(res, 200, { scenario });
        } catch (e) {
          return sendJson(res, 400, { error: e instanceof z.ZodError ? z.prettifyError(e) : 'The body must be JSON.' });
        }
      }
      return sendJson(res, 404, { error: 'Unknown control endpoint.' });
    }

    counts.set(path, (counts.get(path) ?? 0) + 1);

    if (path.startsWith('/app/qr/') && path.endsWith('.png') && req.method === 'GET') {
      const key = decodeURIComponent(path.slice('/app/qr/'.length, -'.png'.length));
      QRCode.toBuffer(key, { type: 'png', margin: 2, scale: 8 }).then(
        (png) => send(res, 200, 'image/png', png),
        () => sendJson(res, 500, { error: 'Could not draw the QR code.' }),
      );
      return;
    }
    if (path !== GET_PROJECTS && path !== DEVICE_STATUS && path !== DEVICE_ACTION) {
      return sendJson(res, 404, { status: 404, message: 'Not found' });
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { status: 405, message: 'Method not allowed' });
    }
    if (path === DEVICE_STATUS) {
      // Every status call counts against its account, as upstream's limit does; one over the limit is dropped:
      // received and never answered (the connection stays open until the client gives up).
      const account = statusAccount(raw);
      if (account !== undefined && !phones.admitStatusCall(account, scenario.statusLimitPerMinute)) return;
    }
    const delay = scenario.latencyMs;
    if (delay > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answerApi(req, res, path, raw);
      }, delay);
      timers.add(timer);
    } else {
      answerApi(req, res, path, raw);
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      log.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: [...req.rawHeaders],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (tooBig) return sendJson(res, 413, { status: 413, message: 'Request body too large' });
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        sendJson(res, 500, { status: 500, message: `Emulator error: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator did not get a TCP port.');
  const port = address.port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  function resetScenario(): void {
    scenario = applyScenario(DEFAULT_SCENARIO, {});
    flipCalls.clear();
    counts.clear();
    phones.reset();
  }

  /** A project's phone (any account); throws with a readable message for an unknown project. */
  function viewPhone(projectId: number): PhoneView {
    for (const projects of accounts().values()) {
      const project = projects.find((p) => p.project_id === projectId);
      if (project) return phones.view(projectId, () => phoneDefaultsFor(project));
    }
    throw new Error(`There is no project ${projectId} in the emulator.`);
  }

  /** Sets a project's phone (any account); throws with a readable message for a bad patch or unknown project. */
  function setPhone(raw: unknown): void {
    const parsed = PhonePatchSchema.safeParse(raw);
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
    const patch = parsed.data;
    for (const projects of accounts().values()) {
      const project = projects.find((p) => p.project_id === patch.projectId);
      if (project) return phones.set(patch, () => phoneDefaultsFor(project));
    }
    throw new Error(`There is no project ${patch.projectId} in the emulator.`);
  }

  let closing: Promise<void> | undefined;
  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    port,
    setScenario(s: ScenarioPatch) {
      scenario = applyScenario(scenario, s);
    },
    resetScenario,
    statusStats: () => phones.stats(),
    setPhone,
    phone: viewPhone,
    requestCount(path?: string) {
      if (path !== undefined) return counts.get(path) ?? 0;
      let total = 0;
      for (const n of counts.values()) total += n;
      return total;
    },
    received: () => [...log],
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // Hanging and keep-alive connections would hold close() open: end them now.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function checkToken(token: unknown): Envelope | undefined {
  if (token === undefined || token === null || (typeof token === 'string' && token.trim() === '')) {
    return { status: 400, message: 'Token is required' };
  }
  if (typeof token !== 'string') return { status: 401, message: 'Invalid token' };
  return undefined;
}

function toProjectId(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) });
  res.end(bytes);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** A valid-looking answer padded past `minBytes`, streamed in chunks without a content-length. */
function streamOversize(res: ServerResponse, answer: unknown, minBytes: number): void {
  const base = JSON.stringify(answer);
  const open = base.endsWith('}')
    ? `${base.slice(0, -1)}${base.length > 2 ? ',' : ''}"padding":"`
    : `{"status":100,"message":"Success","data":${base},"padding":"`;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const chunk = 'x'.repeat(64 * 1024);
  let sent = Buffer.byteLength(open);
  res.write(open);
  const pump = (): void => {
    while (sent <= minBytes) {
      if (res.destroyed) return;
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end('"}');
  };
  pump();
}

const HTML_500 = `<!DOCTYPE html>
<html><head><title>500 Internal Server Error</title></head>
<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>
`;
