// Served by renderer/compiled-parsers.ts at build time: zod's compiled parsers for the IPC contract. Each returns
// the parsed value, or INVALID to hand the input to zod itself; null where zod cannot compile the schema.
declare module 'virtual:compiled-parsers' {
  type Parser = ((input: unknown) => unknown) | null;
  export const INVALID: unique symbol;
  export const envelope: Parser;
  export const outputs: Readonly<Record<string, Parser | undefined>>;
  export const events: Readonly<Record<string, Parser | undefined>>;
}
