// The seams between core modules: small interfaces that the real implementations (keytar, files, HTTP)
// fulfil, and that unit tests can fill with in-memory versions. Integration tests always use the real ones.
import type { PickyError } from './errors';
import type { Project } from './model';
import type { PhoneStates } from './phone-state';
import type { Settings, SettingsPatch } from './settings-schema';

/** Secrets in the OS keychain (keytar), or in memory for unit tests. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}
export const KEYCHAIN_SERVICE = 'Picky Tray';
// Keychain entry names are per API origin: see origin-secrets.ts.

/** The API server in effect: an address that passed the rule in api-url.ts, or why it was refused. */
export type ApiServer = { ok: true; baseUrl: string; origin: string; host: string } | { ok: false; error: PickyError };

export interface FetchProjectsRequest {
  baseUrl: string;
  token: string;
  /** 0 or absent: every project in the account. */
  projectId?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}
/** Fetches and normalizes projects; throws PickyError on any failure. */
export type FetchProjects = (request: FetchProjectsRequest) => Promise<Project[]>;

/** Identifies whose data a cache holds: the file and its key belong to the origin of `baseUrl`.
 *  Only a keyed fingerprint of it is ever written to disk. */
export interface CacheAccount {
  baseUrl: string;
  token: string;
}
export interface CachedProjects {
  /** ISO time of the fetch. */
  fetchedAt: string;
  projects: Project[];
  /** The phones' last known states, when any were checked. */
  phones?: PhoneStates;
}
export interface CacheReadResult {
  data?: CachedProjects;
  /** Set when a cache file existed but could not be used (corrupt, tampered, other account...) and was set aside. */
  warning?: string;
}
export interface ProjectCache {
  read(account: CacheAccount): Promise<CacheReadResult>;
  write(account: CacheAccount, data: CachedProjects): Promise<void>;
  /** Removes the cache file of this address's origin (and forgets its key). Other origins' copies stay. */
  clear(baseUrl: string): Promise<void>;
}

export interface SettingsLoadResult {
  settings: Settings;
  /** Set when the file was invalid: defaults are in use and the bad file was kept as `.bak`. */
  warning?: string;
  /** The file's API address when the address rule refused it (the other settings are still used). Kept in the
   *  file until the user enters another address, so a refused address never quietly becomes the default. */
  refusedApiBaseUrl?: string;
}
export interface SettingsStore {
  load(): Promise<SettingsLoadResult>;
  update(patch: SettingsPatch): Promise<Settings>;
}

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** What was being done when something is logged: plain values, and the caught error under `error`. */
export type LogContext = Readonly<Record<string, unknown>>;
/**
 * Where the app writes what happened. The implementation (logger.ts) masks every secret before any sink, so a
 * caller may pass errors and context as they are; it still never passes a secret on purpose.
 */
export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** The same log, its records marked with the part of the app (`tray`, `notifier`, `sync`...). */
  child(scope: string): Logger;
  /** A secret this process now knows (a token, a license key): masked in every record from now on. */
  addSecret(secret: string): void;
}
