// The words for a project's status, service and plan, the same on every surface (tray, notifications, CLI,
// window). Pure: the renderer imports it too. Server text returned here (an unknown status as sent) is raw: each
// surface passes it through the display sanitizer (display-text.ts) or, in the window, shows it as plain text.
import type { Project, ProjectStatus, ServiceKind } from './model';

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

/** The plan's name, or "No plan" ("Not known" for a project added by hand: the server never said). */
export function planLabel(project: Pick<Project, 'billingPlan' | 'source'>): string {
  return project.billingPlan?.name ?? (isAddedByHand(project) ? NOT_KNOWN : 'No plan');
}

/** What the next billing reads when there is none: "No billing date", or "Not known" for a project added by hand. */
export function noBillingLabel(project: Pick<Project, 'source'>): string {
  return isAddedByHand(project) ? NOT_KNOWN : 'No billing date';
}
