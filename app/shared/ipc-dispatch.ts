// One dispatcher for both shells (Electron main and the browser preview): look the channel up in the contract,
// parse the input, run the handler, check the output, wrap it in an envelope. A payload that does not match
// the contract never reaches a handler.
import { type $ZodType, compile, parse } from 'zod/v4/core';
import { PickyError, toErrorInfo } from '../core/errors';
import { type Envelope, type InvokeHandlers, type InvokeName, invokeContract } from './ipc-contract';

// Outputs are checked with zod's compiled parsers: the main side may generate code (no CSP here), and the state
// it checks on every answer holds every project. zod falls back to its own parser where it cannot compile.
const compiledOutputs = new Map<InvokeName, $ZodType>();
function outputSchema(name: InvokeName): $ZodType {
  let schema = compiledOutputs.get(name);
  if (!schema) {
    schema = compile(invokeContract[name].output);
    compiledOutputs.set(name, schema);
  }
  return schema;
}

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, name);
}

export async function dispatchInvoke(
  handlers: InvokeHandlers,
  name: unknown,
  rawInput: unknown,
): Promise<Envelope<unknown>> {
  if (!isInvokeName(name)) {
    return {
      ok: false,
      error: { code: 'bad-input', message: 'Picky Tray received a request it does not know. Restart the app.' },
    };
  }
  const spec = invokeContract[name];
  // JSON has no `undefined`; treat a missing or null body as "no input" for channels that take none.
  const input = rawInput === null ? undefined : rawInput;
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        code: 'bad-input',
        message: `That request was not accepted${where}: ${(issue?.message ?? 'invalid input').replace(/\.$/, '')}.`,
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = parse(outputSchema(name), await handler(parsed.data));
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) };
  }
}

/** Unwraps an envelope on the renderer side, parsing the value with the contract's output schema. */
export function badEnvelope(): PickyError {
  return new PickyError('internal', 'Picky Tray received an answer it did not understand. Restart the app.');
}
