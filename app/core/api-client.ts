// The HTTP side of the Picky Assist API: one POST-JSON transport (timeout, size cap, abort, error
// classification) shared by fetchProjects and fetchDeviceStatus. Uses the global fetch (Node 20, Chromium and
// Electron all have it), so this file stays runtime-agnostic.
//
// The token travels only in the request body. No message, detail or `cause` built here contains the token or
// the request body: causes are rebuilt from the transport error's code and text, never passed through.
import { z } from 'zod';
import { apiStatusError, isSuccessStatus, parseProjectsResponse } from './api-wire';
import { addressFacts, type AddressFacts } from './api-url';
import { PickyError } from './errors';
import type { FetchProjects, FetchProjectsRequest } from './ports';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export interface PostJsonRequest {
  baseUrl: string;
  /** Relative to the base URL, e.g. "pm/get-projects". */
  path: string;
  body: Record<string, unknown>;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

/** POSTs JSON and returns the decoded JSON answer of a 2xx response. Throws PickyError on every failure. */
export async function postJson(request: PostJsonRequest): Promise<unknown> {
  const target = resolveTarget(request.baseUrl, request.path);
  // A zero, negative or non-numeric limit would fail every request at once: fall back to the defaults.
  const timeoutMs = positiveOr(request.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxBytes = positiveOr(request.maxBytes, DEFAULT_MAX_BYTES);
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw abortedError();

  // One controller for both the caller's abort and our timeout, so each can stop the request or the body read;
  // the flag tells them apart afterwards.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request.body),
        signal: controller.signal,
        // Never let a redirect carry the token somewhere else: report it instead.
        redirect: 'manual',
      });
    } catch (e) {
      throw transportError(e, { timedOut, aborted: callerSignal?.aborted === true, target, timeoutMs });
    }

    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await discard(response);
      throw redirectError(response.status, target);
    }
    if (!response.ok) {
      await discard(response);
      throw httpStatusError(response.status, target);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await discard(response);
      throw tooLargeError(maxBytes);
    }

    let text: string;
    try {
      text = await readCapped(response, maxBytes);
    } catch (e) {
      if (e instanceof PickyError) {
        controller.abort();
        throw e;
      }
      throw transportError(e, { timedOut, aborted: callerSignal?.aborted === true, target, timeoutMs });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw notJsonError(text, target);
    }
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

/** `POST {base}/pm/get-projects` with `{token, project_id}`, normalized to domain projects. */
export const fetchProjects: FetchProjects = async (request: FetchProjectsRequest) => {
  const token = requireToken(request.token, 'Master API token');
  const projectId = request.projectId ?? 0;
  if (!Number.isSafeInteger(projectId) || projectId < 0) {
    throw new PickyError(
      'bad-input',
      `"${String(projectId)}" is not a project id. Use a whole number such as 715, or 0 for every project.`,
    );
  }
  const body = await postJson({
    baseUrl: request.baseUrl,
    path: 'pm/get-projects',
    body: { token, project_id: projectId },
    ...optionalTransport(request),
  });
  return parseProjectsResponse(body, { token, projectId });
};

export const DEVICE_STATUSES = ['CONNECTED', 'TIMEOUT', 'UNPAIRED', 'unknown'] as const;
export type DeviceStatusKind = (typeof DEVICE_STATUSES)[number];

export interface DeviceStatus {
  status: DeviceStatusKind;
  /** The project the token belongs to, when sent as a whole number. */
  projectId?: number;
  /** The status text as sent, when it is not one we know. */
  statusText?: string;
  connectedNumber?: string;
  messageQueueCount?: number;
  time?: string;
}

export interface DeviceStatusRequest {
  baseUrl: string;
  /** A project API token (from the project's api_tokens), not the master token. */
  token: string;
  /** The IP address the token is limited to, when it is: a refusal is then explained as that limit. */
  tokenIp?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

const looseText = z.union([z.string(), z.number(), z.null()]).optional();
const DeviceStatusWireSchema = z.object({
  status: z.union([z.string(), z.number(), z.null()]).optional(),
  message: z.unknown().optional(),
  project_id: looseText,
  connected_number: looseText,
  message_queue_count: looseText,
  time: looseText,
});
const DeviceActionWireSchema = z.object({
  status: z.union([z.string(), z.number(), z.null()]).optional(),
  message: z.unknown().optional(),
});

/** The sentence for a refused token that is limited to one IP address (the server says no from anywhere else). */
export function ipLimitedError(ip: string): PickyError {
  return new PickyError(
    'ip-limited',
    `This project's API tokens are limited to ${ip}; add a token without an IP limit in Picky Assist to see its phone here.`,
  );
}

/** A refusal of a limited token is the limit, whatever words the server used. */
function refusal(status: number | string, message: unknown, request: { token: string; tokenIp?: string }): PickyError {
  const error = apiStatusError(status, message, { token: request.token, tokenName: 'project API token' });
  const ip = request.tokenIp?.trim();
  return ip && (error.code === 'auth' || error.code === 'api-status') ? ipLimitedError(ip) : error;
}

/** `POST {base}/device-status` with `{token, application: 10}`: is the phone paired and connected? */
export async function fetchDeviceStatus(request: DeviceStatusRequest): Promise<DeviceStatus> {
  const token = requireToken(request.token, 'project API token');
  const body = await postJson({
    baseUrl: request.baseUrl,
    path: 'device-status',
    body: { token, application: 10 },
    ...optionalTransport(request),
  });
  const parsed = DeviceStatusWireSchema.safeParse(body);
  if (!parsed.success) {
    throw new PickyError(
      'schema',
      'Picky Assist answered the device status request in a shape Picky Tray cannot read. The API may have changed; try again later.',
    );
  }
  const w = parsed.data;
  // Errors come back as a numeric status (like every Picky Assist envelope); states as words.
  const statusWord = typeof w.status === 'string' ? w.status.trim() : undefined;
  const numericStatus = typeof w.status === 'number' || (statusWord !== undefined && /^\d+$/.test(statusWord));
  if (numericStatus && !isSuccessStatus(w.status as number | string)) {
    throw refusal(w.status as number | string, w.message, { token, tokenIp: request.tokenIp });
  }
  const known = DEVICE_STATUSES.find((s) => s !== 'unknown' && s === statusWord?.toUpperCase());
  const result: DeviceStatus = { status: known ?? 'unknown' };
  if (!known && statusWord && !numericStatus) result.statusText = statusWord.slice(0, 80);
  const projectId = textOf(w.project_id);
  if (projectId !== undefined && /^\d{1,15}$/.test(projectId)) result.projectId = Number(projectId);
  const connected = textOf(w.connected_number);
  if (connected !== undefined) result.connectedNumber = connected.slice(0, 40);
  const queue = textOf(w.message_queue_count);
  if (queue !== undefined && /^\d{1,9}$/.test(queue)) result.messageQueueCount = Number(queue);
  const time = textOf(w.time);
  if (time !== undefined) result.time = time.slice(0, 64);
  return result;
}

/** What the phone's bridge app can be told to do (`reset` is deliberately not offered: it wipes the phone's app). */
export const DEVICE_COMMANDS = {
  restart: 'restart',
  'pause-queue': 'stop-message-queue',
  'resume-queue': 'resume-message-queue',
  'clear-queue': 'delete-message-queue',
} as const;
export type DeviceCommand = keyof typeof DEVICE_COMMANDS;

export interface DeviceCommandRequest extends DeviceStatusRequest {
  command: DeviceCommand;
}

/** `POST {base}/device-action` with `{token, command}`. Resolves when Picky Assist accepted the command. */
export async function sendDeviceCommand(request: DeviceCommandRequest): Promise<void> {
  const token = requireToken(request.token, 'project API token');
  const wire = DEVICE_COMMANDS[request.command];
  if (wire === undefined) {
    throw new PickyError('bad-input', 'That phone command is not one Picky Tray offers.');
  }
  const body = await postJson({
    baseUrl: request.baseUrl,
    path: 'device-action',
    body: { token, command: wire },
    ...optionalTransport(request),
  });
  const parsed = DeviceActionWireSchema.safeParse(body);
  if (!parsed.success || parsed.data.status === undefined || parsed.data.status === null) {
    throw new PickyError(
      'schema',
      'Picky Assist answered the phone command in a shape Picky Tray cannot read, so it is not known whether it was done. Check the phone, then try again.',
    );
  }
  if (!isSuccessStatus(parsed.data.status)) {
    throw refusal(parsed.data.status, parsed.data.message, { token, tokenIp: request.tokenIp });
  }
}

function textOf(value: string | number | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const t = String(value).trim();
  return t === '' ? undefined : t;
}

function optionalTransport(r: { signal?: AbortSignal; timeoutMs?: number; maxBytes?: number }) {
  const out: { signal?: AbortSignal; timeoutMs?: number; maxBytes?: number } = {};
  if (r.signal !== undefined) out.signal = r.signal;
  if (r.timeoutMs !== undefined) out.timeoutMs = r.timeoutMs;
  if (r.maxBytes !== undefined) out.maxBytes = r.maxBytes;
  return out;
}

function requireToken(token: string, name: 'Master API token' | 'project API token'): string {
  const trimmed = typeof token === 'string' ? token.trim() : '';
  if (trimmed === '') {
    throw new PickyError(
      'no-token',
      name === 'Master API token'
        ? 'No Master API token is stored — add the one from your Picky Assist dashboard (API → Master API token).'
        : 'This project has no API token to ask for its device status — create one in your Picky Assist dashboard.',
      {},
      name === 'Master API token' ? { fix: 'token' } : {},
    );
  }
  return trimmed;
}

// ---- transport helpers ------------------------------------------------------------------------------------

interface Target extends AddressFacts {
  url: URL;
}

function resolveTarget(baseUrl: string, path: string): Target {
  let base: URL;
  try {
    base = new URL(baseUrl.trim());
  } catch {
    throw new PickyError(
      'settings-invalid',
      'The API address is not a valid web address — use one such as https://pickyassist.com/app/api/v2.',
      {},
      { fix: 'address' },
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new PickyError(
      'settings-invalid',
      'The API address must start with http:// or https:// — correct it.',
      {},
      { fix: 'address' },
    );
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${basePath}/${path.replace(/^\/+/, '')}`);
  return { url, ...addressFacts(base) };
}

/** Reads the body as a stream and stops as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Only stops the download; the size error below is what the user hears about.
      await reader.cancel().catch(() => undefined);
      throw tooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  // TextDecoder rather than Buffer: this file must also run where Node's Buffer does not exist.
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

async function discard(response: Response): Promise<void> {
  // Only frees the connection; the caller throws the error that explains the answer.
  await response.body?.cancel().catch(() => undefined);
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TLS_CODE = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** The `code`s found along the error's cause chain (undici nests them; happy eyeballs uses AggregateError). */
function causeCodes(e: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number) => {
    if (depth > 5 || x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const rec = x as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof rec.code === 'string') codes.push(rec.code);
    visit(rec.cause, depth + 1);
    if (Array.isArray(rec.errors)) for (const inner of rec.errors) visit(inner, depth + 1);
  };
  visit(e, 0);
  return codes;
}

/** A cause that keeps the diagnosis (code + text) and nothing else: no request, no body, no token. */
function safeCause(e: unknown, codes: string[]): Error {
  const deepest = (() => {
    let x: unknown = e;
    for (
      let i = 0;
      i < 5 && x !== null && typeof x === 'object' && 'cause' in x && (x as { cause?: unknown }).cause;
      i++
    ) {
      x = x.cause;
    }
    return x;
  })();
  const text = deepest instanceof Error ? deepest.message : String(deepest);
  const cause = new Error(codes.length > 0 ? `${codes[0]}: ${text}` : text);
  cause.name = deepest instanceof Error ? deepest.name : 'Error';
  return cause;
}

/** "Can't reach Picky Assist — <fix>": the address is named only when it is not the default; the emulator is
 *  suggested only for a loopback address. */
function unreachable(
  code: 'timeout' | 'connection-refused' | 'dns' | 'network',
  target: Target,
  detail: string,
  extra: { details: Record<string, string | number>; cause?: Error; fix?: string },
): PickyError {
  let message: string;
  let fix: 'address' | undefined;
  if (target.isLoopback) {
    message = `Can't reach Picky Assist at ${target.host} — is the emulator running? Start it with npm run emulator.`;
  } else if (target.isDefault) {
    message = `Can't reach Picky Assist — ${extra.fix ?? 'check your internet connection'}.`;
  } else {
    message = `Can't reach Picky Assist at ${target.host} — ${extra.fix ?? 'check your internet connection'} and the API address.`;
    fix = 'address';
  }
  return new PickyError(code, message, extra.details, {
    detail,
    ...(fix ? { fix } : {}),
    ...(extra.cause ? { cause: extra.cause } : {}),
  });
}

function transportError(
  e: unknown,
  state: { timedOut: boolean; aborted: boolean; target: Target; timeoutMs: number },
): PickyError {
  const { target } = state;
  if (state.timedOut) {
    return unreachable(
      'timeout',
      target,
      `${target.base} did not answer within ${seconds(state.timeoutMs)}. The service may be slow or down.`,
      { details: { host: target.host, timeoutMs: state.timeoutMs } },
    );
  }
  if (state.aborted) return abortedError();
  const codes = causeCodes(e);
  const cause = safeCause(e, codes);
  const code = codes[0] ?? '';
  const details = { host: target.host, cause: code || 'unknown' };
  const tag = code ? ` (${code})` : '';
  if (codes.includes('ECONNREFUSED')) {
    return unreachable('connection-refused', target, `Nothing is listening at ${target.base}${tag}.`, {
      details,
      cause,
    });
  }
  if (codes.some((c) => DNS_CODES.has(c))) {
    return unreachable('dns', target, `The name ${target.host} was not found${tag}.`, { details, cause });
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return unreachable('timeout', target, `Connecting to ${target.host} took too long${tag}.`, { details, cause });
  }
  if (codes.some((c) => TLS_CODE.test(c))) {
    return unreachable('network', target, `The secure connection to ${target.host} failed${tag}.`, {
      details,
      cause,
      fix: 'check your internet connection; a proxy or this computer’s clock may be interfering',
    });
  }
  if (codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH') || codes.includes('ENETDOWN')) {
    return unreachable('network', target, `There is no route to ${target.host}${tag}; this computer looks offline.`, {
      details,
      cause,
    });
  }
  return unreachable(
    'network',
    target,
    `The connection to ${target.host} broke before the answer was complete${tag}.`,
    { details, cause },
  );
}

function abortedError(): PickyError {
  return new PickyError(
    'aborted',
    'The request to Picky Assist was cancelled before it finished — start it again when you are ready.',
  );
}

/** ", check the API address" for an address the user chose; nothing for the default one. */
function addressFix(target: Target): { suffix: string; fix?: 'address' } {
  return target.isDefault ? { suffix: '' } : { suffix: ' Check the API address.', fix: 'address' };
}

function redirectError(status: number, target: Target): PickyError {
  const shown = status === 0 ? 'a redirect' : `a redirect (HTTP ${status})`;
  const { suffix, fix } = addressFix(target);
  return new PickyError(
    'http-status',
    `Picky Assist refused the request — it sent Picky Tray to another address, which Picky Tray does not follow, so your token went nowhere else.${suffix}`,
    { status, host: target.host, redirect: true },
    { detail: `${target.base} answered with ${shown}.`, ...(fix ? { fix } : {}) },
  );
}

function httpStatusError(status: number, target: Target): PickyError {
  const detail = `${target.base} answered HTTP ${status}.`;
  const details = { status, host: target.host };
  if (status === 401 || status === 403) {
    return new PickyError(
      'auth',
      'Picky Assist refused the token — copy the Master API token again from your Picky Assist dashboard (API → Master API token).',
      details,
      { detail, fix: 'token' },
    );
  }
  const { suffix, fix: addressIsTheFix } = addressFix(target);
  let message: string;
  let fix: 'address' | undefined;
  if (status === 404) {
    fix = addressIsTheFix;
    message = target.isDefault
      ? 'Picky Assist refused the request — its API is not at the usual address right now; your token may be fine. Try again later.'
      : 'Picky Assist refused the request — there is no Picky Assist API at this address. Check the API address.';
  } else if (status === 429) {
    message = 'Picky Assist refused the request — too many requests; wait a few minutes, then try again.';
  } else if (status >= 500) {
    message =
      "Picky Assist refused the request — it isn't accepting API requests right now; your token may be fine. Try again later.";
  } else {
    message = `Picky Assist refused the request — your token may be fine. Try again later.${suffix}`;
    fix = addressIsTheFix;
  }
  return new PickyError('http-status', message, details, { detail, ...(fix ? { fix } : {}) });
}

function tooLargeError(maxBytes: number): PickyError {
  return new PickyError(
    'too-large',
    'Picky Assist sent an answer too large to read — the account may be too large for this version of Picky Tray.',
    { maxBytes },
    { detail: `The answer passed ${formatBytes(maxBytes)}, so Picky Tray stopped reading.` },
  );
}

function notJsonError(text: string, target: Target): PickyError {
  const looksHtml = /^\s*</.test(text);
  const what = looksHtml
    ? 'a web page instead of API data'
    : text.trim() === ''
      ? 'an empty answer'
      : 'something that is not valid JSON';
  const { suffix, fix } = addressFix(target);
  return new PickyError(
    'not-json',
    `Picky Assist sent an answer Picky Tray can't read — try again later.${suffix}`,
    { host: target.host },
    { detail: `${target.base} sent ${what}.`, ...(fix ? { fix } : {}) },
  );
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return s === 1 ? '1 second' : `${s} seconds`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
