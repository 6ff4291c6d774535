// The preview's HTTP bridge end to end, without a browser: the real core, the real keychain (private keyring),
// the real emulator. Invokes come back as contract envelopes; state changes stream as Server-Sent Events.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../app/core/secret-store';
import { SyncStateSchema } from '../../app/core/sync-state';
import { type PreviewHandle, startPreview } from '../../app/preview/preview-server';
import * as z from 'zod/mini';
import { ErrorInfoSchema } from '../../app/core/sync-state';
import { DEMO_TOKEN, buildDemoProjects } from '../emulator/fixtures';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { cacheKeyAccountFor, tokenAccountFor } from '../helpers/accounts';

/** What the bridge answers: an envelope around a value, or around an error a person can read. */
const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);

let emulator: RunningEmulator;
let preview: PreviewHandle;
let dataDir: string;
const service = `Picky Tray preview test ${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dataDir = await mkdtemp(join(tmpdir(), 'picky-tray-preview-'));
  preview = await startPreview({
    port: 0,
    dataDir,
    env: { PICKY_API_URL: emulator.baseUrl, PICKY_TRAY_HOME: dataDir },
    secrets: createKeytarSecretStore(service),
  });
});

afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  const secrets = createKeytarSecretStore(service);
  await secrets.delete(tokenAccountFor(emulator.baseUrl)).catch(() => false);
  await secrets.delete(cacheKeyAccountFor(emulator.baseUrl)).catch(() => false);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function invoke(name: string, input: unknown = null): Promise<unknown> {
  const res = await fetch(`${preview.origin}/__bridge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-picky-preview-secret': preview.secret, origin: preview.origin },
    body: JSON.stringify({ name, input }),
  });
  expect(res.status).toBe(200);
  return EnvelopeSchema.parse(await res.json());
}

/** Reads the event stream until `until` accepts an event; returns every event seen. */
async function collectEvents(
  until: (event: string, data: unknown) => boolean,
  start: () => Promise<void>,
): Promise<Array<[string, unknown]>> {
  const controller = new AbortController();
  const res = await fetch(`${preview.origin}/__bridge/events`, {
    headers: { 'x-picky-preview-secret': preview.secret },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: Array<[string, unknown]> = [];
  await start();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const parsed: unknown = JSON.parse(data);
        seen.push([event, parsed]);
        if (until(event, parsed)) return seen;
      }
    }
  } finally {
    controller.abort();
  }
  return seen;
}

describe('preview bridge', () => {
  it('answers invokes with envelopes and never hands out the token', async () => {
    expect(await invoke('getTokenStatus')).toMatchObject({ ok: true, value: { stored: false } });
    const info = await invoke('getAppInfo');
    expect(info).toMatchObject({ ok: true, value: { mode: 'preview' } });
    const bad = await invoke('noSuchChannel');
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('streams state changes while setToken fetches the projects', async () => {
    const names = buildDemoProjects()
      .map((p) => p.project_name)
      .sort();
    const events = await collectEvents(
      (event, data) => event === 'stateChanged' && SyncStateSchema.parse(data).kind === 'ok',
      async () => {
        const result = await invoke('setToken', { token: DEMO_TOKEN });
        expect(result).toMatchObject({ ok: true });
      },
    );
    const last = SyncStateSchema.parse(events.filter(([e]) => e === 'stateChanged').at(-1)?.[1]);
    expect(last.projects.map((p) => p.name).sort()).toEqual(names);
    // The token itself never crosses the bridge, in an event or an answer.
    expect(JSON.stringify(events)).not.toContain(DEMO_TOKEN);
    expect(JSON.stringify(await invoke('getState'))).not.toContain(DEMO_TOKEN);
    expect(await invoke('getTokenStatus')).toMatchObject({ ok: true, value: { stored: true } });
    // The preview has no QR window of its own: the page shows the QR in place.
    expect(await invoke('openQr', { projectId: 715 })).toEqual({ ok: true, value: { handled: false } });
  });

  it('refuses the event stream without the secret', async () => {
    const res = await fetch(`${preview.origin}/__bridge/events`);
    expect(res.status).toBe(403);
  });
});
