// The preview's HTTP bridge over real HTTP: without this run's secret, with a wrong one, from another Origin,
// another site or another Host name (DNS rebinding), both the invoke endpoint and the event stream answer 403,
// and a refused request changes nothing. Payloads that break the contract get bad-input. Every answer carries
// the CSP. A stub renderer folder is served, so this needs no renderer build; the keychain is the real one.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKeytarSecretStore } from '../../app/core/secret-store';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import { DEMO_TOKEN } from '../emulator/fixtures';
import { API_PREFIX, type RunningEmulator, startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { cspDirectives, expectStrictScriptPolicy } from './helpers/csp';
import { tokenAccountFor, cacheKeyAccountFor } from '../helpers/accounts';

const haveBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!haveBus)
  console.warn(
    'Skipping the preview bridge security tests: no D-Bus session for the real keychain; run through scripts/with-keyring.sh.',
  );

const SECRET_HEADER = 'x-picky-preview-secret';
let emulator: RunningEmulator;
let preview: PreviewHandle;
const secrets = createKeytarSecretStore(`Picky Tray bridge security ${randomUUID()}`);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host, Origin and every other header are exactly what the test says. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  waitMs = 0,
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      // agent: false, a connection per request: a connection the server hung up on is never reused.
      {
        host: '127.0.0.1',
        port: preview.port,
        method,
        path,
        agent: false,
        headers: { host: `127.0.0.1:${preview.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        const finish = () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        res.on('end', finish);
        // An event stream never ends by itself: read for a while, then hang up.
        if (waitMs > 0) {
          setTimeout(() => {
            req.destroy();
            finish();
          }, waitMs);
        }
      },
    );
    req.on('error', (e) => (waitMs > 0 ? undefined : fail(e)));
    req.end(body);
  });
}

const invokeBody = (name: string, input: unknown = null): string => JSON.stringify({ name, input });

function invoke(headers: Record<string, string>, name: string, input: unknown = null): Promise<Answer> {
  return raw('POST', '/__bridge/invoke', { 'content-type': 'application/json', ...headers }, invokeBody(name, input));
}

function good(): Record<string, string> {
  return { [SECRET_HEADER]: preview.secret, origin: preview.origin };
}

/** Header sets that must all be refused, each with a reason. */
function refusedHeaderSets(): Array<[string, Record<string, string>]> {
  const s = preview.secret;
  const other = s.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  return [
    ['no secret', { origin: preview.origin }],
    ['an empty secret', { [SECRET_HEADER]: '', origin: preview.origin }],
    ['a wrong secret of the same length', { [SECRET_HEADER]: other, origin: preview.origin }],
    ['the secret minus its last character', { [SECRET_HEADER]: s.slice(0, -1), origin: preview.origin }],
    ['the secret plus one character', { [SECRET_HEADER]: `${s}0`, origin: preview.origin }],
    ['the secret in upper case', { [SECRET_HEADER]: s.toUpperCase(), origin: preview.origin }],
    ['the secret in a cookie instead of the header', { cookie: `${SECRET_HEADER}=${s}`, origin: preview.origin }],
    ['the secret in the Authorization header', { authorization: `Bearer ${s}`, origin: preview.origin }],
    ['another Origin', { [SECRET_HEADER]: s, origin: 'http://evil.example' }],
    ['Origin null (a sandboxed frame or a file)', { [SECRET_HEADER]: s, origin: 'null' }],
    ['the same host on another port', { [SECRET_HEADER]: s, origin: `http://127.0.0.1:${preview.port + 1}` }],
    ['the same host over https', { [SECRET_HEADER]: s, origin: `https://127.0.0.1:${preview.port}` }],
    ['a cross-site fetch', { [SECRET_HEADER]: s, 'sec-fetch-site': 'cross-site' }],
    ['a same-site (other subdomain) fetch', { [SECRET_HEADER]: s, 'sec-fetch-site': 'same-site' }],
    ['another Host name (DNS rebinding)', { [SECRET_HEADER]: s, host: `evil.example:${preview.port}` }],
    [
      'another Host name with our Origin',
      { [SECRET_HEADER]: s, host: `evil.example:${preview.port}`, origin: preview.origin },
    ],
    ['no Host port', { [SECRET_HEADER]: s, host: '127.0.0.1' }],
  ];
}

beforeAll(async () => {
  if (!haveBus) return;
  emulator = await startEmulator({ port: 0 });
  const rendererDir = join(await makeTempDir('bridge-renderer'), 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>stub</title></head><body><script src="./app.js"></script></body></html>',
  );
  await writeFile(join(rendererDir, 'app.js'), 'document.title = "stub app";');
  preview = await startPreview({
    port: 0,
    dataDir: await makeTempDir('bridge-data'),
    env: { PICKY_API_URL: emulator.baseUrl },
    secrets,
    rendererDir,
    backgroundRefresh: false,
  });
});
afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
  await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  await removeTempDirs();
});

describe.skipIf(!haveBus)('preview bridge over real HTTP', () => {
  it('answers this run’s page (the control case)', async () => {
    const answer = await invoke(good(), 'getTokenStatus');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { stored: false } });
  });

  it('refuses every invoke without the right secret, origin and host with 403, and does nothing', async () => {
    for (const [why, headers] of refusedHeaderSets()) {
      // The most harmful request there is: store a token (and so reach the network).
      const answer = await invoke(headers, 'setToken', { token: DEMO_TOKEN });
      expect(answer.status, why).toBe(403);
      expect(answer.body, why).toBe('Forbidden\n');
    }
    expect(emulator.requestCount()).toBe(0);
    expect(JSON.parse((await invoke(good(), 'getTokenStatus')).body)).toMatchObject({
      ok: true,
      value: { stored: false },
    });
    expect(await secrets.get(tokenAccountFor(emulator.baseUrl))).toBeNull();
  });

  it('refuses the event stream the same way, and sends a refused client no event', async () => {
    for (const [why, headers] of refusedHeaderSets()) {
      const answer = await raw('GET', '/__bridge/events', headers);
      expect(answer.status, why).toBe(403);
      expect(answer.headers['content-type'], why).not.toContain('event-stream');
    }
  });

  it('streams state events to this run’s page only', async () => {
    const listening = raw('GET', '/__bridge/events', good(), undefined, 1500);
    const refused = raw('GET', '/__bridge/events', { origin: preview.origin, [SECRET_HEADER]: 'f'.repeat(64) });
    await new Promise((r) => setTimeout(r, 200));
    const set = JSON.parse((await invoke(good(), 'setToken', { token: DEMO_TOKEN })).body) as unknown;
    expect(set, JSON.stringify(set)).toMatchObject({ ok: true, value: { kind: 'ok' } });
    const events = await listening;
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toContain('text/event-stream');
    expect(events.body).toContain('event: stateChanged');
    expect(events.body).not.toContain(DEMO_TOKEN);
    expect((await refused).status).toBe(403);
    expect((await refused).body).not.toContain('stateChanged');
  });

  it('refuses bodies it cannot read and payloads that break the contract, without running a handler', async () => {
    const before = emulator.requestCount(`${API_PREFIX}/pm/get-projects`);
    const post = (body: string) =>
      raw('POST', '/__bridge/invoke', { 'content-type': 'application/json', ...good() }, body);
    // Past the 64 KB body cap the server drops the rest and answers 413. Nothing runs.
    const oversize = (body: string) =>
      post(body).then(
        (a) => a.status,
        (e: NodeJS.ErrnoException) => e.code ?? 'error',
      );
    expect(await oversize('x'.repeat(70 * 1024))).toBe(413);
    expect(await oversize(invokeBody('setToken', { token: 'x'.repeat(1024 * 1024) }))).toBe(413);
    expect((await post('not json')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    expect((await post('"refresh"')).status).toBe(400);
    const envelopes = await Promise.all(
      [
        invokeBody('refresh', { force: true }),
        invokeBody('setToken', { token: 42 }),
        invokeBody('setToken', { token: DEMO_TOKEN, extra: 1 }),
        '{"name": "setToken", "input": {"__proto__": {"token": "x"}}}',
        '{"name": "__proto__", "input": null}',
        '{"name": "constructor", "input": null}',
        invokeBody('openQr', { projectId: -1 }),
        invokeBody('openQr', { projectId: 1e300 }),
        invokeBody('updateSettings', { apiBaseUrl: 'javascript:alert(1)' }),
        invokeBody('openExternal', { url: 'x'.repeat(5000) }),
      ].map(async (body) => JSON.parse((await post(body)).body) as unknown),
    );
    for (const envelope of envelopes) expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(emulator.requestCount(`${API_PREFIX}/pm/get-projects`)).toBe(before);
    expect(({} as Record<string, unknown>).token).toBeUndefined();
  });

  it('only answers GET and POST where they belong', async () => {
    expect((await raw('GET', '/__bridge/invoke', good())).status).toBe(404);
    expect((await raw('DELETE', '/', {})).status).toBe(405);
    expect((await raw('PUT', '/index.html', {})).status).toBe(405);
  });

  it('sends a strict CSP (no inline or eval script) and nosniff with every answer, refusals included', async () => {
    const answers = [
      await raw('GET', '/', {}),
      await raw('GET', '/app.js', {}),
      await raw('GET', '/preview-bridge.js', {}),
      await raw('GET', '/missing.js', {}),
      await invoke(good(), 'getAppInfo'),
      await invoke({}, 'getAppInfo'),
      await raw('GET', '/', { host: `evil.example:${preview.port}` }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 404, 200, 403, 403]);
    for (const answer of answers) {
      const csp = answer.headers['content-security-policy'];
      expect(typeof csp).toBe('string');
      expectStrictScriptPolicy(cspDirectives(String(csp)));
      expect(cspDirectives(String(csp)).get('frame-ancestors')).toEqual(["'none'"]);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
