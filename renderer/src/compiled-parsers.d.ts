// Served by renderer/compiled-parsers.ts at build time: zod's compiled parsers, one per hot-path schema.
// Each returns the parsed value, or zod's INVALID marker to hand the input to zod's own parser.
declare module 'virtual:compiled-parsers' {
  export const parseSyncState: (input: unknown) => unknown;
}
