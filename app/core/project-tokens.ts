// Per-project API tokens stay on the main side: the window gets each one masked (its last 4 characters, and its IP
// limit), and only an explicit Reveal returns one token whole (see app/shared/core-handlers.ts). Pure.
import type { ApiToken, Project } from './model';
import type { SyncState } from './sync-state';

/** The last 4 characters of a secret, and only when it is long enough for that to say nothing useful. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `****${secret.slice(-4)}` : '****';
}

function maskTokens(tokens: readonly ApiToken[]): ApiToken[] {
  return tokens.map((t) =>
    t.ip === undefined ? { token: maskSecret(t.token) } : { ip: t.ip, token: maskSecret(t.token) },
  );
}

/** The project with its API tokens masked; the same object when it has none (most projects). */
export function maskProject(project: Project): Project {
  return project.apiTokens.length === 0 ? project : { ...project, apiTokens: maskTokens(project.apiTokens) };
}

/** The state as the window may see it: every project's API tokens masked. */
export function stateForWindow(state: SyncState): SyncState {
  return state.projects.some((p) => p.apiTokens.length > 0)
    ? { ...state, projects: state.projects.map(maskProject) }
    : state;
}
