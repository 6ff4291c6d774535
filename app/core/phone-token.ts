// Which project API token asks about a project's phone. The one place that decides it, so projects known in
// other ways (added by hand with a license key and one token) can plug in here. Returns a secret: its result
// goes to the HTTP client and nowhere else.
import type { Project } from './model';

export interface PhoneToken {
  token: string;
  /** The address the token is limited to, when it is. */
  ip?: string;
}

/** The project's first API token without an IP limit, else its first one; none when it has no token. */
export function phoneTokenFor(project: Pick<Project, 'apiTokens'>): PhoneToken | undefined {
  const usable = project.apiTokens.filter((t) => t.token.trim() !== '');
  const open = usable.find((t) => !t.ip?.trim());
  if (open) return { token: open.token };
  const first = usable[0];
  if (!first) return undefined;
  return first.ip?.trim() ? { token: first.token, ip: first.ip.trim() } : { token: first.token };
}

export type PhoneTokenSource = (project: Project) => PhoneToken | undefined;
