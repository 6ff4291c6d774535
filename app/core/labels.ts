// The words for a project's status, service and plan, the same on every surface (tray, notifications, CLI,
// window). Pure: the renderer imports it too. Server text returned here (an unknown status as sent) is raw: each
// surface passes it through the display sanitizer (display-text.ts) or, in the window, shows it as plain text.
import { type ErrorCode, failureKind } from './errors';
import type { Project, ProjectStatus, ServiceKind } from './model';
import type { SyncKind } from './sync-state';

export const STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  active: 'Active',
  expired: 'Expired',
  deleted: 'Deleted',
  unknown: 'Unknown',
};

export const SERVICE_LABELS: Readonly<Record<ServiceKind, string>> = {
  'phone-automation': 'Phone Automation',
  'whatsapp-official': 'WhatsApp Official',
  unknown: 'Unknown service',
};

/** "Active", "Expired", "Deleted"; a status we do not know reads as the server sent it. */
export function statusLabel(project: Pick<Project, 'status' | 'statusText'>): string {
  if (project.status !== 'unknown') return STATUS_LABELS[project.status];
  return project.statusText?.trim() || 'Unknown status';
}

export function serviceLabel(project: Pick<Project, 'service'>): string {
  return SERVICE_LABELS[project.service];
}

/** What a hand-added project's fields that the server never gave read (status, plan, billing). */
export const NOT_KNOWN = 'Not known';
/** How every surface marks a project added by hand. */
export const ADDED_BY_HAND = 'added by hand';

export function isAddedByHand(project: Pick<Project, 'source'>): boolean {
  return project.source === 'manual';
}

/** Billing plans by the number Picky Assist sends (billing_plan), named as its documentation names them. The one
 *  table: the wire (api-wire.ts), the list, the detail, the tray and the CLI all read names from here. */
export const BILLING_PLAN_NAMES: Readonly<Record<number, string>> = {
  1: 'Pay As You Go',
  2: 'Phone Automation Small',
  3: 'Phone Automation Medium',
  4: 'Phone Automation Large',
  5: 'Phone Automation Unlimited',
  6: 'Phone Automation Yearly Unlimited',
  7: 'Medium WhatsApp Official',
  8: 'Large WhatsApp Official',
  9: 'Unlimited WhatsApp Official',
};

/** A billing_plan number's name; "Unknown plan (12)" for one the documentation does not list. */
export function planName(id: number): string {
  return BILLING_PLAN_NAMES[id] ?? `Unknown plan (${id})`;
}

/** The plan's name, or "No plan" ("Not known" for a project added by hand: the server never said). Named from the
 *  plan's number, not the name stored with it: an offline copy saved by an older version (which said "Unlimited"
 *  for 5 and "Yearly Unlimited" for 6) reads as the documentation names them too. */
export function planLabel(project: Pick<Project, 'billingPlan' | 'source'>): string {
  if (project.billingPlan) return planName(project.billingPlan.id);
  return isAddedByHand(project) ? NOT_KNOWN : 'No plan';
}

/** What the next billing reads when there is none: "No billing date", or "Not known" for a project added by hand. */
export function noBillingLabel(project: Pick<Project, 'source'>): string {
  return isAddedByHand(project) ? NOT_KNOWN : 'No billing date';
}

/** How the window's header starts when every project shown was added by hand (see handAddedOnlyReason). */
export const HAND_ADDED_ONLY = 'Projects added by hand';

export interface ListFacts {
  projects: readonly Pick<Project, 'source'>[];
  /** When Picky Assist's listing last answered (absent: never, or no offline copy). */
  fetchedAt?: string;
  /** Why the last listing failed. */
  error?: { code: ErrorCode };
  /** The state's kind ('ok' with no error and nothing fetched: there is no Master token). */
  kind: SyncKind;
}

/**
 * When every project shown was added by hand and Picky Assist's listing has not answered: why, in a few words —
 * "no Master token", "Picky Assist refused the project list", … Undefined when the list is (or holds) the listing's.
 * The one wording for the window's header, the tray's status line and `picky-tray status`: none of them says "not
 * updated yet" or "updated at an unknown time" of a list that no listing was ever going to update.
 */
export function handAddedOnlyReason(facts: ListFacts): string | undefined {
  if (facts.fetchedAt !== undefined || facts.projects.length === 0) return undefined;
  if (!facts.projects.every(isAddedByHand)) return undefined;
  if (!facts.error) return facts.kind === 'ok' ? 'no Master token' : 'the project list is not fetched yet';
  switch (failureKind(facts.error.code)) {
    case 'token':
      return 'Picky Assist refused the Master token';
    case 'refused':
      return 'Picky Assist refused the project list';
    case 'unreachable':
      return "Picky Assist's project list could not be reached";
    default:
      return 'the project list could not be fetched';
  }
}
