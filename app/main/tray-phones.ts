// The tray's phone decisions, from the sync state alone. Pure, unit-tested.
// - The icon needs attention only when a phone has not been connected for 5 minutes or more (phone-state.ts), so
//   a short drop does not flicker it; the tooltip and the menu say what is true now.
// - The tooltip counts phones: "5 phones connected", or "1 phone offline, 1 not paired".
// - Each phone project's submenu shows its phone ("Phone offline since 10:42") and offers "Restart bridge app".
import { shortDateTime } from '../core/dates';
import type { Project } from '../core/model';
import {
  type PhoneState,
  type PhoneStates,
  isPhoneAway,
  isWatchedPhoneProject,
  phoneLabel,
  phoneNeedsAttention,
  phoneOf,
} from '../core/phone-state';

/** Projects with a phone to ask, active or added by hand: the ones the tray counts and watches. */
function watchedPhones(projects: readonly Project[]): Project[] {
  return projects.filter(isWatchedPhoneProject);
}

export interface TrayPhoneCounts {
  total: number;
  connected: number;
  /** No internet, or a status word we do not know (a failed check is not counted: it is not a verdict). */
  offline: number;
  unpaired: number;
}

export function trayPhoneCounts(projects: readonly Project[], phones: PhoneStates | undefined): TrayPhoneCounts {
  const counts: TrayPhoneCounts = { total: 0, connected: 0, offline: 0, unpaired: 0 };
  for (const p of watchedPhones(projects)) {
    counts.total += 1;
    const s = phoneOf(phones, p.id);
    if (!s) continue;
    if (s.state === 'connected') counts.connected += 1;
    else if (s.state === 'unpaired') counts.unpaired += 1;
    else if (isPhoneAway(s)) counts.offline += 1;
  }
  return counts;
}

/** "1 phone offline, 1 not paired" when some phone is away, "5 phones connected" when every checked one is,
 *  empty when the account has no phone to watch or none was checked yet. */
export function trayPhonesSummary(projects: readonly Project[], phones: PhoneStates | undefined): string {
  const c = trayPhoneCounts(projects, phones);
  if (c.total === 0) return '';
  const away: string[] = [];
  if (c.offline > 0) away.push(`${c.offline} ${c.offline === 1 ? 'phone' : 'phones'} offline`);
  if (c.unpaired > 0) {
    const what = away.length > 0 ? '' : c.unpaired === 1 ? ' phone' : ' phones';
    away.push(`${c.unpaired}${what} not paired`);
  }
  if (away.length > 0) return away.join(', ');
  return c.connected > 0 ? `${c.connected} ${c.connected === 1 ? 'phone' : 'phones'} connected` : '';
}

/** Some active project's phone has not been connected for 5 minutes or more. */
export function phonesNeedAttention(
  projects: readonly Project[],
  phones: PhoneStates | undefined,
  now: number,
): boolean {
  return watchedPhones(projects).some((p) => {
    const s = phoneOf(phones, p.id);
    return s !== undefined && phoneNeedsAttention(s, now);
  });
}

/** The phone's line in a project's submenu: "Phone connected", "Phone offline since 10:42", "Not paired". An
 *  absolute time only, so the menu does not change (and close under the pointer on Linux) as minutes pass. */
export function trayPhoneLine(phone: PhoneState | undefined, now: number, timeZone?: string): string {
  return phoneLabel(phone, (iso) => shortDateTime(iso, now, timeZone ? { timeZone } : {}) ?? iso);
}

/** " · phone offline" in a project's label when its phone needs attention (away 5 minutes or more). */
export function trayPhoneNote(project: Project, phones: PhoneStates | undefined, now: number): string {
  if (!isWatchedPhoneProject(project)) return '';
  const s = phoneOf(phones, project.id);
  if (!s || !phoneNeedsAttention(s, now)) return '';
  return s.state === 'unpaired' ? ' · phone not paired' : ' · phone offline';
}
