// The status-call ledger that every Picky Tray process of this data folder shares (the app, the preview, each CLI
// run): the recent status calls and the pause, in one small JSON file, changed only under a lock file and written
// atomically. What it holds is times, never a token or a project.
//
// The lock is a file created exclusively (`wx`) holding its owner's pid; a lock whose owner is gone, or that is
// older than a few seconds, is stale and taken over (a crashed process must not stop phone checks for good).
import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { diskError, readFileIfExists, writeFileAtomic } from './atomic-file';
import { PickyError } from './errors';
import { type BudgetView, STATUS_WINDOW_MS, clampLimit, nextCallAt } from './phone-schedule';
import { type Clock, systemClock } from './ports';

export const BUDGET_FILE_NAME = 'phone-budget.json';
const LOCK_FILE_NAME = 'phone-budget.lock';
const STALE_LOCK_MS = 5_000;
const LOCK_GIVE_UP_MS = 4_000;
const MAX_CALLS_KEPT = 50;

const LedgerSchema = z.object({
  version: z.literal(1),
  calls: z.array(z.object({ id: z.string().max(40), until: z.number() })).max(1000),
  pausedUntil: z.number().optional(),
});
type Ledger = z.infer<typeof LedgerSchema>;

export type TakeResult = { granted: true; id: string } | { granted: false; nextAt: number };

/** The budget as every process sees it. The in-memory version (tests) and the file version behave the same. */
export interface BudgetLedger {
  read(): Promise<BudgetView>;
  /** Takes one call if it fits now under `limit` and no pause runs; `until` bounds when it may reach the server. */
  take(limit: number, until: number): Promise<TakeResult>;
  /** The call was answered (or given up on) at `until`. */
  settle(id: string, until: number): Promise<void>;
  /** No status call from any process before `until`. */
  pause(until: number): Promise<void>;
}

function prune(ledger: Ledger, now: number): Ledger {
  const calls = ledger.calls.filter((c) => c.until > now - STATUS_WINDOW_MS).slice(-MAX_CALLS_KEPT);
  const out: Ledger = { version: 1, calls };
  if (ledger.pausedUntil !== undefined && ledger.pausedUntil > now) out.pausedUntil = ledger.pausedUntil;
  return out;
}

function view(ledger: Ledger): BudgetView {
  return ledger.pausedUntil === undefined
    ? { calls: ledger.calls }
    : { calls: ledger.calls, pausedUntil: ledger.pausedUntil };
}

let counter = 0;
const newId = (now: number) => `${process.pid}-${now}-${++counter}`;

/** The pure part of take(): the ledger after granting, or why not. */
function tryTake(ledger: Ledger, now: number, limit: number, until: number): { ledger: Ledger; result: TakeResult } {
  const at = nextCallAt(view(ledger), now, clampLimit(limit));
  if (at > now) return { ledger, result: { granted: false, nextAt: at } };
  const id = newId(now);
  return { ledger: { ...ledger, calls: [...ledger.calls, { id, until }] }, result: { granted: true, id } };
}

export function createMemoryBudgetLedger(clock: Clock = systemClock): BudgetLedger {
  let ledger: Ledger = { version: 1, calls: [] };
  return {
    async read() {
      ledger = prune(ledger, clock.now());
      return view(ledger);
    },
    async take(limit, until) {
      const r = tryTake(prune(ledger, clock.now()), clock.now(), limit, until);
      ledger = r.ledger;
      return r.result;
    },
    async settle(id, until) {
      ledger = { ...ledger, calls: ledger.calls.map((c) => (c.id === id ? { id, until } : c)) };
    },
    async pause(until) {
      ledger = { ...ledger, pausedUntil: Math.max(ledger.pausedUntil ?? 0, until) };
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createFileBudgetLedger(dir: string, clock: Clock = systemClock): BudgetLedger {
  const path = join(dir, BUDGET_FILE_NAME);
  const lockPath = join(dir, LOCK_FILE_NAME);

  async function load(): Promise<Ledger> {
    const bytes = await readFileIfExists(path);
    if (bytes === undefined) return { version: 1, calls: [] };
    try {
      const parsed = LedgerSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Damaged (it is only times): fall through to the cautious answer below.
    }
    // A damaged ledger cannot say what was spent, so assume the worst: a full minute's budget just used.
    const now = clock.now();
    return {
      version: 1,
      calls: [
        { id: 'unknown', until: now },
        { id: 'unknown', until: now },
        { id: 'unknown', until: now },
      ],
    };
  }

  async function staleLock(): Promise<boolean> {
    try {
      const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
      const pid = Number(text.split('\n', 1)[0]);
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) return true;
      return Date.now() - info.mtimeMs > STALE_LOCK_MS;
    } catch {
      // Gone between our attempt and this look, or unreadable: try again.
      return false;
    }
  }

  async function withLock<T>(run: (ledger: Ledger) => Promise<{ ledger?: Ledger; value: T }>): Promise<T> {
    const started = Date.now();
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        await handle.writeFile(`${process.pid}\n${Date.now()}\n`);
        await handle.close();
        break;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code === 'ENOENT') {
          await writeFileAtomic(path, JSON.stringify({ version: 1, calls: [] }), { mode: 0o600 }).catch(
            () => undefined,
          );
          continue;
        }
        if (code !== 'EEXIST') throw diskError(dir, e, 'save to');
        if (await staleLock()) {
          await rm(lockPath, { force: true });
          continue;
        }
        if (Date.now() - started > LOCK_GIVE_UP_MS) {
          throw new PickyError(
            'disk',
            `Picky Tray could not take its phone-check budget lock in ${dir}; another Picky Tray may be stuck. Phone checks wait until it is free.`,
            { dir },
          );
        }
        await sleep(15 + Math.floor(Math.random() * 20));
      }
    }
    try {
      const before = prune(await load(), clock.now());
      const { ledger, value } = await run(before);
      if (ledger) await writeFileAtomic(path, JSON.stringify(ledger), { mode: 0o600 });
      return value;
    } finally {
      await rm(lockPath, { force: true }).catch(() => undefined);
    }
  }

  return {
    async read() {
      return view(prune(await load(), clock.now()));
    },
    take: (limit, until) =>
      withLock(async (ledger) => {
        const r = tryTake(ledger, clock.now(), limit, until);
        return { ledger: r.result.granted ? r.ledger : undefined, value: r.result };
      }),
    settle: (id, until) =>
      withLock(async (ledger) => ({
        ledger: { ...ledger, calls: ledger.calls.map((c) => (c.id === id ? { id, until } : c)) },
        value: undefined,
      })),
    pause: (until) =>
      withLock(async (ledger) => ({
        ledger: { ...ledger, pausedUntil: Math.max(ledger.pausedUntil ?? 0, until) },
        value: undefined,
      })),
  };
}
