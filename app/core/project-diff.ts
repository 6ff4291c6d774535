// What changed between two project lists: the input for notifications. Pure.
//
// Decisions:
// - First load (`before` undefined, e.g. no offline copy existed): nothing counts as added or removed, otherwise
//   the very first refresh would announce every project in the account. Billing dates are still reported.
// - `billingSoon` lists every project billing soon by the one rule in dates.ts (today or within the attention
//   window, in the user's calendar days). It is a snapshot, not a change; the sync engine decides how often to
//   announce it (once per project and billing instant).
import { readableBilling, type DateOptions } from './dates';
import { isAddedByHand } from './labels';
import type { Project } from './model';
import type { ProjectDiff } from './sync-state';

export type BillingSoonEntry = ProjectDiff['billingSoon'][number];

/** Projects billing soon, soonest first. */
export function billingSoon(projects: readonly Project[], now: number, options: DateOptions = {}): BillingSoonEntry[] {
  const out: BillingSoonEntry[] = [];
  for (const p of projects) {
    // Added by hand: the server never said how it bills ("Not known"), so nothing is announced about it.
    if (isAddedByHand(p)) continue;
    const view = readableBilling(p, now, options);
    if (!view?.soon) continue;
    out.push({ id: p.id, name: p.name, instant: new Date(view.ms).toISOString(), daysLeft: view.daysLeft });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id);
}

export function diffProjects(
  before: readonly Project[] | undefined,
  after: readonly Project[],
  now: number,
  options: DateOptions = {},
): ProjectDiff {
  const diff: ProjectDiff = {
    added: [],
    removed: [],
    statusChanged: [],
    billingSoon: billingSoon(after, now, options),
  };
  if (before === undefined) return diff;
  const old = new Map(before.map((p) => [p.id, p]));
  const fresh = new Map(after.map((p) => [p.id, p]));
  for (const p of after) {
    const prev = old.get(p.id);
    if (!prev) diff.added.push({ id: p.id, name: p.name });
    else if (prev.status !== p.status)
      diff.statusChanged.push({ id: p.id, name: p.name, from: prev.status, to: p.status });
  }
  for (const p of before) {
    if (!fresh.has(p.id)) diff.removed.push({ id: p.id, name: p.name });
  }
  return diff;
}

export function isDiffEmpty(diff: ProjectDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.statusChanged.length === 0 &&
    diff.billingSoon.length === 0
  );
}
