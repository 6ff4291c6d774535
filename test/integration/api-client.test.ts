// The API client against the real emulator over real HTTP on a random loopback port: every response shape and
// every failure a user can meet, each with its own code and an actionable sentence that never holds the token.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  fetchDeviceStatus,
  fetchProjects,
  postJson,
  sendDeviceCommand,
} from '../../app/core/api-client';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { PickyError, type ErrorCode } from '../../app/core/errors';
import { DEMO_TOKEN, SECOND_TOKEN, buildDemoProjects, buildSecondProjects } from '../emulator/fixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const GET_PROJECTS = '/app/api/v2/pm/get-projects';
const WRONG_TOKEN = 'deadbeefdeadbeefdeadbeefdeadbeef';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterEach(() => emu.resetScenario());
afterAll(async () => {
  await emu.close();
});

/** Runs `fn`, expects a PickyError with `code`, and checks that no token leaks into it. */
async function failure(
  fn: () => Promise<unknown>,
  code: ErrorCode,
  tokens: string[] = [DEMO_TOKEN],
): Promise<PickyError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a PickyError '${code}'`).toBeInstanceOf(PickyError);
  const e = caught as PickyError;
  expect({ code: e.code, message: e.message }).toMatchObject({ code });
  const visible = JSON.stringify({
    message: e.message,
    detail: e.detail,
    details: e.details,
    stack: e.stack,
    cause: String(e.cause),
    causeStack: (e.cause as Error | undefined)?.stack,
  });
  for (const t of tokens) expect(visible).not.toContain(t);
  return e;
}

/** A port on which nothing listens: bind one, note it, close it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('successful answers', () => {
  it('fetches the demo account with string ids, normalized', async () => {
    const projects = await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN });
    expect(projects.map((p) => p.id)).toEqual(buildDemoProjects().map((p) => p.project_id));
    const acme = projects.find((p) => p.id === 715)!;
    expect(acme).toMatchObject({
      name: 'Acme Support Line',
      status: 'active',
      service: 'phone-automation',
      number: '9234324324',
    });
    expect(acme.billingPlan).toBeUndefined();
    expect(acme.amountDebited).toBe('0.00');
    // qr_code_base64 is the base64 of an http URL of a PNG, which the emulator serves.
    const qrUrl = Buffer.from(acme.qrCodeBase64!, 'base64').toString('utf8');
    expect(qrUrl).toBe(`${emu.origin}/app/qr/PKYA-715Q-ACME-7K2D.png`);
    const png = await fetch(qrUrl);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
    expect(projects.find((p) => p.id === 802)!.status).toBe('expired');
    expect(projects.find((p) => p.id === 803)!.status).toBe('deleted');
    expect(projects.find((p) => p.id === 911)!).toMatchObject({ service: 'whatsapp-official', licenseKey: undefined });
  });

  it('keeps accounts apart: the second token sees its own two projects', async () => {
    const projects = await fetchProjects({ baseUrl: emu.baseUrl, token: SECOND_TOKEN });
    expect(projects.map((p) => p.id)).toEqual(buildSecondProjects().map((p) => p.project_id));
  });

  it('reads every list shape the same way', async () => {
    const expected = buildDemoProjects().map((p) => p.project_id);
    for (const listShape of ['data', 'projects', 'array'] as const) {
      emu.setScenario({ listShape });
      const ids = (await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN })).map((p) => p.id);
      expect({ listShape, ids }).toEqual({ listShape, ids: expected });
    }
    emu.setScenario({ listShape: 'single' });
    expect((await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN })).map((p) => p.id)).toEqual([expected[0]]);
  });

  it('reads numeric ids as well as string ids', async () => {
    emu.setScenario({ stringIds: false });
    const projects = await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN });
    expect(projects.find((p) => p.id === 715)!.number).toBe('9234324324');
  });

  it('fetches one project by id, and refuses an unknown id with the server message', async () => {
    const [one, ...rest] = await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, projectId: 716 });
    expect(rest).toEqual([]);
    expect(one).toMatchObject({
      id: 716,
      name: 'Bella Salon Bookings',
      billingPlan: { id: 3, name: 'Phone Automation Medium' },
    });
    const e = await failure(
      () => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, projectId: 424242 }),
      'api-status',
    );
    expect(e.detail).toContain('"Project not found" (status 404)');
    expect(e.details.status).toBe(404);
  });

  it('sends the request the API documents: POST JSON {token, project_id}, and a trailing slash in the base is fine', async () => {
    const before = emu.requestCount(GET_PROJECTS);
    const body = await postJson({
      baseUrl: `${emu.baseUrl}/`,
      path: 'pm/get-projects',
      body: { token: DEMO_TOKEN, project_id: '715' },
    });
    expect(emu.requestCount(GET_PROJECTS)).toBe(before + 1);
    expect(parseProjectsResponse(body).map((p) => p.id)).toEqual([715]);
  });

  it('parses 10,000 generated projects within the default size cap', async () => {
    emu.setScenario({ generatedProjects: 10_000 });
    const projects = await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, timeoutMs: 60_000 });
    expect(projects).toHaveLength(10_000);
    expect(new Set(projects.map((p) => p.id)).size).toBe(10_000);
    expect(projects[0]!.id).toBe(100_000);
  });

  it('refuses, by default, an answer past the 16 MiB cap', async () => {
    emu.setScenario({ oversizeBytes: DEFAULT_MAX_BYTES + 1024 * 1024 });
    const error = await failure(
      () => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, timeoutMs: 60_000 }),
      'too-large',
    );
    expect(error.detail).toContain('16 MiB');
  });

  it('alternates a flipping project between Active and Expired', async () => {
    emu.setScenario({ flipStatus: 716 });
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const projects = await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN });
      statuses.push(projects.find((p) => p.id === 716)!.status);
    }
    expect(statuses).toEqual(['active', 'expired', 'active']);
  });
});

describe('API-level refusals', () => {
  it('reports a wrong token as auth, with the server message and without either token', async () => {
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: WRONG_TOKEN }), 'auth', [
      WRONG_TOKEN,
      DEMO_TOKEN,
    ]);
    expect(e.message).toContain('“Invalid token”');
    expect(e.message).not.toMatch(/401|Settings/);
    expect(e.detail).toContain('status 401');
    expect(e.details.status).toBe(401);
  });

  it('the emulator answers a missing token with its own envelope, read as auth', async () => {
    const body = await postJson({ baseUrl: emu.baseUrl, path: 'pm/get-projects', body: { project_id: 0 } });
    expect(body).toEqual({ status: 400, message: 'Token is required' });
    const e = await failure(async () => parseProjectsResponse(body), 'auth');
    expect(e.message).toContain('“Token is required”');
  });

  it('reports any other status as api-status with the server message and code', async () => {
    emu.setScenario({ apiError: { status: 503, message: 'This API has been disabled' } });
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'api-status');
    expect(e.message).toBe(
      "Picky Assist refused the request — it isn't accepting API requests right now; your token may be fine.",
    );
    expect(e.detail).toBe('Picky Assist said "This API has been disabled" (status 503).');
    expect(e.details.status).toBe(503);
  });

  it('a real HTTP 401 or 403 is a refusal of the token (auth), and an HTTP 503 a refusal of the request', async () => {
    for (const status of [401, 403]) {
      emu.setScenario({ httpStatus: { status, message: 'Unauthorized' } });
      const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'auth');
      expect(e.message).toMatch(/^Picky Assist refused the token — /);
      expect(e.detail).toContain(`HTTP ${status}`);
    }
    emu.setScenario({ httpStatus: { status: 503 } });
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'http-status');
    expect(e.message).toMatch(/^Picky Assist refused the request — .*your token may be fine/);
    expect(e.detail).toBe(`${emu.baseUrl} answered HTTP 503.`);
  });

  it('refuses an empty token before any request is made', async () => {
    const before = emu.requestCount();
    await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: '   ' }), 'no-token');
    expect(emu.requestCount()).toBe(before);
  });
});

describe('transport failures', () => {
  it('HTTP 500 with an HTML page -> http-status naming the code', async () => {
    emu.setScenario({ http500Html: true });
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'http-status');
    expect(e.detail).toContain('HTTP 500');
    expect(e.message).toContain('Try again later');
    expect(e.details.status).toBe(500);
  });

  it('HTTP 404 (wrong API address) -> http-status pointing at the API address', async () => {
    const e = await failure(
      () => fetchProjects({ baseUrl: `${emu.origin}/wrong/path`, token: DEMO_TOKEN }),
      'http-status',
    );
    expect(e.detail).toContain('HTTP 404');
    expect(e.message).toContain('Check the API address.');
    expect(e.message).not.toContain('Settings');
    expect(e.fix).toBe('address');
  });

  it('truncated JSON -> not-json', async () => {
    emu.setScenario({ malformedJson: true });
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'not-json');
    expect(e.detail).toContain('not valid JSON');
  });

  it('a body past the cap -> too-large, whether streamed without a length or declared up front', async () => {
    emu.setScenario({ oversizeBytes: 512 * 1024 });
    const streamed = await failure(
      () => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, maxBytes: 64 * 1024 }),
      'too-large',
    );
    expect(streamed.detail).toContain('passed 64 KiB');
    // The same padded body fits under a larger cap, and the padding is ignored as an unknown field.
    expect(await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, maxBytes: 1024 * 1024 })).toHaveLength(6);
    emu.resetScenario();
    emu.setScenario({ generatedProjects: 2000 });
    await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, maxBytes: 100_000 }), 'too-large');
  });

  it('a server that never answers -> timeout, saying how long it waited', async () => {
    emu.setScenario({ hang: true });
    const e = await failure(
      () => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, timeoutMs: 300 }),
      'timeout',
    );
    expect(e.message).toMatch(/^Can't reach Picky Assist at 127\.0\.0\.1:\d+ — is the emulator running\?/);
    expect(e.detail).toContain('did not answer within 0.3 seconds');
  });

  it('latency under the timeout is only slow, not an error', async () => {
    emu.setScenario({ latencyMs: 150 });
    expect(await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, timeoutMs: 10_000 })).toHaveLength(6);
  });

  it('a connection closed midway through the body -> network', async () => {
    emu.setScenario({ closeMidway: true });
    const e = await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'network');
    expect(e.detail).toContain('broke before');
  });

  it('nothing listening -> connection-refused, naming host and address', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}/app/api/v2`;
    const e = await failure(() => fetchProjects({ baseUrl, token: DEMO_TOKEN }), 'connection-refused');
    // A loopback address: the likely fix is the emulator, and the address is named (it is not the default).
    expect(e.message).toBe(
      `Can't reach Picky Assist at 127.0.0.1:${port} — is the emulator running? Start it with npm run emulator.`,
    );
    expect(e.detail).toBe(`Nothing is listening at ${baseUrl} (ECONNREFUSED).`);
    expect(String(e.cause)).toContain('ECONNREFUSED');
  });

  it('an unknown host -> dns', async () => {
    const e = await failure(
      () =>
        fetchProjects({ baseUrl: 'http://picky-tray-test.invalid/app/api/v2', token: DEMO_TOKEN, timeoutMs: 10_000 }),
      'dns',
    );
    // Not the default address and not a loopback one: named, with no emulator hint, and the fix is the address.
    expect(e.message).toBe(
      "Can't reach Picky Assist at picky-tray-test.invalid — check your internet connection and the API address.",
    );
    expect(e.fix).toBe('address');
    expect(e.detail).toContain('The name picky-tray-test.invalid was not found');
  });

  it('a redirect is reported, not followed with the token', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    let followed = 0;
    const server = createHttpServer((req, res) => {
      if (req.url?.startsWith('/elsewhere')) followed++;
      res.writeHead(307, { location: `/elsewhere${req.url ?? ''}` });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as { port: number };
      const e = await failure(
        () => fetchProjects({ baseUrl: `http://127.0.0.1:${address.port}/app/api/v2`, token: DEMO_TOKEN }),
        'http-status',
      );
      expect(e.detail).toContain('redirect (HTTP 307)');
      expect(e.details.redirect).toBe(true);
      expect(followed).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('the default address is never named, and never gets an emulator hint', async () => {
    const { addressFacts } = await import('../../app/core/api-url');
    expect(addressFacts(new URL('https://pickyassist.com/app/api/v2/'))).toMatchObject({
      isDefault: true,
      isLoopback: false,
    });
    expect(addressFacts(new URL('http://[::1]:4010/app/api/v2'))).toMatchObject({ isDefault: false, isLoopback: true });
    expect(addressFacts(new URL('https://api.example.com/v2'))).toMatchObject({ isDefault: false, isLoopback: false });
  });

  it('an invalid API address -> settings-invalid', async () => {
    await failure(() => fetchProjects({ baseUrl: 'not a url', token: DEMO_TOKEN }), 'settings-invalid');
  });
});

describe('cancelling', () => {
  it('an AbortController stops a request in flight -> aborted', async () => {
    emu.setScenario({ hang: true });
    const controller = new AbortController();
    const pending = fetchProjects({
      baseUrl: emu.baseUrl,
      token: DEMO_TOKEN,
      signal: controller.signal,
      timeoutMs: 20_000,
    });
    // Abort once the server has the request, so this is a cancellation in flight, not before sending.
    while (emu.requestCount(GET_PROJECTS) === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const e = await failure(() => pending, 'aborted');
    expect(e.message).toContain('cancelled');
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await failure(
      () => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN, signal: controller.signal }),
      'aborted',
    );
    expect(emu.requestCount()).toBe(0);
  });
});

describe('device status', () => {
  it('reports a paired phone, an offline one and a project without a phone bridge', async () => {
    const connected = await fetchDeviceStatus({ baseUrl: emu.baseUrl, token: '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2' });
    expect(connected).toMatchObject({ status: 'CONNECTED', connectedNumber: '9234324324' });
    expect(typeof connected.messageQueueCount).toBe('number');
    expect(connected.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await fetchDeviceStatus({ baseUrl: emu.baseUrl, token: 'e5a1c9d7b3f2048e6a1d5c9b7f3e2a0d' })).status).toBe(
      'TIMEOUT',
    );
    expect((await fetchDeviceStatus({ baseUrl: emu.baseUrl, token: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' })).status).toBe(
      'UNPAIRED',
    );
  });

  it('explains a refused IP-limited token as the limit, in a sentence without the token', async () => {
    const limited = '4c6e8a0b2d4f6a8c0e2b4d6f8a0c2e4b';
    const e = await failure(
      () => fetchDeviceStatus({ baseUrl: emu.baseUrl, token: limited, tokenIp: '198.51.100.7' }),
      'ip-limited',
      [limited],
    );
    expect(e.message).toBe(
      "This project's API tokens are limited to 198.51.100.7; add a token without an IP limit in Picky Assist to see its phone here.",
    );
  });

  it('refuses an unknown project token as auth, and shares the transport failures', async () => {
    const e = await failure(() => fetchDeviceStatus({ baseUrl: emu.baseUrl, token: WRONG_TOKEN }), 'auth', [
      WRONG_TOKEN,
    ]);
    expect(e.message).toContain('project API token');
    emu.setScenario({ http500Html: true });
    await failure(() => fetchDeviceStatus({ baseUrl: emu.baseUrl, token: WRONG_TOKEN }), 'http-status', [WRONG_TOKEN]);
  });

  it('sends device commands that change the phone, and refuses a token it does not know', async () => {
    const token = '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2';
    emu.setPhone({ projectId: 715, state: 'CONNECTED', queue: 9 });
    await sendDeviceCommand({ baseUrl: emu.baseUrl, token, command: 'pause-queue' });
    await sendDeviceCommand({ baseUrl: emu.baseUrl, token, command: 'clear-queue' });
    expect((await fetchDeviceStatus({ baseUrl: emu.baseUrl, token })).messageQueueCount).toBe(0);
    await sendDeviceCommand({ baseUrl: emu.baseUrl, token, command: 'restart' });
    expect((await fetchDeviceStatus({ baseUrl: emu.baseUrl, token })).status).toBe('TIMEOUT');
    await failure(() => sendDeviceCommand({ baseUrl: emu.baseUrl, token: WRONG_TOKEN, command: 'restart' }), 'auth', [
      WRONG_TOKEN,
    ]);
  });
});

describe('the emulator itself', () => {
  it('control endpoints set, report and reset the scenario over HTTP (zod-checked)', async () => {
    const bad = await fetch(`${emu.origin}/__emulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 'slow' }),
    });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${emu.origin}/__emulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({ http500Html: true }),
    });
    expect(ok.status).toBe(200);
    await failure(() => fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN }), 'http-status');
    const stats = (await (await fetch(`${emu.origin}/__emulator/stats`)).json()) as {
      requests: Record<string, number>;
    };
    expect(stats.requests[GET_PROJECTS]).toBe(1);
    await fetch(`${emu.origin}/__emulator/reset`, { method: 'POST' });
    expect(await fetchProjects({ baseUrl: emu.baseUrl, token: DEMO_TOKEN })).toHaveLength(6);
  });

  it('closes promptly even with a request hanging', async () => {
    const other = await startEmulator({ port: 0, scenario: { hang: true } });
    const pending = fetchProjects({ baseUrl: other.baseUrl, token: DEMO_TOKEN, timeoutMs: 20_000 }).catch(
      (e: unknown) => e,
    );
    while (other.requestCount(GET_PROJECTS) === 0) await new Promise((r) => setTimeout(r, 10));
    await other.close();
    const e = (await pending) as PickyError;
    expect(e).toBeInstanceOf(PickyError);
    expect(e.code).toBe('network');
  });
});
