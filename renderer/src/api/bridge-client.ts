// The renderer's only way to the main side: a typed client over the untyped RawBridge.
// Every answer is parsed with the IPC contract; failures become a BridgeError carrying a sentence
// a person can act on (never a stack trace).
import { INVALID, withParser } from 'zod/v4/core';
import { parseSyncState } from 'virtual:compiled-parsers';
import { type SyncState, SyncStateSchema } from '../../../app/core/sync-state';
import {
  type EventName,
  type EventPayload,
  type InvokeInput,
  type InvokeName,
  type InvokeOutput,
  type RawBridge,
  RawEnvelopeSchema,
  eventContract,
  invokeContract,
} from '../../../app/shared/ipc-contract';

export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The sync state (every project, on every refresh and change) goes through zod's compiled parser, generated at
// build time (renderer/compiled-parsers.ts) because CSP forbids generating it here. Same schema, same results.
const FastSyncStateSchema = withParser(SyncStateSchema, parseSyncState as (input: unknown) => SyncState | typeof INVALID);
const fast = <S>(schema: S): S => (schema === SyncStateSchema ? (FastSyncStateSchema as S) : schema);

const NOT_UNDERSTOOD = 'Picky Tray received an answer it did not understand. Restart the app.';
const NO_BRIDGE = 'Picky Tray could not reach its background service. Restart the app.';

export interface BridgeClient {
  invoke<N extends InvokeName>(name: N, ...input: InvokeInput<N> extends undefined ? [] : [InvokeInput<N>]): Promise<InvokeOutput<N>>;
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
      const envelope = RawEnvelopeSchema.safeParse(answer);
      if (!envelope.success) throw new BridgeError('internal', NOT_UNDERSTOOD);
      if (!envelope.data.ok) throw new BridgeError(envelope.data.error.code, envelope.data.error.message);
      const value = fast(invokeContract[name].output).safeParse(envelope.data.value);
      if (!value.success) throw new BridgeError('internal', NOT_UNDERSTOOD);
      return value.data as InvokeOutput<typeof name>;
    },
    on(name, listener) {
      const schema = fast(eventContract[name].payload);
      return raw.on(name, (payload) => {
        const parsed = schema.safeParse(payload);
        // A payload that does not match the contract is dropped: the next getState resynchronizes.
        if (parsed.success) listener(parsed.data as EventPayload<typeof name>);
      });
    },
  };
}

/** The message to show for anything thrown by the client or by our own code. */
export function userMessage(e: unknown): string {
  if (e instanceof BridgeError) return e.message;
  return 'Something unexpected went wrong inside Picky Tray. Try again; if it keeps happening, restart the app.';
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
