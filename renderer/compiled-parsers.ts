// zod's compiled parsers for the IPC contract, generated at build time for the renderer.
//
// zod can turn a schema into one straight-line JavaScript function (`compileFn`): the same checks, without the
// interpreter. The first time a page parses a 1,000-project state, that is about three times faster, and the
// page does not have to build the contract's zod schemas before its first screen (about 15 ms). zod builds the
// function with `new Function`, which the renderer's CSP (`default-src 'self'`, no 'unsafe-eval') forbids, so
// it is generated here, in Node, and shipped as ordinary source through a Vite virtual module.
//
// The renderer (api/bridge-client.ts) uses a compiled parser first. When it answers INVALID, or a schema could
// not be compiled (one with a refine callback, such as the settings' URL rule), the renderer loads zod and the
// contract in a separate chunk and lets zod itself decide. So every answer is still decided by the contract's
// zod schemas; the compiled parser is only the fast path for valid input.
//
// compileFn hands the generated body and its constants to `Function`; while it runs, `Function` is wrapped to
// catch both. Only constants that can be written back as source are accepted (the INVALID marker, sets and
// arrays of plain values, regular expressions, plain values).
import { compileFn, type $ZodType } from 'zod/v4/core';
import {
  type EventName,
  type InvokeName,
  RawEnvelopeSchema,
  eventContract,
  invokeContract,
} from '../app/shared/ipc-contract';

/** These must compile: they carry every project, on every load, refresh and change. */
export const MUST_COMPILE: readonly string[] = [
  'envelope',
  'outputs.getState',
  'outputs.refresh',
  'events.stateChanged',
];

interface Captured {
  names: string[];
  body: string;
  values: unknown[];
}

function captureCompiled(schema: $ZodType): Captured {
  const RealFunction = globalThis.Function;
  let captured: Captured | undefined;
  const spy = function (...args: string[]) {
    const body = args.pop() ?? '';
    const factory = new RealFunction(...args, body) as (...values: unknown[]) => unknown;
    return (...values: unknown[]) => {
      captured = { names: args, body, values };
      return factory(...values);
    };
  };
  (globalThis as { Function: unknown }).Function = spy;
  try {
    compileFn(schema);
  } finally {
    (globalThis as { Function: unknown }).Function = RealFunction;
  }
  if (!captured)
    throw new Error('zod did not build its compiled parser through Function; the build cannot capture it.');
  return captured;
}

const isPlain = (v: unknown) => v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v);

function plainSource(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v);
}

function constantSource(name: string, value: unknown): string {
  if (isPlain(value)) return plainSource(value);
  if (value instanceof RegExp) return `new RegExp(${JSON.stringify(value.source)}, ${JSON.stringify(value.flags)})`;
  if (value instanceof Set && [...value].every(isPlain)) return `new Set([${[...value].map(plainSource).join(', ')}])`;
  if (Array.isArray(value) && value.every(isPlain)) return `[${value.map(plainSource).join(', ')}]`;
  throw new Error(
    `it needs a constant (${name}: ${Object.prototype.toString.call(value)}) that cannot be written as source`,
  );
}

/** The parser for one schema as an expression, or the reason it cannot be compiled. */
export function parserSource(schema: $ZodType): { source: string } | { reason: string } {
  try {
    const { names, body, values } = captureCompiled(schema);
    if (names[0] !== 'INVALID') return { reason: 'zod did not pass INVALID first' };
    const constants = names.slice(1).map((n, i) => `  const ${n} = ${constantSource(n, values[i + 1])};`);
    return { source: `(() => {\n${constants.join('\n')}\n${body}\n})()` };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}

export interface ContractSchemas {
  envelope: $ZodType;
  outputs: Readonly<Record<string, $ZodType>>;
  events: Readonly<Record<string, $ZodType>>;
}

export const CONTRACT_SCHEMAS: ContractSchemas = {
  envelope: RawEnvelopeSchema,
  outputs: Object.fromEntries((Object.keys(invokeContract) as InvokeName[]).map((n) => [n, invokeContract[n].output])),
  events: Object.fromEntries((Object.keys(eventContract) as EventName[]).map((n) => [n, eventContract[n].payload])),
};

/**
 * The module `virtual:compiled-parsers`: `envelope`, `outputs.<invoke>` and `events.<event>`, each a parser
 * (input => value or INVALID) or null where zod cannot compile the schema; and INVALID itself.
 */
export function compiledParsersModule(schemas: ContractSchemas = CONTRACT_SCHEMAS, mustCompile = MUST_COMPILE): string {
  const out = ["export const INVALID = Symbol('invalid');"];
  // A schema used by several channels (the sync state answers five invokes and one event) is generated once.
  const generated = new Map<$ZodType, string>();
  let count = 0;
  const entry = (key: string, schema: $ZodType): string => {
    const known = generated.get(schema);
    if (known) return known;
    const parser = parserSource(schema);
    let ref: string;
    if ('source' in parser) {
      ref = `p${count++}`;
      out.push(`const ${ref} = ${parser.source};`);
    } else {
      if (mustCompile.includes(key))
        throw new Error(`zod's compiled parser for ${key} cannot be built: ${parser.reason}.`);
      ref = `null /* zod decides: ${parser.reason.replace(/\*\//g, '* /')} */`;
    }
    generated.set(schema, ref);
    return ref;
  };
  const exports = [`export const envelope = ${entry('envelope', schemas.envelope)};`];
  for (const group of ['outputs', 'events'] as const) {
    const fields = Object.entries(schemas[group]).map(
      ([name, schema]) => `  ${JSON.stringify(name)}: ${entry(`${group}.${name}`, schema)},`,
    );
    exports.push(`export const ${group} = {\n${fields.join('\n')}\n};`);
  }
  return `${[...out, ...exports].join('\n\n')}\n`;
}
