// Text the CLI prints, built by pure functions so every line can be unit-tested.
import type { ErrorInfo } from '../core/errors';
import type { Project, ProjectStatus, ServiceKind } from '../core/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago" (or "in 5 min" for a time ahead). */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  const delta = now - t;
  const abs = Math.abs(delta);
  let text: string;
  if (abs < 45_000) return 'just now';
  if (abs < HOUR) text = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`;
  else {
    const days = Math.floor(abs / DAY);
    text = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/** Local wall-clock time, "2026-11-27 10:05", for "as of" lines. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const STATUS_LABELS: Record<ProjectStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  deleted: 'Deleted',
  unknown: 'Unknown',
};
const SERVICE_LABELS: Record<ServiceKind, string> = {
  'phone-automation': 'Phone Automation',
  'whatsapp-official': 'WhatsApp Official',
  unknown: 'Unknown',
};

export function statusLabel(p: Project): string {
  return p.status === 'unknown' && p.statusText ? p.statusText : STATUS_LABELS[p.status];
}
export const serviceLabel = (p: Project): string => SERVICE_LABELS[p.service];

/** Keeps only the last 4 characters of a secret, and only when it is long enough for that to be safe. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `****${secret.slice(-4)}` : '****';
}

/** Strips control characters (terminal escape sequences) from server text before it reaches the terminal. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

const width = (s: string): number => [...s].length;
function fit(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** The next billing day as YYYY-MM-DD in the project's own time zone (UTC if it has none), whatever format the
 *  server used; the text as sent when it is not a date we understood; undefined when there is none. */
export function billingDay(p: Project): string | undefined {
  const given = p.nextBillingDate?.given;
  const instant = p.nextBillingDate?.instant;
  if (!instant) return given || undefined;
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return given || undefined;
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  try {
    return format(p.timeZone || 'UTC');
  } catch {
    return format('UTC'); // an unknown zone name from the server
  }
}

function billingDetail(p: Project): string | undefined {
  const day = billingDay(p);
  const given = p.nextBillingDate?.given;
  return day && given && day !== given ? `${day} (sent as ${given})` : day;
}

export function formatTable(projects: readonly Project[]): string {
  const header = ['ID', 'NAME', 'STATUS', 'SERVICE', 'PLAN', 'NEXT BILLING'];
  const rows = projects.map((p) => [
    String(p.id),
    fit(clean(p.name) || '(no name)', 40),
    fit(clean(statusLabel(p)), 16),
    serviceLabel(p),
    fit(clean(p.billingPlan?.name ?? '—'), 28),
    fit(clean(billingDay(p) ?? '—'), 20),
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
  const parts = (['active', 'expired', 'deleted', 'unknown'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s === 'unknown' ? 'other' : s}`);
  const head = n === 0 ? 'No projects' : `${n} ${n === 1 ? 'project' : 'projects'}: ${parts.join(', ')}`;
  const when = input.fetchedAt ? relativeTime(input.fetchedAt, input.now) : 'at an unknown time';
  return `${head} · ${input.stale ? `offline, as of ${when}` : `updated ${when}`}`;
}

/** The stderr line when the network failed and the offline copy is shown instead. */
export function offlineNotice(fetchedAt: string | undefined, now: number, error: ErrorInfo | undefined): string {
  const when = fetchedAt ? `${localTime(fetchedAt)} (${relativeTime(fetchedAt, now)})` : 'an unknown time';
  return `offline — showing projects as of ${when}: ${error?.message ?? 'Picky Assist could not be reached.'}`;
}

/** A project as JSON output: per-project API tokens masked unless `reveal`. */
export function projectForOutput(p: Project, reveal: boolean): Project {
  return reveal ? p : { ...p, apiTokens: p.apiTokens.map((t) => ({ ...t, token: maskSecret(t.token) })) };
}

export function formatProjectDetails(p: Project, reveal: boolean): string {
  const rows: [string, string | undefined][] = [
    ['ID', String(p.id)],
    ['Name', p.name],
    ['Status', statusLabel(p)],
    ['Service', serviceLabel(p)],
    ['Number', p.number],
    ['Company', p.companyName],
    ['Country', p.country],
    ['Time zone', p.timeZone],
    ['Date format', p.dateFormat],
    ['Plan', p.billingPlan?.name],
    ['Next billing', billingDetail(p)],
    ['Amount debited', p.amountDebited],
    ['License key', p.licenseKey],
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
  const all = [...rows, ...tokens].map(([k, v]): [string, string] => [k, v ? clean(v) : '—']);
  const w = Math.max(...all.map(([k]) => k.length));
  const lines = all.map(([k, v]) => `${`${k}:`.padEnd(w + 1)}  ${v}`);
  if (!reveal && p.apiTokens.length > 0) lines.push('', 'API tokens are masked; add --reveal to show them.');
  return lines.join('\n');
}
