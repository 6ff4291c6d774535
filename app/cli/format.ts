// Text the CLI prints, built by pure functions so every line can be unit-tested.
import { DISPLAY_LIMITS, displayText } from '../core/display-text';
import { maskSecret } from '../core/project-tokens';
import {
  billingView,
  billsPhrase,
  daysUntilBilling,
  needsAttention,
  projectBillingText,
  shortDateTime,
  timeAgo,
} from '../core/dates';
import type { ErrorInfo } from '../core/errors';
import { ADDED_BY_HAND, NOT_KNOWN, isAddedByHand, planLabel, serviceLabel, statusLabel } from '../core/labels';
import { manualProjectId } from '../core/manual-id';
import type { Project } from '../core/model';

/** "14:05" today, "27 Nov 2026 14:05" another day: the user's zone and format, for "as of" lines. */
export function localTime(iso: string, now: number): string {
  return shortDateTime(iso, now) ?? iso;
}

export { statusLabel, serviceLabel };

export { maskSecret };

const width = (s: string): number => [...s].length;

/** The next billing as the user reads it everywhere: "2 Dec 2026 · in 2 days", "Was due 18 Nov", the server's text
 *  when it is no date we understand, undefined when there is none. */
export function billingCell(p: Project, now: number): string | undefined {
  const view = billingView(p, now);
  if (!view) return undefined;
  if ('unreadable' in view) return view.unreadable;
  return view.daysLeft < 0 ? view.text : `${view.text} · ${view.relative}`;
}

/** The user's reading, then the project's own: "2 Dec 2026 · in 2 days (project: 3 Dec 2026, Asia/Kolkata)". */
function billingDetail(p: Project, now: number): string | undefined {
  const cell = billingCell(p, now);
  const own = projectBillingText(p);
  return cell && own ? `${cell} (project: ${own})` : cell;
}

export function formatTable(projects: readonly Project[], now: number): string {
  const header = ['ID', 'NAME', 'STATUS', 'SERVICE', 'PLAN', 'NEXT BILLING'];
  const rows = projects.map((p) => [
    String(p.id),
    `${displayText(p.name, DISPLAY_LIMITS.cliCell) || '(no name)'}${isAddedByHand(p) ? ` (${ADDED_BY_HAND})` : ''}`,
    displayText(statusLabel(p), 16),
    serviceLabel(p),
    displayText(planLabel(p), 36),
    displayText(billingCell(p, now) ?? (isAddedByHand(p) ? NOT_KNOWN : '—'), 32),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export interface SummaryInput {
  projects: readonly Project[];
  fetchedAt?: string;
  /** True when the projects are an offline copy because the server could not be asked. */
  stale: boolean;
  now: number;
}

/** "12 projects: 11 active, 1 expired · updated 5 min ago" */
export function summaryLine(input: SummaryInput): string {
  const n = input.projects.length;
  const counts = new Map<string, number>();
  for (const p of input.projects) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const byHand = input.projects.filter(isAddedByHand).length;
  if (byHand > 0) counts.set('unknown', (counts.get('unknown') ?? 0) - byHand);
  const parts = (['active', 'expired', 'deleted', 'unknown'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s === 'unknown' ? 'other' : s}`);
  if (byHand > 0) parts.push(`${byHand} ${ADDED_BY_HAND}`);
  const head = n === 0 ? 'No projects' : `${n} ${n === 1 ? 'project' : 'projects'}: ${parts.join(', ')}`;
  const when = (input.fetchedAt && timeAgo(input.fetchedAt, input.now)) ?? 'at an unknown time';
  return `${head} · ${input.stale ? `offline copy from ${when}` : `updated ${when}`}`;
}

/** The stderr line when the network failed and the offline copy is shown instead. */
export function offlineNotice(fetchedAt: string | undefined, now: number, error: ErrorInfo | undefined): string {
  const ago = fetchedAt ? timeAgo(fetchedAt, now) : undefined;
  const when = fetchedAt && ago ? `${localTime(fetchedAt, now)} (${ago})` : 'an unknown time';
  return `Showing the offline copy from ${when}. ${error?.message ?? "Can't reach Picky Assist."}`;
}

/** One line per project that needs attention, by the tray's rule: expired, or billing soon (deleted: never). */
export function attentionLines(projects: readonly Project[], now: number): string[] {
  const lines: string[] = [];
  for (const p of projects) {
    if (!needsAttention(p, now)) continue;
    const name = `${displayText(p.name, DISPLAY_LIMITS.cliCell) || '(no name)'} (project ${p.id})`;
    if (p.status === 'expired') lines.push(`  expired: ${name}`);
    else lines.push(`  ${billsPhrase(daysUntilBilling(p, now) ?? 0)}: ${name}`);
  }
  return lines;
}

/** A project as JSON output: per-project API tokens masked unless `reveal`. */
export function projectForOutput(p: Project, reveal: boolean): Project {
  return reveal ? p : { ...p, apiTokens: p.apiTokens.map((t) => ({ ...t, token: maskSecret(t.token) })) };
}

export function formatProjectDetails(p: Project, reveal: boolean, now: number): string {
  const rows: [string, string | undefined][] = [
    ['ID', String(p.id)],
    ['Name', p.name],
    ...(isAddedByHand(p)
      ? [['Source', `Added by hand (license key and API token in the keychain)`] as [string, string]]
      : []),
    ...(p.manual && !isAddedByHand(p)
      ? [['Also added by hand', `yes (as ${manualProjectId(p.manual.number)})`] as [string, string]]
      : []),
    ['Status', statusLabel(p)],
    ['Service', serviceLabel(p)],
    ['Number', p.number],
    ['Company', p.companyName],
    ['Country', p.country],
    ['Time zone', p.timeZone],
    ['Date format', p.dateFormat],
    ['Plan', isAddedByHand(p) ? planLabel(p) : p.billingPlan?.name],
    ['Next billing', billingDetail(p, now) ?? (isAddedByHand(p) ? NOT_KNOWN : undefined)],
    ['Amount debited', p.amountDebited],
    ['License key', p.licenseKeyProblem ?? p.licenseKey],
    ['Unbranded keyword', p.unbrandedKeyword],
    ['Branded keyword', p.brandedKeyword],
    ['Global webhook', p.webhooks.global],
    ['Event webhook', p.webhooks.event],
    ['Smart reply webhook', p.webhooks.smartReply],
    ['Notes', p.notes],
  ];
  const tokens = p.apiTokens.map((t, i): [string, string] => [
    `API token ${i + 1}`,
    `${reveal ? t.token : maskSecret(t.token)}${t.ip ? ` (IP ${t.ip})` : ''}`,
  ]);
  if (tokens.length === 0) tokens.push(['API tokens', 'none']);
  const all = [...rows, ...tokens].map(([k, v]): [string, string] => [
    k,
    (v && displayText(v, DISPLAY_LIMITS.cliValue)) || '—',
  ]);
  const w = Math.max(...all.map(([k]) => k.length));
  const lines = all.map(([k, v]) => `${`${k}:`.padEnd(w + 1)}  ${v}`);
  if (!reveal && p.apiTokens.length > 0) lines.push('', 'API tokens are masked; add --reveal to show them.');
  return lines.join('\n');
}
