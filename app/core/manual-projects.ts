// Projects added by hand, for one API origin at a time: the entry (name, ids) in the data folder (manual-store.ts),
// the license key and the project API token in the keychain as `project-license-key:<n>@<origin>` and
// `project-api-token:<n>@<origin>` (origin-secrets.ts). Removing an entry deletes only those two entries: never the
// Master token, the offline copy, or a fetched project's secrets.
//
// A token is checked with one device-status call (`checkProjectToken`, the one place that asks), in a slot of the
// account's status-call budget that the phone monitor and every other Picky Tray process share (`slot`: it waits
// for a free one, saying until when). Its answer gives the project id and the connected number. A refused token is never stored; when
// the check cannot be made (Picky Assist unreachable, or answering something unusable), nothing is stored either,
// unless the user chose "Save and check later".
import { DEFAULT_TIMEOUT_MS, type DeviceStatus, fetchDeviceStatus } from './api-client';
import { PickyError, failureKind, isPickyError } from './errors';
import { silentLogger } from './logger';
import { MAX_MANUAL_NUMBER, manualNumberOf, manualProjectId } from './manual-id';
import { type ManualEntry, type ManualFile, type ManualStore, createManualStore } from './manual-store';
import type { Project } from './model';
import { originSecretAccount } from './origin-secrets';
import type { Clock, Logger, SecretStore } from './ports';
import { systemClock } from './ports';

/** The one device-status call that checks a hand-added token. */
export type CheckProjectToken = (request: {
  baseUrl: string;
  token: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}) => Promise<DeviceStatus>;

export const checkProjectTokenOverHttp: CheckProjectToken = (request) => fetchDeviceStatus(request);

/** Runs one status call in a free slot of the shared budget, waiting for one if it must (onWait: until when). */
export type StatusSlot = <T>(
  run: (transport: { signal: AbortSignal; timeoutMs: number }) => Promise<T>,
  onWait?: (until: number) => void,
) => Promise<T>;

export interface ManualServer {
  baseUrl: string;
  origin: string;
}

export interface ManualProjectInput {
  name: string;
  /** What the QR encodes. Optional: without it the project has no QR. */
  licenseKey?: string;
  /** Optional: enables phone status and commands. */
  apiToken?: string;
}

export interface ManualProjectPatch {
  name?: string;
  /** null removes it. */
  licenseKey?: string | null;
  /** null removes it. */
  apiToken?: string | null;
}

export interface ManualSaveOptions {
  /** "Save and check later": store a token whose check could not be made (never one that was refused). */
  saveUnchecked?: boolean;
  /** The budget has no free status call now: the check waits until this moment (ms), told here first. */
  onWait?: (until: number) => void;
}

export interface ManualSaveResult {
  project: Project;
  /** 'checked': Picky Assist accepted the token; 'unchecked': saved without a check; 'no-token': none given. */
  check: 'checked' | 'unchecked' | 'no-token';
  /** What the device status said, for the confirmation ("project 929, connected number …"). */
  projectId?: number;
  connectedNumber?: string;
  /** Why the check could not be made, when 'unchecked'. */
  uncheckedReason?: string;
}

export interface ManualProjects {
  /** The origin's hand-added projects, secrets read from the keychain. */
  load(origin: string): Promise<{ projects: Project[]; warning?: string }>;
  add(server: ManualServer, input: ManualProjectInput, options?: ManualSaveOptions): Promise<ManualSaveResult>;
  edit(
    server: ManualServer,
    id: number,
    patch: ManualProjectPatch,
    options?: ManualSaveOptions,
  ): Promise<ManualSaveResult>;
  remove(server: ManualServer, id: number): Promise<void>;
}

export interface ManualProjectsDeps {
  dataDir: string;
  secrets: SecretStore;
  check?: CheckProjectToken;
  /** The shared status-call budget; default: none (tests of the store alone). picky-core passes the monitor's. */
  slot?: StatusSlot;
  store?: ManualStore;
  clock?: Clock;
  logger?: Logger;
}

const licenseAccount = (n: number, origin: string) => originSecretAccount(`project-license-key:${n}` as const, origin);
const tokenAccount = (n: number, origin: string) => originSecretAccount(`project-api-token:${n}` as const, origin);

/** Name: trimmed, one line, 1–200 characters. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (clean === '') throw new PickyError('bad-input', 'Give the project a name — any text that helps you find it.');
  if (clean.length > 200) throw new PickyError('bad-input', 'The name is too long — keep it under 200 characters.');
  return clean;
}

/** A license key or token as pasted: trimmed; one line of printable characters. Empty means none. */
export function cleanSecret(value: string | undefined, what: 'license key' | 'project API token'): string | undefined {
  if (value === undefined) return undefined;
  const clean = value.trim();
  if (clean === '') return undefined;
  if (clean.length > 512 || !/^[\x21-\x7e]+$/.test(clean)) {
    throw new PickyError(
      'bad-input',
      `That ${what} does not look right — copy it again from your Picky Assist dashboard (letters, digits and symbols, no spaces).`,
    );
  }
  return clean;
}

/** The entry as a Project: fields the server never gave read "not known" (status unknown, no plan, no billing). */
export function manualEntryProject(
  entry: ManualEntry,
  licenseKey: string | undefined,
  apiToken: string | undefined,
): Project {
  const project: Project = {
    id: manualProjectId(entry.number),
    name: entry.name,
    status: 'unknown',
    statusText: 'Not known',
    service: 'phone-automation',
    apiTokens: apiToken ? [{ token: apiToken }] : [],
    webhooks: {},
    source: 'manual',
    manual: { number: entry.number },
  };
  if (entry.connectedNumber) project.number = entry.connectedNumber;
  if (licenseKey) project.licenseKey = licenseKey;
  if (entry.projectId !== undefined && project.manual) project.manual.projectId = entry.projectId;
  if (entry.tokenUnchecked && project.manual) project.manual.tokenUnchecked = true;
  return project;
}

export function createManualProjects(deps: ManualProjectsDeps): ManualProjects {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const store = deps.store ?? createManualStore({ dir: deps.dataDir, clock });
  const check = deps.check ?? checkProjectTokenOverHttp;
  const unbudgeted: StatusSlot = (run) => run({ signal: new AbortController().signal, timeoutMs: DEFAULT_TIMEOUT_MS });
  const slot = deps.slot ?? unbudgeted;

  async function readFile(origin: string): Promise<ManualFile> {
    const { file, warning } = await store.read(origin);
    if (warning) log.warn('The list of projects added by hand was set aside', { warning });
    return file;
  }

  /** Checks the token; returns what to store about it, or throws (refused, or not checkable without consent). */
  async function checkToken(
    server: ManualServer,
    token: string,
    options: ManualSaveOptions,
  ): Promise<Pick<ManualSaveResult, 'check' | 'projectId' | 'connectedNumber' | 'uncheckedReason'>> {
    try {
      const status = await slot((transport) => check({ baseUrl: server.baseUrl, token, ...transport }), options.onWait);
      return { check: 'checked', projectId: status.projectId, connectedNumber: status.connectedNumber };
    } catch (e) {
      if (!isPickyError(e)) throw e;
      const kind = failureKind(e.code);
      if (kind === 'token' || e.code === 'api-status' || kind === 'local') {
        log.info('Picky Assist did not accept a hand-added project token; nothing was stored', { error: e });
        const words = e.detail ? ` ${e.detail}` : '';
        throw new PickyError(
          e.code === 'api-status' ? 'auth' : e.code,
          kind === 'local'
            ? e.message
            : `Picky Assist refused this project API token, so nothing was stored — copy it again from your Picky Assist dashboard (the project → API).${words}`,
          e.details,
          { cause: e, ...(e.detail ? { detail: e.detail } : {}) },
        );
      }
      if (!options.saveUnchecked) {
        log.info('A hand-added project token could not be checked; nothing was stored', { error: e });
        throw e;
      }
      log.warn('A hand-added project token could not be checked; saved unchecked, as the user chose', { error: e });
      return { check: 'unchecked', uncheckedReason: e.message };
    }
  }

  async function setOrDelete(account: string, value: string | undefined): Promise<void> {
    if (value) await deps.secrets.set(account, value);
    else await deps.secrets.delete(account);
  }

  async function save(
    server: ManualServer,
    file: ManualFile,
    entry: ManualEntry,
    licenseKey: string | undefined,
    apiToken: string | undefined,
    outcome: Pick<ManualSaveResult, 'check' | 'projectId' | 'connectedNumber' | 'uncheckedReason'>,
  ): Promise<ManualSaveResult> {
    // Secrets first: an entry on disk whose secrets are missing would show a project without its key.
    await setOrDelete(licenseAccount(entry.number, server.origin), licenseKey);
    await setOrDelete(tokenAccount(entry.number, server.origin), apiToken);
    const others = file.projects.filter((p) => p.number !== entry.number);
    const next: ManualFile = {
      ...file,
      nextNumber: Math.max(file.nextNumber, entry.number + 1),
      projects: [...others, entry].sort((a, b) => a.number - b.number),
    };
    await store.write(next);
    return { ...outcome, project: manualEntryProject(entry, licenseKey, apiToken) };
  }

  function entryFor(file: ManualFile, id: number): ManualEntry {
    const n = manualNumberOf(id);
    const entry = n === undefined ? undefined : file.projects.find((p) => p.number === n);
    if (!entry) throw new PickyError('not-found', `There is no project added by hand with id ${id}.`);
    return entry;
  }

  function withCheck(
    entry: ManualEntry,
    outcome: Pick<ManualSaveResult, 'check' | 'projectId' | 'connectedNumber'>,
  ): ManualEntry {
    const next: ManualEntry = { number: entry.number, name: entry.name, addedAt: entry.addedAt };
    if (outcome.check === 'checked') {
      if (outcome.projectId !== undefined) next.projectId = outcome.projectId;
      if (outcome.connectedNumber !== undefined) next.connectedNumber = outcome.connectedNumber.slice(0, 40);
    } else if (outcome.check === 'unchecked') {
      next.tokenUnchecked = true;
    }
    return next;
  }

  return {
    async load(origin) {
      const { file, warning } = await store.read(origin);
      if (warning) log.warn('The list of projects added by hand was set aside', { warning });
      const projects: Project[] = [];
      for (const entry of file.projects) {
        const licenseKey = (await deps.secrets.get(licenseAccount(entry.number, origin))) ?? undefined;
        const apiToken = (await deps.secrets.get(tokenAccount(entry.number, origin))) ?? undefined;
        projects.push(manualEntryProject(entry, licenseKey, apiToken));
      }
      return warning ? { projects, warning } : { projects };
    },

    async add(server, input, options = {}) {
      const name = cleanName(input.name);
      const licenseKey = cleanSecret(input.licenseKey, 'license key');
      const apiToken = cleanSecret(input.apiToken, 'project API token');
      if (licenseKey) log.addSecret(licenseKey);
      if (apiToken) log.addSecret(apiToken);
      const file = await readFile(server.origin);
      if (file.nextNumber > MAX_MANUAL_NUMBER) throw new PickyError('bad-input', 'Too many projects added by hand.');
      const outcome = apiToken ? await checkToken(server, apiToken, options) : { check: 'no-token' as const };
      const entry = withCheck({ number: file.nextNumber, name, addedAt: new Date(clock.now()).toISOString() }, outcome);
      const result = await save(server, file, entry, licenseKey, apiToken, outcome);
      log.info('A project was added by hand', { id: result.project.id, check: result.check });
      return result;
    },

    async edit(server, id, patch, options = {}) {
      const file = await readFile(server.origin);
      const entry = entryFor(file, id);
      const oldKey = (await deps.secrets.get(licenseAccount(entry.number, server.origin))) ?? undefined;
      const oldToken = (await deps.secrets.get(tokenAccount(entry.number, server.origin))) ?? undefined;
      const name = patch.name === undefined ? entry.name : cleanName(patch.name);
      const licenseKey =
        patch.licenseKey === undefined
          ? oldKey
          : (cleanSecret(patch.licenseKey ?? undefined, 'license key') ?? undefined);
      const apiToken =
        patch.apiToken === undefined
          ? oldToken
          : (cleanSecret(patch.apiToken ?? undefined, 'project API token') ?? undefined);
      if (licenseKey) log.addSecret(licenseKey);
      if (apiToken) log.addSecret(apiToken);
      let next: ManualEntry = { ...entry, name };
      let outcome: Pick<ManualSaveResult, 'check' | 'projectId' | 'connectedNumber' | 'uncheckedReason'>;
      if (apiToken !== oldToken) {
        outcome = apiToken ? await checkToken(server, apiToken, options) : { check: 'no-token' };
        next = { ...withCheck(entry, outcome), name };
      } else {
        outcome = apiToken ? { check: entry.tokenUnchecked ? 'unchecked' : 'checked' } : { check: 'no-token' };
        if (entry.projectId !== undefined) outcome.projectId = entry.projectId;
        if (entry.connectedNumber !== undefined) outcome.connectedNumber = entry.connectedNumber;
      }
      const result = await save(server, file, next, licenseKey, apiToken, outcome);
      log.info('A project added by hand was changed', { id: result.project.id, check: result.check });
      return result;
    },

    async remove(server, id) {
      const file = await readFile(server.origin);
      const entry = entryFor(file, id);
      await store.write({ ...file, projects: file.projects.filter((p) => p.number !== entry.number) });
      // Only this entry's own secrets: a fetched project's, the Master token and the offline copy stay.
      await deps.secrets.delete(licenseAccount(entry.number, server.origin));
      await deps.secrets.delete(tokenAccount(entry.number, server.origin));
      log.info('A project added by hand was removed', { id });
    },
  };
}
