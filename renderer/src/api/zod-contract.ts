// The IPC contract's zod schemas, in a chunk of their own that the renderer loads only when a compiled parser
// cannot decide (see contract-parse.ts). zod is configured before any schema is built.
import '../zod-config';

export { RawEnvelopeSchema, eventContract, invokeContract } from '../../../app/shared/ipc-contract';
