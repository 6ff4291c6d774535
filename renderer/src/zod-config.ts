// Imported first by main.tsx, before any schema exists: zod would otherwise probe `new Function` when it builds
// object schemas, and under CSP `default-src 'self'` that probe logs a violation. Parse without code generation
// (the hot path has its parser compiled at build time instead: see renderer/compiled-parsers.ts).
import { config } from 'zod/v4/core';

config({ jitless: true });
