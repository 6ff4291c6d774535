// The wire shape of Picky Assist's Project Management API and its normalization to the domain `Project`.
// Nothing outside this file should know a wire field name.
//
// Leniency, decided from the quirks in picky-api.md:
// - numbers may arrive as strings ("715", "1") and strings as numbers (number: 9234324324);
// - "" and null mean "absent" for every optional field;
// - unknown extra fields are ignored; an unknown status or service maps to 'unknown';
// - a billing_plan that is not a positive integer is treated as absent (display-only data).
// Strictness: a project without a usable id (non-negative integer) or without a non-blank name is unusable —
// we cannot key it for the cache, the diff or the UI — so the whole response is refused with a 'schema' error
// naming the field and the project. A field of the wrong JSON kind (an object where text is expected) is
// refused the same way: it means the shape changed and guessing would show wrong data.
//
// Dates: next_billing_date keeps `given` verbatim. `instant` is filled when it parses, by the one date rule in
// dates.ts: the day (or time) the text names in the project's time_zone (UTC when it has none); an ISO datetime
// with an offset is exact. "DD-MM-YYYY" / "MM-DD-YYYY" are read only when date_format says which order it uses.
//
// Output: every optional Project key is always written, as undefined when absent (JSON and zod treat that as
// absent; a fixed object literal keeps V8 on one hidden class, measured ~25% faster than adding keys one by one).
//
// Performance (target: at most 2x a plain JSON.parse for 10,000 projects, see test/bench/parse-bench.ts):
// zod checks the envelope and each project's identity (a lean schema: project_id, project_name). The flat
// text fields and api_tokens are type-checked by `scalar()` / `normalizeApiTokens()` while normalizing, with the
// rules a zod union of string/number/null would apply (anything else is a 'schema' error naming the field and
// the project). A full zod object of such unions measured ~3x JSON.parse, mostly in per-field allocations.
import { z } from 'zod';
import { billingInstantIso } from './dates';
import { capLength, displayText } from './display-text';
import { PickyError } from './errors';
import {
  billingPlanFor,
  type ApiToken,
  type BillingPlan,
  type Project,
  type ProjectStatus,
  type ServiceKind,
  type Webhooks,
} from './model';

/**
 * What zod checks on every project: its identity. Every other field is checked by `scalar()` and
 * `normalizeApiTokens()`. The string member comes first because that is what upstream sends ("715"): zod tries
 * union members in order and a failed member costs an issue object.
 */
export const WireProjectCoreSchema = z.object({
  project_id: z.union([z.string(), z.number()]),
  project_name: z.union([z.string(), z.number()]),
});

/** Every wire field the normalizer reads, for error messages and documentation. */
export const WIRE_PROJECT_FIELDS = [
  'project_id',
  'project_name',
  'project_status',
  'number',
  'company_name',
  'country',
  'time_zone',
  'date_format',
  'service',
  'license_key',
  'qr_code_base64',
  'unbranded_keyword',
  'branded_keyword',
  'api_tokens',
  'global_webhook',
  'event_webhook',
  'smart_reply_webhook',
  'billing_plan',
  'next_billing_date',
  'amount_debited',
  'notes',
] as const;
const WIRE_FIELD_NAMES: ReadonlySet<string> = new Set(WIRE_PROJECT_FIELDS);

const WireStatusSchema = z.union([z.number(), z.string(), z.null()]).optional();
const WireEnvelopeSchema = z.looseObject({
  status: WireStatusSchema,
  message: z.unknown().optional(),
});

export interface ParseContext {
  /** Removed from any server text we repeat, in case the server echoes it. */
  token?: string;
  /** The project_id that was asked for; 0 or absent means every project. */
  projectId?: number;
}

/** Parses a decoded JSON body from `pm/get-projects`. Throws PickyError ('api-status', 'auth', 'schema'). */
export function parseProjectsResponse(body: unknown, context: ParseContext = {}): Project[] {
  try {
    return parseProjectList(body, context);
  } catch (e) {
    // The specifics (which field, which project) are for whoever asks; the headline is the same for all.
    if (e instanceof PickyError && e.code === 'schema') {
      throw new PickyError('schema', UNREADABLE, e.details, { detail: e.message });
    }
    throw e;
  }
}

const UNREADABLE = "Picky Assist sent an answer Picky Tray can't read — the API may have changed; try again later.";

function parseProjectList(body: unknown, context: ParseContext): Project[] {
  const list = extractProjectList(body, context);
  const out: Project[] = new Array<Project>(list.length);
  for (let i = 0; i < list.length; i++) {
    out[i] = parseOneProject(list[i], i, list.length);
  }
  return out;
}

/** Checks the envelope (status 100) and finds the list of raw projects in any of the accepted shapes. */
function extractProjectList(body: unknown, context: ParseContext): unknown[] {
  if (Array.isArray(body)) return body;
  if (body === null || typeof body !== 'object') {
    throw new PickyError('schema', 'Picky Assist answered with something that is not a project list.');
  }
  const envelope = WireEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    throw new PickyError('schema', 'Picky Assist sent a "status" that is neither a number nor text.');
  }
  const { status, message } = envelope.data;
  if (status !== undefined && status !== null && !isSuccessStatus(status)) {
    throw apiStatusError(status, message, context);
  }

  const record = body as Record<string, unknown>;
  for (const key of ['data', 'projects'] as const) {
    if (!(key in record)) continue;
    const inner = record[key];
    if (Array.isArray(inner)) return inner;
    if (inner === null || inner === '') return [];
    if (typeof inner === 'object') return [inner];
    throw new PickyError(
      'schema',
      `Picky Assist sent "${key}" as ${describeKind(inner)} instead of a list of projects.`,
    );
  }
  if ('project_id' in record) return [record];
  // A bare success envelope is how an account with no projects may answer. A payload under a key we do not
  // know is not silently read as "no projects".
  const unknownPayload = Object.keys(record).find(
    (k) => k !== 'status' && k !== 'message' && record[k] !== null && typeof record[k] === 'object',
  );
  if (unknownPayload !== undefined) {
    // The server's own key is not repeated: it is server text, and may be anything.
    throw new PickyError(
      'schema',
      'Picky Assist sent its answer under a name Picky Tray does not know, where a project list was expected under "data" or "projects".',
    );
  }
  return [];
}

export function isSuccessStatus(status: number | string): boolean {
  return status === 100 || (typeof status === 'string' && status.trim() === '100');
}

const AUTH_PATTERN = /token|auth|unauthori[sz]ed|invalid key|credential/i;

/**
 * The error for an envelope whose status is not 100: 'auth' when the server's words point at the token,
 * 'api-status' otherwise. Shared with the device-status call, whose token is a project API token.
 */
export function apiStatusError(
  status: number | string,
  rawMessage: unknown,
  context: ParseContext & { tokenName?: string } = {},
): PickyError {
  const numeric = typeof status === 'number' ? status : Number(status.trim());
  const statusDetail: string | number = Number.isFinite(numeric) ? numeric : displayText(status, 20);
  const serverText = sanitizeServerText(rawMessage, context.token);
  const quoted = serverText ? `"${serverText}"` : 'no explanation';
  const isAuth = AUTH_PATTERN.test(serverText) || numeric === 401 || numeric === 403;
  const detail = `Picky Assist said ${quoted} (status ${statusDetail}).`;
  if (isAuth) {
    return new PickyError(
      'auth',
      context.tokenName
        ? `Picky Assist refused the ${context.tokenName} — check that token in your Picky Assist dashboard.`
        : `Picky Assist refused the token${serverText ? ` (“${serverText}”)` : ''} — copy the Master API token again from your Picky Assist dashboard (API → Master API token).`,
      { status: statusDetail },
      { detail, fix: 'token' },
    );
  }
  const message =
    context.projectId !== undefined && context.projectId !== 0
      ? `Picky Assist refused the request for project ${context.projectId} — check that it still exists in your account.`
      : "Picky Assist refused the request — it isn't accepting API requests right now; your token may be fine.";
  return new PickyError('api-status', message, { status: statusDetail }, { detail });
}

/** The server's message, made safe to show (the display sanitizer: one line, short) and never the token. */
function sanitizeServerText(raw: unknown, token: string | undefined): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  const redact = (t: string) => (token && token.length >= 4 ? t.split(token).join('[token]') : t);
  // Before and after cleaning: a token broken up by control characters is whole again once they are gone.
  return redact(displayText(redact(String(raw)), 200));
}

function parseOneProject(raw: unknown, index: number, count: number): Project {
  const result = WireProjectCoreSchema.safeParse(raw);
  if (!result.success) throw projectSchemaError(raw, index, count, result.error);
  const core = result.data;
  // The core schema accepted it, so it is a plain object; the flat fields are read from it directly.
  const r = raw as Record<string, unknown>;

  const id = normalizeId(core.project_id);
  if (id === undefined) {
    throw new PickyError(
      'schema',
      `Picky Assist sent ${projectLabel(raw, index, count)} without a usable "project_id".${SCHEMA_HINT}`,
      {
        field: 'project_id',
        index,
      },
    );
  }
  const name = typeof core.project_name === 'string' ? core.project_name.trim() : String(core.project_name);
  if (name === '') {
    throw new PickyError('schema', `Picky Assist sent project ${id} without a usable "project_name".${SCHEMA_HINT}`, {
      field: 'project_name',
      projectId: id,
    });
  }

  const statusText = scalar(r.project_status, 'project_status', id);
  const dateFormat = scalar(r.date_format, 'date_format', id);
  const planId = normalizePlanId(scalar(r.billing_plan, 'billing_plan', id));
  // The date is read whole (a server may send hundreds of digits of seconds); what is kept of its text is capped.
  const billingDate = scalar(r.next_billing_date, 'next_billing_date', id, MAX_DATE_TEXT);
  const timeZone = scalar(r.time_zone, 'time_zone', id);
  const keyProblem = licenseKeyProblem(r.license_key);
  return {
    id,
    name,
    status: normalizeStatus(statusText),
    statusText,
    service: normalizeService(scalar(r.service, 'service', id)),
    number: scalar(r.number, 'number', id),
    companyName: scalar(r.company_name, 'company_name', id),
    country: scalar(r.country, 'country', id),
    timeZone,
    dateFormat,
    licenseKey: keyProblem === undefined ? licenseKeyText(r.license_key, id) : undefined,
    licenseKeyProblem: keyProblem,
    qrCodeBase64: scalar(r.qr_code_base64, 'qr_code_base64', id),
    unbrandedKeyword: scalar(r.unbranded_keyword, 'unbranded_keyword', id),
    brandedKeyword: scalar(r.branded_keyword, 'branded_keyword', id),
    apiTokens: normalizeApiTokens(r.api_tokens, id),
    webhooks: normalizeWebhooks(r, id),
    billingPlan: planId === undefined ? undefined : planFor(planId),
    nextBillingDate:
      billingDate === undefined
        ? undefined
        : {
            given: capLength(billingDate, MAX_GIVEN_DATE),
            instant: parseBillingInstant(billingDate, dateFormat, timeZone),
          },
    amountDebited: scalar(r.amount_debited, 'amount_debited', id),
    notes: scalar(r.notes, 'notes', id),
  };
}

// Lengths kept at the wire, so no later step (the cache, notification memory, a surface) meets unbounded text.
// Each surface caps again for its own space (display-text.ts).
const MAX_TEXT = 1000;
const FIELD_MAX: Partial<Record<(typeof WIRE_PROJECT_FIELDS)[number], number>> = {
  notes: 10_000,
  global_webhook: 4096,
  event_webhook: 4096,
  smart_reply_webhook: 4096,
  qr_code_base64: 16_384,
};
const MAX_DATE_TEXT = 1000;
const MAX_GIVEN_DATE = 64;
/** Longer than any real license key, and far below what a QR can hold (2,331 bytes at level M). */
export const MAX_LICENSE_KEY = 256;

/**
 * A flat wire field as trimmed text: "" and null (and absence) become undefined, numbers their decimal text, text
 * longer than the field's cap cut with an ellipsis. Anything else (object, list, true/false) means the shape
 * changed: a 'schema' error naming field and project.
 */
function scalar(
  value: unknown,
  field: (typeof WIRE_PROJECT_FIELDS)[number],
  projectId: number,
  max: number = FIELD_MAX[field] ?? MAX_TEXT,
): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.length > max * 2 ? value.slice(0, max * 2).trim() : value.trim();
    return trimmed === '' ? undefined : capLength(trimmed, max);
  }
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw fieldError(field, value, projectId);
}

/**
 * license_key: text as sent; a JSON number only when it is a safe integer (then its digits are the digits sent).
 * A larger number has already lost digits in JSON parsing ("1.2345678901234568e+22"), and a key longer than
 * MAX_LICENSE_KEY is no real key: either way the key is unusable, and the project says why instead.
 */
function licenseKeyProblem(value: unknown): string | undefined {
  if (typeof value === 'number' && !(Number.isSafeInteger(value) && value >= 0)) {
    return 'Picky Assist sent this license key as a number too large to read exactly, so it cannot be shown or paired. Check the project in your Picky Assist dashboard.';
  }
  if (typeof value === 'string' && value.length > MAX_LICENSE_KEY && value.trim().length > MAX_LICENSE_KEY) {
    return `Picky Assist sent a license key of ${value.trim().length} characters, longer than any real key, so it cannot be shown or paired. Check the project in your Picky Assist dashboard.`;
  }
  return undefined;
}

/** A usable license key's text (see licenseKeyProblem for the unusable ones). */
function licenseKeyText(value: unknown, projectId: number): string | undefined {
  return scalar(value, 'license_key', projectId, MAX_LICENSE_KEY);
}

function fieldError(field: string, value: unknown, projectId: number, part = ''): PickyError {
  const where = part ? `${part} "${field}"` : `"${field}"`;
  return new PickyError(
    'schema',
    `Picky Assist sent project ${projectId} with ${where} as ${describeKind(value)}, which Picky Tray cannot read.${SCHEMA_HINT}`,
    { field, projectId },
  );
}

// One shared object per plan id: 10,000 projects use a handful of plans. Callers treat projects as read-only.
const planCache = new Map<number, BillingPlan>();
function planFor(id: number): BillingPlan {
  let plan = planCache.get(id);
  if (plan === undefined) {
    plan = billingPlanFor(id);
    if (planCache.size < 256) planCache.set(id, plan);
  }
  return plan;
}

const SCHEMA_HINT = '';

function projectSchemaError(raw: unknown, index: number, count: number, error: z.ZodError): PickyError {
  const label = projectLabel(raw, index, count);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return new PickyError(
      'schema',
      `Picky Assist sent ${label} as ${describeKind(raw)} instead of a project.${SCHEMA_HINT}`,
      {
        index,
      },
    );
  }
  const issue = error.issues[0];
  const field = issue?.path[0];
  const fieldName = typeof field === 'string' && WIRE_FIELD_NAMES.has(field) ? field : 'unknown field';
  const value = typeof field === 'string' ? (raw as Record<string, unknown>)[field] : undefined;
  const details = { field: fieldName, index };
  if (fieldName === 'project_id' || fieldName === 'project_name') {
    return new PickyError(
      'schema',
      `Picky Assist sent ${label} without a usable "${fieldName}".${SCHEMA_HINT}`,
      details,
    );
  }
  return new PickyError(
    'schema',
    `Picky Assist sent ${label} with "${fieldName}" as ${describeKind(value)}, which Picky Tray cannot read.${SCHEMA_HINT}`,
    details,
  );
}

/** "project 715" when the raw object has a usable id, else "project number 3 of 5 in the list" / "a project". */
function projectLabel(raw: unknown, index: number, count: number): string {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const id = normalizeIdUnknown((raw as Record<string, unknown>).project_id);
    if (id !== undefined) return `project ${id}`;
  }
  return count === 1 ? 'a project' : `project number ${index + 1} of ${count} in the list`;
}

function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'true/false';
  return `a ${typeof value}`;
}

function normalizeIdUnknown(value: unknown): number | undefined {
  return typeof value === 'number' || typeof value === 'string' ? normalizeId(value) : undefined;
}

const DIGITS = /^\d{1,15}$/;

function normalizeId(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const trimmed = value.trim();
  return DIGITS.test(trimmed) ? Number(trimmed) : undefined;
}

function normalizePlanId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const id = normalizeId(value);
  return id !== undefined && id > 0 ? id : undefined;
}

function normalizeStatus(value: string | undefined): ProjectStatus {
  if (value === undefined) return 'unknown';
  // Exact upstream spellings first: lower-casing allocates a string per project.
  if (value === 'Active') return 'active';
  if (value === 'Expired') return 'expired';
  if (value === 'Delete') return 'deleted';
  switch (value.toLowerCase()) {
    case 'active':
      return 'active';
    case 'expired':
      return 'expired';
    case 'delete':
    case 'deleted':
      return 'deleted';
    default:
      return 'unknown';
  }
}

function normalizeService(value: string | undefined): ServiceKind {
  if (value === '1') return 'phone-automation';
  if (value === '2') return 'whatsapp-official';
  return 'unknown';
}

// Most projects have no API tokens and no webhooks. They share one frozen empty value each: fewer objects that
// survive garbage collection was the largest single saving at 10,000 projects. Projects are read-only data.
const NO_API_TOKENS = Object.freeze([]) as readonly ApiToken[] as ApiToken[];
const NO_WEBHOOKS: Webhooks = Object.freeze({ global: undefined, event: undefined, smartReply: undefined });

function normalizeWebhooks(r: Record<string, unknown>, projectId: number): Webhooks {
  const global = scalar(r.global_webhook, 'global_webhook', projectId);
  const event = scalar(r.event_webhook, 'event_webhook', projectId);
  const smartReply = scalar(r.smart_reply_webhook, 'smart_reply_webhook', projectId);
  if (global === undefined && event === undefined && smartReply === undefined) return NO_WEBHOOKS;
  return { global, event, smartReply };
}

/** api_tokens: a list of {ip, token}; "" or null mean none. Entries without a token are dropped. */
function normalizeApiTokens(value: unknown, projectId: number): ApiToken[] {
  if (value === undefined || value === null || value === '') return NO_API_TOKENS;
  if (!Array.isArray(value)) throw fieldError('api_tokens', value, projectId);
  if (value.length === 0) return NO_API_TOKENS;
  const out: ApiToken[] = [];
  for (const entry of value as unknown[]) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      throw fieldError('api_tokens', entry, projectId, 'an entry of');
    const e = entry as Record<string, unknown>;
    const token = scalar(e.token, 'api_tokens', projectId);
    // An entry without a token has nothing to show or use.
    if (token === undefined) continue;
    const ip = scalar(e.ip, 'api_tokens', projectId);
    out.push(ip === undefined ? { token } : { ip, token });
  }
  return out;
}

/** An ISO instant for a billing date, or undefined when it does not parse: the day (or time) the text names in the
 *  project's time zone, by the one date rule in dates.ts. */
export function parseBillingInstant(given: string, dateFormat?: string, timeZone?: string): string | undefined {
  return billingInstantIso(given, dateFormat, timeZone);
}
