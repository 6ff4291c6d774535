// What changed between two project lists: the input for notifications. Pure.
//
// Decisions:
// - First load (`before` undefined, e.g. no offline copy existed): nothing counts as added or removed, otherwise
//   the very first refresh would announce every project in the account. Billing dates are still reported.
// - `billingSoon` lists every project whose next billing date falls between today and 3 days ahead. It is a
//   snapshot, not a change; the sync engine decides how often to announce it (once per project and date).
import type { Project } from './model';
import type { ProjectDiff } from './sync-state';

export const BILLING_SOON_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export type BillingSoonEntry = ProjectDiff['billingSoon'][number];

/** Projects billed today or within the next BILLING_SOON_DAYS days, soonest first. */
export function billingSoon(projects: readonly Project[], now: number): BillingSoonEntry[] {
  const out: BillingSoonEntry[] = [];
  for (const p of projects) {
    const instant = p.nextBillingDate?.instant;
    if (!instant) continue;
    const t = Date.parse(instant);
    if (Number.isNaN(t)) continue;
    const delta = t - now;
    // A date given without a time parses to midnight; "today" must still count after midnight has passed.
    if (delta <= -DAY_MS || delta > BILLING_SOON_DAYS * DAY_MS) continue;
    out.push({
      id: p.id,
      name: p.name,
      date: p.nextBillingDate?.given || instant,
      daysLeft: Math.max(0, Math.ceil(delta / DAY_MS)),
    });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.id - b.id);
}

export function diffProjects(
  before: readonly Project[] | undefined,
  after: readonly Project[],
  now: number,
): ProjectDiff {
  const diff: ProjectDiff = { added: [], removed: [], statusChanged: [], billingSoon: billingSoon(after, now) };
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
