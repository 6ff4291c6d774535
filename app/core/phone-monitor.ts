// The phone monitor: asks Picky Assist about the phones of the account's phone projects, within the status-call
// budget every Picky Tray process shares (phone-budget.ts), in the order phone-schedule.ts decides. This file is
// the effects around those decisions: the ledger, the HTTP calls, the timer, the states it reports.
// A project API token goes from tokenFor() to the HTTP client and nowhere else: states and errors never hold one.
import {
  type DeviceCommand,
  type DeviceCommandRequest,
  type DeviceStatus,
  type DeviceStatusRequest,
  fetchDeviceStatus as httpFetchDeviceStatus,
  sendDeviceCommand as httpSendDeviceCommand,
} from './api-client';
import { PickyError, isPickyError, toErrorInfo } from './errors';
import type { Project } from './model';
import type { BudgetLedger } from './phone-budget';
import { PAUSE_MS, type ScheduledProject, decide, nextCallAt, retryDelayMs } from './phone-schedule';
import { type PhoneState, type PhoneStates, isPhoneProject, phoneStateAfter } from './phone-state';
import { displayText, DISPLAY_LIMITS } from './display-text';
import { silentLogger } from './logger';
import { type PhoneTokenSource, phoneTokenFor } from './phone-token';
import { type Clock, type Logger, systemClock } from './ports';
import type { Timers } from './sync-engine';

/** A status check gives up after this long (and pauses every status call for a minute: see phone-schedule.ts). */
export const STATUS_TIMEOUT_MS = 10_000;
/** How long past its timeout a call may still reach the server, for the budget's bound. */
const ARRIVAL_SLACK_MS = 2_000;
/** When the ledger cannot be read or locked, try again after this long (and make no call meanwhile). */
const LEDGER_RETRY_MS = 15_000;

export interface PhoneMonitorDeps {
  getProjects(): readonly Project[];
  /** False while the account is offline or has no token. */
  isActive(): boolean;
  getBaseUrl(): string;
  /** Status calls per minute allowed by settings (clamped to 1..3). */
  limit(): number;
  ledger: BudgetLedger;
  onChange(states: PhoneStates): void;
  tokenFor?: PhoneTokenSource;
  fetchDeviceStatus?: (request: DeviceStatusRequest) => Promise<DeviceStatus>;
  sendDeviceCommand?: (request: DeviceCommandRequest) => Promise<void>;
  clock?: Clock;
  timers?: Timers;
  timeoutMs?: number;
  /** Where a caught problem is reported; default: nowhere. Every project API token used is registered with it. */
  logger?: Logger;
}

export interface CheckResult {
  /** Phones asked now. */
  checked: number;
  /** Phones shown with an older check, because the budget had no room for them now. */
  older: number;
}

export interface PhoneMonitor {
  getStates(): PhoneStates;
  /** Restores states (from the offline copy) without announcing them. */
  setStates(states: PhoneStates | undefined): void;
  /** Starts checking in the background; stop() ends it. */
  start(): void;
  stop(): void;
  /** Something the schedule depends on changed (projects, online, token): decide again. */
  poke(): void;
  /** The project whose QR or detail is open: checked first, then every 20 s. */
  focus(projectId: number | undefined): void;
  /** Every phone at the next free slots (resume from sleep, network back). */
  sweep(): void;
  /** Checks one project at the next free slot; resolves with when that is expected. */
  checkSoon(projectId: number): Promise<{ at: number }>;
  /** Checks one project now, waiting for a free slot if it must (onWait says until when). */
  checkProject(projectId: number, onWait?: (until: number) => void): Promise<PhoneState>;
  /** Checks as many phones as the budget allows right now, oldest check first, without waiting. */
  checkWithinBudget(): Promise<CheckResult>;
  /** The earliest moment a status call may leave. */
  nextSlotAt(): Promise<number>;
  /**
   * One status call that is not a phone check (a hand-added project's token being checked), through the same
   * budget: waits for a free slot if it must (onWait says until when), takes it, and records when it was answered.
   * A timeout or an HTTP 429 pauses every status call for a minute, as for the monitor's own calls.
   */
  statusCall<T>(run: (transport: StatusTransport) => Promise<T>, onWait?: (until: number) => void): Promise<T>;
  /** Sends a device command; clear-queue needs `confirmed` (it deletes messages). The project is checked next. */
  command(projectId: number, command: DeviceCommand, options?: { confirmed?: boolean }): Promise<void>;
  dispose(): Promise<void>;
}

/** What a status call made through statusCall() must honour: abort on dispose, give up after the timeout. */
export interface StatusTransport {
  signal: AbortSignal;
  timeoutMs: number;
}

interface Runtime {
  failures: number;
  retryAt?: number;
  requested?: boolean;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function notFound(projectId: number): PickyError {
  return new PickyError(
    'not-found',
    `Project ${projectId} has no phone to check: it is not an active Phone Automation project with an API token. Refresh the list and try again.`,
    { projectId },
  );
}

export function createPhoneMonitor(deps: PhoneMonitorDeps): PhoneMonitor {
  const clock = deps.clock ?? systemClock;
  const timers = deps.timers ?? defaultTimers;
  const tokenFor = deps.tokenFor ?? phoneTokenFor;
  const fetchStatus = deps.fetchDeviceStatus ?? httpFetchDeviceStatus;
  const sendCommand = deps.sendDeviceCommand ?? httpSendDeviceCommand;
  const timeoutMs = deps.timeoutMs ?? STATUS_TIMEOUT_MS;
  const log = deps.logger ?? silentLogger;

  let states: PhoneStates = {};
  const runtime = new Map<number, Runtime>();
  let focusId: number | undefined;
  let running = false;
  let disposed = false;
  let timer: unknown;
  let pumping = false;
  let pumpAgain = false;
  const controllers = new Set<AbortController>();
  const inFlight = new Set<Promise<unknown>>();

  const phoneProjects = (): Project[] => deps.getProjects().filter(isPhoneProject);
  const rt = (id: number): Runtime => {
    let r = runtime.get(id);
    if (!r) {
      r = { failures: 0 };
      runtime.set(id, r);
    }
    return r;
  };

  function emit(): void {
    try {
      deps.onChange(states);
    } catch (e) {
      log.warn('A phone state listener failed', { error: e });
    }
  }

  /** Forgets states of projects that are no longer phone projects (deleted, token removed, gone). */
  function reconcile(projects: readonly Project[]): void {
    if (projects.length === 0 && deps.getProjects().length === 0) return;
    const ids = new Set(projects.map((p) => String(p.id)));
    const stale = Object.keys(states).filter((k) => !ids.has(k));
    if (stale.length === 0) return;
    const next = { ...states };
    for (const k of stale) delete next[k];
    states = next;
    emit();
  }

  function scheduled(projects: readonly Project[]): ScheduledProject[] {
    return projects.map((p) => {
      const r = runtime.get(p.id);
      const at = states[String(p.id)]?.checkedAt;
      const checkedAt = at === undefined ? undefined : Date.parse(at);
      const s: ScheduledProject = { id: p.id };
      if (checkedAt !== undefined && Number.isFinite(checkedAt)) s.checkedAt = checkedAt;
      if (r?.retryAt !== undefined) s.retryAt = r.retryAt;
      if (r?.requested) s.requested = true;
      return s;
    });
  }

  /**
   * One status call for `project`, if the ledger grants it now. Updates the state; never throws for the
   * call's own failure (that is the state's error), only when the ledger cannot be used.
   */
  async function checkOne(project: Project): Promise<{ granted: true } | { granted: false; nextAt: number }> {
    const token = tokenFor(project);
    const key = String(project.id);
    if (!token) {
      const error = notFound(project.id);
      states = {
        ...states,
        [key]: phoneStateAfter(states[key], { error: toErrorInfo(error) }, new Date(clock.now()).toISOString()),
      };
      emit();
      return { granted: true };
    }
    log.addSecret(token.token);
    const startedAt = clock.now();
    const take = await deps.ledger.take(deps.limit(), startedAt + timeoutMs + ARRIVAL_SLACK_MS);
    if (!take.granted) return take;
    const controller = new AbortController();
    controllers.add(controller);
    let outcome: Parameters<typeof phoneStateAfter>[1];
    let pause = false;
    try {
      const request: DeviceStatusRequest = {
        baseUrl: deps.getBaseUrl(),
        token: token.token,
        signal: controller.signal,
        timeoutMs,
      };
      if (token.ip) request.tokenIp = token.ip;
      outcome = { answer: await fetchStatus(request) };
    } catch (e) {
      log.debug('A phone check failed', { projectId: project.id, error: e });
      outcome = { error: toErrorInfo(e) };
      pause = isPickyError(e) && (e.code === 'timeout' || (e.code === 'http-status' && e.details.status === 429));
    } finally {
      controllers.delete(controller);
      await deps.ledger
        .settle(take.id, clock.now())
        .catch((e: unknown) => log.warn('Could not update the phone-check budget', { error: e }));
    }
    if (disposed) return { granted: true };
    if (pause) {
      await deps.ledger
        .pause(clock.now() + PAUSE_MS)
        .catch((e: unknown) => log.warn('Could not record the pause in the phone-check budget', { error: e }));
    }
    const r = rt(project.id);
    r.requested = false;
    if ('error' in outcome) {
      r.failures += 1;
      r.retryAt = clock.now() + retryDelayMs(r.failures);
    } else {
      r.failures = 0;
      r.retryAt = undefined;
    }
    states = { ...states, [key]: phoneStateAfter(states[key], outcome, new Date(startedAt).toISOString()) };
    emit();
    return { granted: true };
  }

  /** Runs a status call in a granted slot: abortable on dispose; the slot is settled when the call ends. */
  async function inSlot<T>(id: string, run: (transport: StatusTransport) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    controllers.add(controller);
    try {
      return await run({ signal: controller.signal, timeoutMs });
    } catch (e) {
      if (isPickyError(e) && (e.code === 'timeout' || (e.code === 'http-status' && e.details.status === 429))) {
        await deps.ledger
          .pause(clock.now() + PAUSE_MS)
          .catch((err: unknown) => log.warn('Could not record the pause in the phone-check budget', { error: err }));
      }
      throw e;
    } finally {
      controllers.delete(controller);
      await deps.ledger
        .settle(id, clock.now())
        .catch((e: unknown) => log.warn('Could not update the phone-check budget', { error: e }));
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    // The caller awaits p and sees its rejection; this copy only tidies the set, so its rejection is not news.
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  function wakeAt(until: number | undefined): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (until === undefined || !running || disposed) return;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        pump();
      },
      Math.max(0, until - clock.now()),
    );
  }

  /** The background loop's one step: decide, check, repeat; or sleep until the decision says. */
  function pump(): void {
    if (!running || disposed) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    void track(
      (async () => {
        try {
          for (;;) {
            pumpAgain = false;
            const projects = phoneProjects();
            reconcile(projects);
            let budget;
            try {
              budget = await deps.ledger.read();
            } catch (e) {
              log.warn('Could not read the phone-check budget', { error: e });
              wakeAt(clock.now() + LEDGER_RETRY_MS);
              return;
            }
            if (!running || disposed) return;
            const decision = decide({
              now: clock.now(),
              limit: deps.limit(),
              active: deps.isActive(),
              projects: scheduled(projects),
              focusId,
              budget,
            });
            if (decision.kind === 'wait') {
              if (pumpAgain) continue;
              wakeAt(decision.until);
              return;
            }
            const project = projects.find((p) => p.id === decision.projectId);
            if (!project) continue;
            let result;
            try {
              result = await checkOne(project);
            } catch (e) {
              log.warn('A phone check could not use the budget', { error: e });
              wakeAt(clock.now() + LEDGER_RETRY_MS);
              return;
            }
            if (!result.granted && !pumpAgain) {
              wakeAt(result.nextAt);
              return;
            }
          }
        } finally {
          pumping = false;
        }
      })(),
    );
  }

  // A wait someone awaits (a "Check now", `picky-tray phone <id>`) must keep the process alive: the background
  // timers are unref'd so they never hold a CLI run open, and a CLI whose only timer is unref'd exits mid-wait.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = timers.setTimeout(resolve, Math.max(0, ms));
      (handle as { ref?: () => void }).ref?.();
    });

  function project(projectId: number): Project {
    const p = phoneProjects().find((x) => x.id === projectId);
    if (!p) throw notFound(projectId);
    return p;
  }

  async function nextSlotAt(): Promise<number> {
    return nextCallAt(await deps.ledger.read(), clock.now(), deps.limit());
  }

  return {
    getStates: () => states,
    setStates(restored) {
      states = restored ? { ...restored } : {};
    },
    start() {
      running = true;
      pump();
    },
    stop() {
      running = false;
      wakeAt(undefined);
    },
    poke: () => pump(),
    focus(projectId) {
      if (focusId === projectId) return;
      focusId = projectId;
      pump();
    },
    sweep() {
      for (const p of phoneProjects()) rt(p.id).requested = true;
      pump();
    },
    async checkSoon(projectId) {
      rt(project(projectId).id).requested = true;
      const at = await nextSlotAt();
      pump();
      return { at };
    },
    async checkProject(projectId, onWait) {
      const p = project(projectId);
      for (;;) {
        if (disposed) throw new PickyError('aborted', 'Picky Tray stopped before the phone could be checked.');
        const at = await nextSlotAt();
        if (at > clock.now()) {
          onWait?.(at);
          await sleep(at - clock.now());
          continue;
        }
        const result = await track(checkOne(p));
        if (result.granted) return states[String(p.id)]!;
      }
    },
    async checkWithinBudget() {
      const projects = phoneProjects();
      const order = scheduled(projects).sort((a, b) => (a.checkedAt ?? -Infinity) - (b.checkedAt ?? -Infinity));
      let checked = 0;
      if (deps.isActive()) {
        for (const s of order) {
          const result = await track(checkOne(projects.find((p) => p.id === s.id)!));
          if (!result.granted) break;
          checked += 1;
        }
      }
      return { checked, older: projects.length - checked };
    },
    nextSlotAt,
    async statusCall(run, onWait) {
      for (;;) {
        if (disposed) throw new PickyError('aborted', 'Picky Tray stopped before Picky Assist could be asked.');
        const at = await nextSlotAt();
        if (at > clock.now()) {
          onWait?.(at);
          await sleep(at - clock.now());
          continue;
        }
        const take = await deps.ledger.take(deps.limit(), clock.now() + timeoutMs + ARRIVAL_SLACK_MS);
        // Another process took the slot between the look and the take: look again (and wait, saying so).
        if (!take.granted) continue;
        return await track(inSlot(take.id, run));
      }
    },
    async command(projectId, command, options = {}) {
      const p = project(projectId);
      if (command === 'clear-queue' && !options.confirmed) {
        const queued = states[String(p.id)]?.queueCount;
        throw new PickyError(
          'bad-input',
          `Clearing the queue of “${displayText(p.name, DISPLAY_LIMITS.excerpt)}” deletes ${queued === undefined ? 'every queued message' : `${queued} queued ${queued === 1 ? 'message' : 'messages'}`}; it must be confirmed first.`,
          { projectId },
        );
      }
      const token = tokenFor(p);
      if (!token) throw notFound(projectId);
      log.addSecret(token.token);
      const request: DeviceCommandRequest = { baseUrl: deps.getBaseUrl(), token: token.token, command, timeoutMs };
      if (token.ip) request.tokenIp = token.ip;
      await sendCommand(request);
      rt(p.id).requested = true;
      pump();
    },
    async dispose() {
      disposed = true;
      running = false;
      wakeAt(undefined);
      for (const c of controllers) c.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
