// Switches that make the emulator misbehave the ways a real server (or network) can. All off by default.
import { z } from 'zod';

export const LIST_SHAPES = ['data', 'projects', 'array', 'single'] as const;

export const ScenarioSchema = z
  .object({
    /** Delay before every API answer. */
    latencyMs: z.number().int().min(0).max(600_000),
    /** Accept the request and never answer (until the emulator closes). */
    hang: z.boolean(),
    /** HTTP 500 with an HTML error page. */
    http500Html: z.boolean(),
    /** HTTP 200 with a truncated JSON body. */
    malformedJson: z.boolean(),
    /** When set: HTTP 200 with a valid-looking JSON body padded past this many bytes, streamed without a length. */
    oversizeBytes: z
      .number()
      .int()
      .min(1)
      .max(256 * 1024 * 1024)
      .optional(),
    /** Send the headers and half the body, then destroy the socket. */
    closeMidway: z.boolean(),
    /** When set: the demo account has this many generated projects instead of its six. */
    generatedProjects: z.number().int().min(0).max(100_000).optional(),
    /** When set: that project answers Active, Expired, Active... on successive get-projects calls. */
    flipStatus: z.number().int().nonnegative().optional(),
    /** How `project_id: 0` is answered: under "data", under "projects", a bare array, or one top-level project. */
    listShape: z.enum(LIST_SHAPES),
    /** When set: every API call answers this error envelope (HTTP 200), e.g. upstream's "API disabled". */
    apiError: z
      .object({ status: z.union([z.number(), z.string()]), message: z.string() })
      .strict()
      .optional(),
    /** When set: every API call answers this HTTP status with a small JSON body, e.g. 503 (service unavailable)
     *  or 401 (a server or proxy refusing the token at the HTTP level). */
    httpStatus: z
      .object({ status: z.number().int().min(400).max(599), message: z.string().max(500).optional() })
      .strict()
      .optional(),
    /** pm/get-projects refuses every request with the documented error envelope (the Project Management API
     *  disabled), while device-status (and device-action) keep answering for project API tokens. */
    listingRefused: z.boolean().optional(),
    /** Accept project API tokens limited to an IP address from anywhere (upstream refuses them from elsewhere). */
    ignoreTokenIpLimits: z.boolean().optional(),
    /** Send project_id as a string ("715"), as the documented sample does. */
    stringIds: z.boolean(),
    /** Status calls answered per account in any 60 s; the rest are dropped unanswered. 0 = no limit. */
    statusLimitPerMinute: z.number().int().min(0).max(1000),
    /** When set: only device-status misbehaves — never answers, answers an HTML error page, or refuses every token. */
    deviceStatusFault: z.enum(['hang', 'html', 'refuse']).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A partial scenario, as setScenario() and POST /__emulator/scenario take it. */
export const ScenarioPatchSchema = ScenarioSchema.partial().strict();
export type ScenarioPatch = z.infer<typeof ScenarioPatchSchema>;

export const DEFAULT_SCENARIO: Readonly<Scenario> = Object.freeze({
  latencyMs: 0,
  hang: false,
  http500Html: false,
  malformedJson: false,
  closeMidway: false,
  listShape: 'data',
  stringIds: true,
  statusLimitPerMinute: 3,
});

/** `base` with `patch` applied; an explicit undefined puts that switch back to its default (off). */
export function applyScenario(base: Readonly<Scenario>, patch: unknown): Scenario {
  const parsed = ScenarioPatchSchema.parse(patch);
  const next: Record<string, unknown> = { ...base };
  const defaults: Readonly<Record<string, unknown>> = DEFAULT_SCENARIO;
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) next[key] = value;
    else if (key in defaults) next[key] = defaults[key];
    else delete next[key];
  }
  // A zod-checked result: the merge above cannot produce a shape the schema rejects, but be sure.
  return ScenarioSchema.parse(next);
}
