// The model's fixed values as plain data, without zod: the renderer imports these, and ships no zod.
// model.ts builds its schemas from them.
export const PROJECT_STATUSES = ['active', 'expired', 'deleted', 'unknown'] as const;
export const SERVICE_KINDS = ['phone-automation', 'whatsapp-official', 'unknown'] as const;
