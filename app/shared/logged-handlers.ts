// The invoke handlers, each failure logged before it becomes the envelope the page shows: the page gets one
// sentence, the log keeps the whole error (code, causes, where). Inputs are not logged (setToken's is a token).
import { isPickyError } from '../core/errors';
import type { Logger } from '../core/ports';
import { INVOKE_NAMES, type InvokeHandlers, type InvokeName } from './ipc-contract';

export function withFailureLog(handlers: InvokeHandlers, log: Logger): InvokeHandlers {
  const logged: Partial<Record<InvokeName, (input: never) => Promise<unknown>>> = {};
  for (const name of INVOKE_NAMES) {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    logged[name] = async (input: never) => {
      try {
        return await handler(input);
      } catch (error) {
        // A PickyError is an explained failure (a refused token, a missing project); anything else is a bug.
        if (isPickyError(error)) log.info(`"${name}" failed`, { error });
        else log.error(`"${name}" failed unexpectedly`, { error });
        throw error;
      }
    };
  }
  return logged as InvokeHandlers;
}
