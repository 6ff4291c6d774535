// The renderer's only way to the main side: a typed client over the untyped RawBridge.
// Every answer is parsed with the IPC contract (contract-parse.ts); failures become a BridgeError carrying a
// sentence a person can act on (never a stack trace).
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
import { type Verdict, parseEnvelope, parseEvent, parseOutput } from './contract-parse';

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

export function createBridgeClient(raw: RawBridge): BridgeClient {
  return {
    async invoke(name, ...rest) {
      let answer: unknown;
      try {
        answer = await raw.invoke(name, rest[0]);
      } catch {
        throw new BridgeError('network', NO_BRIDGE);
      }
      const envelope = await parseEnvelope(answer).catch((): Verdict => ({ ok: false }));
      if (!envelope.ok) throw new BridgeError('internal', NOT_UNDERSTOOD);
      const parsed = envelope.value as Envelope<unknown>;
      if (!parsed.ok)
        throw new BridgeError(parsed.error.code, parsed.error.message, parsed.error.detail, parsed.error.fix);
      const value = await parseOutput(name, parsed.value).catch((): Verdict => ({ ok: false }));
      if (!value.ok) throw new BridgeError('internal', NOT_UNDERSTOOD);
      return value.value as InvokeOutput<typeof name>;
    },
    on(name, listener) {
      // A payload that does not match the contract is dropped: the next getState resynchronizes.
      return raw.on(name, (payload) =>
        parseEvent(name, payload, (value) => listener(value as EventPayload<typeof name>)),
      );
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
