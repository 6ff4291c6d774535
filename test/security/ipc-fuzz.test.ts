// IPC fuzz: every invoke channel, fed inputs that do not match its schema, answers a bad-input envelope, runs no
// handler, never throws, and leaves Object.prototype untouched. The handlers here only record that they ran, so
// the test sees exactly whether dispatchInvoke let something through.
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../app/core/sync-state';
import { INVOKE_NAMES, type InvokeHandlers, type InvokeName, type SettingsView } from '../../app/shared/ipc-contract';
import { dispatchInvoke } from '../../app/shared/ipc-dispatch';

const MEGABYTE = 'x'.repeat(1024 * 1024);
const SYNC_STATE: SyncState = { kind: 'no-token', projects: [], source: 'none', failures: 0 };
const SETTINGS_VIEW: SettingsView = {
  settings: { refreshIntervalMinutes: 15, launchAtLogin: false, notifications: true },
  effectiveBaseUrl: 'https://pickyassist.com/app/api/v2',
  baseUrlFromEnv: false,
  launchAtLoginSupported: false,
};

function recordingHandlers(ran: InvokeName[]): InvokeHandlers {
  const record =
    <T>(name: InvokeName, value: T) =>
    async (): Promise<T> => {
      ran.push(name);
      return value;
    };
  return {
    getAppInfo: record('getAppInfo', { version: '0.0.0', mode: 'preview' as const, platform: 'linux' }),
    getState: record('getState', SYNC_STATE),
    refresh: record('refresh', SYNC_STATE),
    getTokenStatus: record('getTokenStatus', { stored: false }),
    setToken: record('setToken', SYNC_STATE),
    clearToken: record('clearToken', SYNC_STATE),
    getSettings: record('getSettings', SETTINGS_VIEW),
    updateSettings: record('updateSettings', SETTINGS_VIEW),
    clearCache: record('clearCache', SYNC_STATE),
    openExternal: record('openExternal', { opened: false }),
    openQr: record('openQr', { handled: false }),
    openLogsFolder: record('openLogsFolder', { opened: false, message: 'No log file here.' }),
    openDashboard: record('openDashboard', { opened: false, url: 'https://pickyassist.com/app/' }),
    revealApiToken: record('revealApiToken', { token: 'x' }),
    copyApiToken: record('copyApiToken', { copied: true }),
    addManualProject: record('addManualProject', { state: SYNC_STATE, projectId: 7, check: 'no-token' as const }),
    editManualProject: record('editManualProject', { state: SYNC_STATE, projectId: 7, check: 'no-token' as const }),
    removeManualProject: record('removeManualProject', SYNC_STATE),
    focusPhone: record('focusPhone', { focused: true }),
    phoneCheckSlot: record('phoneCheckSlot', { at: '2026-11-30T12:00:00.000Z' }),
    checkPhone: record('checkPhone', { at: '2026-11-30T12:00:00.000Z' }),
    phoneCommand: record('phoneCommand', { sent: true }),
  };
}

// Built with JSON.parse so `__proto__` is an own key, exactly as it arrives from the wire.
const protoPayloads = (inner: string): unknown[] => [
  JSON.parse(`{"__proto__": {"polluted": "yes"}${inner}}`),
  JSON.parse(`{"constructor": {"prototype": {"polluted": "yes"}}${inner}}`),
  JSON.parse(`{"prototype": {"polluted": "yes"}${inner}}`),
  JSON.parse(`{"__proto__": {"__proto__": {"polluted": "yes"}}${inner}}`),
];

/** Inputs that a channel taking no input must refuse (null and undefined mean "no input" and are allowed). */
const notNothing: unknown[] = [
  {},
  [],
  [undefined],
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  '',
  MEGABYTE,
  true,
  { token: 'abc' },
  ...protoPayloads(''),
];

/** What each channel must refuse. Channels that take no input all share `notNothing`. */
const badApiTokenInputs: unknown[] = [
  undefined,
  null,
  {},
  [],
  { projectId: 7 },
  { index: 0 },
  { projectId: 7, index: -1 },
  { projectId: 7, index: 1.5 },
  { projectId: 7, index: '0' },
  { projectId: 7, index: Number.NaN },
  { projectId: 7, index: 1e9 },
  { projectId: -1, index: 0 },
  { projectId: 7, index: 0, extra: true },
  MEGABYTE,
  ...protoPayloads(', "projectId": 7, "index": 0'),
];

const badManualAdd: unknown[] = [
  undefined,
  null,
  {},
  [],
  { licenseKey: 'K' },
  { name: 7 },
  { name: 'Desk', licenseKey: 7 },
  { name: 'Desk', apiToken: ['x'] },
  { name: 'Desk', licenseKey: MEGABYTE },
  { name: MEGABYTE },
  { name: 'Desk', saveUnchecked: 'yes' },
  { name: 'Desk', extra: true },
  ...protoPayloads(', "name": "Desk"'),
];
const badManualEdit: unknown[] = [
  undefined,
  null,
  {},
  { name: 'Desk' },
  { projectId: -1 },
  { projectId: 1.5 },
  { projectId: '7' },
  { projectId: 7, apiToken: MEGABYTE },
  { projectId: 7, licenseKey: 7 },
  { projectId: 7, extra: true },
  ...protoPayloads(', "projectId": 7'),
];

const badInputs: Record<InvokeName, unknown[]> = {
  addManualProject: badManualAdd,
  editManualProject: badManualEdit,
  removeManualProject: [undefined, null, {}, { projectId: -1 }, { projectId: '7' }, { projectId: 7, extra: 1 }],
  revealApiToken: badApiTokenInputs,
  copyApiToken: badApiTokenInputs,
  getAppInfo: notNothing,
  getState: notNothing,
  refresh: notNothing,
  getTokenStatus: notNothing,
  clearToken: notNothing,
  getSettings: notNothing,
  clearCache: notNothing,
  openLogsFolder: notNothing,
  openDashboard: notNothing,
  setToken: [
    undefined,
    null,
    {},
    [],
    ['token'],
    'a-token-as-a-bare-string',
    { token: null },
    { token: 123 },
    { token: Number.NaN },
    { token: ['abc'] },
    { token: { toString: 'abc' } },
    { token: '' },
    { token: '   \n\t ' },
    { token: MEGABYTE },
    { token: 'x'.repeat(513) },
    { token: 'fine-token', extra: true },
    { token: 'fine-token', isAdmin: true, __internal: 1 },
    ...protoPayloads(', "token": "fine-token"'),
    ...protoPayloads(''),
    JSON.parse('{"__proto__": {"token": "inherited-token"}}'),
  ],
  updateSettings: [
    undefined,
    null,
    [],
    [{ notifications: true }],
    'notifications=true',
    42,
    { refreshIntervalMinutes: Number.NaN },
    { refreshIntervalMinutes: Number.POSITIVE_INFINITY },
    { refreshIntervalMinutes: Number.NEGATIVE_INFINITY },
    { refreshIntervalMinutes: -5 },
    { refreshIntervalMinutes: 0 },
    { refreshIntervalMinutes: 2.5 },
    { refreshIntervalMinutes: 1441 },
    { refreshIntervalMinutes: '15' },
    { refreshIntervalMinutes: null },
    { launchAtLogin: 'yes' },
    { launchAtLogin: 1 },
    { notifications: null },
    { apiBaseUrl: 'javascript:alert(1)' },
    { apiBaseUrl: 'file:///etc/passwd' },
    { apiBaseUrl: 'https://user:secret@example.com/api' },
    { apiBaseUrl: 'not a url' },
    { apiBaseUrl: `https://example.com/${MEGABYTE}` },
    { apiBaseUrl: MEGABYTE },
    { apiBaseUrl: 12 },
    { notifications: true, extra: 1 },
    { notifications: true, token: 'sneaky' },
    ...protoPayloads(', "notifications": true'),
    ...protoPayloads(''),
  ],
  openExternal: [
    undefined,
    null,
    {},
    [],
    'https://example.com',
    { url: null },
    { url: 42 },
    { url: ['https://example.com'] },
    { url: `https://example.com/${MEGABYTE}` },
    { url: 'https://example.com', target: '_self' },
    ...protoPayloads(', "url": "https://example.com"'),
  ],
  openQr: [
    undefined,
    null,
    {},
    [],
    [1],
    7,
    '7',
    { projectId: null },
    { projectId: '7' },
    { projectId: Number.NaN },
    { projectId: Number.POSITIVE_INFINITY },
    { projectId: Number.NEGATIVE_INFINITY },
    { projectId: -1 },
    { projectId: -0.5 },
    { projectId: 1.5 },
    { projectId: Number.MAX_SAFE_INTEGER + 2 },
    { projectId: 1e308 },
    { projectId: MEGABYTE },
    { projectId: 7, extra: true },
    ...protoPayloads(', "projectId": 7'),
  ],
  focusPhone: [
    undefined,
    {},
    { projectId: -1 },
    { projectId: '715' },
    { projectId: 7, extra: 1 },
    ...protoPayloads(', "projectId": 7'),
  ],
  phoneCheckSlot: notNothing,
  checkPhone: [undefined, null, {}, { projectId: -1 }, { projectId: 1.5 }, ...protoPayloads(', "projectId": 7')],
  phoneCommand: [
    undefined,
    { projectId: 715 },
    { projectId: 715, command: 'reset' },
    { projectId: 715, command: 'delete-message-queue' },
    { projectId: 715, command: 'restart', confirmed: 'yes' },
    { projectId: 715, command: 'restart', token: 'x' },
    ...protoPayloads(', "projectId": 7, "command": "restart"'),
  ],
};

/** One valid input per channel: proves the recording handlers do run when the input is right. */
const goodInputs: Record<InvokeName, unknown> = {
  getAppInfo: undefined,
  getState: null,
  refresh: undefined,
  getTokenStatus: undefined,
  clearToken: undefined,
  getSettings: undefined,
  clearCache: undefined,
  setToken: { token: '  fine-token  ' },
  updateSettings: { refreshIntervalMinutes: 30, apiBaseUrl: null },
  openExternal: { url: 'https://example.com' },
  openQr: { projectId: 7 },
  openLogsFolder: undefined,
  openDashboard: undefined,
  revealApiToken: { projectId: 7, index: 0 },
  copyApiToken: { projectId: 7, index: 1 },
  addManualProject: { name: 'Front desk', licenseKey: 'PKYA-1', apiToken: '', saveUnchecked: false },
  editManualProject: { projectId: 7, name: 'Desk', apiToken: null },
  removeManualProject: { projectId: 7 },
  focusPhone: { projectId: null },
  phoneCheckSlot: undefined,
  checkPhone: { projectId: 715 },
  phoneCommand: { projectId: 715, command: 'clear-queue', confirmed: true },
};

function describeInput(input: unknown): string {
  if (typeof input === 'string') return input.length > 40 ? `string(${input.length})` : JSON.stringify(input);
  if (typeof input === 'number') return String(input);
  if (input === undefined) return 'undefined';
  const text = JSON.stringify(input, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `<${v.length} chars>` : v,
  );
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const prototypeKeysBefore = Reflect.ownKeys(Object.prototype).map(String).sort();

afterAll(() => {
  // Nothing any test in this file did may have reached the shared prototype.
  expect(Reflect.ownKeys(Object.prototype).map(String).sort()).toEqual(prototypeKeysBefore);
});

describe('IPC fuzz: inputs that do not match the contract', () => {
  it('covers every invoke channel of the contract', () => {
    expect(Object.keys(badInputs).sort()).toEqual([...INVOKE_NAMES].sort());
  });

  for (const name of INVOKE_NAMES) {
    it(`${name}: each bad input gets a bad-input envelope and no handler runs`, async () => {
      const ran: InvokeName[] = [];
      const handlers = recordingHandlers(ran);
      for (const input of badInputs[name]) {
        const label = `${name} ← ${describeInput(input)}`;
        const envelope = await dispatchInvoke(handlers, name, input);
        expect(envelope, label).toMatchObject({ ok: false, error: { code: 'bad-input' } });
        if (envelope.ok) continue;
        // A short sentence, never an echo of what was sent (a megabyte, or a token pasted into the wrong field).
        expect(envelope.error.message.length, label).toBeLessThan(400);
        expect(envelope.error.message, label).not.toContain('fine-token');
        expect(envelope.error.message, label).not.toContain('sneaky');
        expect(envelope.error.message, label).not.toContain('xxxxxxxxxxxxxxxxxxxx');
        expect(ran, label).toEqual([]);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`${name}: a valid input does reach its handler (the fuzz can fail)`, async () => {
      const ran: InvokeName[] = [];
      const envelope = await dispatchInvoke(recordingHandlers(ran), name, goodInputs[name]);
      expect(envelope).toMatchObject({ ok: true });
      expect(ran).toEqual([name]);
    });
  }

  it('refuses channel names that are not in the contract, including inherited property names', async () => {
    const ran: InvokeName[] = [];
    const handlers = recordingHandlers(ran);
    const names: unknown[] = [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'picky:token:set', // the channel string is not the invoke name
      'SETTOKEN',
      '',
      MEGABYTE,
      null,
      undefined,
      42,
      Number.NaN,
      ['setToken'],
      { name: 'setToken' },
      JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    ];
    for (const name of names) {
      const envelope = await dispatchInvoke(handlers, name, { token: 'fine-token' });
      expect(envelope, describeInput(name)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    expect(ran).toEqual([]);
  });

  it('turns a handler that throws a non-PickyError into a generic internal error, not a stack trace', async () => {
    const handlers = recordingHandlers([]);
    handlers.getState = async () => {
      throw new TypeError('secret internals at /home/user/app.ts:12');
    };
    const envelope = await dispatchInvoke(handlers, 'getState', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('app.ts');
  });

  it('rejects a handler answer that breaks the output contract instead of passing it on', async () => {
    const handlers = recordingHandlers([]);
    const leaky = { ...SYNC_STATE, kind: 'hacked' };
    handlers.getState = async () => leaky as unknown as SyncState;
    const envelope = await dispatchInvoke(handlers, 'getState', undefined);
    expect(envelope.ok).toBe(false);
  });
});
