// The one IPC contract. Every channel between the main side and the renderer is named here once, as a key, with a
// zod schema for its input and output (invokes) or payload (events); ipc-channels.ts turns a key into the Electron
// channel. Main parses every input and checks every output with it (ipc-dispatch.ts); the renderer takes the
// types, and trusts what main sends.
// Imports only pure core modules (no node, no electron, no renderer code).
import * as z from 'zod/mini';
import { checkMasterToken } from '../core/master-token';
import { SettingsPatchSchema, SettingsSchema } from '../core/settings-schema';
import { type ErrorInfoSchema, ProjectDiffSchema, SyncStateSchema } from '../core/sync-state';

/** What the window may tell a phone to do (`reset` is not offered: it wipes the phone's app). */
export const PHONE_COMMANDS = ['restart', 'pause-queue', 'resume-queue', 'clear-queue'] as const;

const NoInput = z.undefined();
/** The token as typed, into a MasterToken; the rule's own sentence when it is refused. */
const MasterTokenInput = z.pipe(
  z.string(),
  z.transform((raw: string, ctx) => {
    const result = checkMasterToken(raw);
    if (result.ok) return result.token;
    ctx.issues.push({ code: 'custom', message: result.message, input: raw });
    return z.NEVER;
  }),
);
const ProjectIdInput = z.strictObject({
  projectId: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
});
const ApiTokenInput = z.strictObject({
  projectId: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  index: z.int().check(z.nonnegative(), z.maximum(999)),
});

/** A hand-added project's fields as typed; the core trims and checks them (manual-projects.ts). */
const ManualText = (max: number) => z.string().check(z.maxLength(max));
const ManualAddInput = z.strictObject({
  name: ManualText(200),
  licenseKey: z.optional(ManualText(512)),
  apiToken: z.optional(ManualText(512)),
  saveUnchecked: z.optional(z.boolean()),
});
const ManualEditInput = z.strictObject({
  projectId: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  name: z.optional(ManualText(200)),
  /** null removes it. */
  licenseKey: z.optional(z.nullable(ManualText(512))),
  /** null removes it. */
  apiToken: z.optional(z.nullable(ManualText(512))),
  saveUnchecked: z.optional(z.boolean()),
});
/** After adding or editing: the new state (tokens masked), the project's id, and what the token check said. */
export const ManualSaveAnswerSchema = z.object({
  state: SyncStateSchema,
  projectId: z.int(),
  check: z.enum(['checked', 'unchecked', 'no-token']),
  learnedProjectId: z.optional(z.int()),
  connectedNumber: z.optional(z.string()),
  uncheckedReason: z.optional(z.string()),
});
export type ManualSaveAnswer = z.infer<typeof ManualSaveAnswerSchema>;

export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** The base URL actually used (env PICKY_API_URL > settings > default). */
  effectiveBaseUrl: z.string(),
  /** True when env PICKY_API_URL overrides what settings say. */
  baseUrlFromEnv: z.boolean(),
  /** The host (and port) of the address in effect: where the token is sent. Absent when the address is refused. */
  host: z.optional(z.string()),
  /** Why the address in effect is refused (which one, and why); nothing is sent until it changes. */
  addressProblem: z.optional(z.string()),
  /** Set when the settings file was invalid and defaults are in use. */
  warning: z.optional(z.string()),
  /** Whether the platform supports launch at login from this build. */
  launchAtLoginSupported: z.boolean(),
  /** Set when the desktop shows no tray icons: a sentence on how to get a tray. */
  trayHint: z.optional(z.string()),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const TokenStatusSchema = z.object({
  stored: z.boolean(),
  /** The host (and port) the token is checked with and sent to. */
  host: z.optional(z.string()),
  /** The stored token's last 4 characters (tokens of 16 characters or more), to tell which account is connected. */
  tokenEnding: z.optional(z.string()),
  /** Set when the address in effect is refused: no token can be stored or sent until it changes. */
  addressProblem: z.optional(z.string()),
});
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  /** 'electron' for the desktop app; 'preview' for the browser preview (a development tool). */
  mode: z.enum(['electron', 'preview']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const LogsFolderAnswerSchema = z.object({
  /** True when the shell showed the folder in the file manager. */
  opened: z.boolean(),
  /** Where the log files are, when there are any. */
  folder: z.optional(z.string()),
  /** A sentence for the user when the folder was not opened (the preview has no log file: it says where instead). */
  message: z.optional(z.string()),
});
export type LogsFolderAnswer = z.infer<typeof LogsFolderAnswerSchema>;

export const invokeContract = {
  getAppInfo: { input: NoInput, output: AppInfoSchema },
  getState: { input: NoInput, output: SyncStateSchema },
  refresh: { input: NoInput, output: SyncStateSchema },
  /** The renderer may learn whether a token is stored for the origin in effect, and that origin's host (where the
   *  token goes), never the token itself. */
  getTokenStatus: { input: NoInput, output: TokenStatusSchema },
  /** Checks the token against the server and stores it in the keychain when Picky Assist accepts it; with
   *  `saveUnchecked` (the user's "Save and keep trying"), also when Picky Assist cannot be asked. The token is
   *  trimmed and checked here, once, by the one token rule (app/core/master-token.ts). */
  setToken: {
    input: z.strictObject({ token: MasterTokenInput, saveUnchecked: z.optional(z.boolean()) }),
    output: SyncStateSchema,
  },
  clearToken: { input: NoInput, output: SyncStateSchema },
  getSettings: { input: NoInput, output: SettingsViewSchema },
  updateSettings: { input: SettingsPatchSchema, output: SettingsViewSchema },
  clearCache: { input: NoInput, output: SyncStateSchema },
  /** Projects added by hand: the license key and the token go to the keychain on the main side; the answer's
   *  state has them masked like every state the window gets. */
  addManualProject: { input: ManualAddInput, output: ManualSaveAnswerSchema },
  editManualProject: { input: ManualEditInput, output: ManualSaveAnswerSchema },
  removeManualProject: { input: ProjectIdInput, output: SyncStateSchema },
  /** Opens an http(s) URL in the user's browser, through the main side. */
  openExternal: {
    input: z.strictObject({ url: z.string().check(z.maxLength(4096)) }),
    output: z.object({ opened: z.boolean() }),
  },
  /** Opens the Picky Assist dashboard of the server in use (where a project is renewed) in the user's browser;
   *  answers with its address, for the user to open by hand when it was not opened. */
  openDashboard: { input: NoInput, output: z.object({ opened: z.boolean(), url: z.string() }) },
  /** Asks the shell to show a project's pairing QR in its own full-screen window.
   *  `handled: false` means the shell has no such window (preview): the renderer shows it in place. */
  openQr: { input: ProjectIdInput, output: z.object({ handled: z.boolean() }) },
  /** Shows the folder of the log files in the file manager (Settings → Logs, and the tray menu). */
  openLogsFolder: { input: NoInput, output: LogsFolderAnswerSchema },
  /** One project API token, whole: only on the user's explicit Reveal. Everywhere else the window gets them
   *  masked (last 4 characters). */
  revealApiToken: { input: ApiTokenInput, output: z.object({ token: z.string() }) },
  /** Copies one project API token to the clipboard from the main side. `copied: false` with `text` means the shell
   *  cannot reach the clipboard (the preview): the page writes `text` itself. */
  copyApiToken: {
    input: ApiTokenInput,
    output: z.object({ copied: z.boolean(), text: z.optional(z.string()) }),
  },
  /** The project whose QR or detail is open (null: none): its phone is checked first, then every 20 s. */
  focusPhone: {
    input: z.strictObject({ projectId: z.nullable(ProjectIdInput.shape.projectId) }),
    output: z.object({ focused: z.boolean() }),
  },
  /** When the next status call of the shared budget may leave (ISO): the add form says when a token's check runs. */
  phoneCheckSlot: { input: NoInput, output: z.object({ at: z.string() }) },
  /** Checks a project's phone at the next free slot of the shared budget; `at` says when that is (ISO). */
  checkPhone: { input: ProjectIdInput, output: z.object({ at: z.string() }) },
  /** A command for the phone's bridge app. clear-queue deletes messages: the window confirms it first. */
  phoneCommand: {
    input: z.strictObject({
      projectId: ProjectIdInput.shape.projectId,
      command: z.enum(PHONE_COMMANDS),
      confirmed: z.optional(z.boolean()),
    }),
    output: z.object({ sent: z.boolean() }),
  },
} as const;

export const NavigateSchema = z.object({
  route: z.union([
    z.literal('/'),
    z.literal('/settings'),
    z.string().check(z.regex(/^\/project\/\d{1,16}$/)),
    z.string().check(z.regex(/^\/qr\/\d{1,16}$/)),
  ]),
});

export const eventContract = {
  stateChanged: { payload: SyncStateSchema },
  projectsChanged: { payload: ProjectDiffSchema },
  /** The tray asks the window to show a screen. */
  navigate: { payload: NavigateSchema },
} as const;

export type InvokeContract = typeof invokeContract;
export type InvokeName = keyof InvokeContract;
export type InvokeInput<N extends InvokeName> = z.input<InvokeContract[N]['input']>;
export type InvokeParsedInput<N extends InvokeName> = z.output<InvokeContract[N]['input']>;
export type InvokeOutput<N extends InvokeName> = z.output<InvokeContract[N]['output']>;
export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.output<EventContract[E]['payload']>;

export const INVOKE_NAMES = Object.keys(invokeContract) as InvokeName[];

/** Results cross the bridge as envelopes: the renderer shows `error.message`, never a stack trace. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof ErrorInfoSchema> };

/** What the preload exposes on `window.pickyBridge`, and what the preview's HTTP bridge implements.
 *  Untyped on the way in: the renderer's bridge client (renderer/src/api/bridge-client.ts) gives it the contract's
 *  types; main has checked every answer against the contract already. */
export interface RawBridge {
  invoke(name: InvokeName, input?: unknown): Promise<unknown>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

/** Handlers the main side (Electron or preview) implements: one per invoke, inputs already parsed. */
export type InvokeHandlers = { [N in InvokeName]: (input: InvokeParsedInput<N>) => Promise<InvokeOutput<N>> };
