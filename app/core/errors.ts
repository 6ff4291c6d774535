// Every failure the user can meet is a PickyError: a stable code for code, a sentence for people.
// Messages say what happened and what to do. They never contain the master token.

export const ERROR_CODES = [
  'api-status', // the server answered with status != 100
  'auth', // the server rejected the token (a kind of api-status)
  'ip-limited', // the server refused a project API token limited to another IP address
  'http-status', // HTTP non-2xx
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

export class PickyError extends Error {
  override readonly name = 'PickyError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isPickyError(e: unknown): e is PickyError {
  return e instanceof PickyError;
}

/** A plain, serializable form for IPC, the CLI's --json output and the sync state. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (isPickyError(e)) return { code: e.code, message: e.message };
  return {
    code: 'internal',
    message: 'Something unexpected went wrong inside Picky Tray. Try again; if it keeps happening, restart the app.',
  };
}
