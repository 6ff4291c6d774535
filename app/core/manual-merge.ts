// How hand-added projects join the fetched ones, and what the state then says. Pure.
//
// - A hand-added entry is the same project as a fetched one when the project id its token's device status gave
//   matches, or when the license keys match. The fetched project is shown once; it notes the entry (`manual`), and
//   when it has no usable API token (none, or only IP-limited ones) the entry's token is added to it, so phone
//   status keeps working.
// - With no Master token (kind 'no-token', no error) and hand-added projects, the app runs on them alone: 'ok'.
//   A refused or unreachable listing keeps its kind ('refused' is not 'offline'); the hand-added projects stay.
import type { ApiToken, Project } from './model';
import type { SyncState } from './sync-state';

function usableToken(tokens: readonly ApiToken[]): boolean {
  return tokens.some((t) => t.token.trim() !== '' && (t.ip === undefined || t.ip.trim() === ''));
}

/** The fetched project that a hand-added one is, if any. */
export function fetchedTwin(manual: Project, fetched: readonly Project[]): Project | undefined {
  const learned = manual.manual?.projectId;
  return fetched.find(
    (f) =>
      (learned !== undefined && f.id === learned) ||
      (manual.licenseKey !== undefined && manual.licenseKey !== '' && f.licenseKey === manual.licenseKey),
  );
}

export function mergeProjects(fetched: readonly Project[], manual: readonly Project[]): Project[] {
  if (manual.length === 0) return [...fetched];
  const out = [...fetched];
  for (const m of manual) {
    const twin = fetchedTwin(m, out);
    if (!twin) {
      out.push(m);
      continue;
    }
    const index = out.indexOf(twin);
    const merged: Project = { ...twin };
    if (m.manual && !twin.manual) merged.manual = m.manual;
    if (!usableToken(twin.apiTokens) && m.apiTokens.length > 0) merged.apiTokens = [...twin.apiTokens, ...m.apiTokens];
    out[index] = merged;
  }
  return out;
}

/** The state every surface gets: the engine's, with the hand-added projects merged in. */
export function mergeState(state: SyncState, manual: readonly Project[], manualWarning?: string): SyncState {
  if (manual.length === 0 && !manualWarning) return state;
  const projects = mergeProjects(state.projects, manual);
  const next: SyncState = { ...state, projects };
  if (state.kind === 'no-token' && !state.error && manual.length > 0) next.kind = 'ok';
  if (manualWarning) next.warning = state.warning ? `${state.warning} ${manualWarning}` : manualWarning;
  return next;
}
