// The renderer's only way to the main side: a typed client over the untyped RawBridge.
// Main checks every input and every answer against the IPC contract (app/shared/ipc-dispatch.ts) before it
// crosses the bridge, so the page takes the answer as the contract types it; parsing it again here would guard
// against nothing a page can defend itself from. Failures become a BridgeError carrying a sentence a person can
// act on (never a stack trace).
import type {
  Envelope,
  EventName,
  EventPayload,
  InvokeInput,
  InvokeName,
  InvokeOutput,
  RawBridge,
} from '../../../app/shared/ipc-contract';
import type { ErrorCode, ErrorFix, ErrorInfo } from '../../../app/core/errors';

export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
    readonly fix?: ErrorFix,
  ) {
    super(message);
  }
}

const NOT_UNDERSTOOD = 'Picky Tray received an answer it did not understand. Restart the app.';
const NO_BRIDGE = 'Picky Tray could not reach its background service. Restart the app.';

export interface BridgeClient {
  invoke<N extends InvokeName>(
    name: N,
    ...input: InvokeInput<N> extends undefined ? [] : [InvokeInput<N>]
  ): Promise<InvokeOutput<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Whether `answer` is shaped like an envelope at all: the one thing a broken bridge (not main) could get wrong. */
function isEnvelope(answer: unknown): answer is Envelope<unknown> {
  if (typeof answer !== 'object' || answer === null) return false;
  const { ok, error } = answer as { ok?: unknown; error?: { message?: unknown } };
  return ok === true || (ok === false && typeof error?.message === 'string');
}

export function createBridgeClient(raw: RawBridge): BridgeClient {
  return {
    async invoke(name, ...rest) {
      let answer: unknown;
      try {
        answer = await raw.invoke(name, rest[0]);
      } catch {
        throw new BridgeError('network', NO_BRIDGE);
      }
      if (!isEnvelope(answer)) throw new BridgeError('internal', NOT_UNDERSTOOD);
      if (!answer.ok)
        throw new BridgeError(answer.error.code, answer.error.message, answer.error.detail, answer.error.fix);
      return answer.value as InvokeOutput<typeof name>;
    },
    on(name, listener) {
      return raw.on(name, (payload) => listener(payload as EventPayload<typeof name>));
    },
  };
}

const UNEXPECTED =
  'Something unexpected went wrong inside Picky Tray. Try again; if it keeps happening, restart the app.';

/** The message to show for anything thrown by the client or by our own code. */
export function userMessage(e: unknown): string {
  if (e instanceof BridgeError) return e.message;
  return UNEXPECTED;
}

/** The whole error (headline, details, where the fix is) for anything thrown by the client or our own code. */
export function userError(e: unknown): ErrorInfo {
  if (!(e instanceof BridgeError)) return { code: 'internal', message: UNEXPECTED };
  const info: ErrorInfo = { code: e.code, message: e.message };
  if (e.detail) info.detail = e.detail;
  if (e.fix) info.fix = e.fix;
  return info;
}

declare global {
  interface Window {
    pickyBridge?: RawBridge;
  }
}

/** The shell's bridge: Electron's preload or the preview's HTTP bridge script both set window.pickyBridge. */
export function findRawBridge(): RawBridge | undefined {
  const candidate: unknown = window.pickyBridge;
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as RawBridge).invoke === 'function' &&
    typeof (candidate as RawBridge).on === 'function'
  ) {
    return candidate as RawBridge;
  }
  return undefined;
}
