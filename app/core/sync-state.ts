// The one observable state that the tray, the screens and the CLI all read.
// Pure data + zod schema: safe to import from the renderer.
import * as z from 'zod/mini';
import { ERROR_CODES, ERROR_FIXES } from './errors';
import { ProjectSchema, ProjectStatusSchema } from './model';
import { PhoneStatesSchema } from './phone-state';

/** 'offline': Picky Assist could not be reached. 'auth-error': it refused the token. 'refused': it answered and
 *  refused the request (or answered something unusable) for another reason — the token may be fine. */
export const SYNC_KINDS = ['no-token', 'refreshing', 'ok', 'offline', 'auth-error', 'refused'] as const;
export const SyncKindSchema = z.enum(SYNC_KINDS);
export type SyncKind = z.infer<typeof SyncKindSchema>;

export const ErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** One plain headline with one likely fix. */
  message: z.string(),
  /** Status codes, addresses, the server's words: shown behind "Details". */
  detail: z.optional(z.string()),
  /** Where the fix is, for the surface to name (Settings, PICKY_API_URL, `token set`). */
  fix: z.optional(z.enum(ERROR_FIXES)),
});

export const SyncStateSchema = z.object({
  kind: SyncKindSchema,
  /** What the user sees: the last successful list (from the network or the offline cache). */
  projects: z.array(ProjectSchema),
  /** Where `projects` came from. */
  source: z.enum(['network', 'cache', 'none']),
  /** ISO time of the last successful fetch that `projects` reflects. */
  fetchedAt: z.optional(z.string()),
  /** ISO time of the last attempt, successful or not. */
  lastAttemptAt: z.optional(z.string()),
  /** Why the last refresh failed; absent after a success. Kept while a new refresh is running. */
  error: z.optional(ErrorInfoSchema),
  /** A non-fatal problem worth telling, e.g. the offline cache was unreadable and was set aside. */
  warning: z.optional(z.string()),
  /** ISO time of the next scheduled refresh, when one is scheduled. */
  nextRefreshAt: z.optional(z.string()),
  /** The stored token was saved without Picky Assist checking it ("Save and keep trying"); cleared by the next
   *  successful answer. */
  tokenUnchecked: z.optional(z.boolean()),
  /** Consecutive failures; drives the back-off. */
  failures: z.int().check(z.nonnegative()),
  /** Phone states of the phone projects, by project id: last known, kept in the offline copy too. */
  phones: z.optional(PhoneStatesSchema),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export const StatusChangeSchema = z.object({
  id: z.number(),
  name: z.string(),
  from: ProjectStatusSchema,
  to: ProjectStatusSchema,
});
export const ProjectRefSchema = z.object({ id: z.number(), name: z.string() });
export const BillingSoonSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** The billing instant (ISO), by the date rule in dates.ts: what a notice is keyed on and shows. */
  instant: z.string(),
  /** The user's calendar days until it: 0 today. */
  daysLeft: z.number(),
});

export const ProjectDiffSchema = z.object({
  added: z.array(ProjectRefSchema),
  removed: z.array(ProjectRefSchema),
  statusChanged: z.array(StatusChangeSchema),
  /** Projects billing today or within the attention window (dates.ts's isBillingSoon) after this refresh. */
  billingSoon: z.array(BillingSoonSchema),
});
export type ProjectDiff = z.infer<typeof ProjectDiffSchema>;

export const INITIAL_SYNC_STATE: SyncState = { kind: 'no-token', projects: [], source: 'none', failures: 0 };
