// Pure list logic for the project list: a search string per project built once per list (on the first filter),
// sorting once per (list, key), and a cheap substring filter per keystroke.
import { billingSortKey, billsPhrase, daysUntilBilling, needsAttention } from '../../../app/core/dates';
import type { Project, ProjectStatus } from '../../../app/core/model';
import { SERVICE_LABELS, STATUS_LABELS, planLabel } from '../../../app/core/labels';
import {
  type PhoneStates,
  NO_ATTENTION_RANK,
  isPhoneProject,
  projectAttentionRank,
  projectNeedsAttention,
  phoneOf,
  phoneRank,
} from '../../../app/core/phone-state';

export { SERVICE_LABELS, STATUS_LABELS };

export type SortKey = 'name' | 'attention' | 'phone' | 'status' | 'nextBilling';
export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  name: 'Name',
  attention: 'Needs attention first',
  phone: 'Phone: not connected first',
  status: 'Status',
  nextBilling: 'Next billing',
};

/** The chips above the list: every project, one status, or what needs attention (the tray's rule). */
export type ChipKey = 'all' | 'active' | 'expired' | 'deleted' | 'attention';
export const CHIP_LABELS: Readonly<Record<ChipKey, string>> = {
  all: 'All',
  active: 'Active',
  expired: 'Expired',
  deleted: 'Deleted',
  attention: 'Needs attention',
};

export function matchesChip(project: Project, chip: ChipKey, now: number, phones?: PhoneStates): boolean {
  if (chip === 'all') return true;
  if (chip === 'attention') return projectNeedsAttention(project, phones, now);
  return project.status === chip;
}

/** "Expired", "Bills today", "Bills in 2 days" for a project that needs attention; undefined otherwise. */
export function attentionText(project: Project, now: number): string | undefined {
  if (!needsAttention(project, now)) return undefined;
  if (project.status === 'expired') return 'Expired';
  const days = daysUntilBilling(project, now);
  if (days === undefined) return undefined;
  const phrase = billsPhrase(days);
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** Phone projects whose phone is not connected first (offline, not paired, unknown, not checked), then connected
 *  ones, then projects without a phone. */
export function phoneSortRank(p: Project, phones: PhoneStates | undefined): number {
  return isPhoneProject(p) ? phoneRank(phoneOf(phones, p.id)) : 5;
}

export interface IndexedProject {
  project: Project;
  /** Lowercased name, number, company and keywords, for the type-to-filter box. Built by the first filter that
   *  needs it, not on the way to the first screen: see searchText(). */
  search?: string;
  /** The name as a plain-comparable key: case and accents folded, digit runs padded so "9" sorts before "10". */
  nameKey: string;
}

/** What the filter box matches: the name, number, company and keywords, and the service, plan and status words. */
export function searchTextOf(p: Project): string {
  return [
    p.name,
    p.number,
    p.companyName,
    p.unbrandedKeyword,
    p.brandedKeyword,
    SERVICE_LABELS[p.service],
    p.billingPlan ? planLabel(p) : undefined,
    STATUS_LABELS[p.status],
    p.statusText,
  ]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .join('\n')
    .toLowerCase();
}

/** Built once per list, so sorting compares plain strings: a locale collator compare per pair costs several
 *  times more, and sorting is on the path to the first screen of rows. */
export function nameSortKey(name: string): string {
  // Plain ASCII has no accents to fold: skipping Unicode normalization makes the keys about twice as cheap.
  const folded = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD').replace(/\p{M}/gu, '');
  return folded.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

export function indexProjects(projects: readonly Project[]): IndexedProject[] {
  return projects.map((project) => ({ project, nameKey: nameSortKey(project.name) }));
}

/** The item's search text, built once, the first time a filter asks. */
export function searchText(item: IndexedProject): string {
  item.search ??= searchTextOf(item.project);
  return item.search;
}

const STATUS_ORDER: Readonly<Record<ProjectStatus, number>> = { active: 0, expired: 1, deleted: 2, unknown: 3 };
export function sortProjects(
  items: readonly IndexedProject[],
  key: SortKey,
  now = Date.now(),
  phones?: PhoneStates,
): IndexedProject[] {
  const byName = (a: IndexedProject, b: IndexedProject) =>
    a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.project.id - b.project.id;
  if (key === 'name') return [...items].sort(byName);
  if (key === 'attention') {
    // The chip's rule, ranked (phone-state.ts): expired, a phone away 5+ minutes, billing soon, then the rest.
    const ranks = new Map<IndexedProject, number>();
    for (const item of items) ranks.set(item, projectAttentionRank(item.project, phones, now));
    const rank = (item: IndexedProject) => ranks.get(item) ?? NO_ATTENTION_RANK;
    return [...items].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }
  if (key === 'phone') {
    const ranks = new Map<IndexedProject, number>();
    for (const item of items) ranks.set(item, phoneSortRank(item.project, phones));
    return [...items].sort((a, b) => (ranks.get(a) ?? 5) - (ranks.get(b) ?? 5) || byName(a, b));
  }
  if (key === 'status') {
    return [...items].sort((a, b) => STATUS_ORDER[a.project.status] - STATUS_ORDER[b.project.status] || byName(a, b));
  }
  // Next billing: soonest first, projects without a date last.
  const keys = new Map<IndexedProject, number>();
  for (const item of items) {
    keys.set(item, billingSortKey(item.project) ?? Number.POSITIVE_INFINITY);
  }
  return [...items].sort((a, b) => {
    const ka = keys.get(a) ?? Number.POSITIVE_INFINITY;
    const kb = keys.get(b) ?? Number.POSITIVE_INFINITY;
    if (ka === kb) return byName(a, b);
    return ka < kb ? -1 : 1;
  });
}

/** Every whitespace-separated term must appear somewhere in the project's search text. Keeps order. */
export function filterProjects(items: readonly IndexedProject[], query: string): readonly IndexedProject[] {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (terms.length === 0) return items;
  return items.filter((item) => {
    const text = searchText(item);
    return terms.every((t) => text.includes(t));
  });
}

export type StatusCounts = Record<ProjectStatus, number>;

export function countByStatus(projects: readonly Project[]): StatusCounts {
  const counts: StatusCounts = { active: 0, expired: 0, deleted: 0, unknown: 0 };
  for (const p of projects) counts[p.status] += 1;
  return counts;
}

/** "10,000": the app's text is English, and a hand-rolled grouping keeps the page's first Intl.NumberFormat
 *  (about 20 ms of ICU data loading) off the way to the first screen of rows. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

export function pluralize(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
