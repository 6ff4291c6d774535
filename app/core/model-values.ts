// The model's fixed values as plain data, without zod: the renderer's first screen imports these, and zod
// stays out of its startup bundle (see renderer/src/api/contract-parse.ts). model.ts builds its schemas from them.
export const PROJECT_STATUSES = ['active', 'expired', 'deleted', 'unknown'] as const;
export const SERVICE_KINDS = ['phone-automation', 'whatsapp-official', 'unknown'] as const;
