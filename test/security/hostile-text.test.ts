// The hostile account (test/emulator/fixtures.ts: escape sequences, C1 controls, bidi overrides and isolates,
// zero-width characters, 10,000-character names, markup) through every surface main and the CLI draw: the CLI run
// in-process against the emulator over real HTTP (stdout and stderr, tables, details, --json, qr, status and the
// error paths), the tray's labels and tooltip, and notifications as each platform's server gets them.
import { createServer, type Server } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/run-cli';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { DISPLAY_LIMITS, displayText, escapeMarkup } from '../../app/core/display-text';
import type { Project } from '../../app/core/model';
import { LEGACY_MASTER_TOKEN_ACCOUNT } from '../../app/core/origin-secrets';
import { diffProjects } from '../../app/core/project-diff';
import { createMemorySecretStore } from '../../app/core/secret-store';
import { notificationForPlatform, notificationsFor } from '../../app/main/notifications';
import { buildTrayMenu, type MenuModel } from '../../app/main/tray-menu';
import { toMenuTemplate } from '../../app/main/tray-menu-template';
import { trayTooltip, TOOLTIP_MAX } from '../../app/main/tray-state';
import {
  HOSTILE_BIDI,
  HOSTILE_C1,
  HOSTILE_ESCAPES,
  HOSTILE_MARKUP,
  HOSTILE_TOKEN,
  buildHostileProjects,
  toWire,
} from '../emulator/fixtures';
import { startEmulator } from '../emulator/server';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

/** Anything a terminal, a tray or a notification server could act on, or that could make text read as other text.
 *  Line feeds are the output's own layout. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/;

let emu: Awaited<ReturnType<typeof startEmulator>>;
let projects: Project[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1' });
  projects = parseProjectsResponse({ status: 100, data: buildHostileProjects().map((p) => toWire(p, true)) });
});
afterAll(async () => {
  await emu?.close().catch(() => undefined);
  await removeTempDirs();
});

async function cli(argv: string[], apiUrl = emu.baseUrl) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli({
    argv,
    env: { PICKY_TRAY_HOME: await makeTempDir('hostile-cli'), PICKY_API_URL: apiUrl, NO_COLOR: '1' },
    stdin: Readable.from(['']) as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    platform: 'linux',
    version: '1.2.3',
    // The single-entry name: opening the core moves it to the address in effect, as after an upgrade.
    secrets: createMemorySecretStore({ [LEGACY_MASTER_TOKEN_ACCOUNT]: HOSTILE_TOKEN }),
  });
  return { code, out, err };
}

describe('the CLI prints no control bytes, whatever the server sends', () => {
  const runs = [
    ['projects'],
    ['projects', '--json'],
    ['project', '901'],
    ['project', '902'],
    ['project', '903'],
    ['project', '902', '--json'],
    ['qr', '901'],
    ['status'],
  ];
  for (const argv of runs) {
    it(`picky-tray ${argv.join(' ')}`, async () => {
      const { code, out, err } = await cli(argv);
      expect(code, err).toBeLessThan(2);
      expect(out).not.toMatch(UNSAFE);
      expect(err).not.toMatch(UNSAFE);
      if (!argv.includes('--json')) expect(out).not.toContain('W'.repeat(DISPLAY_LIMITS.cliValue + 1));
    });
  }

  it('--json keeps the data exact: unsafe characters are escaped, not removed', async () => {
    const { out } = await cli(['project', '901', '--json']);
    expect(out).toContain('\\u001b]0;pwned\\u0007');
    expect((JSON.parse(out) as Project).name).toBe(`Shop${HOSTILE_ESCAPES} bot`);
  });

  it('an error quoting the server’s words prints them cleaned', async () => {
    await fetch(`${emu.origin}/__emulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({
        apiError: { status: 500, message: `down${HOSTILE_ESCAPES}${HOSTILE_C1}${HOSTILE_BIDI}` },
      }),
    });
    try {
      // The server's words are a detail: shown with --verbose, cleaned like everything else.
      const { code, out, err } = await cli(['projects', '--verbose']);
      expect(code).toBe(2);
      expect(err).toContain('down');
      expect(`${out}${err}`).not.toMatch(UNSAFE);
    } finally {
      await fetch(`${emu.origin}/__emulator/reset`, { method: 'POST' });
    }
  });

  it('an answer under an unknown key is refused without echoing the key', async () => {
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 100, [`x${HOSTILE_ESCAPES}`]: [{ project_id: 1, project_name: 'A' }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, out, err } = await cli(['projects', '--verbose'], `http://127.0.0.1:${port}/app/api/v2`);
      expect(code).toBe(2);
      expect(err).toContain('a name Picky Tray does not know');
      expect(`${out}${err}`).not.toMatch(/pwned/);
      expect(`${out}${err}`).not.toMatch(UNSAFE);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

function labels(model: MenuModel): string[] {
  return model.flatMap((i) => ('label' in i ? [i.label] : []).concat(i.type === 'submenu' ? labels(i.items) : []));
}

describe('the tray', () => {
  it('labels and the tooltip are clean and capped', () => {
    const now = Date.now();
    const state = {
      kind: 'ok' as const,
      projects,
      source: 'network' as const,
      failures: 0,
      fetchedAt: new Date(now).toISOString(),
    };
    const model = buildTrayMenu(state, { launchAtLogin: false, now });
    const all = labels(model);
    expect(all.length).toBeGreaterThan(10);
    for (const label of all) {
      expect(label).not.toMatch(UNSAFE);
      expect(label.length).toBeLessThan(DISPLAY_LIMITS.trayName + 60);
    }
    // The status "Active\u202e" shows as "Active", not as reversed text.
    expect(all.some((l) => l.startsWith('Shop]0;pwned[2J bot — Active'))).toBe(true);
    expect(all.some((l) => l.startsWith(`${'W'.repeat(DISPLAY_LIMITS.trayName - 1)}… — Expired`))).toBe(true);
    // What Electron gets: the same labels, & doubled so it is not read as a mnemonic.
    const template = toMenuTemplate(model, () => undefined);
    expect(JSON.stringify(template)).not.toMatch(UNSAFE);
    const tooltip = trayTooltip(state, now);
    expect(tooltip).not.toMatch(UNSAFE);
    expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });
});

describe('notifications', () => {
  const now = Date.now();
  it('bodies are clean and capped, and escaped for markup on Linux', () => {
    const before = projects.map((p) => ({
      ...p,
      status: p.status === 'expired' ? ('active' as const) : ('expired' as const),
    }));
    const { notifications } = notificationsFor(diffProjects(before, projects, now), new Set());
    expect(notifications.length).toBeGreaterThanOrEqual(4);
    const linux = notifications.map((n) => notificationForPlatform(n, 'linux'));
    for (const n of linux) {
      expect(`${n.title}${n.body}`).not.toMatch(UNSAFE);
      expect(n.body).not.toMatch(/<|>/);
      expect(n.body.length).toBeLessThanOrEqual(DISPLAY_LIMITS.notificationBody * 6);
    }
    expect(linux.map((n) => n.body).join('\n')).toContain(
      escapeMarkup(displayText(HOSTILE_MARKUP, DISPLAY_LIMITS.notificationName)),
    );
    for (const n of notifications.map((x) => notificationForPlatform(x, 'darwin'))) {
      expect(`${n.title}${n.body}`).not.toMatch(UNSAFE);
      expect(n.body.length).toBeLessThanOrEqual(DISPLAY_LIMITS.notificationBody);
    }
  });
});
