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
import {
  type PhoneState,
  type PhoneStateKind,
  type PhoneStates,
  isPhoneAway,
  isPhoneProject,
  isWatchedPhoneProject,
  lastPhoneCheck,
  phoneOf,
} from '../core/phone-state';

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
  /** Last known phone states; their counts join the line when the account has phone projects. */
  phones?: PhoneStates;
  /** Only projects added by hand: why (handAddedOnlyReason), said instead of an "updated" time there is none of. */
  handAddedOnly?: string;
}

/** "12 projects: 11 active, 1 expired · 5 phones connected, 1 offline · updated 5 min ago" */
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
  const phones = phonesSummary(countPhones(input.projects, input.phones));
  if (input.handAddedOnly) {
    const checked = timeAgo(lastPhoneCheck(input.phones), input.now);
    return `${head}${phones ? ` · ${phones}` : ''} · ${input.handAddedOnly}${checked ? ` · phones checked ${checked}` : ''}`;
  }
  return `${head}${phones ? ` · ${phones}` : ''} · ${input.stale ? `offline copy from ${when}` : `updated ${when}`}`;
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

/** The technical part of an error (status, address, the server's words), shown only when asked with --verbose: the
 *  CLI's one rule for it, as the window keeps it behind "Details". */
export function shownDetail(error: Pick<ErrorInfo, 'detail'> | undefined, verbose: boolean): string | undefined {
  return verbose && error?.detail ? error.detail : undefined;
}

/** "Details: …" under an error's headline, with --verbose; undefined otherwise. */
export function detailLine(error: Pick<ErrorInfo, 'detail'> | undefined, verbose: boolean): string | undefined {
  const detail = shownDetail(error, verbose);
  return detail === undefined ? undefined : `Details: ${detail}`;
}

/** "  phone check failed: Shop (project 716): Can't reach Picky Assist…" for each watched phone whose last
 *  check failed, so `status` says why a phone is unknown (with --verbose, the details on the next line). */
export function phoneCheckLines(
  projects: readonly Project[],
  phones: PhoneStates | undefined,
  verbose = false,
): string[] {
  const lines: string[] = [];
  for (const p of projects) {
    if (!isWatchedPhoneProject(p)) continue;
    const error = phoneOf(phones, p.id)?.error;
    if (!error) continue;
    const name = `${displayText(p.name, DISPLAY_LIMITS.cliCell) || '(no name)'} (project ${p.id})`;
    lines.push(`  phone check failed: ${name}: ${displayText(error.message)}`);
    const details = detailLine(error, verbose);
    if (details) lines.push(`    ${displayText(details)}`);
  }
  return lines;
}

/** "  phone offline: Shop (project 716)" for each active phone project whose phone is offline or not paired. */
export function phoneAttentionLines(projects: readonly Project[], phones: PhoneStates | undefined): string[] {
  const lines: string[] = [];
  for (const p of projects) {
    if (!isWatchedPhoneProject(p)) continue;
    const s = phoneOf(phones, p.id);
    if (!s || !isPhoneAway(s)) continue;
    const name = `${displayText(p.name, DISPLAY_LIMITS.cliCell) || '(no name)'} (project ${p.id})`;
    lines.push(`  phone ${phoneWord(s)}: ${name}`);
  }
  return lines;
}

/** A project as JSON output: per-project API tokens masked unless `reveal`. */
export function projectForOutput(p: Project, reveal: boolean): Project {
  // The plan named by the one table (labels.ts), whatever name an older offline copy stored with it.
  const out: Project = p.billingPlan ? { ...p, billingPlan: { id: p.billingPlan.id, name: planLabel(p) } } : p;
  return reveal ? out : { ...out, apiTokens: p.apiTokens.map((t) => ({ ...t, token: maskSecret(t.token) })) };
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
    ['Plan', p.billingPlan || isAddedByHand(p) ? planLabel(p) : undefined],
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

// ---- phones --------------------------------------------------------------------------------------------------

/** One phone as `phones --json` and `phone <id> --json` print it. Never holds a token. */
export interface PhoneOutput {
  projectId: number;
  name: string;
  state: PhoneStateKind;
  /** The status word as sent, when it is not one we know. */
  statusText?: string;
  since?: string;
  connectedNumber?: string;
  queueCount?: number;
  checkedAt?: string;
  error?: ErrorInfo;
}

export function phoneForOutput(p: Project, state: PhoneState | undefined): PhoneOutput {
  const out: PhoneOutput = { projectId: p.id, name: p.name, state: state?.state ?? 'unknown' };
  if (!state) return out;
  if (state.statusText !== undefined) out.statusText = state.statusText;
  if (state.since !== undefined) out.since = state.since;
  if (state.connectedNumber !== undefined) out.connectedNumber = state.connectedNumber;
  if (state.queueCount !== undefined) out.queueCount = state.queueCount;
  if (state.checkedAt !== undefined) out.checkedAt = state.checkedAt;
  if (state.error !== undefined) out.error = state.error;
  return out;
}

/** "connected", "offline", "not paired", "unknown (SLEEPING)", "check failed", "not checked". */
export function phoneWord(state: PhoneState | undefined): string {
  if (!state) return 'not checked';
  switch (state.state) {
    case 'connected':
      return 'connected';
    case 'no-internet':
      return 'offline';
    case 'unpaired':
      return 'not paired';
    default:
      if (state.error) return 'check failed';
      return state.statusText ? `unknown (${state.statusText})` : 'unknown';
  }
}

export function formatPhonesTable(rows: readonly PhoneOutput[], now: number, verbose = false): string {
  const header = ['ID', 'NAME', 'PHONE', 'SINCE', 'NUMBER', 'QUEUE', 'CHECKED'];
  const cells = rows.map((r) => [
    String(r.projectId),
    displayText(r.name, 32) || '(no name)',
    displayText(phoneWord(r.checkedAt ? { ...r } : undefined), 24),
    r.since ? localTime(r.since, now) : '—',
    displayText(r.connectedNumber ?? '—', 20),
    r.queueCount === undefined ? '—' : String(r.queueCount),
    r.checkedAt ? (timeAgo(r.checkedAt, now) ?? '—') : 'never',
  ]);
  const all = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  const table = all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const notes = rows.flatMap((r) => {
    if (!r.error) return [];
    const details = detailLine(r.error, verbose);
    const note = `${r.projectId} ${displayText(r.name, DISPLAY_LIMITS.cliCell)}: ${displayText(r.error.message)}`;
    return details ? [note, `  ${displayText(details)}`] : [note];
  });
  return notes.length > 0 ? `${table}\n\n${notes.join('\n')}` : table;
}

export function formatPhoneDetails(r: PhoneOutput, now: number, verbose = false): string {
  const rows: [string, string][] = [
    ['Project', `${r.projectId} ${r.name}`],
    ['Phone', `${phoneWord(r.checkedAt ? { ...r } : undefined)}${r.since ? ` since ${localTime(r.since, now)}` : ''}`],
    ['Connected number', r.connectedNumber ?? '—'],
    ['Queued messages', r.queueCount === undefined ? '—' : String(r.queueCount)],
    ['Checked', r.checkedAt ? `${localTime(r.checkedAt, now)} (${timeAgo(r.checkedAt, now) ?? '—'})` : 'never'],
  ];
  if (r.error) rows.push(['Why', r.error.message]);
  const detail = shownDetail(r.error, verbose);
  if (detail) rows.push(['Details', detail]);
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${`${k}:`.padEnd(w + 1)}  ${displayText(v, DISPLAY_LIMITS.cliValue)}`).join('\n');
}

export interface PhoneCounts {
  total: number;
  connected: number;
  offline: number;
  unpaired: number;
  /** An unknown status word, or a check that failed. */
  unknown: number;
  notChecked: number;
}

export function countPhones(projects: readonly Project[], phones: PhoneStates | undefined): PhoneCounts {
  const counts: PhoneCounts = { total: 0, connected: 0, offline: 0, unpaired: 0, unknown: 0, notChecked: 0 };
  for (const p of projects) {
    if (!isPhoneProject(p)) continue;
    counts.total += 1;
    const s = phoneOf(phones, p.id);
    if (!s) counts.notChecked += 1;
    else if (s.state === 'connected') counts.connected += 1;
    else if (s.state === 'no-internet') counts.offline += 1;
    else if (s.state === 'unpaired') counts.unpaired += 1;
    else counts.unknown += 1;
  }
  return counts;
}

/** "5 phones connected, 1 offline, 1 not paired" (empty when the account has no phone projects). */
export function phonesSummary(c: PhoneCounts): string {
  if (c.total === 0) return '';
  const parts = [`${c.connected} ${c.connected === 1 ? 'phone' : 'phones'} connected`];
  if (c.offline > 0) parts.push(`${c.offline} offline`);
  if (c.unpaired > 0) parts.push(`${c.unpaired} not paired`);
  if (c.unknown > 0) parts.push(`${c.unknown} unknown`);
  if (c.notChecked > 0) parts.push(`${c.notChecked} not checked yet`);
  return parts.join(', ');
}

export const BUDGET_NOTE =
  'Picky Assist answers 3 phone checks a minute for the whole account, shared by every Picky Tray.';

/** What the CLI says when a status call must wait for a free slot of the shared budget (`phone <id>`, and a
 *  hand-added project's token check). */
export function waitingLine(until: number, now: number, what = 'phone check'): string {
  const s = Math.max(1, Math.ceil((until - now) / 1000));
  return `Waiting ${s} s for a free ${what}… ${BUDGET_NOTE}`;
}
