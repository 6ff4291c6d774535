// zod's compiled parsers, generated at build time for the renderer.
//
// zod can turn a schema into one straight-line JavaScript function (`compileFn`), which parses a 1,000-project
// state about three times faster than its interpreter the first time a page runs it. It builds that function
// with `new Function`, which the renderer's CSP (`default-src 'self'`, no 'unsafe-eval') forbids. So the
// function is generated here, in Node, and shipped as ordinary source through a Vite virtual module; the
// renderer installs it with zod's `withParser`, meant for exactly this. Any input the fast path rejects goes
// through zod's own parser, so errors read the same.
//
// compileFn hands the generated body and its constants to `Function`; while it runs, `Function` is wrapped to
// catch both. Only constants that can be written back as source are accepted (the INVALID marker, sets and
// arrays of plain values, regular expressions, plain values); anything else fails the build with the reason.
import { compileFn, type $ZodType } from 'zod/v4/core';
import { SyncStateSchema } from '../app/core/sync-state';

/** The schemas the renderer parses on its hot path, by the name the virtual module exports. */
export const COMPILED_SCHEMAS: Readonly<Record<string, $ZodType>> = {
  parseSyncState: SyncStateSchema,
};

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
  if (!captured) throw new Error('zod did not build its compiled parser through Function; the build cannot capture it.');
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
    `zod's compiled parser needs a constant (${name}: ${Object.prototype.toString.call(value)}) that cannot be written as source. ` +
      'Simplify the schema (no refine or transform callbacks on the hot path) or leave it out of COMPILED_SCHEMAS.',
  );
}

/** One exported function per schema, as module source. */
export function compiledParsersModule(schemas: Readonly<Record<string, $ZodType>> = COMPILED_SCHEMAS): string {
  const parts = ["import { INVALID } from 'zod/v4/core';"];
  for (const [exportName, schema] of Object.entries(schemas)) {
    const { names, body, values } = captureCompiled(schema);
    if (names[0] !== 'INVALID') throw new Error(`zod's compiled parser for ${exportName} did not take INVALID first.`);
    const constants = names.slice(1).map((n, i) => `  const ${n} = ${constantSource(n, values[i + 1])};`);
    parts.push(`export const ${exportName} = (() => {\n${constants.join('\n')}\n${body}\n})();`);
  }
  return `${parts.join('\n\n')}\n`;
}
