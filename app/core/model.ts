// The normalized domain model. The UI, the cache and the IPC bridge only ever see these shapes;
// the wire shape of Picky Assist's API stays inside api-wire.ts.
import { z } from 'zod';

export const PROJECT_STATUSES = ['active', 'expired', 'deleted', 'unknown'] as const;
export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;

export const SERVICE_KINDS = ['phone-automation', 'whatsapp-official', 'unknown'] as const;
export const ServiceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKindSchema>;

export const BillingPlanSchema = z.object({ id: z.number().int(), name: z.string() });
export type BillingPlan = z.infer<typeof BillingPlanSchema>;

export const ApiTokenSchema = z.object({ ip: z.string().optional(), token: z.string() });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const BillingDateSchema = z.object({
  /** Exactly as the server sent it. */
  given: z.string(),
  /** ISO 8601 instant when `given` parses as a date; absent otherwise. */
  instant: z.string().optional(),
});
export type BillingDate = z.infer<typeof BillingDateSchema>;

export const WebhooksSchema = z.object({
  global: z.string().optional(),
  event: z.string().optional(),
  smartReply: z.string().optional(),
});
export type Webhooks = z.infer<typeof WebhooksSchema>;

export const ProjectSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string(),
  status: ProjectStatusSchema,
  /** The status text as the server sent it, for display when it is not one we know. */
  statusText: z.string().optional(),
  service: ServiceKindSchema,
  number: z.string().optional(),
  companyName: z.string().optional(),
  country: z.string().optional(),
  timeZone: z.string().optional(),
  dateFormat: z.string().optional(),
  licenseKey: z.string().optional(),
  qrCodeBase64: z.string().optional(),
  unbrandedKeyword: z.string().optional(),
  brandedKeyword: z.string().optional(),
  apiTokens: z.array(ApiTokenSchema),
  webhooks: WebhooksSchema,
  billingPlan: BillingPlanSchema.optional(),
  nextBillingDate: BillingDateSchema.optional(),
  amountDebited: z.string().optional(),
  notes: z.string().optional(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const BILLING_PLAN_NAMES: Readonly<Record<number, string>> = {
  1: 'Pay As You Go',
  2: 'Phone Automation Small',
  3: 'Phone Automation Medium',
  4: 'Phone Automation Large',
  5: 'Unlimited',
  6: 'Yearly Unlimited',
  7: 'Medium WhatsApp Official',
  8: 'Large WhatsApp Official',
  9: 'Unlimited WhatsApp Official',
};

export function billingPlanFor(id: number): BillingPlan {
  return { id, name: BILLING_PLAN_NAMES[id] ?? `Unknown plan (${id})` };
}
