// What makes a project worth the user's attention. Pure: the tray icon, its tooltip and its menu order share it.
import type { Project } from '../core/model';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Billing within this many days counts as "soon" (matches the core's billingSoon window). */
export const BILLING_SOON_DAYS = 3;

/** Milliseconds until the project's next billing, when the server sent a date we could parse. */
export function msUntilBilling(project: Project, now: number): number | undefined {
  const instant = project.nextBillingDate?.instant;
  if (!instant) return undefined;
  const at = Date.parse(instant);
  return Number.isNaN(at) ? undefined : at - now;
}

/** Billing today (even a few hours ago) or within the next 3 days. */
export function isBillingSoon(project: Project, now: number): boolean {
  const ms = msUntilBilling(project, now);
  return ms !== undefined && ms > -DAY_MS && ms <= BILLING_SOON_DAYS * DAY_MS;
}

function localMidnight(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Calendar days (the user's time zone) until billing: 0 today, 1 tomorrow. Never negative. */
export function daysUntilBilling(project: Project, now: number): number | undefined {
  const ms = msUntilBilling(project, now);
  if (ms === undefined) return undefined;
  // Rounded: a day across a daylight-saving change is 23 or 25 hours long.
  return Math.max(0, Math.round((localMidnight(now + ms) - localMidnight(now)) / DAY_MS));
}

export function needsAttention(project: Project, now: number): boolean {
  return project.status === 'expired' || project.status === 'deleted' || isBillingSoon(project, now);
}

/** Expired and deleted first, then billing soon (soonest first); the rest keep their order. */
export function attentionRank(project: Project, now: number): number {
  if (project.status === 'expired' || project.status === 'deleted') return 0;
  if (isBillingSoon(project, now)) return 1;
  return 2;
}
