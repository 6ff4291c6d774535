// Imported first by main.tsx, before any schema exists: zod would otherwise probe `new Function` when it builds
// object schemas, and under CSP `default-src 'self'` that probe logs a violation. Parse without code generation.
import { z } from 'zod';

z.config({ jitless: true });
