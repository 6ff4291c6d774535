// The one IPC contract. Every channel between the main side and the renderer is named here once,
// with a zod schema for its input and output (invokes) or payload (events).
// Main parses every input with it; the renderer parses every output with it. Nothing else names a channel.
// Imports only pure core modules (no node, no electron, no renderer code).
import * as z from 'zod/mini';
import { SettingsPatchSchema, SettingsSchema } from '../core/settings-schema';
import { ErrorInfoSchema, ProjectDiffSchema, SyncStateSchema } from '../core/sync-state';

const NoInput = z.undefined();
const ProjectIdInput = z.strictObject({
  projectId: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
});
const ApiTokenInput = z.strictObject({
  projectId: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  index: z.int().check(z.nonnegative(), z.maximum(999)),
});

export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** The base URL actually used (env PICKY_API_URL > settings > default). */
  effectiveBaseUrl: z.string(),
  /** True when env PICKY_API_URL overrides what settings say. */
  baseUrlFromEnv: z.boolean(),
  /** Set when the settings file was invalid and defaults are in use. */
  warning: z.optional(z.string()),
  /** Whether the platform supports launch at login from this build. */
  launchAtLoginSupported: z.boolean(),
  /** Set when the desktop shows no tray icons: a sentence on how to get a tray. */
  trayHint: z.optional(z.string()),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  /** 'electron' for the desktop app; 'preview' for the browser preview (a development tool). */
  mode: z.enum(['electron', 'preview']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const invokeContract = {
  getAppInfo: { channel: 'picky:app:info', input: NoInput, output: AppInfoSchema },
  getState: { channel: 'picky:state:get', input: NoInput, output: SyncStateSchema },
  refresh: { channel: 'picky:sync:refresh', input: NoInput, output: SyncStateSchema },
  /** The renderer may learn whether a token is stored, never the token itself. */
  getTokenStatus: { channel: 'picky:token:status', input: NoInput, output: z.object({ stored: z.boolean() }) },
  /** Checks the token against the server, stores it in the keychain when the server does not reject it, refreshes. */
  setToken: {
    channel: 'picky:token:set',
    input: z.strictObject({ token: z.string().check(z.trim(), z.minLength(1), z.maxLength(512)) }),
    output: SyncStateSchema,
  },
  clearToken: { channel: 'picky:token:clear', input: NoInput, output: SyncStateSchema },
  getSettings: { channel: 'picky:settings:get', input: NoInput, output: SettingsViewSchema },
  updateSettings: { channel: 'picky:settings:update', input: SettingsPatchSchema, output: SettingsViewSchema },
  clearCache: { channel: 'picky:cache:clear', input: NoInput, output: SyncStateSchema },
  /** Opens an http(s) URL in the user's browser, through the main side. */
  openExternal: {
    channel: 'picky:external:open',
    input: z.strictObject({ url: z.string().check(z.maxLength(4096)) }),
    output: z.object({ opened: z.boolean() }),
  },
  /** Asks the shell to show a project's pairing QR in its own full-screen window.
   *  `handled: false` means the shell has no such window (preview): the renderer shows it in place. */
  openQr: { channel: 'picky:qr:open', input: ProjectIdInput, output: z.object({ handled: z.boolean() }) },
  /** One project API token, whole: only on the user's explicit Reveal. Everywhere else the window gets them
   *  masked (last 4 characters). */
  revealApiToken: { channel: 'picky:api-token:reveal', input: ApiTokenInput, output: z.object({ token: z.string() }) },
  /** Copies one project API token to the clipboard from the main side. `copied: false` with `text` means the shell
   *  cannot reach the clipboard (the preview): the page writes `text` itself. */
  copyApiToken: {
    channel: 'picky:api-token:copy',
    input: ApiTokenInput,
    output: z.object({ copied: z.boolean(), text: z.optional(z.string()) }),
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
  stateChanged: { channel: 'picky:event:state', payload: SyncStateSchema },
  projectsChanged: { channel: 'picky:event:diff', payload: ProjectDiffSchema },
  /** The tray asks the window to show a screen. */
  navigate: { channel: 'picky:event:navigate', payload: NavigateSchema },
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
export const EVENT_NAMES = Object.keys(eventContract) as EventName[];

/** Results cross the bridge as envelopes: the renderer shows `error.message`, never a stack trace. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof ErrorInfoSchema> };
export const RawEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
]);

/** What the preload exposes on `window.pickyBridge`, and what the preview's HTTP bridge implements.
 *  Deliberately untyped on the way in: the renderer parses everything with the contract. */
export interface RawBridge {
  invoke(name: InvokeName, input?: unknown): Promise<unknown>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

/** Handlers the main side (Electron or preview) implements: one per invoke, inputs already parsed. */
export type InvokeHandlers = { [N in InvokeName]: (input: InvokeParsedInput<N>) => Promise<InvokeOutput<N>> };
