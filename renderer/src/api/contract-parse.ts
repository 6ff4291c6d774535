// Parses what the main side sends with the IPC contract. First with zod's compiled parsers, generated from the
// contract at build time (renderer/compiled-parsers.ts); when one answers INVALID, or a schema has none, zod
// itself decides, loaded on demand so the first screen does not wait for it. Either way the contract's zod
// schemas are the rule: the compiled parser only makes valid input fast.
import { INVALID, envelope, events, outputs } from 'virtual:compiled-parsers';
import type { EventName, InvokeName } from '../../../app/shared/ipc-contract';

export type Verdict = { ok: true; value: unknown } | { ok: false };
type Schema = { safeParse(input: unknown): { success: true; data: unknown } | { success: false } };

let contract: Promise<typeof import('./zod-contract')> | undefined;
function zodContract(): Promise<typeof import('./zod-contract')> {
  contract ??= import('./zod-contract');
  return contract;
}

/** The compiled parser's value, or undefined when it cannot decide (it says INVALID, or there is none). */
function fast(
  parser: ((input: unknown) => unknown) | null | undefined,
  input: unknown,
): { ok: true; value: unknown } | undefined {
  if (!parser) return undefined;
  const value = parser(input);
  return value === INVALID ? undefined : { ok: true, value };
}

async function slow(pick: (c: Awaited<ReturnType<typeof zodContract>>) => Schema, input: unknown): Promise<Verdict> {
  const result = pick(await zodContract()).safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false };
}

export async function parseEnvelope(input: unknown): Promise<Verdict> {
  return fast(envelope, input) ?? slow((c) => c.RawEnvelopeSchema, input);
}

export async function parseOutput(name: InvokeName, input: unknown): Promise<Verdict> {
  return fast(outputs[name], input) ?? slow((c) => c.invokeContract[name].output, input);
}

/** Calls `deliver` with the parsed payload (at once when the compiled parser accepts it), or not at all. */
export function parseEvent(name: EventName, input: unknown, deliver: (value: unknown) => void): void {
  const accepted = fast(events[name], input);
  if (accepted) {
    deliver(accepted.value);
    return;
  }
  void slow((c) => c.eventContract[name].payload, input).then(
    (v) => (v.ok ? deliver(v.value) : undefined),
    () => undefined,
  );
}
