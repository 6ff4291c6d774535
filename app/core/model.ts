// The normalized domain model. The UI, the cache and the IPC bridge only ever see these shapes;
// the wire shape of Picky Assist's API stays inside api-wire.ts.
// Written with zod/mini, like every schema in the core and the IPC contract: the same parsing as classic zod, with
// schemas cheaper to build, so the app and the CLI start sooner. The renderer imports only the types.
import * as z from 'zod/mini';
import { planName } from './labels';
import { PROJECT_STATUSES, SERVICE_KINDS } from './model-values';

export { PROJECT_STATUSES, SERVICE_KINDS };

export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;

export const ServiceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof ServiceKindSchema>;

export const BillingPlanSchema = z.object({ id: z.int(), name: z.string() });
export type BillingPlan = z.infer<typeof BillingPlanSchema>;

export const ApiTokenSchema = z.object({ ip: z.optional(z.string()), token: z.string() });
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const BillingDateSchema = z.object({
  /** Exactly as the server sent it. */
  given: z.string(),
  /** ISO 8601 instant when `given` parses as a date; absent otherwise. */
  instant: z.optional(z.string()),
});
export type BillingDate = z.infer<typeof BillingDateSchema>;

export const WebhooksSchema = z.object({
  global: z.optional(z.string()),
  event: z.optional(z.string()),
  smartReply: z.optional(z.string()),
});
export type Webhooks = z.infer<typeof WebhooksSchema>;

export const ProjectSchema = z.object({
  id: z.int().check(z.nonnegative()),
  name: z.string(),
  status: ProjectStatusSchema,
  /** The status text as the server sent it, for display when it is not one we know. */
  statusText: z.optional(z.string()),
  service: ServiceKindSchema,
  number: z.optional(z.string()),
  companyName: z.optional(z.string()),
  country: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  dateFormat: z.optional(z.string()),
  licenseKey: z.optional(z.string()),
  /** Why the server's license key cannot be used (a number too large to read exactly, far too long), when so. */
  licenseKeyProblem: z.optional(z.string()),
  qrCodeBase64: z.optional(z.string()),
  unbrandedKeyword: z.optional(z.string()),
  brandedKeyword: z.optional(z.string()),
  apiTokens: z.array(ApiTokenSchema),
  webhooks: WebhooksSchema,
  billingPlan: z.optional(BillingPlanSchema),
  nextBillingDate: z.optional(BillingDateSchema),
  amountDebited: z.optional(z.string()),
  notes: z.optional(z.string()),
  /** 'manual': added by hand (license key and API token copied from the dashboard), not from the listing. */
  source: z.optional(z.literal('manual')),
  /** The hand-added entry behind this project: its own, or one merged into a fetched project (same project). */
  manual: z.optional(
    z.object({
      /** The entry's number in this origin's store (its id is MANUAL_ID_BASE + number: manual-id.ts). */
      number: z.int().check(z.positive()),
      /** The project id Picky Assist gave in the device status of the entry's token. */
      projectId: z.optional(z.int().check(z.nonnegative())),
      /** The entry's API token was saved without a check ("Save and check later"). */
      tokenUnchecked: z.optional(z.boolean()),
    }),
  ),
});
export type Project = z.infer<typeof ProjectSchema>;

/** The plan of a billing_plan number, named by the one table (labels.ts). */
export function billingPlanFor(id: number): BillingPlan {
  return { id, name: planName(id) };
}
