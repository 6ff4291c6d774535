// Every IPC invoke passes here: first the sender check, then the contract (dispatchInvoke parses the input,
// so a payload that does not match never reaches a handler). Pure apart from the handlers it calls.
import type { Envelope, InvokeHandlers } from '../shared/ipc-contract';
import { dispatchInvoke } from '../shared/ipc-dispatch';
import { isTrustedSender, type SenderInfo } from './trusted-sender';

export interface TrustPolicy {
  trustedWebContentsIds: ReadonlySet<number>;
  allowedOrigins: readonly string[];
}

export const UNTRUSTED_SENDER_ERROR = {
  code: 'bad-input',
  message: 'Picky Tray refused a request that did not come from its own window. Restart the app.',
} as const;

export async function guardedInvoke(
  sender: SenderInfo,
  policy: TrustPolicy,
  handlers: InvokeHandlers,
  name: unknown,
  input: unknown,
): Promise<Envelope<unknown>> {
  if (!isTrustedSender(sender, policy.trustedWebContentsIds, policy.allowedOrigins)) {
    return { ok: false, error: { ...UNTRUSTED_SENDER_ERROR } };
  }
  return dispatchInvoke(handlers, name, input);
}
