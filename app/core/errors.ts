// Every failure the user can meet is a PickyError: a stable code for code, a sentence for people.
// The message is one plain headline with one likely fix ("Can't reach Picky Assist — check your internet
// connection."). Status codes, addresses and the server's own words go in `detail`, which the window shows behind
// "Details" and the CLI prints with --verbose. Neither ever contains the master token.

export const ERROR_CODES = [
  'api-status', // the server answered with status != 100
  'auth', // the server rejected the token (an api-status about the token, or HTTP 401/403)
  'ip-limited', // the server refused a project API token limited to another IP address
  'http-status', // HTTP non-2xx (other than 401/403), or a redirect
  'not-json', // body is not JSON
  'schema', // JSON does not have the documented shape
  'too-large', // body past the size cap
  'timeout',
  'connection-refused',
  'dns',
  'network', // any other transport failure (reset, closed midway, TLS...)
  'aborted', // the caller cancelled
  'no-token',
  'keychain-unavailable',
  'keychain-failed',
  'cache-unreadable',
  'disk',
  'settings-invalid',
  'bad-input',
  'not-found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where the likely fix is, when the surface has to name it: the window says Settings, the CLI says
 *  PICKY_API_URL or `picky-tray token set`. */
export const ERROR_FIXES = ['address', 'token'] as const;
export type ErrorFix = (typeof ERROR_FIXES)[number];

export interface PickyErrorOptions {
  cause?: unknown;
  /** Technical detail for whoever asks: status, address, the server's words (already cleaned). */
  detail?: string;
  fix?: ErrorFix;
}

export class PickyError extends Error {
  override readonly name = 'PickyError';
  readonly detail: string | undefined;
  readonly fix: ErrorFix | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
    options: PickyErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options.detail;
    this.fix = options.fix;
  }
}

export function isPickyError(e: unknown): e is PickyError {
  return e instanceof PickyError;
}

/** A plain, serializable form for IPC, the CLI's --json output and the sync state. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  detail?: string;
  fix?: ErrorFix;
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (isPickyError(e)) {
    const info: ErrorInfo = { code: e.code, message: e.message };
    if (e.detail) info.detail = e.detail;
    if (e.fix) info.fix = e.fix;
    return info;
  }
  return {
    code: 'internal',
    message: 'Something unexpected went wrong inside Picky Tray. Try again; if it keeps happening, restart the app.',
  };
}

/**
 * The three ways a request can fail that every surface tells apart, plus everything local:
 * - 'unreachable': no answer came (network, DNS, timeout): "Can't reach Picky Assist";
 * - 'token': Picky Assist answered and refused the token;
 * - 'refused': Picky Assist (or whatever answers at the address) answered and refused the request, or answered
 *   something unusable, for a reason that is not the token — the token may be fine;
 * - 'local': this computer (keychain, disk, settings, input).
 */
export type FailureKind = 'unreachable' | 'token' | 'refused' | 'local';

export function failureKind(code: ErrorCode): FailureKind {
  switch (code) {
    case 'timeout':
    case 'connection-refused':
    case 'dns':
    case 'network':
      return 'unreachable';
    case 'auth':
    case 'ip-limited':
      return 'token';
    case 'api-status':
    case 'http-status':
    case 'not-json':
    case 'schema':
    case 'too-large':
      return 'refused';
    default:
      return 'local';
  }
}
