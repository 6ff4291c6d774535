// Exit codes, documented in `picky-tray help`. 0-3 carry meaning for scripts (mainly `status`);
// 64 is sysexits' EX_USAGE for anything the user typed that we could not act on.
import type { Project } from '../core/model';
import { type PhoneStates, isPhoneAway, isWatchedPhoneProject, phoneOf } from '../core/phone-state';

export const EXIT = {
  ok: 0,
  /** status: some project needs attention (expired, or billing soon). token status: no token stored. */
  attention: 1,
  /** An error, and no offline copy to fall back to. */
  error: 2,
  /** The server could not be asked; the output comes from the offline copy. Wins over `attention`. */
  stale: 3,
  /** Bad input: unknown command or option, malformed or unknown project id, a token passed as an argument. */
  usage: 64,
  /** The user pressed Ctrl-C at a prompt (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface StatusOutcome {
  projects: readonly Project[];
  /** Where the projects shown came from; 'none' means there is nothing to show. */
  source: 'network' | 'cache' | 'none' | 'manual';
  phones?: PhoneStates;
}

/** An active phone project whose phone is offline or not paired (a check that failed is not a verdict). */
export function hasPhoneAway(projects: readonly Project[], phones: PhoneStates | undefined): boolean {
  return projects.some((p) => {
    if (!isWatchedPhoneProject(p)) return false;
    const s = phoneOf(phones, p.id);
    return s !== undefined && isPhoneAway(s);
  });
}

/** `status`'s exit code: 2 nothing to show, 3 stale offline copy, 1 something needs attention (the tray's rule:
 *  expired, or billing soon; a deleted project is reported but does not fail) or an active project's phone is
 *  offline or not paired, else 0. */
export function statusExitCode(outcome: StatusOutcome, needsAttention: (p: Project) => boolean): ExitCode {
  if (outcome.source === 'none') return EXIT.error;
  if (outcome.source === 'cache') return EXIT.stale;
  if (outcome.projects.some(needsAttention)) return EXIT.attention;
  return hasPhoneAway(outcome.projects, outcome.phones) ? EXIT.attention : EXIT.ok;
}
